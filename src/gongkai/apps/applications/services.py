"""Services of the applications app: deadlines from events, recomputation, masking.

:func:`timeline` turns the stored facts of an application into the domain ``Timeline``;
:func:`refresh_deadline` stores the computed deadline and its trace on the application.
The calendar app calls :func:`recompute_deadlines` after a year's schedule changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from gongkai.apps.applications.choices import DeliveryWay, EventKind, Status
from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    Consultation,
    Extension,
    FeeNotice,
)
from gongkai.apps.orgs.changes import mark_changed
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.deadline import (
    Consultation as DomainConsultation,
)
from gongkai.domain.applications.deadline import (
    Deadline,
    Timeline,
    compute_deadline,
)
from gongkai.domain.applications.fees import payment_due
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, outcome_label
from gongkai.domain.workdays.calendar import WorkingCalendar
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

__all__ = [
    "APPLICANT_EVENT_KINDS",
    "ApplicantStep",
    "Lapse",
    "TimelineFacts",
    "applicant_step",
    "applicant_steps",
    "correction_period_days",
    "correction_period_end",
    "mask_id_number",
    "masked_id_number",
    "pending_lapse",
    "recompute_deadlines",
    "refresh_deadline",
    "timeline",
    "timeline_facts",
]


# =============================================================================================
# Deadline
# =============================================================================================


@dataclass(frozen=True)
class TimelineFacts:
    """The dated facts of a stored application that its deadline derives from, beside the
    fields of the application itself: the (latest) 补正 notice and receipt, the consultations
    (oldest first), the fee periods and the approved extension days."""

    correction_sent: date | None = None
    correction_received: date | None = None
    consultations: tuple[DomainConsultation, ...] = ()
    fee_periods: tuple[tuple[date, date | None], ...] = ()
    extension_days: int = 0

    def timeline(self, received: date, custom_due: date | None) -> Timeline:
        return Timeline(
            received=received,
            correction_sent=self.correction_sent,
            correction_received=self.correction_received,
            consultations=self.consultations,
            fee_periods=self.fee_periods,
            extension_days=self.extension_days,
            custom_due=custom_due,
        )


_FACT_BATCH = 1000


def timeline_facts(app_ids: Iterable[int]) -> dict[int, TimelineFacts]:
    """The :class:`TimelineFacts` of many stored applications in a few queries per thousand
    (the ledger import and export, the recomputation after a calendar change)."""
    ids = list(app_ids)
    correction: dict[tuple[int, str], date] = {}
    consultations: dict[int, list[DomainConsultation]] = defaultdict(list)
    fees: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
    extensions: dict[int, int] = defaultdict(int)
    for start in range(0, len(ids), _FACT_BATCH):
        chunk = ids[start : start + _FACT_BATCH]
        for app_id, kind, on in ApplicationEvent.objects.filter(
            application_id__in=chunk,
            kind__in=[EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED],
        ).values_list("application_id", "kind", "on"):
            key = (app_id, kind)
            correction[key] = max(on, correction.get(key, on))
        for app_id, sent, answered, party in (
            Consultation.objects.filter(application_id__in=chunk)
            .order_by("sent_on", "pk")
            .values_list("application_id", "sent_on", "answered_on", "party")
        ):
            consultations[app_id].append(DomainConsultation(sent, answered, party))
        for app_id, notice, paid, waived, waived_on in (
            FeeNotice.objects.filter(application_id__in=chunk)
            .order_by("notice_on", "pk")
            .values_list("application_id", "notice_on", "paid_on", "waived", "waived_on")
        ):
            fees[app_id].append((notice, paid or (waived_on if waived else None)))
        for app_id, days in Extension.objects.filter(
            application_id__in=chunk, approved_on__isnull=False
        ).values_list("application_id", "days"):
            extensions[app_id] += days
    return {
        app_id: TimelineFacts(
            correction_sent=correction.get((app_id, EventKind.CORRECTION_REQUESTED)),
            correction_received=correction.get((app_id, EventKind.CORRECTION_RECEIVED)),
            consultations=tuple(consultations.get(app_id, ())),
            fee_periods=tuple(fees.get(app_id, ())),
            extension_days=extensions.get(app_id, 0),
        )
        for app_id in ids
    }


def _prefetched_facts(app: Application) -> TimelineFacts | None:
    """The facts from ``app``'s prefetched relations, when all four were prefetched."""
    cache = getattr(app, "_prefetched_objects_cache", {})
    if not {"events", "consultations", "fee_notices", "extensions"} <= set(cache):
        return None
    dates: dict[str, date] = {}
    for event in cache["events"]:
        if event.kind in (EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED):
            dates[event.kind] = max(event.on, dates.get(event.kind, event.on))
    return TimelineFacts(
        correction_sent=dates.get(EventKind.CORRECTION_REQUESTED),
        correction_received=dates.get(EventKind.CORRECTION_RECEIVED),
        consultations=tuple(
            DomainConsultation(c.sent_on, c.answered_on, c.party)
            for c in sorted(cache["consultations"], key=lambda c: (c.sent_on, c.pk))
        ),
        fee_periods=tuple(
            (f.notice_on, f.paid_on or (f.waived_on if f.waived else None))
            for f in sorted(cache["fee_notices"], key=lambda f: (f.notice_on, f.pk))
        ),
        extension_days=sum(e.days for e in cache["extensions"] if e.approved_on is not None),
    )


