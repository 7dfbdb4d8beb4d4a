"""What the applicant is told (issue 10, findings 1, 2, 3 and 10): the 补正期限 given with the
notice and the automatic close it leads to (one function for the daily run, the case page and
the status page), the late 补正 notice (warning, reason), the outbox of notifications (sent
after the commit, a refused SMTP connection leaves a failed row that is retried), the status
page's steps, the receipt and the paper form."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from gongkai.apps.applications import actions
from gongkai.apps.applications.actions import Op
from gongkai.apps.applications.choices import EventKind, NotificationStatus, Status
from gongkai.apps.applications.models import Application, Notification
from gongkai.apps.applications.notifications import retry_delay, send_due
from gongkai.apps.applications.services import applicant_steps, pending_lapse
from gongkai.apps.online.actions import confirm_online_request, submit_online_request

pytestmark = pytest.mark.django_db

# November 2026 has no holiday: the working days are Monday to Friday.
RECEIVED = date(2026, 11, 2)  # a Monday; the 补正 notice is due on the 7th working day after
NOTICE_DUE = date(2026, 11, 11)
SENT = date(2026, 11, 4)


def plain(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def frozen() -> Iterator[Any]:
    with time_machine.travel(datetime(2026, 11, 16, 10, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def refused_port() -> int:
    """A local port nothing listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp_refused(settings: Any, refused_port: int) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = refused_port
    settings.EMAIL_TIMEOUT = 2


def with_email(app: Application) -> Application:
    """``app`` with an e-mail address given after its registration (nothing queued yet)."""
    Application.objects.filter(pk=app.pk).update(email="lisi@example.org")
    app.refresh_from_db()
    return app


# ---------------------------------------------------------------------------------------------
# The 补正期限 and the automatic close: one reading
# ---------------------------------------------------------------------------------------------


def test_the_period_given_with_the_notice_decides_the_close(
    frozen: Any, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=RECEIVED)
    app = actions.request_correction(app, SENT, "请写明年份。", period_days=5, acting_user=clerk_a)
    event = app.events.get(kind=EventKind.CORRECTION_REQUESTED)
    assert event.data["period_days"] == 5
    lapse = pending_lapse(app)
    assert lapse is not None
    assert (lapse.period_end, lapse.on) == (date(2026, 11, 11), date(2026, 11, 12))
    # The daily run reads the same date: not the day before, on the day.
    assert actions.run_daily_lapses(date(2026, 11, 11)) == []
    [lapsed] = actions.run_daily_lapses(date(2026, 11, 12))
    assert lapsed.pk == app.pk and lapsed.status == Status.REPLIED
    assert lapsed.replied_on == date(2026, 11, 12) and lapsed.outcome == "other.no_correction"


def test_without_a_period_the_body_default_applies(
    frozen: Any, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=RECEIVED)
    app = actions.request_correction(app, SENT, "请写明年份。", acting_user=clerk_a)
    lapse = pending_lapse(app)
    assert lapse is not None and app.body.correction_period_working_days == 15
    assert (lapse.period_end, lapse.on) == (date(2026, 11, 25), date(2026, 11, 26))
    assert actions.run_daily_lapses(date(2026, 11, 25)) == []


def test_case_page_shows_the_coming_close(
    frozen: Any, client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=RECEIVED)
    actions.request_correction(app, SENT, "请写明年份。", period_days=5, acting_user=clerk_a)
    client.force_login(clerk_a)
    page = plain(client.get(f"/applications/{app.pk}/"))
    assert "补正期限：2026-11-11" in page
    assert "系统将于 2026-11-12 自动视为放弃申请并办结" in page


# ---------------------------------------------------------------------------------------------
# A late 补正 notice (条例第三十条: 7 working days)
# ---------------------------------------------------------------------------------------------


