"""The 依申请公开 staff pages: access control, the case page, actions, registration, the list
filters, the 工作台, optimistic locking and CSRF."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from page_parts import table_rows

from gongkai.apps.applications.actions import (
    Op,
    record_correction,
    reply,
    request_correction,
    request_extension,
)
from gongkai.apps.applications.choices import EventKind, Status
from gongkai.apps.applications.models import Application
from gongkai.apps.orgs.services import add_member
from gongkai.apps.workcal.services import load_calendar
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db

ID_NUMBER = "110101199001011234"
MASKED = "110101********1234"


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def detail_url(app: Application) -> str:
    return f"/applications/{app.pk}/"


def action_url(app: Application, op: Op | str) -> str:
    return f"/applications/{app.pk}/actions/{Op(op).value}/"


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def text(response: Any) -> str:
    return str(response.content.decode())


def plain(response: Any) -> str:
    """The page text without tags and with collapsed white space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response)))


# Valid POST data of every action (dates are today, which every form accepts).
def action_data(app: Application, op: Op) -> dict[str, Any]:
    today = timezone.localdate().isoformat()
    data: dict[Op, dict[str, Any]] = {
        Op.REQUEST_CORRECTION: {"sent_on": today, "note": "请说明所需信息的年份。"},
        Op.RECORD_CORRECTION: {"received_on": today},
        Op.START_CONSULTATION: {"party": "某某公司", "kind": "third_party", "sent_on": today},
        Op.RECORD_CONSULTATION_ANSWER: {"answered_on": today},
        Op.REQUEST_EXTENSION: {"days": 10, "reason": "需要调取档案。", "requested_on": today},
        Op.APPROVE_EXTENSION: {"approved_on": today},
        Op.ISSUE_FEE_NOTICE: {"method": "by_volume", "pages": 500, "notice_on": today},
        Op.RECORD_PAYMENT: {"paid_on": today},
        Op.WAIVE_FEE: {"waived_on": today, "note": "困难群众。"},
        Op.REPLY: {
            "outcome": "granted",
            "legal_basis": "条例第三十六条第（二）项",
            "reply_text": "予以公开。",
            "replied_on": today,
        },
        Op.RECORD_DELIVERY: {"delivered_on": today, "way": "post", "proof": "EMS 1234"},
        Op.ARCHIVE: {"on": today},
        Op.SET_REASONABLE_DEADLINE: {
            "due_on": (timezone.localdate() + timedelta(days=120)).isoformat(),
            "reason": "申请数量明显超过合理范围，理由合理。",
            "notified_on": today,
        },
        Op.ASSIGN_HANDLER: {"handler": app.handler_id or ""},
    }
    return {"version": app.version, **data[op]}


# =============================================================================================
# Access control
# =============================================================================================


