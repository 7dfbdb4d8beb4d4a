"""Services of the applications app: deadlines from events, recomputation, masking.

:func:`timeline` turns the stored facts of an application into the domain ``Timeline``;
:func:`refresh_deadline` stores the computed deadline and its trace on the application.
The calendar app calls :func:`recompute_deadlines` after a year's schedule changes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from gongkai.apps.applications.choices import EventKind
from gongkai.apps.applications.models import Application
from gongkai.apps.orgs.choices import APPROVING_ROLES
from gongkai.apps.orgs.models import Membership
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.deadline import (
    Consultation as DomainConsultation,
)
from gongkai.domain.applications.deadline import (
    Deadline,
    Timeline,
    compute_deadline,
)
from gongkai.domain.workdays.calendar import WorkingCalendar

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

__all__ = [
    "is_case_staff",
    "mask_id_number",
    "masked_id_number",
    "recompute_deadlines",
    "refresh_deadline",
    "timeline",
]


# =============================================================================================
# Deadline
# =============================================================================================


def _event_date(app: Application, kind: str) -> date | None:
    """The date of the latest event of ``kind`` (条例第三十条 allows one correction notice)."""
    if app.pk is None:
        return None
    prefetched = getattr(app, "_prefetched_objects_cache", {}).get("events")
    if prefetched is not None:
        dates = [e.on for e in prefetched if e.kind == kind]
        return max(dates) if dates else None
    return app.events.filter(kind=kind).order_by("-on", "-pk").values_list("on", flat=True).first()


def timeline(app: Application) -> Timeline:
    """The domain timeline of ``app`` from its events, consultations, fees and extension.

    Raises ``TimelineError`` (Chinese) when the stored dates are inconsistent.
    """
    consultations: tuple[DomainConsultation, ...] = ()
    fee_periods: tuple[tuple[date, date | None], ...] = ()
    extension_days = 0
    if app.pk is not None:
        consultations = tuple(
            DomainConsultation(c.sent_on, c.answered_on, c.party) for c in app.consultations.all()
        )
        periods: list[tuple[date, date | None]] = []
        for fee in app.fee_notices.all():
            end = fee.paid_on or (fee.waived_on if fee.waived else None)
            periods.append((fee.notice_on, end))
        fee_periods = tuple(periods)
        extension_days = sum(e.days for e in app.extensions.all() if e.approved_on is not None)
    return Timeline(
        received=app.received_on,
        correction_sent=_event_date(app, EventKind.CORRECTION_REQUESTED),
        correction_received=_event_date(app, EventKind.CORRECTION_RECEIVED),
        consultations=consultations,
        fee_periods=fee_periods,
        extension_days=extension_days,
        custom_due=app.custom_due_on,
    )


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
    Application.objects.bulk_update(changed, _DEADLINE_FIELDS, batch_size=500)
    return len(changed)


# =============================================================================================
# Who handles a case; masking of identity numbers
# =============================================================================================


def is_case_staff(user: AbstractBaseUser | AnonymousUser, app: Application) -> bool:
    """The handler of the case, or a 审核人/管理员 of its body (a superuser is not, by itself:
    identity numbers are personal information, shown only to those handling the case)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if app.handler_id is not None and app.handler_id == user.pk:
        return True
    user_pk: Any = user.pk
    return Membership.objects.filter(
        user_id=user_pk, body_id=app.body_id, role__in=APPROVING_ROLES
    ).exists()


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
    """The identity number as ``user`` may read it: in full for the staff of the case only."""
    if is_case_staff(user, app):
        return app.id_number
    return mask_id_number(app.id_number)
