"""The statutory operations on an application (条例第二十七条至第四十五条), one function each.

Every action

(a) checks the permission through the policy (:mod:`gongkai.apps.orgs.policies`),
(b) checks the state transition in :data:`TRANSITIONS` (the one table of the workflow),
(c) runs in ``transaction.atomic(durable=True)`` on the row locked with ``select_for_update``,
(d) writes an :class:`ApplicationEvent` with a dotted name (simple-history keeps the audit),
(e) recomputes the stored deadline from the events and the calendar,
(f) refuses to overwrite a concurrent change: the row's ``version`` must equal
    ``expected_version`` (by default the version of the instance the caller loaded),

and returns the fresh application. Views, commands, imports and tests call these functions.
Errors are :class:`ActionError` with a Chinese message (``field_errors`` for forms).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications import notifications
from gongkai.apps.applications.choices import (
    DUE_SOON_WORKING_DAYS,
    ConsultationKind,
    DeliveryWay,
    EventKind,
    FeeMethod,
    ReminderKind,
    Status,
)
from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    Consultation,
    Extension,
    FeeNotice,
    Reminder,
)
from gongkai.apps.applications.services import (
    pending_lapse,
    refresh_deadline,
    timeline,
)
from gongkai.apps.orgs.choices import CHANGING_ROLES
from gongkai.apps.orgs.models import Body, Membership
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.deadline import (
    MAX_EXTENSION_WORKING_DAYS,
    TimelineError,
    compute_deadline,
)
from gongkai.domain.applications.fees import fee_by_count, fee_by_volume
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, outcome_label
from gongkai.domain.workdays.calendar import WorkingCalendar
from gongkai.kernel.actions import Step, create, locked, require, user_or_none
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
    validation_error,
)
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "APPROVER_OPS",
    "LAPSE_OUTCOMES",
    "MAX_CORRECTION_DAYS",
    "OP_EVENTS",
    "REMINDER_WORKING_DAYS",
    "TRANSITIONS",
    "Op",
    "allowed_operations",
    "approve_extension",
    "archive",
    "assign_handler",
    "check_transition",
    "due_reminders",
    "issue_fee_notice",
    "record_consultation_answer",
    "record_correction",
    "record_delivery",
    "record_payment",
    "register_application",
    "register_within",
    "reply",
    "request_correction",
    "request_extension",
    "run_daily_lapses",
    "set_reasonable_deadline",
    "start_consultation",
    "statutory_due",
    "waive_fee",
]

logger = logging.getLogger(__name__)


# =============================================================================================
# The transition table
# =============================================================================================


class Op(StrEnum):
    """The operations on a registered application (registration itself creates one)."""

    REQUEST_CORRECTION = "request_correction"
    RECORD_CORRECTION = "record_correction"
    START_CONSULTATION = "start_consultation"
    RECORD_CONSULTATION_ANSWER = "record_consultation_answer"
    REQUEST_EXTENSION = "request_extension"
    APPROVE_EXTENSION = "approve_extension"
    SET_REASONABLE_DEADLINE = "set_reasonable_deadline"  # 条例第三十五条
    ISSUE_FEE_NOTICE = "issue_fee_notice"
    RECORD_PAYMENT = "record_payment"
    WAIVE_FEE = "waive_fee"
    REPLY = "reply"  # also the lapses (逾期不补正 / 逾期未缴费), which conclude the application
    RECORD_DELIVERY = "record_delivery"
    ARCHIVE = "archive"
    ASSIGN_HANDLER = "assign_handler"


OP_LABELS: dict[Op, Any] = {
    Op.REQUEST_CORRECTION: gettext_lazy("发出补正告知"),
    Op.RECORD_CORRECTION: gettext_lazy("登记收到补正"),
    Op.START_CONSULTATION: gettext_lazy("征求意见"),
    Op.RECORD_CONSULTATION_ANSWER: gettext_lazy("登记征求意见答复"),
    Op.REQUEST_EXTENSION: gettext_lazy("申请延期"),
    Op.APPROVE_EXTENSION: gettext_lazy("批准延期"),
    Op.SET_REASONABLE_DEADLINE: gettext_lazy("确定合理答复期限"),
    Op.ISSUE_FEE_NOTICE: gettext_lazy("发出收费通知"),
    Op.RECORD_PAYMENT: gettext_lazy("登记缴费"),
    Op.WAIVE_FEE: gettext_lazy("减免费用"),
    Op.REPLY: gettext_lazy("答复"),
    Op.RECORD_DELIVERY: gettext_lazy("登记送达"),
    Op.ARCHIVE: gettext_lazy("归档"),
    Op.ASSIGN_HANDLER: gettext_lazy("指定经办人"),
}

#: The dated fact each operation records: also the name of its audit entry.
OP_EVENTS: dict[Op, EventKind] = {
    Op.REQUEST_CORRECTION: EventKind.CORRECTION_REQUESTED,
    Op.RECORD_CORRECTION: EventKind.CORRECTION_RECEIVED,
    Op.START_CONSULTATION: EventKind.CONSULTATION_SENT,
    Op.RECORD_CONSULTATION_ANSWER: EventKind.CONSULTATION_ANSWERED,
    Op.REQUEST_EXTENSION: EventKind.EXTENSION_REQUESTED,
    Op.APPROVE_EXTENSION: EventKind.EXTENSION_APPROVED,
    Op.SET_REASONABLE_DEADLINE: EventKind.REASONABLE_DEADLINE,
    Op.ISSUE_FEE_NOTICE: EventKind.FEE_NOTICE,
    Op.RECORD_PAYMENT: EventKind.FEE_PAID,
    Op.WAIVE_FEE: EventKind.FEE_WAIVED,
    Op.REPLY: EventKind.REPLY,
    Op.RECORD_DELIVERY: EventKind.DELIVERY,
    Op.ARCHIVE: EventKind.ARCHIVE,
    Op.ASSIGN_HANDLER: EventKind.ASSIGN,
}
register_actions({kind.value: kind.label for kind in EventKind})
register_actions({"applications.import": gettext_lazy("台账导入")})

#: Operations only a 审核人/管理员 performs (条例第三十三条第二款: the office head approves an
#: extension; an art. 35 date is the body's decision).
APPROVER_OPS = frozenset({Op.APPROVE_EXTENSION, Op.SET_REASONABLE_DEADLINE})

_HANDLING = frozenset(
    {
        Op.START_CONSULTATION,
        Op.RECORD_CONSULTATION_ANSWER,
        Op.REQUEST_EXTENSION,
        Op.APPROVE_EXTENSION,
        Op.REPLY,
        Op.ASSIGN_HANDLER,
    }
)
# 条例第三十五条: a reasonable later date, set while the application is being handled (not
# while the clock waits for a correction: the period restarts when it arrives).
_ART35 = frozenset({Op.SET_REASONABLE_DEADLINE})

# state → the operations allowed in it. The one place the workflow is defined.
TRANSITIONS: dict[Status, frozenset[Op]] = {
    # 条例第三十条: the correction notice comes first, before any other handling step.
    Status.REGISTERED: _HANDLING | _ART35 | {Op.REQUEST_CORRECTION, Op.ISSUE_FEE_NOTICE},
    # The clock waits for the corrected application; it may still be concluded (withdrawn,
    # lapsed as 逾期不补正, or unclear after all).
    Status.AWAITING_CORRECTION: frozenset({Op.RECORD_CORRECTION, Op.REPLY, Op.ASSIGN_HANDLER}),
    Status.CONSULTING: _HANDLING | _ART35 | {Op.ISSUE_FEE_NOTICE},
    Status.AWAITING_PAYMENT: _HANDLING | _ART35 | {Op.RECORD_PAYMENT, Op.WAIVE_FEE},
    # Delivery and filing still need someone to do them.
    Status.REPLIED: frozenset({Op.RECORD_DELIVERY, Op.ARCHIVE, Op.ASSIGN_HANDLER}),
    Status.DELIVERED: frozenset({Op.ARCHIVE, Op.ASSIGN_HANDLER}),
    Status.ARCHIVED: frozenset(),
}


def allowed_operations(status: str) -> frozenset[Op]:
    """The operations allowed in ``status`` (the case page shows them as buttons)."""
    return TRANSITIONS[Status(status)]


def check_transition(status: str, op: Op) -> None:
    """Raise :class:`TransitionError` unless ``op`` is allowed in ``status``."""
    if op not in allowed_operations(status):
        raise TransitionError(
            _("申请当前状态为“%(status)s”，不能%(op)s。")
            % {"status": Status(status).label, "op": OP_LABELS[op]}
        )


# =============================================================================================
# Common machinery
# =============================================================================================


def _today() -> date:
    return timezone.localdate()


def _denied(app: Application, op: Op) -> str:
    if op in APPROVER_OPS:
        return _("只有“%(body)s”的审核人（机关负责人）可以%(op)s。") % {
            "body": app.body.name,
            "op": OP_LABELS[op],
        }
    return _("您没有办理“%(body)s”申请的权限。") % {"body": app.body.name}


@contextmanager
def _step(
    app: Application,
    op: Op,
    acting_user: UserLike | None,
    expected_version: int | None,
    *,
    action: str = "",
) -> Iterator[Step[Application]]:
    """One operation on ``app`` (:func:`gongkai.kernel.actions.locked`: permission, lock,
    version check, one audit entry named by the op's event kind, or ``action``), checked
    against the transition table; the deadline is recomputed before the row is saved, and the
    step's facts that concern the applicant are queued for their notification in the same
    transaction (:func:`notifications.queue`, told with the new state and due date)."""
    permission = "approve" if op in APPROVER_OPS else "change"
    with locked(
        app,
        action or OP_EVENTS[op].value,
        acting_user=acting_user,
        expected_version=expected_version,
        permission=permission,
        denied=_denied(app, op),
    ) as step:
        check_transition(step.obj.status, op)
        seen = step.obj.events.order_by("-pk").values_list("pk", flat=True).first() or 0
        yield step
        _refresh(step.obj)
        new = step.obj.events.filter(pk__gt=seen, kind__in=notifications.NOTIFIED_KINDS)
        for event in new.order_by("pk"):
            notifications.queue(step.obj, event)


def _refresh(app: Application, calendar: WorkingCalendar | None = None) -> None:
    try:
        refresh_deadline(app, calendar)
    except TimelineError as exc:
        raise ActionError(str(exc)) from exc


def _event(
    step: Step[Application],
    event_kind: EventKind,
    on: date,
    user: Any,
    note: str = "",
    /,
    **data: Any,
) -> ApplicationEvent:
    """The dated fact of the step (the deadline derives from these), also told by the step's
    audit entry."""
    event = ApplicationEvent.objects.create(
        application=step.obj, kind=event_kind, on=on, by=user_or_none(user), note=note, data=data
    )
    step.data.update(data, on=on)
    if note:
        step.data["note"] = note
    return event


def _open_status(app: Application) -> Status:
    """The open state that follows from the facts (before the reply)."""
    requested = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists()
    received = app.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()
    if requested and not received:
        return Status.AWAITING_CORRECTION
    if app.fee_notices.filter(paid_on__isnull=True, waived=False).exists():
        return Status.AWAITING_PAYMENT
    if app.consultations.filter(answered_on__isnull=True).exists():
        return Status.CONSULTING
    return Status.REGISTERED


def _not_before(on: date, ref: date | None, what: str, ref_what: str) -> None:
    if ref is not None and on < ref:
        raise ActionError(
            _("%(what)s %(on)s 不能早于%(ref_what)s %(ref)s。")
            % {"what": what, "on": on.isoformat(), "ref_what": ref_what, "ref": ref.isoformat()}
        )


# =============================================================================================
# Registration (条例第二十九条、第三十一条)
# =============================================================================================


def _next_number(body: Body, received_on: date) -> str:
    prefix = f"{received_on.year}-"
    taken = set(
        Application.objects.filter(body=body, number__startswith=prefix).values_list(
            "number", flat=True
        )
    )
    n = len(taken) + 1
    while f"{prefix}{n:04d}" in taken:
        n += 1
    return f"{prefix}{n:04d}"


def register_application(body: Body, *, acting_user: UserLike | None, **fields: Any) -> Application:
    """Register an application received by ``body`` (staff entry, every channel).

    ``fields`` are :class:`Application` fields (``received_on``, ``channel``,
    ``applicant_type``, ``applicant_name``, ``content`` …); ``number`` is generated
    (``2026-0001``) when blank; ``handler`` defaults to the registering user.
    """
    with transaction.atomic(durable=True):
        return register_within(body, acting_user=acting_user, **fields)


_NOT_AT_REGISTRATION = frozenset(
    {
        "status", "outcome", "replied_on", "version", "due_on", "correction_notice_due_on",
        "deadline_provisional", "deadline_trace", "body", "delivered_on",
    }
)  # fmt: skip


def register_within(body: Body, *, acting_user: UserLike | None, **fields: Any) -> Application:
    """:func:`register_application` inside the caller's transaction, for an operation that
    registers together with other writes (confirming an online request). The caller opens
    ``transaction.atomic(durable=True)``; the checks are the same."""
    forbidden = _NOT_AT_REGISTRATION & set(fields)
    if forbidden:
        raise ActionError(
            _("登记时不能填写：%(fields)s。") % {"fields": "、".join(sorted(forbidden))}
        )
    fields.setdefault("handler", user_or_none(acting_user))
    app = Application(body=body, **fields)
    if not app.number and app.received_on:
        app.number = _next_number(body, app.received_on)
    try:
        app.full_clean(exclude=["due_on", "deadline_trace"])
    except ValidationError as exc:
        raise validation_error(exc) from exc
    _refresh(app)
    create(
        app,
        EventKind.REGISTER.value,
        acting_user=acting_user,
        data={"channel": app.channel, "on": app.received_on},
        denied=_("您没有办理“%(body)s”申请的权限。") % {"body": body.name},
        validate=False,
        integrity_error=lambda exc: ActionError(
            _("申请编号“%(number)s”在本机关已存在。") % {"number": app.number}
        ),
        durable=False,
    )
    event = ApplicationEvent.objects.create(
        application=app,
        kind=EventKind.REGISTER,
        on=app.received_on,
        by=user_or_none(acting_user),
        data={"channel": app.channel},
    )
    notifications.queue(app, event)
    return app


# =============================================================================================
# 补正 (条例第三十条)
# =============================================================================================


#: The longest 补正期限 a notice may give (as ``Body.correction_period_working_days``).
MAX_CORRECTION_DAYS = 60


def request_correction(
    app: Application,
    sent_on: date,
    note: str = "",
    period_days: int | None = None,
    late_reason: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """Send the one correction notice, giving the applicant ``period_days`` working days to
    correct (the 补正期限; default the body's ``correction_period_working_days``), stored with
    the notice: the automatic close (``services.pending_lapse``) counts from it.

    A notice later than 7 working days after receipt (条例第三十条) is allowed (the notice
    still has to go out) but flagged late in the event and the trace, with ``late_reason``
    (the case page form requires it for a late notice)."""
    days = period_days if period_days is not None else app.body.correction_period_working_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_CORRECTION_DAYS:
        message = _("补正期限应为 1 至 %(max)s 个工作日。") % {"max": MAX_CORRECTION_DAYS}
        raise ActionError(message, {"period_days": [message]})
    with _step(app, Op.REQUEST_CORRECTION, acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists():
            raise ActionError(_("已发出过补正告知：条例第三十条规定一次性告知需要补正的事项。"))
        _not_before(sent_on, fresh.received_on, _("补正告知日期"), _("收到申请日期"))
        late = (
            fresh.correction_notice_due_on is not None and sent_on > fresh.correction_notice_due_on
        )
        reason = late_reason.strip() if late else ""
        extra: dict[str, Any] = {"late_reason": reason} if reason else {}
        fresh.status = Status.AWAITING_CORRECTION
        _event(
            step, EventKind.CORRECTION_REQUESTED, sent_on, acting_user, note,
            late=late, period_days=days, **extra,
        )  # fmt: skip
    return fresh


def record_correction(
    app: Application,
    received_on: date,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """The corrected application arrived: the reply period restarts from ``received_on``."""
    with _step(app, Op.RECORD_CORRECTION, acting_user, expected_version) as step:
        fresh = step.obj
        sent = (
            fresh.events.filter(kind=EventKind.CORRECTION_REQUESTED)
            .values_list("on", flat=True)
            .first()
        )
        _not_before(received_on, sent, _("补正后收到申请日期"), _("补正告知日期"))
        _event(step, EventKind.CORRECTION_RECEIVED, received_on, acting_user, note)
        fresh.status = _open_status(fresh)
    return fresh


# =============================================================================================
# 征求意见 (条例第三十二条、第三十四条)
# =============================================================================================


def start_consultation(
    app: Application,
    party: str,
    kind: str,
    sent_on: date,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """Send a written consultation to a third party or another body; its time is excluded."""
    if kind not in ConsultationKind.values:
        raise ActionError(_("征求意见类型不正确。"), {"kind": [_("请选择第三方或其他机关。")]})
    if not party.strip():
        raise ActionError(_("请填写征求意见对象。"), {"party": [_("请填写征求意见对象。")]})
    with _step(app, Op.START_CONSULTATION, acting_user, expected_version) as step:
        fresh = step.obj
        _not_before(sent_on, fresh.received_on, _("征求意见发出日期"), _("收到申请日期"))
        consultation = Consultation.objects.create(
            application=fresh, party=party.strip(), kind=kind, sent_on=sent_on
        )
        _event(
            step, EventKind.CONSULTATION_SENT, sent_on, acting_user, note,
            consultation=consultation.pk, party=consultation.party, kind=kind,
        )  # fmt: skip
        fresh.status = _open_status(fresh)
    return fresh


def record_consultation_answer(
    app: Application,
    answered_on: date,
    consultation: Consultation | None = None,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """The consulted party answered (``consultation`` defaults to the only open one)."""
    with _step(app, Op.RECORD_CONSULTATION_ANSWER, acting_user, expected_version) as step:
        fresh = step.obj
        open_ones = fresh.consultations.filter(answered_on__isnull=True)
        if consultation is not None:
            target = open_ones.filter(pk=consultation.pk).first()
        else:
            candidates = list(open_ones[:2])
            if len(candidates) > 1:
                raise ActionError(_("有多个尚未答复的征求意见，请选择是哪一个的答复。"))
            target = candidates[0] if candidates else None
        if target is None:
            raise ActionError(_("没有尚未答复的征求意见。"))
        _not_before(answered_on, target.sent_on, _("征求意见答复日期"), _("发出日期"))
        target.answered_on = answered_on
        target.save()
        _event(
            step, EventKind.CONSULTATION_ANSWERED, answered_on, acting_user, note,
            consultation=target.pk, party=target.party,
        )  # fmt: skip
        fresh.status = _open_status(fresh)
    return fresh


# =============================================================================================
# 延期 (条例第三十三条第二款)
# =============================================================================================


def request_extension(
    app: Application,
    days: int,
    reason: str,
    requested_on: date | None = None,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """Ask the office head for an extension of at most 20 working days."""
    if (
        isinstance(days, bool)
        or not isinstance(days, int)
        or not (1 <= days <= MAX_EXTENSION_WORKING_DAYS)
    ):
        message = _("延长期限应为 1 至 %(max)s 个工作日（条例第三十三条第二款）。") % {
            "max": MAX_EXTENSION_WORKING_DAYS
        }
        raise ActionError(message, {"days": [message]})
    requested_on = requested_on or _today()
    with _step(app, Op.REQUEST_EXTENSION, acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.extensions.filter(approved_on__isnull=False).exists():
            raise ActionError(_("本申请已经延期过一次，不能再次延期（条例第三十三条第二款）。"))
        if fresh.extensions.filter(approved_on__isnull=True).exists():
            raise ActionError(_("已有待批准的延期申请。"))
        _not_before(requested_on, fresh.received_on, _("延期申请日期"), _("收到申请日期"))
        extension = Extension.objects.create(
            application=fresh,
            days=days,
            reason=reason,
            requested_by=user_or_none(acting_user),
            requested_on=requested_on,
        )
        _event(
            step, EventKind.EXTENSION_REQUESTED, requested_on, acting_user, reason,
            extension=extension.pk, days=days,
        )  # fmt: skip
    return fresh


def approve_extension(
    app: Application,
    approved_on: date | None = None,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """The office head (审核人) approves the pending extension; the deadline moves."""
    approved_on = approved_on or _today()
    with _step(app, Op.APPROVE_EXTENSION, acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.extensions.filter(approved_on__isnull=False).exists():
            raise ActionError(_("本申请已经延期过一次，不能再次延期（条例第三十三条第二款）。"))
        pending = fresh.extensions.filter(approved_on__isnull=True).order_by("pk").first()
        if pending is None:
            raise ActionError(_("没有待批准的延期申请。"))
        _not_before(approved_on, pending.requested_on, _("批准日期"), _("延期申请日期"))
        late = fresh.due_on is not None and approved_on > fresh.due_on
        pending.approved_on = approved_on
        pending.approved_by = user_or_none(acting_user)
        pending.save()
        _refresh(fresh)  # the new due date, told to the applicant with the extension
        _event(
            step, EventKind.EXTENSION_APPROVED, approved_on, acting_user, note,
            extension=pending.pk, days=pending.days, late=late,
            due_on=fresh.due_on.isoformat() if fresh.due_on else None,
        )  # fmt: skip
    return fresh


# =============================================================================================
# 合理答复期限 (条例第三十五条)
# =============================================================================================


def statutory_due(app: Application, calendar: WorkingCalendar | None = None) -> date:
    """The reply deadline counted by 条例第三十三条 from the stored facts, ignoring any
    art. 35 date (the date a reasonable deadline must be later than)."""
    try:
        plain = dataclasses.replace(timeline(app), custom_due=None)
        return compute_deadline(plain, calendar or load_calendar()).due
    except TimelineError as exc:
        raise ActionError(str(exc)) from exc


def set_reasonable_deadline(
    app: Application,
    due_on: date,
    reason: str,
    notified_on: date,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """条例第三十五条: the application is clearly excessive in number or frequency, the
    applicant gave a reasonable reason, and it cannot be answered in the statutory period:
    the body sets a reasonable later reply date and notifies the applicant on ``notified_on``.

    Only a 审核人/管理员 decides it; ``due_on`` must be later than the statutory deadline and
    replaces it (the trace says so); it is set once.
    """
    if not reason.strip():
        message = _("请填写申请人说明的理由及机关的认定。")
        raise ActionError(message, {"reason": [message]})
    with _step(app, Op.SET_REASONABLE_DEADLINE, acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.custom_due_on is not None:
            raise ActionError(
                _("本申请已确定合理答复期限 %(due)s（条例第三十五条），不能再次确定。")
                % {"due": fresh.custom_due_on.isoformat()}
            )
        _not_before(notified_on, fresh.received_on, _("告知日期"), _("收到申请日期"))
        statutory = statutory_due(fresh)
        if due_on <= statutory:
            message = _(
                "合理答复期限 %(due)s 应晚于法定答复期限 %(statutory)s（条例第三十五条）。"
            ) % {"due": due_on.isoformat(), "statutory": statutory.isoformat()}
            raise ActionError(message, {"due_on": [message]})
        if due_on <= notified_on:
            message = _("合理答复期限 %(due)s 应晚于告知申请人的日期 %(notified)s。") % {
                "due": due_on.isoformat(),
                "notified": notified_on.isoformat(),
            }
            raise ActionError(message, {"due_on": [message]})
        late = notified_on > statutory
        fresh.custom_due_on = due_on
        _event(
            step, EventKind.REASONABLE_DEADLINE, notified_on, acting_user, reason.strip(),
            due_on=due_on.isoformat(), statutory_due=statutory.isoformat(), late=late,
        )  # fmt: skip
    return fresh


# =============================================================================================
# 经办人
# =============================================================================================


def is_body_staff(user: Any, body: Body) -> bool:
    """Whether ``user`` is a 经办人, 审核人 or 管理员 of ``body`` (who may handle its cases)."""
    if user is None or not getattr(user, "is_active", False) or user.pk is None:
        return False
    return Membership.objects.filter(
        user_id=user.pk, body_id=body.pk, role__in=CHANGING_ROLES
    ).exists()


def assign_handler(
    app: Application,
    handler: Any,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """Make ``handler`` the 经办人 of the case.

    A 审核人/管理员 assigns any 经办人/审核人/管理员 of the body; a 经办人 may only take the case
    themselves.
    """
    require(acting_user, "change", app, _denied(app, Op.ASSIGN_HANDLER))
    acting_pk = getattr(acting_user, "pk", None)
    if (
        acting_user is not None
        and not user_can(acting_user, "approve", app.body)
        and getattr(handler, "pk", None) != acting_pk
    ):
        raise ActionPermissionError(
            _("经办人只能将申请分配给自己；分配给他人需由审核人或管理员办理。")
        )
    if not is_body_staff(handler, app.body):
        message = _("所选人员不是“%(body)s”的经办人、审核人或管理员。") % {"body": app.body.name}
        raise ActionError(message, {"handler": [message]})
    with _step(app, Op.ASSIGN_HANDLER, acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.handler_id == handler.pk:
            message = _("所选人员已是本申请的经办人。")
            raise ActionError(message, {"handler": [message]})
        previous = fresh.handler
        fresh.handler = handler
        _event(
            step, EventKind.ASSIGN, _today(), acting_user, note,
            handler=handler.pk,
            handler_name=str(handler.get_full_name() or handler.get_username()),
            previous=previous.pk if previous is not None else None,
        )  # fmt: skip
    return fresh


# =============================================================================================
# 信息处理费 (国办函〔2020〕109号)
# =============================================================================================


def nth_application_in_month(app: Application) -> int:
    """The rank of ``app`` among the same applicant's applications to the body that month."""
    same = Application.objects.filter(
        body_id=app.body_id,
        applicant_name=app.applicant_name,
        id_number=app.id_number,
        received_on__year=app.received_on.year,
        received_on__month=app.received_on.month,
    )
    earlier = same.filter(received_on__lt=app.received_on).count()
    same_day = same.filter(received_on=app.received_on, pk__lte=app.pk).count()
    return earlier + same_day


def issue_fee_notice(
    app: Application,
    method: str,
    notice_on: date,
    *,
    pages: int | None = None,
    nth_in_month: int | None = None,
    note: str = "",
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """Notify the fee, computed by the rules of 109号: by count (the application's rank that
    month, counted from the records unless given) or by volume (``pages``)."""
    with _step(app, Op.ISSUE_FEE_NOTICE, acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.fee_notices.exists():
            raise ActionError(_("本申请已发出过收费通知：一件申请只能按一种方式收费一次。"))
        _not_before(notice_on, fresh.received_on, _("收费通知日期"), _("收到申请日期"))
        try:
            if method == FeeMethod.BY_COUNT:
                nth = nth_in_month or nth_application_in_month(fresh)
                amount = fee_by_count(nth)
                pages = None
            elif method == FeeMethod.BY_VOLUME:
                if pages is None:
                    raise ActionError(_("按量计收需要填写页数。"), {"pages": [_("请填写页数。")]})
                amount, nth = fee_by_volume(pages), None
            else:
                raise ActionError(
                    _("计收方式只能是按件或按量。"), {"method": [_("请选择计收方式。")]}
                )
        except ValueError as exc:
            raise ActionError(str(exc)) from exc
        if amount <= Decimal(0):
            raise ActionError(_("按所选方式本申请不收费（在免费范围内），无需发出收费通知。"))
        late = fresh.due_on is not None and notice_on > fresh.due_on
        fee = FeeNotice.objects.create(
            application=fresh,
            method=method,
            amount=amount,
            pages=pages,
            nth_in_month=nth,
            notice_on=notice_on,
        )
        _event(
            step, EventKind.FEE_NOTICE, notice_on, acting_user, note,
            fee_notice=fee.pk, method=method, amount=str(amount), late=late,
        )  # fmt: skip
        fresh.status = _open_status(fresh)
    return fresh


def _open_fee(app: Application) -> FeeNotice:
    fee = app.fee_notices.filter(paid_on__isnull=True, waived=False).first()
    if fee is None:
        raise ActionError(_("没有待缴费的收费通知。"))
    return fee


def record_payment(
    app: Application,
    paid_on: date,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    with _step(app, Op.RECORD_PAYMENT, acting_user, expected_version) as step:
        fresh = step.obj
        fee = _open_fee(fresh)
        _not_before(paid_on, fee.notice_on, _("缴费日期"), _("收费通知日期"))
        fee.paid_on = paid_on
        fee.save()
        _event(step, EventKind.FEE_PAID, paid_on, acting_user, note, fee_notice=fee.pk)
        fresh.status = _open_status(fresh)
    return fresh


def waive_fee(
    app: Application,
    waived_on: date,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """Waive the notified fee (减免); the fee period ends on ``waived_on``."""
    with _step(app, Op.WAIVE_FEE, acting_user, expected_version) as step:
        fresh = step.obj
        fee = _open_fee(fresh)
        _not_before(waived_on, fee.notice_on, _("减免日期"), _("收费通知日期"))
        fee.waived, fee.waived_on = True, waived_on
        fee.save()
        _event(step, EventKind.FEE_WAIVED, waived_on, acting_user, note, fee_notice=fee.pk)
        fresh.status = _open_status(fresh)
    return fresh


# =============================================================================================
# 答复、送达、归档 (条例第三十六条、第四十条、第四十五条)
# =============================================================================================


def _conclude(
    step: Step[Application],
    outcome: str,
    replied_on: date,
    acting_user: Any,
    *,
    legal_basis: str = "",
    reply_text: str = "",
    withheld: str = "",
    event: EventKind = EventKind.REPLY,
    note: str = "",
) -> None:
    fresh = step.obj
    if outcome not in OUTCOME_KEYS:
        raise ActionError(
            _("办理结果“%(outcome)s”不是年报表三的结果之一。") % {"outcome": outcome},
            {"outcome": [_("请选择办理结果。")]},
        )
    _not_before(replied_on, fresh.received_on, _("答复日期"), _("收到申请日期"))
    # The assignment of a handler and a letter made are dated the day they are entered, not
    # facts of the case.
    last_event = (
        fresh.events.exclude(kind__in=[EventKind.ASSIGN, EventKind.LETTER])
        .order_by("-on")
        .values_list("on", flat=True)
        .first()
    )
    _not_before(replied_on, last_event, _("答复日期"), _("最近一次办理记录的日期"))
    fresh.outcome = outcome
    fresh.legal_basis = legal_basis
    fresh.reply_text = reply_text
    # 条例第三十七条: only a partial disclosure withholds something.
    fresh.withheld = withheld.strip() if outcome == "partial" else ""
    fresh.replied_on = replied_on
    fresh.status = Status.REPLIED
    overdue = fresh.due_on is not None and replied_on > fresh.due_on
    _event(step, event, replied_on, acting_user, note, outcome=outcome, overdue=overdue)


def reply(
    app: Application,
    outcome: str,
    legal_basis: str,
    reply_text: str,
    replied_on: date,
    withheld: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """Reply: ``outcome`` is a table 三 result row key (条例第三十六条), with its legal basis;
    ``withheld``: for a partial disclosure, what is not disclosed (第三十七条)."""
    with _step(app, Op.REPLY, acting_user, expected_version) as step:
        _conclude(
            step,
            outcome,
            replied_on,
            acting_user,
            legal_basis=legal_basis,
            reply_text=reply_text,
            withheld=withheld,
        )
    return step.obj


def record_delivery(
    app: Application,
    delivered_on: date,
    way: str,
    proof: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """The reply was served (送达): way, date and proof."""
    if way not in DeliveryWay.values:
        raise ActionError(_("请选择送达方式。"), {"delivery_way": [_("请选择送达方式。")]})
    with _step(app, Op.RECORD_DELIVERY, acting_user, expected_version) as step:
        fresh = step.obj
        _not_before(delivered_on, fresh.replied_on, _("送达日期"), _("答复日期"))
        fresh.delivered_on, fresh.delivery_way, fresh.delivery_proof = delivered_on, way, proof
        fresh.status = Status.DELIVERED
        _event(step, EventKind.DELIVERY, delivered_on, acting_user, proof, way=way)
    return fresh


def archive(
    app: Application,
    on: date | None = None,
    note: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Application:
    """File the case (归档, 条例第四十五条)."""
    on = on or _today()
    with _step(app, Op.ARCHIVE, acting_user, expected_version) as step:
        fresh = step.obj
        _not_before(on, fresh.replied_on, _("归档日期"), _("答复日期"))
        fresh.status = Status.ARCHIVED
        _event(step, EventKind.ARCHIVE, on, acting_user, note)
    return fresh


# =============================================================================================
# The daily run: lapses and reminders
# =============================================================================================

# 条例第三十条 and 109号: applications treated as abandoned. (The 2019 report format counts
# both in its single row （六）其他处理: outcomes.report_row_for maps them.)
LAPSE_OUTCOMES = {
    Status.AWAITING_CORRECTION: "other.no_correction",
    Status.AWAITING_PAYMENT: "other.no_fee_payment",
}
REMINDER_WORKING_DAYS = DUE_SOON_WORKING_DAYS


def run_daily_lapses(today: date | None = None) -> list[Application]:
    """Conclude applications whose correction or payment period ran out before ``today``.

    Idempotent: a concluded application is no longer waiting. Each lapse is its own
    transaction, so one bad record does not stop the others. An application changed since it
    was read (the correction recorded meanwhile, or another daily run at the same moment, as
    two app servers' timers may start) is left alone: the lapse was decided on the row read.
    """
    today = today or _today()
    calendar = load_calendar()
    lapsed: list[Application] = []
    waiting = Application.objects.filter(status__in=list(LAPSE_OUTCOMES)).select_related("body")
    for app in waiting.order_by("pk"):
        lapse = pending_lapse(app, calendar)
        if lapse is None or lapse.on > today:
            continue
        lapse_on = lapse.on
        outcome = LAPSE_OUTCOMES[Status(app.status)]
        try:
            with _step(app, Op.REPLY, None, app.version, action=EventKind.LAPSE.value) as step:
                _conclude(
                    step,
                    outcome,
                    lapse_on,
                    None,
                    legal_basis=_("条例第三十条")
                    if outcome == "other.no_correction"
                    else _("国办函〔2020〕109号"),
                    reply_text=outcome_label(outcome),
                    event=EventKind.LAPSE,
                    note=outcome_label(outcome),
                )
        except ConcurrentEditError:
            continue  # changed since it was read: the next run decides on the new row
        except ActionError:
            logger.exception("lapse of application %s failed", app.pk)
            continue
        lapsed.append(step.obj)
    return lapsed


def _recipients(app: Application) -> list[str]:
    if app.handler is not None and app.handler.email:
        return [app.handler.email]
    emails = (
        Membership.objects.filter(body_id=app.body_id, role__in=CHANGING_ROLES)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )
    return sorted(emails)


def _send_reminder(app: Application, reminder: Reminder, recipients: list[str]) -> bool:
    if not recipients:
        return False
    if reminder.kind == ReminderKind.OVERDUE:
        subject = _("【已超期】申请 %(number)s 的答复期限 %(due)s 已过")
    else:
        subject = _("【即将到期】申请 %(number)s 应于 %(due)s 前答复")
    params = {"number": app.number, "due": reminder.due_on.isoformat()}
    body = _(
        "%(body)s 的政府信息公开申请 %(number)s（申请人：%(applicant)s，收到日期 %(received)s）"
        "答复期限为 %(due)s%(provisional)s。\n\n期限说明：\n%(trace)s\n"
    ) % {
        "body": app.body.name,
        "number": app.number,
        "applicant": app.applicant_name,
        "received": app.received_on.isoformat(),
        "due": reminder.due_on.isoformat(),
        "provisional": _("（临时期限）") if app.deadline_provisional else "",
        "trace": "\n".join(app.deadline_trace or []),
    }
    try:
        send_mail(subject % params, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # a mail server down must not stop the daily run; the in-app list stays
        logger.exception("sending reminder %s failed", reminder.pk)
        return False
    return True


def due_reminders(today: date | None = None) -> list[Reminder]:
    """Remind the staff of open applications overdue or due within 3 working days (the
    model's words: ``Application.objects.overdue`` and ``due_soon``).

    One :class:`Reminder` per application, kind and due date (a unique constraint): running
    twice sends nothing new. Applications waiting for a correction are not overdue (their
    reply period restarts when it arrives).
    """
    today = today or _today()
    candidates = (
        (
            Application.objects.overdue(today)
            | Application.objects.due_soon(today, REMINDER_WORKING_DAYS)
        )
        .select_related("body", "handler")
        .order_by("due_on", "pk")
    )
    created: list[Reminder] = []
    for app in candidates:
        assert app.due_on is not None
        kind = ReminderKind.OVERDUE if app.is_overdue(today) else ReminderKind.DUE_SOON
        recipients = _recipients(app)
        with transaction.atomic():
            reminder, is_new = Reminder.objects.get_or_create(
                application=app,
                kind=kind,
                due_on=app.due_on,
                defaults={"sent_on": today, "recipients": ", ".join(recipients)},
            )
        if not is_new:
            continue
        if _send_reminder(app, reminder, recipients):
            reminder.emailed = True
            reminder.save(update_fields=["emailed"])
        created.append(reminder)
    return created