@pytest.mark.parametrize(
    "url",
    [
        "/workbench/",
        "/applications/",
        "/applications/new/",
        "/applications/1/",
        "/applications/1/actions/reply/",
        "/applications/1/actions/request_correction/",
    ],
)
def test_anonymous_is_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_anonymous_post_changes_nothing(client: Client, register: Any) -> None:
    app = register(received_on=days_ago(3))
    response = client.post(
        action_url(app, Op.REQUEST_CORRECTION), action_data(app, Op.REQUEST_CORRECTION)
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    app.refresh_from_db()
    assert app.status == Status.REGISTERED and app.version == 1


def test_anonymous_cannot_register(client: Client, dept_a: Any) -> None:
    response = client.post("/applications/new/", {"body": dept_a.pk, "applicant_name": "王五"})
    assert response.status_code == 302
    assert Application.objects.count() == 0


def test_clerk_of_another_body_gets_404_everywhere(
    client: Client, register: Any, clerk_b: Any
) -> None:
    app = register(received_on=days_ago(3))
    login(client, clerk_b)
    assert client.get(detail_url(app)).status_code == 404
    for op in Op:
        assert client.get(action_url(app, op)).status_code == 404, op
        assert client.post(action_url(app, op), action_data(app, op)).status_code == 404, op
    app.refresh_from_db()
    assert app.version == 1
    assert app.events.count() == 1
    # Nor is it listed anywhere.
    assert app.number not in text(client.get("/applications/"))
    assert app.number not in text(client.get("/workbench/"))
    assert f">{app.number}</a>" not in text(client.get("/applications/?q=" + app.number))


def test_unknown_action_is_404(client: Client, register: Any, clerk_a: Any) -> None:
    app = register(received_on=days_ago(3))
    login(client, clerk_a)
    assert client.get(f"/applications/{app.pk}/actions/delete/").status_code == 404
    assert client.get("/applications/999999/").status_code == 404


def test_supervisor_sees_the_subtree_read_only(
    client: Client, register: Any, supervisor: Any, clerk_b: Any, dept_b: Any
) -> None:
    from gongkai.apps.applications.actions import register_application

    app_a = register(received_on=days_ago(3))
    app_b = register_application(
        dept_b,
        channel="online",
        received_on=days_ago(2),
        applicant_type="commercial",
        applicant_name="某某有限公司",
        content="申请公开财政预算。",
        acting_user=clerk_b,
    )
    login(client, supervisor)
    listing = text(client.get("/applications/"))
    assert app_a.applicant_name in listing and app_b.applicant_name in listing

    page = client.get(detail_url(app_a))
    assert page.status_code == 200
    body = text(page)
    assert 'data-testid="read-only"' in body
    assert 'data-testid="operations"' not in body
    assert "data-op=" not in body
    assert MASKED in body and ID_NUMBER not in body
    assert "登记案件" not in body

    for op in Op:
        assert client.get(action_url(app_a, op)).status_code == 403, op
        response = client.post(action_url(app_a, op), action_data(app_a, op))
        assert response.status_code == 403, op
    app_a.refresh_from_db()
    assert app_a.version == 1 and app_a.status == Status.REGISTERED
    assert app_a.events.count() == 1
    assert app_a.extensions.count() == 0 and app_a.fee_notices.count() == 0

    # Registration is for staff of a body only.
    assert client.get("/applications/new/").status_code == 403
    response = client.post(
        "/applications/new/",
        {
            "body": app_a.body_id,
            "channel": "online",
            "received_on": days_ago(1).isoformat(),
            "applicant_type": "natural_person",
            "applicant_name": "王五",
            "content": "x",
        },
    )
    assert response.status_code == 403
    assert Application.objects.count() == 2
    # The navigation shows the staff pages, the list shows no registration button.
    assert "登记申请" not in text(client.get("/applications/"))


def test_user_without_membership_sees_nothing(
    client: Client, register: Any, other_user: Any
) -> None:
    app = register(received_on=days_ago(3))
    login(client, other_user)
    assert client.get(detail_url(app)).status_code == 404
    listing = client.get("/applications/")
    assert listing.status_code == 200
    assert app.number not in text(listing)
    assert client.get("/applications/new/").status_code == 403
    # No staff navigation without a membership.
    assert "工作台" not in text(client.get("/"))


def test_nav_shows_staff_pages_to_members(client: Client, clerk_a: Any) -> None:
    login(client, clerk_a)
    home = text(client.get("/"))
    for label, url in (
        ("工作台", "/workbench/"),
        ("依申请公开", "/applications/"),
        ("复议诉讼", "/cases/"),
    ):
        assert f'href="{url}">{label}' in home


def test_csrf_is_enforced(register: Any, clerk_a: Any) -> None:
    app = register(received_on=days_ago(3))
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk_a)
    op = Op.REQUEST_CORRECTION
    response = client.post(action_url(app, op), action_data(app, op))
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.version == 1
    page = client.get(action_url(app, op))
    assert 'name="csrfmiddlewaretoken"' in text(page)
    response = client.post("/applications/new/", {"applicant_name": "王五"})
    assert response.status_code == 403


# =============================================================================================
# The case page
# =============================================================================================


def test_case_page_shows_header_deadline_trace_timeline_history(
    client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=date(2026, 9, 25))
    login(client, clerk_a)
    response = client.get(detail_url(app))
    assert response.status_code == 200
    body = text(response)
    assert app.number in body
    assert "已登记" in body  # status badge
    assert "自然人" in body
    assert ID_NUMBER in body  # the handler sees the number in full
    assert app.due_on is not None
    assert f'data-testid="due-date">{app.due_on.isoformat()}<' in body
    for line in app.deadline_trace:
        assert line in response.content.decode()
    assert "国庆" in " ".join(app.deadline_trace)  # the holidays explain the date
    assert "登记" in plain(response)  # the registration event
    assert 'data-testid="history"' in body and 'data-action="applications.register"' in body
    # Next actions for a registered application, as buttons.
    ops = set(re.findall(r'data-op="([a-z_]+)"', body))
    assert ops == {
        Op.REQUEST_CORRECTION,
        Op.START_CONSULTATION,
        Op.REQUEST_EXTENSION,
        Op.ISSUE_FEE_NOTICE,
        Op.REPLY,
    }