def test_late_notice_form_warns_and_requires_a_reason(
    frozen: Any, client: Client, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=RECEIVED)
    assert app.correction_notice_due_on == NOTICE_DUE
    client.force_login(clerk_a)
    url = f"/applications/{app.pk}/actions/{Op.REQUEST_CORRECTION.value}/"
    page = plain(client.get(url))
    assert "补正告知期限为 2026-11-11" in page and "今天已超过该期限" in page
    assert 'name="period_days"' in client.get(url).content.decode()

    posted = {"version": app.version, "sent_on": "2026-11-16", "note": "请写明年份。"}
    refused = client.post(url, {**posted, "period_days": "10"})
    assert refused.status_code == 400
    text = plain(refused)
    assert "告知日期 2026-11-16 晚于补正告知期限 2026-11-11，请填写超过期限的原因。" in text
    assert "今天已超过该期限" in text  # the warning stays on the re-displayed form
    assert not app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists()

    done = client.post(
        url, {**posted, "period_days": "10", "late_reason": "申请材料转交延误。"}, follow=True
    )
    assert done.redirect_chain == [(f"/applications/{app.pk}/", 302)]
    page = plain(done)
    # Accepted, with a warning (not only a green message), and the case page's record says it.
    assert "补正告知日期 2026-11-16 晚于补正告知期限 2026-11-11（条例第三十条）" in page
    assert "alert-warning" in done.content.decode()
    assert "补正期限：10 个工作日" in page and "超过期限的原因：申请材料转交延误。" in page
    event = app.events.get(kind=EventKind.CORRECTION_REQUESTED)
    assert event.data == {"late": True, "period_days": 10, "late_reason": "申请材料转交延误。"}
    app.refresh_from_db()
    lapse = pending_lapse(app)
    assert lapse is not None and lapse.period_end == date(2026, 11, 30)


def test_timely_notice_form_has_no_reason_field(
    client: Client, register: Any, clerk_a: Any
) -> None:
    with time_machine.travel(datetime(2026, 11, 5, 10, 0), tick=False):
        app = register(received_on=RECEIVED)
        client.force_login(clerk_a)
        url = f"/applications/{app.pk}/actions/{Op.REQUEST_CORRECTION.value}/"
        html = client.get(url).content.decode()
        assert 'name="late_reason"' not in html and "今天已超过该期限" not in html
        # The body's period is proposed.
        assert re.search(r'name="period_days"[^>]*value="15"', html)


# ---------------------------------------------------------------------------------------------
# The outbox
# ---------------------------------------------------------------------------------------------


def test_each_step_is_mailed_after_commit(
    frozen: Any,
    register: Any,
    clerk_a: Any,
    reviewer_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        app = register(received_on=RECEIVED, email="lisi@example.org")
    [received] = mail.outbox
    assert "申请已受理" in received.subject and "当前答复期限：2026-11-30" in received.body
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        app = actions.request_correction(app, SENT, "请写明年份。", acting_user=clerk_a)
    assert len(callbacks) == 1
    message = mail.outbox[1]
    assert message.to == ["lisi@example.org"]
    assert "请补正申请" in message.subject and app.number in message.subject
    assert "需要补正的事项：请写明年份。" in message.body
    assert "请于 2026-11-25 前（含当日）提交补正" in message.body
    row = Notification.objects.get(kind=EventKind.CORRECTION_REQUESTED)
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 1)
    # The corrected application: the new due date. The extension request is a staff step:
    # only its approval is mailed.
    with django_capture_on_commit_callbacks(execute=True):
        app = actions.record_correction(app, date(2026, 11, 6), "内部备注", acting_user=clerk_a)
        app = actions.request_extension(
            app, 10, "需要调取档案。", date(2026, 11, 6), acting_user=clerk_a
        )
    assert len(mail.outbox) == 3
    assert "已收到补正" in mail.outbox[2].subject
    assert "当前答复期限：2026-12-04" in mail.outbox[2].body  # 20 working days after 11-06
    assert "内部备注" not in mail.outbox[2].body
    with django_capture_on_commit_callbacks(execute=True):
        app = actions.approve_extension(app, date(2026, 11, 9), acting_user=reviewer_a)
    assert len(mail.outbox) == 4
    assert "延期理由：需要调取档案。" in mail.outbox[3].body
    assert f"延长后的答复期限：{app.due_on.isoformat()}" in mail.outbox[3].body