def timeline(app: Application) -> Timeline:
    """The domain timeline of ``app`` from its events, consultations, fees and extension.

    Raises ``TimelineError`` (Chinese) when the stored dates are inconsistent.
    """
    if app.pk is None:
        facts = TimelineFacts()
    else:
        facts = _prefetched_facts(app) or timeline_facts([app.pk])[app.pk]
    return facts.timeline(app.received_on, app.custom_due_on)


def refresh_deadline(app: Application, calendar: WorkingCalendar | None = None) -> Deadline:
    """Compute ``app``'s deadline and store it on the instance (the caller saves)."""
    deadline = compute_deadline(timeline(app), calendar or load_calendar())
    app.due_on = deadline.due
    app.correction_notice_due_on = deadline.correction_notice_due
    app.deadline_provisional = deadline.provisional
    app.deadline_trace = list(deadline.trace)
    return deadline


_DEADLINE_FIELDS = ["due_on", "correction_notice_due_on", "deadline_provisional", "deadline_trace"]


def recompute_deadlines(
    year: int | None = None, *, queryset: Any = None, calendar: WorkingCalendar | None = None
) -> int:
    """Recompute the stored deadlines touching ``year`` (all when None); the number changed.

    Called after the calendar changes. The deadline is derived data, so the rows are updated
    in bulk without a new ``version`` (an open form on the application stays valid) and
    without a history row per application (the calendar change itself is in the history).
    """
    calendar = calendar or load_calendar()
    apps = queryset if queryset is not None else Application.objects.all()
    if year is not None:
        apps = apps.filter(received_on__lte=date(year, 12, 31)).filter(
            Q(due_on__isnull=True) | Q(due_on__gte=date(year, 1, 1)) | Q(deadline_provisional=True)
        )
    apps = apps.prefetch_related("events", "consultations", "fee_notices", "extensions")
    changed: list[Application] = []
    for app in apps.iterator(chunk_size=500):
        before = (app.due_on, app.correction_notice_due_on, app.deadline_provisional)
        trace_before = list(app.deadline_trace or [])
        try:
            refresh_deadline(app, calendar)
        except ValueError:
            continue  # inconsistent stored dates: left as they are, shown by the case page
        after = (app.due_on, app.correction_notice_due_on, app.deadline_provisional)
        if before != after or trace_before != app.deadline_trace:
            changed.append(app)
    with transaction.atomic():
        Application.objects.bulk_update(changed, _DEADLINE_FIELDS, batch_size=500)
        mark_changed({app.body_id for app in changed})  # bulk_update sends no signal
    return len(changed)