def test_id_number_masked_for_staff_not_handling_the_case(
    client: Client, register: Any, dept_a: Any, django_user_model: Any
) -> None:
    app = register(received_on=days_ago(3))
    colleague = django_user_model.objects.create_user("colleague", password="x")
    add_member(colleague, dept_a, "clerk")
    login(client, colleague)
    body = text(client.get(detail_url(app)))
    assert MASKED in body and ID_NUMBER not in body


def test_provisional_deadline_is_marked(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    from gongkai.apps.applications.actions import approve_extension

    # Received in late November 2026 and extended by 20 working days: the deadline runs into
    # 2027, a year without an entered schedule.
    app = register(received_on=date(2026, 11, 26))
    app = request_extension(app, 20, "调档。", date(2026, 11, 26), acting_user=clerk_a)
    app = approve_extension(app, date(2026, 11, 26), acting_user=reviewer_a)
    assert app.deadline_provisional and app.due_on is not None and app.due_on.year == 2027
    assert 2027 not in load_calendar().scheduled_years
    login(client, clerk_a)
    body = text(client.get(detail_url(app)))
    assert 'data-testid="provisional"' in body and "临时期限" in body
    assert "2027 年的节假日安排尚未录入" in body


def test_provisional_marker_from_stored_flag(client: Client, register: Any, clerk_a: Any) -> None:
    app = register(received_on=days_ago(3))
    Application.objects.filter(pk=app.pk).update(deadline_provisional=True)
    login(client, clerk_a)
    body = text(client.get(detail_url(app)))
    assert 'data-testid="provisional"' in body
    assert "临时期限" in text(client.get("/applications/"))


def test_action_flow_changes_deadline_and_trace(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    app = register(received_on=days_ago(40))
    login(client, clerk_a)
    first_due = app.due_on

    response = client.post(
        action_url(app, Op.REQUEST_CORRECTION),
        {"version": app.version, "sent_on": days_ago(38).isoformat(), "note": "请补充年份。"},
    )
    assert response.status_code == 302 and response["Location"] == detail_url(app)
    app.refresh_from_db()
    assert app.status == Status.AWAITING_CORRECTION
    page = text(client.get(detail_url(app)))
    assert "待补正" in page and "发出补正告知" in page
    assert set(re.findall(r'data-op="([a-z_]+)"', page)) == {Op.RECORD_CORRECTION, Op.REPLY}

    response = client.post(
        action_url(app, Op.RECORD_CORRECTION),
        {"version": app.version, "received_on": days_ago(30).isoformat()},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.due_on != first_due
    assert any("补正后收到申请" in line for line in app.deadline_trace)
    corrected_due = app.due_on

    response = client.post(
        action_url(app, Op.REQUEST_EXTENSION),
        {
            "version": app.version,
            "days": 15,
            "reason": "需要调档。",
            "requested_on": days_ago(5).isoformat(),
        },
    )
    assert response.status_code == 302
    app.refresh_from_db()
    # The clerk cannot approve: no button, and the URL is refused.
    page = text(client.get(detail_url(app)))
    assert 'data-op="approve_extension"' not in page and "待审核人批准" in page
    assert client.get(action_url(app, Op.APPROVE_EXTENSION)).status_code == 403
    assert (
        client.post(
            action_url(app, Op.APPROVE_EXTENSION), action_data(app, Op.APPROVE_EXTENSION)
        ).status_code
        == 403
    )

    login(client, reviewer_a)
    page = text(client.get(detail_url(app)))
    assert 'data-op="approve_extension"' in page
    assert "待我批准的延期" in text(client.get("/workbench/"))
    response = client.post(
        action_url(app, Op.APPROVE_EXTENSION),
        {"version": app.version, "approved_on": days_ago(4).isoformat()},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.due_on is not None and corrected_due is not None and app.due_on > corrected_due
    assert any("延长 15 个工作日" in line for line in app.deadline_trace)

    login(client, clerk_a)
    response = client.post(action_url(app, Op.REPLY), action_data(app, Op.REPLY))
    assert response.status_code == 302, response.context["form"].errors
    app.refresh_from_db()
    assert app.status == Status.REPLIED and app.outcome == "granted"
    page = text(client.get(detail_url(app)))
    assert "予以公开" in page
    assert set(re.findall(r'data-op="([a-z_]+)"', page)) == {Op.RECORD_DELIVERY, Op.ARCHIVE}
    # The audit trail names who changed what.
    assert "办理状态" in page and "已答复" in page


def test_every_action_form_renders_for_staff(
    client: Client, register: Any, reviewer_a: Any
) -> None:
    app = register(received_on=days_ago(10), user=reviewer_a)
    login(client, reviewer_a)
    for op in (
        Op.REQUEST_CORRECTION,
        Op.START_CONSULTATION,
        Op.REQUEST_EXTENSION,
        Op.ISSUE_FEE_NOTICE,
        Op.REPLY,
    ):
        response = client.get(action_url(app, op))
        assert response.status_code == 200, op
        assert f'name="version" value="{app.version}"' in text(response)


def test_consultation_fee_delivery_archive_through_pages(
    client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=days_ago(20))
    login(client, clerk_a)
    steps = [
        Op.START_CONSULTATION,
        Op.RECORD_CONSULTATION_ANSWER,
        Op.ISSUE_FEE_NOTICE,
        Op.WAIVE_FEE,
        Op.REPLY,
        Op.RECORD_DELIVERY,
        Op.ARCHIVE,
    ]
    for op in steps:
        data = action_data(app, op)
        if op is Op.RECORD_CONSULTATION_ANSWER:
            data["consultation"] = app.consultations.get().pk
        response = client.post(action_url(app, op), data)
        assert response.status_code == 302, (op, response.context["form"].errors)
        app.refresh_from_db()
    assert app.status == Status.ARCHIVED
    page = text(client.get(detail_url(app)))
    assert "已归档" in page and "本申请已办结" in page
    assert "已减免" in page and "某某公司" in page and "EMS 1234" in page


def test_action_not_allowed_in_state_redirects_with_message(
    client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=days_ago(3))
    login(client, clerk_a)
    response = client.get(action_url(app, Op.RECORD_DELIVERY), follow=True)
    assert response.redirect_chain[-1][0] == detail_url(app)
    assert "现在不能登记送达" in plain(response)
    # A forged POST is refused by the transition table, with a Chinese message.
    response = client.post(
        action_url(app, Op.RECORD_DELIVERY), action_data(app, Op.RECORD_DELIVERY)
    )
    assert response.status_code == 400  # refused input: the form again, with its errors
    assert "不能登记送达" in plain(response)
    app.refresh_from_db()
    assert app.status == Status.REGISTERED and app.version == 1


def test_validation_messages_are_chinese(client: Client, register: Any, clerk_a: Any) -> None:
    app = register(received_on=days_ago(10))
    login(client, clerk_a)
    response = client.post(
        action_url(app, Op.REQUEST_EXTENSION), {"version": app.version, "days": 30, "reason": ""}
    )
    assert response.status_code == 400  # refused input: the form again, with its errors
    page = plain(response)
    assert "延长期限应为 1 至 20 个工作日" in page
    assert "请填写延期理由" in page
    assert "请填写申请日期" in page
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        action_url(app, Op.REQUEST_CORRECTION),
        {"version": app.version, "sent_on": tomorrow, "note": "x"},
    )
    assert "晚于今天" in plain(response)
    # A date before receipt comes back from the action as a Chinese sentence.
    response = client.post(
        action_url(app, Op.REQUEST_CORRECTION),
        {"version": app.version, "sent_on": days_ago(30).isoformat(), "note": "x"},
    )
    assert "不能早于收到申请日期" in plain(response)
    response = client.post(
        action_url(app, Op.ISSUE_FEE_NOTICE),
        {"version": app.version, "method": "by_volume", "notice_on": days_ago(1).isoformat()},
    )
    assert "按量计收需要填写页数" in plain(response)
    app.refresh_from_db()
    assert app.version == 1


def test_stale_version_is_refused_with_chinese_message(
    client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=days_ago(10))
    stale_version = app.version
    # Someone else changes the application after the form was opened.
    request_correction(app, days_ago(9), "请补充。", acting_user=clerk_a)
    login(client, clerk_a)
    app.refresh_from_db()
    response = client.post(
        action_url(app, Op.RECORD_CORRECTION),
        {"version": stale_version, "received_on": days_ago(5).isoformat()},
    )
    assert response.status_code == 409  # a concurrent change: nothing saved
    page = plain(response)
    assert "已被他人修改" in page and "请刷新页面后重新操作" in page
    assert "刷新页面" in page
    app.refresh_from_db()
    assert app.status == Status.AWAITING_CORRECTION
    assert not app.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()


# =============================================================================================
# Registration
# =============================================================================================


def registration_data(body: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "body": body.pk,
        "channel": "online",
        "received_on": days_ago(2).isoformat(),
        "number": "",
        "applicant_type": "natural_person",
        "applicant_name": "王五",
        "id_type": "id_card",
        "id_number": ID_NUMBER,
        "phone": "13800000000",
        "email": "",
        "address": "",
        "postcode": "",
        "content": "申请公开本局 2025 年政府采购合同。",
        "requested_form": "electronic",
        "requested_delivery": "email",
    }
    data.update(overrides)
    return data


def test_registration_creates_application_with_deadline(
    client: Client, clerk_a: Any, dept_a: Any
) -> None:
    login(client, clerk_a)
    page = client.get("/applications/new/")
    assert page.status_code == 200 and "登记政府信息公开申请" in text(page)
    response = client.post("/applications/new/", registration_data(dept_a))
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == detail_url(app)
    assert app.body == dept_a and app.handler == clerk_a
    assert re.fullmatch(r"\d{4}-\d{4}", app.number)
    assert app.due_on is not None and app.deadline_trace
    assert app.events.filter(kind=EventKind.REGISTER).count() == 1
    assert entries_for(app).get().user == clerk_a


def test_registration_errors_are_chinese_and_store_nothing(
    client: Client, clerk_a: Any, dept_a: Any, dept_b: Any
) -> None:
    login(client, clerk_a)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        "/applications/new/",
        registration_data(dept_a, applicant_name="", content="", received_on=tomorrow, id_type=""),
    )
    assert response.status_code == 400  # refused input: the form again, with its errors
    page = plain(response)
    assert "请填写申请人姓名或名称" in page
    assert "请填写申请公开的政府信息内容" in page
    assert "晚于今天" in page
    assert "填写了证件号码时请选择证件类型" in page
    # Another body is not a choice.
    response = client.post("/applications/new/", registration_data(dept_b))
    assert "您不能为所选机关登记申请" in plain(response)
    assert Application.objects.count() == 0


def test_registration_duplicate_number_is_a_form_error(
    client: Client, register: Any, clerk_a: Any, dept_a: Any
) -> None:
    app = register(received_on=days_ago(3))
    login(client, clerk_a)
    response = client.post("/applications/new/", registration_data(dept_a, number=app.number))
    assert response.status_code == 400  # refused input: the form again, with its errors
    assert "已存在" in plain(response) or "相同申请编号" in plain(response)
    assert Application.objects.count() == 1


# =============================================================================================
# The list: filters and search
# =============================================================================================


@pytest.fixture
def listed(register: Any, clerk_a: Any, reviewer_a: Any) -> dict[str, Application]:
    old = register(
        received_on=date(2026, 3, 2),
        applicant_name="赵一",
        applicant_type="commercial",
        content="申请公开学校食堂承包合同。",
    )
    old = reply(
        old, "granted", "条例第三十六条", "予以公开。", date(2026, 3, 10), acting_user=clerk_a
    )
    overdue = register(received_on=date(2026, 6, 1), applicant_name="钱二", content="校车采购。")
    mine = register(
        received_on=days_ago(1),
        applicant_name="孙三",
        content="2026 年招生计划。",
        user=reviewer_a,
    )
    return {"old": old, "overdue": overdue, "mine": mine}


def listing(client: Client, query: str) -> str:
    response = client.get("/applications/?" + query)
    assert response.status_code == 200
    return text(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"old", "overdue", "mine"}),
        ("status=replied", {"old"}),
        ("status=registered", {"overdue", "mine"}),
        ("applicant_type=commercial", {"old"}),
        ("outcome=granted", {"old"}),
        ("received_after=2026-05-01", {"overdue", "mine"}),
        ("received_before=2026-05-01", {"old"}),
        ("received_after=2026-05-01&received_before=2026-07-01", {"overdue"}),
        ("overdue=true", {"overdue"}),
        ("overdue=false", {"old", "mine"}),
        ("q=食堂", {"old"}),
        ("q=钱二", {"overdue"}),
        ("q=招生", {"mine"}),
    ],
)
def test_list_filters(
    client: Client, listed: dict[str, Application], clerk_a: Any, query: str, expected: set[str]
) -> None:
    login(client, clerk_a)
    page = listing(client, query)
    for name, app in listed.items():
        assert (f">{app.number}</a>" in page) == (name in expected), (query, name)