def test_automatic_close_is_mailed(
    frozen: Any, register: Any, clerk_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    app = with_email(register(received_on=RECEIVED))
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_correction(app, SENT, "请写明年份。", period_days=5, acting_user=clerk_a)
    with django_capture_on_commit_callbacks(execute=True):
        actions.run_daily_lapses(date(2026, 11, 12))
    closed = mail.outbox[-1]
    assert "视为放弃申请" in closed.subject
    assert "办理结果：" in closed.body and "2026-11-12" in closed.body
    assert Notification.objects.filter(kind=EventKind.LAPSE, status="sent").count() == 1


class RecordingSms:
    """A test double of an SMS gateway (GONGKAI_SMS_SENDER names it): records what it sends."""

    sent: list[tuple[str, str, str]] = []

    def send(self, recipient: str, subject: str, body: str) -> None:
        RecordingSms.sent.append((recipient, subject, body))


def test_sms_is_plugged_in_by_a_setting(
    frozen: Any, settings: Any, register: Any, clerk_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    app = register(received_on=RECEIVED, phone="13900000000")
    assert not Notification.objects.exists()  # no e-mail address, no SMS sender: nothing
    settings.GONGKAI_SMS_SENDER = f"{__name__}.RecordingSms"
    RecordingSms.sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.request_correction(app, SENT, "请写明年份。", acting_user=clerk_a)
    [(recipient, subject, body)] = RecordingSms.sent
    assert recipient == "13900000000" and "请补正申请" in subject and "请写明年份。" in body
    row = Notification.objects.get()
    assert (row.channel, row.status) == ("sms", NotificationStatus.SENT)
    assert mail.outbox == []


def test_no_address_no_notification(frozen: Any, register: Any, clerk_a: Any) -> None:
    app = register(received_on=RECEIVED)
    actions.request_correction(app, SENT, "请写明年份。", acting_user=clerk_a)
    assert not Notification.objects.exists()


def test_refused_smtp_leaves_a_failed_row_then_the_retry_sends(
    frozen: Any,
    smtp_refused: None,
    settings: Any,
    register: Any,
    clerk_a: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    app = with_email(register(received_on=RECEIVED))
    with django_capture_on_commit_callbacks(execute=True):
        app = actions.request_correction(app, SENT, "请写明年份。", acting_user=clerk_a)
    # The step is saved; the message waits in the outbox with the error.
    assert app.status == Status.AWAITING_CORRECTION
    row = Notification.objects.get()
    assert row.status == NotificationStatus.FAILED and row.attempts == 1
    assert "ConnectionRefusedError" in row.last_error
    assert row.next_attempt_at == timezone.now() + retry_delay(1)

    # Before the backoff is over nothing is tried; the server still down: a second failure.
    assert send_due() == (0, 0)
    assert send_due(timezone.now() + timedelta(minutes=5)) == (0, 1)
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at > timezone.now() + timedelta(minutes=10)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due(timezone.now() + timedelta(hours=1)) == (1, 0)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.last_error) == (NotificationStatus.SENT, 3, "")
    assert [m.to for m in mail.outbox] == [["lisi@example.org"]]
    assert send_due(timezone.now() + timedelta(days=1)) == (0, 0)  # sent once only


@pytest.mark.django_db(transaction=True)
def test_refused_smtp_never_reaches_the_clerk_request(
    frozen: Any, smtp_refused: None, client: Client, register: Any, clerk_a: Any
) -> None:
    """A real commit (transactional test): the delivery runs after it, inside the request;
    the clerk gets the step done and a warning naming the failure, never an error page."""
    app = with_email(register(received_on=RECEIVED))
    client.force_login(clerk_a)
    url = f"/applications/{app.pk}/actions/{Op.REQUEST_CORRECTION.value}/"
    response = client.post(
        url,
        {"version": app.version, "sent_on": SENT.isoformat(), "note": "请写明年份。"},
        follow=True,
    )
    assert response.status_code == 200
    row = Notification.objects.get(application=app)
    assert row.status == NotificationStatus.FAILED and row.attempts == 1
    page = plain(response)
    assert "已发出补正告知" in page
    assert "通知申请人的电子邮件未能发出（ConnectionRefusedError" in page
    assert "系统将自动重试" in page
    section = page[page.index("通知申请人 全部通知") :]
    assert "发送失败" in section and "ConnectionRefusedError" in section


# ---------------------------------------------------------------------------------------------
# The status page, the receipt, the paper form
# ---------------------------------------------------------------------------------------------


def _online(dept_a: Any, clerk_a: Any) -> tuple[Any, str, Any]:
    submitted = submit_online_request(
        dept_a,
        applicant_type="natural_person",
        applicant_name="王五",
        id_type="id_card",
        id_number="11010119900101123X",
        email="wangwu@example.org",
        content="申请公开校舍维修资金。",
    )
    app = confirm_online_request(submitted.request, RECEIVED, acting_user=clerk_a)
    return submitted.request, submitted.query_code, app


def _status(client: Client, tracking: str, query: str) -> str:
    return plain(client.post("/apply/status/", {"tracking_code": tracking, "query_code": query}))


def test_status_page_shows_the_applicant_steps_and_no_staff_note(
    frozen: Any, client: Client, dept_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    frozen.move_to(datetime(2026, 11, 2, 9, 0))
    request, query, app = _online(dept_a, clerk_a)
    frozen.move_to(datetime(2026, 11, 16, 10, 0))
    app = actions.request_correction(app, SENT, "请写明年份。", period_days=5, acting_user=clerk_a)
    page = _status(client, request.tracking_code, query)
    assert "请补正申请" in page and "需要补正的事项：请写明年份。" in page
    assert "请于 2026-11-11 前（含当日）提交补正" in page
    assert "本申请将于 2026-11-12 视为放弃申请并办结" in page
    assert "暂停计算" in page

    app = actions.record_correction(
        app, date(2026, 11, 9), "内部：电话催过两次", acting_user=clerk_a
    )
    app = actions.request_extension(
        app, 5, "需要调取档案。", date(2026, 11, 10), acting_user=clerk_a
    )
    page = _status(client, request.tracking_code, query)
    assert "已收到补正" in page and "内部：电话催过两次" not in page
    assert "答复期限延长" not in page  # requested, not yet approved
    app = actions.approve_extension(app, date(2026, 11, 11), "同意", acting_user=reviewer_a)
    page = _status(client, request.tracking_code, query)
    assert "延期理由：需要调取档案。" in page
    assert f"延长后的答复期限：{app.due_on.isoformat()}" in page
    assert "本申请将于" not in page  # no longer waiting: no close announced

    app = actions.reply(
        app,
        "granted",
        "条例第三十六条第（二）项",
        "予以公开。",
        date(2026, 11, 12),
        acting_user=clerk_a,
    )
    app = actions.record_delivery(app, date(2026, 11, 13), "email", "发送回执", acting_user=clerk_a)
    page = _status(client, request.tracking_code, query)
    assert "办理结果：予以公开" in page and "已于 2026-11-12 答复" in page
    assert "答复已送达" in page and "送达方式：电子邮件" in page
    assert "发送回执" not in page
    kinds = [step.kind for step in applicant_steps(app)]
    assert kinds == [
        EventKind.REGISTER,
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTION_RECEIVED,
        EventKind.EXTENSION_APPROVED,
        EventKind.REPLY,
        EventKind.DELIVERY,
    ]


def test_receipt_links_the_status_page_with_the_tracking_code_only(
    client: Client, dept_a: Any
) -> None:
    response = client.post(
        f"/apply/{dept_a.pk}/",
        {
            "applicant_type": "natural_person",
            "applicant_name": "王五",
            "id_type": "id_card",
            "id_number": "11010119900101123X",
            "email": "wangwu@example.org",
            "content": "申请公开校舍维修资金。",
            "website": "",
        },
    )
    assert response.status_code == 302
    html = client.get("/apply/submitted/").content.decode()
    tracking = re.search(r'data-testid="tracking-code">(\w+)<', html)
    query = re.search(r'data-testid="query-code">(\w+)<', html)
    assert tracking and query
    link = re.search(r'href="([^"]+)" data-testid="status-link"', html)
    assert link and link.group(1) == f"/apply/status/?code={tracking.group(1)}"
    assert query.group(1) not in link.group(1)
    assert 'data-copy="gk-tracking-code"' in html and "<script>" not in html
    assert "online/receipt.js" in html and "online/online.css" in html
    status = client.get(link.group(1)).content.decode()
    assert re.search(rf'name="tracking_code"[^>]*value="{tracking.group(1)}"', status)
    # An odd code pre-fills nothing.
    assert 'value="' + "<" not in client.get("/apply/status/?code=<x>").content.decode()


def test_paper_form_per_body(client: Client, dept_a: Any) -> None:
    dept_a.office_address = "某某县人民路 8 号"
    dept_a.office_postcode = "230001"
    dept_a.save()
    page = plain(client.get(f"/apply/{dept_a.pk}/paper/"))
    assert "政府信息公开申请表" in page and "受理机关：某某县教育局" in page
    for label in ("证件号码", "联系电话", "通信地址", "所需政府信息的名称、文号", "获取信息的方式"):
        assert label in page
    assert "某某县人民路 8 号" in page and "230001" in page
    assert client.get("/apply/999999/paper/").status_code == 404