# =============================================================================================
# Who handles a case; masking of identity numbers
# =============================================================================================


def mask_id_number(number: str) -> str:
    """``110101********123X``: the first 6 and last 4 characters of long numbers kept."""
    number = number.strip()
    if not number:
        return ""
    if len(number) <= 4:
        return "*" * len(number)
    keep_head = 6 if len(number) >= 15 else 1
    keep_tail = 4 if len(number) >= 10 else 1
    return number[:keep_head] + "*" * (len(number) - keep_head - keep_tail) + number[-keep_tail:]


def masked_id_number(app: Application, user: AbstractBaseUser | AnonymousUser) -> str:
    """The identity number as ``user`` may read it: in full for the staff of the case only
    (the policy's ``see_personal_data``)."""
    if user_can(user, "see_personal_data", app):
        return app.id_number
    return mask_id_number(app.id_number)


# =============================================================================================
# The automatic close of a waiting application (条例第三十条, 109号)
# =============================================================================================


def correction_period_days(app: Application, event: ApplicationEvent | None = None) -> int:
    """The 补正期限 in working days the notice gave the applicant: stored with the notice
    (``period_days`` of its event), else the body's ``correction_period_working_days``."""
    if event is None:
        event = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("on", "pk").first()
    days = (event.data or {}).get("period_days") if event is not None else None
    return int(days) if days else app.body.correction_period_working_days


def correction_period_end(sent_on: date, days: int, calendar: WorkingCalendar) -> date:
    """The applicant's last day to send the 补正: the ``days``-th working day after the notice."""
    return calendar.nth_working_day_after(sent_on, days)


@dataclass(frozen=True)
class Lapse:
    """When a waiting application is treated as abandoned by the daily run: ``period_end`` is
    the applicant's last day (补正 or payment), ``on`` the day it is closed (the next day)."""

    status: str
    period_end: date
    on: date


def pending_lapse(app: Application, calendar: WorkingCalendar | None = None) -> Lapse | None:
    """The coming automatic close of ``app`` (None when it waits for nothing): the one
    reading used by the daily run (``actions.run_daily_lapses``), the case page and the
    applicant's status page."""
    if app.status == Status.AWAITING_CORRECTION:
        event = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("on", "pk").first()
        if event is None:
            return None
        calendar = calendar or load_calendar()
        end = correction_period_end(event.on, correction_period_days(app, event), calendar)
    elif app.status == Status.AWAITING_PAYMENT:
        fee = app.fee_notices.filter(paid_on__isnull=True, waived=False).order_by("pk").first()
        if fee is None:
            return None
        end = payment_due(fee.notice_on, calendar or load_calendar())
    else:
        return None
    return Lapse(status=app.status, period_end=end, on=end + timedelta(days=1))


# =============================================================================================
# What the applicant is told (the status page, the notifications)
# =============================================================================================

#: The steps that concern the applicant, shown on the status page. Staff steps (assignment,
#: consultations, the extension request before its approval) stay internal.
APPLICANT_EVENT_KINDS = frozenset(
    {
        EventKind.REGISTER,
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTION_RECEIVED,
        EventKind.EXTENSION_APPROVED,
        EventKind.REASONABLE_DEADLINE,
        EventKind.FEE_NOTICE,
        EventKind.FEE_PAID,
        EventKind.FEE_WAIVED,
        EventKind.REPLY,
        EventKind.DELIVERY,
        EventKind.LAPSE,
    }
)


@dataclass(frozen=True)
class ApplicantStep:
    """One step as the applicant reads it: its date, a title and lines of plain Chinese.
    Never a staff note: only the facts the applicant is told (what to supply, reasons given
    to them, dates, the outcome)."""

    on: date
    kind: str
    title: str
    lines: tuple[str, ...]