def test_list_filter_by_body_handler_and_number(
    client: Client,
    listed: dict[str, Application],
    clerk_a: Any,
    reviewer_a: Any,
    supervisor: Any,
    dept_a: Any,
    dept_b: Any,
) -> None:
    login(client, clerk_a)
    page = listing(client, f"handler={reviewer_a.pk}")
    assert f">{listed['mine'].number}</a>" in page
    assert f">{listed['old'].number}</a>" not in page
    page = listing(client, "q=" + listed["old"].number)
    assert f">{listed['old'].number}</a>" in page and f">{listed['mine'].number}</a>" not in page
    login(client, supervisor)
    assert f">{listed['old'].number}</a>" in listing(client, f"body={dept_a.pk}")
    assert f">{listed['old'].number}</a>" not in listing(client, f"body={dept_b.pk}")


def test_list_invalid_filter_shows_error_not_crash(
    client: Client, listed: dict[str, Application], clerk_a: Any, dept_b: Any
) -> None:
    login(client, clerk_a)
    page = listing(client, "received_after=not-a-date")
    assert "筛选条件有误" in page
    # A body the clerk cannot see is not a valid choice.
    page = listing(client, f"body={dept_b.pk}")
    assert "筛选条件有误" in page
    assert f">{listed['old'].number}</a>" not in page


