"""Application actions: events, deadlines, transitions (exhaustively), locking, lapses,
reminders, masking."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import IntegrityError, transaction

from gongkai.apps.applications import actions
from gongkai.apps.applications.actions import TRANSITIONS, Op
from gongkai.apps.applications.choices import ApplicantTypeChoice, EventKind, Status
from gongkai.apps.applications.models import Application, Extension, Reminder
from gongkai.apps.applications.services import mask_id_number, masked_id_number, timeline
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.deadline import Timeline, compute_deadline
from gongkai.domain.applications.outcomes import ApplicantType
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
)

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 9, 25)  # 中秋节 (a Friday holiday), before 国庆节
DUE = date(2026, 10, 29)  # disclosure-law.md §4: the 20th working day after 2026-09-25


def kinds(app: Application) -> list[str]:
    return list(app.events.order_by("pk").values_list("kind", flat=True))


def expected_due(**timeline_fields: Any) -> date:
    return compute_deadline(Timeline(received=RECEIVED, **timeline_fields), load_calendar()).due


# -- registration -------------------------------------------------------------------------------


def test_choices_match_the_domain() -> None:
    assert set(ApplicantTypeChoice.values) == {t.value for t in ApplicantType}
    assert {c.label for c in ApplicantTypeChoice} == {t.label for t in ApplicantType}


def test_register_stores_deadline_event_and_audit(register: Any, clerk_a: Any) -> None:
    app = register()
    assert app.status == Status.REGISTERED
    assert app.number == "2026-0001" and app.handler == clerk_a
    assert app.due_on == DUE
    assert app.correction_notice_due_on == date(2026, 10, 12)
    assert not app.deadline_provisional
    assert app.deadline_trace[-1].startswith("答复期限：2026-10-29")
    assert kinds(app) == [EventKind.REGISTER]
    record = entries_for(app).get()
    assert record.user == clerk_a and record.action == "applications.register"
    assert ["channel", "现场", "当面"] not in record.data["changes"]  # fields as shown
    assert ["applicant_name", "—", "李四"] in record.data["changes"]
    assert register().number == "2026-0002"


def test_register_requires_change_permission(
    register: Any, clerk_b: Any, supervisor: Any, reviewer_a: Any
) -> None:
    with pytest.raises(ActionPermissionError):
        register(user=clerk_b)
    with pytest.raises(ActionPermissionError):
        register(user=supervisor)
    with pytest.raises(ActionPermissionError):
        register(user=AnonymousUser())
    assert register(user=reviewer_a).handler == reviewer_a


def test_register_validates_fields(register: Any) -> None:
    with pytest.raises(ActionError) as info:
        register(applicant_type="alien")
    assert "applicant_type" in info.value.field_errors
    with pytest.raises(ActionError, match="登记时不能填写"):
        register(status=Status.REPLIED)
    register(number="A-1")
    with pytest.raises(ActionError, match="已存在|相同申请编号"):
        register(number="A-1")
    assert Application.objects.count() == 1


# -- 补正 -----------------------------------------------------------------------------------------


def test_correction_restarts_the_clock(register: Any, clerk_a: Any) -> None:
    app = register()
    app = actions.request_correction(
        app, date(2026, 9, 28), "请说明所需信息的年份", acting_user=clerk_a
    )
    assert app.status == Status.AWAITING_CORRECTION and app.version == 2
    assert app.events.get(kind=EventKind.CORRECTION_REQUESTED).data == {
        "late": False,
        "period_days": 15,
    }
    assert any("尚未收到补正后的申请" in line for line in app.deadline_trace)
    app = actions.record_correction(app, date(2026, 10, 9), acting_user=clerk_a)
    assert app.status == Status.REGISTERED
    assert app.due_on == expected_due(
        correction_sent=date(2026, 9, 28), correction_received=date(2026, 10, 9)
    )
    assert app.due_on > DUE
    with pytest.raises(ActionError, match="一次性告知"):
        actions.request_correction(app, date(2026, 10, 12), acting_user=clerk_a)


def test_late_correction_notice_is_allowed_but_flagged(register: Any, clerk_a: Any) -> None:
    app = register()
    app = actions.request_correction(app, date(2026, 10, 20), acting_user=clerk_a)
    assert app.events.get(kind=EventKind.CORRECTION_REQUESTED).data == {
        "late": True,
        "period_days": 15,
    }
    assert any("晚于补正告知期限" in line for line in app.deadline_trace)


def test_correction_dates_are_checked(register: Any, clerk_a: Any) -> None:
    app = register()
    with pytest.raises(ActionError, match="不能早于"):
        actions.request_correction(app, date(2026, 9, 1), acting_user=clerk_a)
    app = actions.request_correction(app, date(2026, 9, 28), acting_user=clerk_a)
    with pytest.raises(ActionError, match="不能早于"):
        actions.record_correction(app, date(2026, 9, 27), acting_user=clerk_a)
    app.refresh_from_db()
    assert app.status == Status.AWAITING_CORRECTION and app.version == 2


# -- 征求意见 ------------------------------------------------------------------------------------


def test_consultation_time_is_excluded(register: Any, clerk_a: Any) -> None:
    app = register()
    app = actions.start_consultation(
        app, "某建筑公司", "third_party", date(2026, 10, 12), acting_user=clerk_a
    )
    assert app.status == Status.CONSULTING
    # Unanswered: counted up to its 15-working-day limit.
    assert app.due_on == expected_due(
        consultations=(actions_consultation(date(2026, 10, 12), None),)
    )
    app = actions.record_consultation_answer(app, date(2026, 10, 16), acting_user=clerk_a)
    assert app.status == Status.REGISTERED
    assert app.due_on == expected_due(
        consultations=(actions_consultation(date(2026, 10, 12), date(2026, 10, 16)),)
    )
    assert app.due_on > DUE
    assert kinds(app)[-2:] == [EventKind.CONSULTATION_SENT, EventKind.CONSULTATION_ANSWERED]
    with pytest.raises(ActionError, match="没有尚未答复"):
        actions.record_consultation_answer(app, date(2026, 10, 20), acting_user=clerk_a)


def actions_consultation(sent: date, answered: date | None) -> Any:
    from gongkai.domain.applications.deadline import Consultation

    return Consultation(sent, answered, "某建筑公司")


def test_two_open_consultations_need_a_choice(register: Any, clerk_a: Any) -> None:
    app = register()
    app = actions.start_consultation(
        app, "甲公司", "third_party", date(2026, 10, 12), acting_user=clerk_a
    )
    app = actions.start_consultation(
        app, "某某县财政局", "other_body", date(2026, 10, 13), acting_user=clerk_a
    )
    with pytest.raises(ActionError, match="多个"):
        actions.record_consultation_answer(app, date(2026, 10, 20), acting_user=clerk_a)
    second = app.consultations.get(party="某某县财政局")
    app = actions.record_consultation_answer(app, date(2026, 10, 20), second, acting_user=clerk_a)
    assert app.status == Status.CONSULTING


# -- 延期 ----------------------------------------------------------------------------------------


def test_extension_needs_the_reviewer_and_happens_once(
    register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    app = register()
    app = actions.request_extension(
        app, 20, "涉及档案调阅", date(2026, 10, 20), acting_user=clerk_a
    )
    assert app.due_on == DUE  # not yet approved
    with pytest.raises(ActionPermissionError, match="审核人"):
        actions.approve_extension(app, date(2026, 10, 21), acting_user=clerk_a)
    app = actions.approve_extension(app, date(2026, 10, 21), acting_user=reviewer_a)
    assert app.due_on == expected_due(extension_days=20)
    assert app.events.get(kind=EventKind.EXTENSION_APPROVED).by == reviewer_a
    with pytest.raises(ActionError, match="延期过一次"):
        actions.request_extension(app, 5, "再延", acting_user=clerk_a)
    with pytest.raises(ActionError, match="延期过一次"):
        actions.approve_extension(app, acting_user=reviewer_a)


def test_extension_limits(register: Any, clerk_a: Any, reviewer_a: Any) -> None:
    app = register()
    with pytest.raises(ActionError, match="1 至 20"):
        actions.request_extension(app, 21, "太长", acting_user=clerk_a)
    with pytest.raises(ActionError, match="没有待批准"):
        actions.approve_extension(app, acting_user=reviewer_a)
    app = actions.request_extension(app, 10, "理由", date(2026, 10, 20), acting_user=clerk_a)
    with pytest.raises(ActionError, match="待批准"):
        actions.request_extension(app, 10, "理由", date(2026, 10, 20), acting_user=clerk_a)


def test_database_allows_one_approved_extension(register: Any) -> None:
    app = register()
    Extension.objects.create(
        application=app, days=5, requested_on=RECEIVED, approved_on=date(2026, 10, 8)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Extension.objects.create(
            application=app, days=5, requested_on=RECEIVED, approved_on=date(2026, 10, 9)
        )


# -- 信息处理费 -----------------------------------------------------------------------------------


def test_fee_by_volume_payment_and_period_excluded(register: Any, clerk_a: Any) -> None:
    app = register()
    app = actions.issue_fee_notice(
        app, "by_volume", date(2026, 10, 12), pages=250, acting_user=clerk_a
    )
    fee = app.fee_notices.get()
    assert fee.amount == Decimal("4700.00")
    assert app.status == Status.AWAITING_PAYMENT
    app = actions.record_payment(app, date(2026, 10, 15), acting_user=clerk_a)
    assert app.status == Status.REGISTERED
    assert app.due_on == expected_due(fee_periods=((date(2026, 10, 12), date(2026, 10, 15)),))
    with pytest.raises(ActionError, match="已发出过收费通知"):
        actions.issue_fee_notice(
            app, "by_volume", date(2026, 10, 16), pages=300, acting_user=clerk_a
        )


def test_fee_by_count_from_the_records(register: Any, clerk_a: Any) -> None:
    apps = [register(received_on=date(2026, 9, d % 28 + 1)) for d in range(11)]
    first = min(apps, key=lambda a: (a.received_on, a.pk))
    with pytest.raises(ActionError, match="不收费"):
        actions.issue_fee_notice(first, "by_count", date(2026, 10, 12), acting_user=clerk_a)
    last = max(apps, key=lambda a: (a.received_on, a.pk))
    last = actions.issue_fee_notice(last, "by_count", date(2026, 10, 12), acting_user=clerk_a)
    fee = last.fee_notices.get()
    assert (fee.nth_in_month, fee.amount) == (11, Decimal("100.00"))
    last = actions.waive_fee(last, date(2026, 10, 13), "困难群众", acting_user=clerk_a)
    assert last.status == Status.REGISTERED
    assert last.fee_notices.get().waived


# -- 答复、送达、归档 ------------------------------------------------------------------------


def test_reply_delivery_archive(register: Any, clerk_a: Any) -> None:
    app = register()
    with pytest.raises(ActionError, match="不是年报表三"):
        actions.reply(app, "granted-ish", "", "", date(2026, 10, 20), acting_user=clerk_a)
    with pytest.raises(ActionError, match="不能早于"):
        actions.reply(app, "granted", "", "", date(2026, 9, 20), acting_user=clerk_a)
    app = actions.reply(
        app,
        "denied.third_party",
        "条例第十五条",
        "不予公开。",
        date(2026, 10, 30),
        acting_user=clerk_a,
    )
    assert (app.status, app.outcome, app.replied_on) == (
        Status.REPLIED,
        "denied.third_party",
        date(2026, 10, 30),
    )
    assert app.events.get(kind=EventKind.REPLY).data == {
        "outcome": "denied.third_party",
        "overdue": True,
    }
    with pytest.raises(ActionError, match="不能早于"):
        actions.record_delivery(app, date(2026, 10, 29), "post", acting_user=clerk_a)
    app = actions.record_delivery(
        app, date(2026, 11, 2), "post", "EMS1234567890", acting_user=clerk_a
    )
    assert app.status == Status.DELIVERED and app.delivery_proof == "EMS1234567890"
    app = actions.archive(app, date(2026, 11, 3), acting_user=clerk_a)
    assert app.status == Status.ARCHIVED
    assert kinds(app) == [
        EventKind.REGISTER,
        EventKind.REPLY,
        EventKind.DELIVERY,
        EventKind.ARCHIVE,
    ]
    assert [e.action for e in entries_for(app)] == [
        "applications.register",
        "applications.reply",
        "applications.delivery",
        "applications.archive",
    ]


def test_supervisor_and_other_clerk_cannot_act(
    register: Any, clerk_b: Any, supervisor: Any
) -> None:
    app = register()
    for user in (clerk_b, supervisor, AnonymousUser()):
        with pytest.raises(ActionPermissionError):
            actions.reply(app, "granted", "", "", date(2026, 10, 9), acting_user=user)
    app.refresh_from_db()
    assert app.status == Status.REGISTERED and app.version == 1


# -- the transition table, exhaustively ---------------------------------------------------------

EXPECTED: dict[Status, set[Op]] = {
    Status.REGISTERED: {
        Op.REQUEST_CORRECTION,
        Op.START_CONSULTATION,
        Op.RECORD_CONSULTATION_ANSWER,
        Op.REQUEST_EXTENSION,
        Op.APPROVE_EXTENSION,
        Op.ISSUE_FEE_NOTICE,
        Op.REPLY,
        Op.SET_REASONABLE_DEADLINE,
        Op.ASSIGN_HANDLER,
    },
    Status.AWAITING_CORRECTION: {Op.RECORD_CORRECTION, Op.REPLY, Op.ASSIGN_HANDLER},
    Status.CONSULTING: {
        Op.START_CONSULTATION,
        Op.RECORD_CONSULTATION_ANSWER,
        Op.REQUEST_EXTENSION,
        Op.APPROVE_EXTENSION,
        Op.ISSUE_FEE_NOTICE,
        Op.REPLY,
        Op.SET_REASONABLE_DEADLINE,
        Op.ASSIGN_HANDLER,
    },
    Status.AWAITING_PAYMENT: {
        Op.START_CONSULTATION,
        Op.RECORD_CONSULTATION_ANSWER,
        Op.REQUEST_EXTENSION,
        Op.APPROVE_EXTENSION,
        Op.RECORD_PAYMENT,
        Op.WAIVE_FEE,
        Op.REPLY,
        Op.SET_REASONABLE_DEADLINE,
        Op.ASSIGN_HANDLER,
    },
    Status.REPLIED: {Op.RECORD_DELIVERY, Op.ARCHIVE, Op.ASSIGN_HANDLER},
    Status.DELIVERED: {Op.ARCHIVE, Op.ASSIGN_HANDLER},
    Status.ARCHIVED: set(),
}


def test_transition_table_is_the_documented_one() -> None:
    assert {s: set(ops) for s, ops in TRANSITIONS.items()} == EXPECTED
    assert set(TRANSITIONS) == set(Status)


def _calls(clerk: Any, reviewer: Any) -> dict[Op, Callable[[Application], Any]]:
    d = date(2026, 11, 20)
    return {
        Op.REQUEST_CORRECTION: lambda a: actions.request_correction(a, d, acting_user=clerk),
        Op.RECORD_CORRECTION: lambda a: actions.record_correction(a, d, acting_user=clerk),
        Op.START_CONSULTATION: lambda a: actions.start_consultation(
            a, "甲", "third_party", d, acting_user=clerk
        ),
        Op.RECORD_CONSULTATION_ANSWER: lambda a: actions.record_consultation_answer(
            a, d, acting_user=clerk
        ),
        Op.REQUEST_EXTENSION: lambda a: actions.request_extension(
            a, 5, "理由", d, acting_user=clerk
        ),
        Op.APPROVE_EXTENSION: lambda a: actions.approve_extension(a, d, acting_user=reviewer),
        Op.ISSUE_FEE_NOTICE: lambda a: actions.issue_fee_notice(
            a, "by_volume", d, pages=99, acting_user=clerk
        ),
        Op.RECORD_PAYMENT: lambda a: actions.record_payment(a, d, acting_user=clerk),
        Op.WAIVE_FEE: lambda a: actions.waive_fee(a, d, acting_user=clerk),
        Op.REPLY: lambda a: actions.reply(
            a, "granted", "条例第三十六条", "公开", d, acting_user=clerk
        ),
        Op.RECORD_DELIVERY: lambda a: actions.record_delivery(a, d, "email", acting_user=clerk),
        Op.ARCHIVE: lambda a: actions.archive(a, d, acting_user=clerk),
        Op.SET_REASONABLE_DEADLINE: lambda a: actions.set_reasonable_deadline(
            a, date(2027, 1, 29), "申请数量明显超过合理范围，理由合理", d, acting_user=reviewer
        ),
        Op.ASSIGN_HANDLER: lambda a: actions.assign_handler(a, reviewer, acting_user=reviewer),
    }


@pytest.mark.parametrize("status", list(Status))
def test_every_state_times_every_action(
    status: Status, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    calls = _calls(clerk_a, reviewer_a)
    assert set(calls) == set(Op)
    for op, call in calls.items():
        app = register()
        concluded = status in {Status.REPLIED, Status.DELIVERED, Status.ARCHIVED}
        Application.objects.filter(pk=app.pk).update(
            status=status,
            outcome="granted" if concluded else "",
            replied_on=date(2026, 10, 9) if concluded else None,
        )
        app.refresh_from_db()
        if op in EXPECTED[status]:
            try:
                call(app)
            except TransitionError:  # pragma: no cover - the failure message says which
                pytest.fail(f"{op} should be allowed in {status}")
            except ActionError:
                pass  # allowed by the table; a precondition of the action itself failed
        else:
            with pytest.raises(TransitionError, match="不能"):
                call(app)
            app.refresh_from_db()
            assert app.status == status and app.version == 1


# -- optimistic locking -------------------------------------------------------------------------


def test_concurrent_edit_is_refused(register: Any, clerk_a: Any, reviewer_a: Any) -> None:
    app = register()
    mine = Application.objects.get(pk=app.pk)
    theirs = Application.objects.get(pk=app.pk)
    actions.request_extension(theirs, 5, "他人先改", date(2026, 10, 8), acting_user=reviewer_a)
    with pytest.raises(ConcurrentEditError, match="已被他人修改"):
        actions.reply(mine, "granted", "", "", date(2026, 10, 9), acting_user=clerk_a)
    with pytest.raises(ConcurrentEditError):
        actions.reply(
            app, "granted", "", "", date(2026, 10, 9), expected_version=1, acting_user=clerk_a
        )
    fresh = actions.reply(
        mine, "granted", "", "", date(2026, 10, 9), expected_version=2, acting_user=clerk_a
    )
    assert fresh.version == 3 and fresh.status == Status.REPLIED


# -- lapses -------------------------------------------------------------------------------------


def test_correction_lapse_is_idempotent(register: Any, clerk_a: Any, dept_a: Any) -> None:
    app = register()
    app = actions.request_correction(app, date(2026, 9, 28), acting_user=clerk_a)
    calendar = load_calendar()
    period_end = calendar.nth_working_day_after(
        date(2026, 9, 28), dept_a.correction_period_working_days
    )
    assert actions.run_daily_lapses(period_end) == []
    lapsed = actions.run_daily_lapses(date(2026, 11, 20))
    assert [a.pk for a in lapsed] == [app.pk]
    app.refresh_from_db()
    assert app.status == Status.REPLIED and app.outcome == "other.no_correction"
    assert app.replied_on is not None and app.replied_on > period_end
    assert actions.run_daily_lapses(date(2026, 11, 21)) == []
    assert kinds(app).count(EventKind.LAPSE) == 1
    assert app.events.get(kind=EventKind.LAPSE).by is None


def test_fee_lapse_after_twenty_working_days(register: Any, clerk_a: Any) -> None:
    app = register()
    app = actions.issue_fee_notice(
        app, "by_volume", date(2026, 10, 12), pages=50, acting_user=clerk_a
    )
    due = load_calendar().nth_working_day_after(date(2026, 10, 12), 20)
    assert actions.run_daily_lapses(due) == []
    assert len(actions.run_daily_lapses(date(2026, 11, 30))) == 1
    app.refresh_from_db()
    assert app.outcome == "other.no_fee_payment" and app.status == Status.REPLIED
    assert actions.run_daily_lapses(date(2026, 12, 30)) == []


# -- reminders ----------------------------------------------------------------------------------


def test_reminders_are_sent_once(register: Any, clerk_a: Any) -> None:
    app = register()
    assert actions.due_reminders(date(2026, 10, 20)) == []
    first = actions.due_reminders(date(2026, 10, 26))
    assert [(r.application_id, r.kind) for r in first] == [(app.pk, "due_soon")]
    assert actions.due_reminders(date(2026, 10, 26)) == []
    assert actions.due_reminders(date(2026, 10, 27)) == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [clerk_a.email]
    assert "2026-10-29" in mail.outbox[0].subject
    overdue = actions.due_reminders(date(2026, 10, 30))
    assert [r.kind for r in overdue] == ["overdue"]
    assert actions.due_reminders(date(2026, 10, 30)) == []
    assert Reminder.objects.filter(application=app).count() == 2
    assert len(mail.outbox) == 2


def test_no_reminders_for_concluded_or_waiting_for_correction(register: Any, clerk_a: Any) -> None:
    replied = register()
    actions.reply(replied, "granted", "", "", date(2026, 10, 9), acting_user=clerk_a)
    waiting = register()
    actions.request_correction(waiting, date(2026, 9, 28), acting_user=clerk_a)
    assert actions.due_reminders(date(2026, 11, 30)) == []


# -- masking ------------------------------------------------------------------------------------


def test_id_numbers_are_masked_except_for_case_staff(
    register: Any, clerk_a: Any, reviewer_a: Any, supervisor: Any, django_user_model: Any
) -> None:
    app = register()
    assert masked_id_number(app, clerk_a) == "110101199001011234"
    assert masked_id_number(app, reviewer_a) == "110101199001011234"
    assert masked_id_number(app, supervisor) == "110101********1234"
    root = django_user_model.objects.create_superuser("root", password="root-password-1")
    assert masked_id_number(app, root) == "110101********1234"
    assert masked_id_number(app, AnonymousUser()) == "110101********1234"
    assert mask_id_number("") == "" and mask_id_number("1234") == "****"


def test_timeline_from_stored_facts(register: Any, clerk_a: Any, reviewer_a: Any) -> None:
    app = register()
    app = actions.start_consultation(
        app, "甲公司", "third_party", date(2026, 10, 12), acting_user=clerk_a
    )
    app = actions.request_extension(app, 7, "理由", date(2026, 10, 13), acting_user=clerk_a)
    app = actions.approve_extension(app, date(2026, 10, 14), acting_user=reviewer_a)
    tl = timeline(app)
    assert tl.received == RECEIVED and tl.extension_days == 7
    assert [c.sent for c in tl.consultations] == [date(2026, 10, 12)]


# -- 合理答复期限 (条例第三十五条) ----------------------------------------------------------------

REASON = "一个月内申请 60 件，申请人说明系课题研究所需，理由合理。"
ART35_DUE = date(2026, 12, 18)


def test_reasonable_deadline_replaces_the_statutory_one(register: Any, reviewer_a: Any) -> None:
    app = register()
    assert actions.statutory_due(app) == DUE
    app = actions.set_reasonable_deadline(
        app, ART35_DUE, REASON, date(2026, 10, 9), acting_user=reviewer_a
    )
    assert app.custom_due_on == ART35_DUE and app.due_on == ART35_DUE
    assert app.version == 2 and app.status == Status.REGISTERED
    assert app.deadline_trace[-1] == (
        "依条例第三十五条确定的合理答复期限：2026-12-18（已告知申请人），以此为准"
    )
    assert "答复期限：2026-10-29（20 个工作日，条例第三十三条第二款）" in app.deadline_trace
    event = app.events.get(kind=EventKind.REASONABLE_DEADLINE)
    assert event.kind == "applications.reasonable_deadline"
    assert (event.on, event.by, event.note) == (date(2026, 10, 9), reviewer_a, REASON)
    assert event.data == {"due_on": "2026-12-18", "statutory_due": "2026-10-29", "late": False}
    assert app.due_on == expected_due(custom_due=ART35_DUE)
    record = entries_for(app).last()
    assert record is not None and record.user == reviewer_a
    assert record.action == "applications.reasonable_deadline"
    assert ["custom_due_on", "—", "2026-12-18"] in record.data["changes"]
    # Set once.
    with pytest.raises(ActionError, match="不能再次确定"):
        actions.set_reasonable_deadline(
            app, date(2027, 1, 8), REASON, RECEIVED, acting_user=reviewer_a
        )
    # A reply after the statutory date but before the art. 35 date is on time.
    app = actions.reply(
        app, "granted", "条例第三十六条", "公开", date(2026, 12, 1), acting_user=reviewer_a
    )
    assert app.events.get(kind=EventKind.REPLY).data["overdue"] is False


def test_reasonable_deadline_only_by_reviewer_or_admin(
    register: Any, clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any, django_user_model: Any
) -> None:
    from gongkai.apps.orgs.services import add_member

    app = register()
    for user in (clerk_a, clerk_b, supervisor, AnonymousUser()):
        with pytest.raises(ActionPermissionError):
            actions.set_reasonable_deadline(
                app, ART35_DUE, REASON, date(2026, 10, 9), acting_user=user
            )
    app.refresh_from_db()
    assert app.custom_due_on is None and app.version == 1 and app.due_on == DUE
    admin = django_user_model.objects.create_user("admin_a", password="x")
    add_member(admin, dept_a, "admin")
    app = actions.set_reasonable_deadline(
        app, ART35_DUE, REASON, date(2026, 10, 9), acting_user=admin
    )
    assert app.due_on == ART35_DUE


def test_reasonable_deadline_must_be_later_than_the_statutory_one(
    register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    app = register()
    for too_early in (date(2026, 10, 20), DUE):
        with pytest.raises(ActionError, match="应晚于法定答复期限 2026-10-29") as info:
            actions.set_reasonable_deadline(
                app, too_early, REASON, date(2026, 10, 9), acting_user=reviewer_a
            )
        assert "due_on" in info.value.field_errors
    with pytest.raises(ActionError, match="理由"):
        actions.set_reasonable_deadline(
            app, ART35_DUE, "  ", date(2026, 10, 9), acting_user=reviewer_a
        )
    with pytest.raises(ActionError, match="不能早于"):
        actions.set_reasonable_deadline(
            app, ART35_DUE, REASON, date(2026, 9, 1), acting_user=reviewer_a
        )
    # The statutory date counts the extension: later than 10-29 is not enough then.
    app = actions.request_extension(app, 20, "调档", date(2026, 10, 12), acting_user=clerk_a)
    app = actions.approve_extension(app, date(2026, 10, 13), acting_user=reviewer_a)
    extended = expected_due(extension_days=20)
    with pytest.raises(ActionError, match=f"法定答复期限 {extended.isoformat()}"):
        actions.set_reasonable_deadline(
            app, extended, REASON, date(2026, 10, 14), acting_user=reviewer_a
        )
    app.refresh_from_db()
    assert app.custom_due_on is None and app.due_on == extended
    assert not app.events.filter(kind=EventKind.REASONABLE_DEADLINE).exists()


def test_reasonable_deadline_not_while_waiting_for_correction(
    register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    app = register()
    app = actions.request_correction(app, date(2026, 9, 28), "请补充", acting_user=clerk_a)
    with pytest.raises(TransitionError, match="不能确定合理答复期限"):
        actions.set_reasonable_deadline(
            app, ART35_DUE, REASON, date(2026, 10, 9), acting_user=reviewer_a
        )


# -- 经办人 ----------------------------------------------------------------------------------------


def test_reviewer_assigns_a_member_of_the_body(
    register: Any, clerk_a: Any, reviewer_a: Any, dept_a: Any, django_user_model: Any
) -> None:
    from gongkai.apps.orgs.services import add_member

    colleague = django_user_model.objects.create_user("colleague", password="x", first_name="王五")
    add_member(colleague, dept_a, "clerk")
    app = register()
    assert app.handler == clerk_a  # registration makes the registering clerk the handler
    app = actions.assign_handler(app, colleague, "分工调整", acting_user=reviewer_a)
    assert app.handler == colleague and app.version == 2
    event = app.events.get(kind=EventKind.ASSIGN)
    assert event.kind == "applications.assign" and event.by == reviewer_a
    assert event.data == {"handler": colleague.pk, "handler_name": "王五", "previous": clerk_a.pk}
    assert app.due_on == DUE  # the deadline does not depend on who handles the case
    record = entries_for(app).last()
    assert record is not None and record.user == reviewer_a
    assert ["handler", "clerk_a", "colleague"] in record.data["changes"]
    with pytest.raises(ActionError, match="已是本申请的经办人"):
        actions.assign_handler(app, colleague, acting_user=reviewer_a)
    # The assignment (dated today) does not block a reply dated earlier.
    app = actions.reply(
        app, "granted", "条例第三十六条", "公开", date(2026, 10, 9), acting_user=colleague
    )
    assert app.status == Status.REPLIED
    app = actions.assign_handler(app, reviewer_a, acting_user=reviewer_a)
    assert app.handler == reviewer_a


def test_clerk_may_only_take_the_case_themselves(
    register: Any, clerk_a: Any, reviewer_a: Any, dept_a: Any, django_user_model: Any
) -> None:
    from gongkai.apps.orgs.services import add_member

    colleague = django_user_model.objects.create_user("colleague", password="x")
    add_member(colleague, dept_a, "clerk")
    app = register(user=reviewer_a)
    with pytest.raises(ActionPermissionError, match="只能将申请分配给自己"):
        actions.assign_handler(app, colleague, acting_user=clerk_a)
    app = actions.assign_handler(app, clerk_a, acting_user=clerk_a)
    assert app.handler == clerk_a
    assert app.events.get(kind=EventKind.ASSIGN).by == clerk_a


def test_handler_must_be_staff_of_the_body(
    register: Any, reviewer_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any
) -> None:
    from gongkai.apps.orgs.services import add_member

    app = register()
    add_member(supervisor, dept_a, "supervisor")  # reads, never handles
    for outsider in (clerk_b, supervisor):
        with pytest.raises(ActionError, match="不是“某某县教育局”的经办人") as info:
            actions.assign_handler(app, outsider, acting_user=reviewer_a)
        assert "handler" in info.value.field_errors
    for user in (clerk_b, supervisor, AnonymousUser()):
        with pytest.raises(ActionPermissionError):
            actions.assign_handler(app, reviewer_a, acting_user=user)
    app.refresh_from_db()
    assert app.version == 1 and not app.events.filter(kind=EventKind.ASSIGN).exists()