def applicant_step(
    app: Application, event: ApplicationEvent, calendar: WorkingCalendar | None = None
) -> ApplicantStep:
    """The applicant's reading of ``event`` (one of :data:`APPLICANT_EVENT_KINDS`)."""
    data = event.data or {}
    lines: list[str] = []
    title = str(EventKind(event.kind).label)
    if event.kind == EventKind.REGISTER:
        title = _("申请已受理")
        lines.append(_("收到申请日期：%(on)s") % {"on": app.received_on.isoformat()})
    elif event.kind == EventKind.CORRECTION_REQUESTED:
        title = _("请补正申请（条例第三十条）")
        days = correction_period_days(app, event)
        end = correction_period_end(event.on, days, calendar or load_calendar())
        # The notice's 需要补正的事项, written for the applicant (an imported row's note is the
        # import's, not the notice's).
        if event.note and "source" not in data:
            lines.append(_("需要补正的事项：%(what)s") % {"what": event.note})
        lines.append(
            _("补正期限：%(days)s 个工作日，请于 %(end)s 前（含当日）提交补正。")
            % {"days": days, "end": end.isoformat()}
        )
        lines.append(
            _(
                "答复期限暂停计算，自本机关收到补正后的申请之日起重新计算；逾期未补正的，视为放弃申请。"
            )
        )
    elif event.kind == EventKind.CORRECTION_RECEIVED:
        title = _("已收到补正")
        lines.append(_("答复期限自收到补正之日起重新计算。"))
    elif event.kind == EventKind.EXTENSION_APPROVED:
        title = _("答复期限延长（条例第三十三条第二款）")
        extension = app.extensions.filter(pk=int(data.get("extension") or 0)).first()
        lines.append(_("延长 %(days)s 个工作日。") % {"days": data.get("days", "")})
        if extension is not None and extension.reason:
            lines.append(_("延期理由：%(reason)s") % {"reason": extension.reason})
        if data.get("due_on"):
            lines.append(_("延长后的答复期限：%(due)s") % {"due": data["due_on"]})
    elif event.kind == EventKind.REASONABLE_DEADLINE:
        title = _("确定合理答复期限（条例第三十五条）")
        if data.get("due_on"):
            lines.append(_("答复期限：%(due)s") % {"due": data["due_on"]})
    elif event.kind == EventKind.FEE_NOTICE:
        title = _("信息处理费缴费通知")
        if data.get("amount"):
            lines.append(_("金额：%(amount)s 元") % {"amount": data["amount"]})
        due = payment_due(event.on, calendar or load_calendar())
        lines.append(_("请于 %(due)s 前（含当日）缴费。") % {"due": due.isoformat()})
    elif event.kind in (EventKind.REPLY, EventKind.LAPSE):
        title = _("已答复") if event.kind == EventKind.REPLY else _("视为放弃申请")
        outcome = data.get("outcome") or app.outcome
        if outcome in OUTCOME_KEYS:
            lines.append(_("办理结果：%(outcome)s") % {"outcome": outcome_label(outcome)})
        if app.legal_basis:
            lines.append(_("依据：%(basis)s") % {"basis": app.legal_basis})
    elif event.kind == EventKind.DELIVERY:
        title = _("答复已送达")
        way = data.get("way") or app.delivery_way
        if way in DeliveryWay.values:
            lines.append(_("送达方式：%(way)s") % {"way": DeliveryWay(way).label})
    return ApplicantStep(on=event.on, kind=event.kind, title=title, lines=tuple(lines))


def applicant_steps(app: Application) -> list[ApplicantStep]:
    """Every step of ``app`` that concerns the applicant, oldest first."""
    calendar = load_calendar()
    events = app.events.filter(kind__in=APPLICANT_EVENT_KINDS).order_by("on", "pk")
    return [applicant_step(app, event, calendar) for event in events]