def test_list_sorts_and_paginates(client: Client, register: Any, clerk_a: Any) -> None:
    for i in range(27):
        register(
            received_on=date(2026, 10, 1) + timedelta(days=i % 20), applicant_name=f"申请人{i:02d}"
        )
    login(client, clerk_a)
    first = listing(client, "")
    assert "共 27 件申请" in first and "第 1 / 2 页" in first
    assert len(table_rows(first)) == 25
    second = listing(client, "page=2")
    assert [row[2] for row in table_rows(second)] == ["申请人00", "申请人20"]
    ascending = listing(client, "sort=received_on")
    assert "2026-10-01" in ascending.split("</thead>")[1][:2000]


def test_list_query_count_does_not_grow_with_rows(
    client: Client, register: Any, clerk_a: Any, django_assert_max_num_queries: Any
) -> None:
    for i in range(20):
        register(received_on=date(2026, 10, 1) + timedelta(days=i), applicant_name=f"申请人{i:02d}")
    login(client, clerk_a)
    client.get("/applications/")  # warm the calendar cache
    with django_assert_max_num_queries(20):
        client.get("/applications/")


# =============================================================================================
# 工作台
# =============================================================================================


def test_workbench_sections_and_counts(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any, clerk_b: Any, dept_b: Any
) -> None:
    from gongkai.apps.applications.actions import register_application

    today = timezone.localdate()
    calendar = load_calendar()
    overdue = register(received_on=date(2026, 6, 1), applicant_name="超期人")
    soon = register(received_on=days_ago(1), applicant_name="将到期人")
    Application.objects.filter(pk=soon.pk).update(due_on=calendar.nth_working_day_after(today, 2))
    waiting = register(received_on=days_ago(5), applicant_name="补正人")
    request_correction(waiting, days_ago(4), "请补充。", acting_user=clerk_a)
    later = register(received_on=days_ago(1), applicant_name="从容人", user=reviewer_a)
    other = register_application(
        dept_b,
        channel="online",
        received_on=date(2026, 6, 1),
        applicant_type="natural_person",
        applicant_name="别局人",
        content="x",
        acting_user=clerk_b,
    )
    login(client, clerk_a)
    response = client.get("/workbench/")
    assert response.status_code == 200
    page = text(response)

    def section(name: str) -> str:
        start = page.index(f'data-testid="section-{name}"')
        return page[start : page.index("</section>", start)]

    assert overdue.number in section("overdue") and soon.number not in section("overdue")
    assert soon.number in section("due-soon") and overdue.number not in section("due-soon")
    assert later.number not in section("due-soon")
    assert waiting.number in section("correction")
    assert waiting.number not in section("overdue")
    assert other.applicant_name not in page
    assert "已超期" in section("overdue")
    assert 'data-testid="count-overdue">1<' in page
    assert 'data-testid="count-correction">1<' in page
    # The days remaining are computed today.
    assert "剩余 2 个工作日" in section("due-soon")
    by_clerk = section("by-clerk")
    assert "clerk_a" in by_clerk and "reviewer_a" in by_clerk
    # Every item links to its case page.
    assert f'href="/applications/{overdue.pk}/"' in section("overdue")


def test_workbench_counts_clerks_and_extension_queue(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    app = register(received_on=days_ago(5))
    request_extension(app, 10, "调档。", days_ago(1), acting_user=clerk_a)
    login(client, clerk_a)
    assert "待我批准的延期" not in text(client.get("/workbench/"))
    login(client, reviewer_a)
    page = text(client.get("/workbench/"))
    assert "待我批准的延期" in page and app.number in page


def test_workbench_waiting_correction_is_not_overdue(
    client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=date(2026, 6, 1))
    request_correction(app, date(2026, 6, 2), "请补充。", acting_user=clerk_a)
    login(client, clerk_a)
    page = text(client.get("/workbench/"))
    assert 'data-testid="count-overdue">0<' in page
    assert "待补正，收到补正后重新计算" in page
    record_correction(Application.objects.get(pk=app.pk), date(2026, 6, 3), acting_user=clerk_a)
    assert 'data-testid="count-overdue">1<' in text(client.get("/workbench/"))


# =============================================================================================
# 合理答复期限 (条例第三十五条), 经办人, 提醒
# =============================================================================================


def ops_on(page: str) -> set[str]:
    return set(re.findall(r'data-op="([a-z_]+)"', page))


def test_reasonable_deadline_button_and_form_for_reviewer_only(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    app = register(received_on=days_ago(3))
    statutory = app.due_on
    assert statutory is not None
    op = Op.SET_REASONABLE_DEADLINE
    login(client, clerk_a)
    assert op not in ops_on(text(client.get(detail_url(app))))
    assert client.get(action_url(app, op)).status_code == 403
    assert client.post(action_url(app, op), action_data(app, op)).status_code == 403

    login(client, reviewer_a)
    assert op in ops_on(text(client.get(detail_url(app))))
    form = text(client.get(action_url(app, op)))
    assert "条例第三十五条" in form and f"法定答复期限为 {statutory.isoformat()}" in form
    # Not later than the statutory date: a Chinese error on the field, nothing stored.
    data = {**action_data(app, op), "due_on": statutory.isoformat()}
    response = client.post(action_url(app, op), data)
    assert response.status_code == 400  # refused input: the form again, with its errors
    assert "应晚于法定答复期限" in str(response.context["form"].errors["due_on"])
    app.refresh_from_db()
    assert app.custom_due_on is None and app.version == 1

    response = client.post(action_url(app, op), action_data(app, op))
    assert response.status_code == 302 and response["Location"] == detail_url(app)
    app.refresh_from_db()
    new_due = timezone.localdate() + timedelta(days=120)
    assert app.custom_due_on == new_due and app.due_on == new_due
    page = text(client.get(detail_url(app)))
    assert f'data-testid="due-date">{new_due.isoformat()}<' in page
    assert (
        f"依条例第三十五条确定的合理答复期限：{new_due.isoformat()}（已告知申请人），以此为准"
        in page
    )
    assert "确定合理答复期限" in page  # the timeline event
    assert f"合理答复期限：{new_due.isoformat()}" in page
    assert op not in ops_on(page)  # set once


def test_new_actions_refused_to_supervisor_and_hidden_from_other_bodies(
    client: Client, register: Any, supervisor: Any, clerk_b: Any
) -> None:
    app = register(received_on=days_ago(3))
    for op in (Op.SET_REASONABLE_DEADLINE, Op.ASSIGN_HANDLER):
        login(client, supervisor)
        assert client.get(action_url(app, op)).status_code == 403
        assert client.post(action_url(app, op), action_data(app, op)).status_code == 403
        login(client, clerk_b)
        assert client.get(action_url(app, op)).status_code == 404
        assert client.post(action_url(app, op), action_data(app, op)).status_code == 404
    app.refresh_from_db()
    assert app.version == 1 and app.custom_due_on is None and app.events.count() == 1


def test_assign_handler_by_reviewer_and_clerk_taking_it(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any, dept_a: Any,
    django_user_model: Any,
) -> None:  # fmt: skip
    colleague = django_user_model.objects.create_user("colleague", password="x", first_name="王五")
    add_member(colleague, dept_a, "clerk")
    app = register(received_on=days_ago(3))
    op = Op.ASSIGN_HANDLER
    # The handler (a clerk) has nothing to assign.
    login(client, clerk_a)
    assert op not in ops_on(text(client.get(detail_url(app))))

    # A reviewer may choose anyone of the body.
    login(client, reviewer_a)
    assert op in ops_on(text(client.get(detail_url(app))))
    form = client.get(action_url(app, op))
    choices = {str(u) for u in form.context["form"].fields["handler"].queryset}
    assert choices == {"clerk_a", "reviewer_a", "colleague"}
    response = client.post(action_url(app, op), {"version": app.version, "handler": colleague.pk})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.handler == colleague
    page = text(client.get(detail_url(app)))
    assert "指定经办人" in page and "经办人：王五" in page

    # A clerk who does not handle the case may only take it.
    login(client, clerk_a)
    assert op in ops_on(text(client.get(detail_url(app))))
    form = client.get(action_url(app, op))
    assert [u.pk for u in form.context["form"].fields["handler"].queryset] == [clerk_a.pk]
    response = client.post(action_url(app, op), {"version": app.version, "handler": reviewer_a.pk})
    assert response.status_code == 400  # refused input: the form again, with its errors
    assert "所选人员不能办理本申请" in str(response.context["form"].errors["handler"])
    app.refresh_from_db()
    assert app.handler == colleague
    response = client.post(action_url(app, op), {"version": app.version, "handler": clerk_a.pk})
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.handler == clerk_a
    assert app.events.filter(kind=EventKind.ASSIGN).count() == 2


def test_workbench_lists_recent_reminders(
    client: Client, register: Any, clerk_a: Any, clerk_b: Any, dept_b: Any
) -> None:
    from gongkai.apps.applications.actions import register_application
    from gongkai.apps.applications.models import Reminder

    today = timezone.localdate()
    soon = register(received_on=days_ago(15), applicant_name="将到期人")
    late = register(received_on=days_ago(60), applicant_name="超期人")
    old = register(received_on=days_ago(90), applicant_name="旧提醒人")
    other = register_application(
        dept_b,
        channel="online",
        received_on=days_ago(60),
        applicant_type="natural_person",
        applicant_name="别局人",
        content="x",
        acting_user=clerk_b,
    )
    Reminder.objects.create(
        application=soon,
        kind="due_soon",
        due_on=today + timedelta(days=3),
        sent_on=today,
        emailed=True,
        recipients="clerk_a@example.org",
    )
    Reminder.objects.create(
        application=late, kind="overdue", due_on=days_ago(5), sent_on=days_ago(4)
    )
    Reminder.objects.create(
        application=old, kind="overdue", due_on=days_ago(50), sent_on=days_ago(45)
    )
    Reminder.objects.create(application=other, kind="overdue", due_on=days_ago(5), sent_on=today)
    login(client, clerk_a)
    page = text(client.get("/workbench/"))
    start = page.index('data-testid="section-reminders"')
    section = page[start : page.index("</section>", start)]
    assert "提醒" in section
    assert 'data-testid="count-reminders">2<' in section
    rows = re.findall(r'<tr[^>]*data-testid="reminder"[^>]*>(.*?)</tr>', section, re.S)
    assert len(rows) == 2
    first, second = (re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)).split() for r in rows)
    assert first == [
        today.isoformat(),
        soon.number,
        "即将到期",
        (today + timedelta(days=3)).isoformat(),
        "是",
    ]
    assert second == [days_ago(4).isoformat(), late.number, "已超期", days_ago(5).isoformat(), "否"]
    assert f'href="/applications/{soon.pk}/"' in section
    assert old.number not in section  # older than 30 days
    assert other.applicant_name not in page and f"/applications/{other.pk}/" not in section


def test_workbench_reminders_from_the_daily_run(
    client: Client, register: Any, clerk_a: Any
) -> None:
    from gongkai.apps.applications.actions import due_reminders

    app = register(received_on=date(2026, 6, 1))
    created = due_reminders()
    assert [r.application_id for r in created] == [app.pk]
    login(client, clerk_a)
    page = text(client.get("/workbench/"))
    start = page.index('data-testid="section-reminders"')
    section = page[start : page.index("</section>", start)]
    assert app.number in section and "已超期" in section
    assert "近期没有期限提醒" not in section
