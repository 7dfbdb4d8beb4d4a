"""网上申请: the public form and status page, staff confirmation (条例第三十一条) and refusal,
access control and the audit trail."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from gongkai.apps.applications.choices import Channel, EventKind
from gongkai.apps.applications.models import Application
from gongkai.apps.online.actions import (
    confirm_online_request,
    lookup_online_request,
    reject_online_request,
    submit_online_request,
)
from gongkai.apps.online.choices import OnlineRequestStatus
from gongkai.apps.online.models import OnlineRequest
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.deadline import Timeline, compute_deadline
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import ActionError, ActionPermissionError

pytestmark = pytest.mark.django_db

ID_NUMBER = "11010119900101123X"
CONTENT = "申请公开 2025 年度本县义务教育学校校舍维修项目的资金使用情况。"


def valid_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "王五",
        "id_type": "id_card",
        "id_number": ID_NUMBER,
        "phone": "0551-12345678",
        "email": "wangwu@example.org",
        "address": "某某县人民路 1 号",
        "postcode": "230000",
        "content": CONTENT,
        "requested_form": "electronic",
        "requested_delivery": "email",
        "website": "",
    }
    data.update(overrides)
    return data


def plain(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def submit(body: Any, **overrides: Any) -> tuple[OnlineRequest, str]:
    fields = valid_data(**overrides)
    fields.pop("website")
    submitted = submit_online_request(body, **fields)
    return submitted.request, submitted.query_code


def backdate(request: OnlineRequest, day: date) -> OnlineRequest:
    moment = timezone.make_aware(datetime(day.year, day.month, day.day, 10, 0))
    OnlineRequest.objects.filter(pk=request.pk).update(submitted_at=moment)
    request.refresh_from_db()
    return request


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


# -- the public form -----------------------------------------------------------------------------


def test_body_list_links_to_the_form(client: Client, dept_a: Any, dept_b: Any) -> None:
    response = client.get("/apply/")
    assert response.status_code == 200
    assert f'href="/apply/{dept_a.pk}/"' in response.content.decode()
    assert "某某县财政局" in plain(response)


def test_submit_shows_the_codes_once_and_the_receipt_rule(client: Client, dept_a: Any) -> None:
    assert client.get(f"/apply/{dept_a.pk}/").status_code == 200
    posted = client.post(f"/apply/{dept_a.pk}/", valid_data())
    assert posted.status_code == 302 and posted["Location"] == "/apply/submitted/"
    response = client.get("/apply/submitted/")
    assert response.status_code == 200
    request = OnlineRequest.objects.get()
    assert request.body == dept_a and request.status == OnlineRequestStatus.PENDING
    assert request.applicant_name == "王五" and request.content == CONTENT
    page = response.content.decode()
    assert request.tracking_code in page and len(request.tracking_code) == 12
    query_code = re.search(r'data-testid="query-code">([^<]+)<', page)
    assert query_code is not None
    # Only the hash is stored, and it is not the code itself.
    assert query_code.group(1) not in request.query_code_hash
    assert lookup_online_request(request.tracking_code, query_code.group(1)) == request
    assert "条例》第三十一条" in plain(response) and "双方确认之日" in plain(response)
    assert "no-store" in response.get("Cache-Control", "")
    # The form page never shows the codes again, nor does a reload of the result page.
    assert request.tracking_code not in client.get(f"/apply/{dept_a.pk}/").content.decode()
    again = client.get("/apply/submitted/")
    assert again.status_code == 302 and again["Location"] == "/apply/status/"
    assert OnlineRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"applicant_name": ""}, "请填写“申请人姓名或名称”。"),
        ({"id_number": ""}, "请填写“证件号码”。"),
        ({"id_type": ""}, "请选择“证件类型”。"),
        ({"content": "  "}, "请填写“所需政府信息的名称、文号或者便于查询的其他特征性描述”。"),
        (
            {"phone": "", "email": "", "address": "", "requested_delivery": ""},
            "请至少填写一种联系方式",
        ),
        ({"email": "not-an-address"}, "“电子邮箱”格式不正确。"),
        ({"id_number": "12345"}, "“证件号码”不是有效的居民身份证号码"),
        ({"applicant_name": "名" * 201}, "“申请人姓名或名称”不能超过 200 个字符。"),
        ({"content": "字" * 5001}, "不能超过 5000 个字符。"),
        ({"applicant_type": "alien"}, "“申请人类型”的选项无效"),
        ({"requested_delivery": "post", "address": ""}, "选择邮寄获取信息时请填写“通信地址”。"),
    ],
)
def test_bad_input_is_refused_with_a_message_naming_the_field(
    client: Client, dept_a: Any, overrides: dict[str, Any], message: str
) -> None:
    response = client.post(f"/apply/{dept_a.pk}/", valid_data(**overrides))
    assert response.status_code == 200
    assert message in plain(response)
    assert not OnlineRequest.objects.exists()


def test_required_fields_are_marked_and_the_phone_field_brings_up_the_number_pad(
    client: Client, dept_a: Any, clerk_a: Any
) -> None:
    """The form says 带 * 的为必填项: each required field's label carries the mark (styled by the
    site stylesheet the page links), the optional ones do not; the phone field is a telephone
    input (type="tel", inputmode="tel"), on the applicant's form as on the staff's."""
    from lxml import html as lxml_html

    page = lxml_html.fromstring(client.get(f"/apply/{dept_a.pk}/").content.decode())
    assert "/static/kernel/gongkai.css" in page.xpath('//link[@rel="stylesheet"]/@href')
    marked = {label.get("for") for label in page.xpath('//label[contains(@class, "gk-required")]')}
    assert marked == {
        "id_applicant_type",
        "id_applicant_name",
        "id_id_type",
        "id_id_number",
        "id_content",
    }
    (phone,) = page.xpath('//input[@name="phone"]')
    assert (phone.get("type"), phone.get("inputmode"), phone.get("autocomplete")) == (
        "tel",
        "tel",
        "tel",
    )
    client.force_login(clerk_a)
    staff = lxml_html.fromstring(client.get("/applications/new/").content.decode())
    (phone,) = staff.xpath('//input[@name="phone"]')
    assert (phone.get("type"), phone.get("inputmode")) == ("tel", "tel")


def test_honeypot_filled_in_stores_nothing(client: Client, dept_a: Any) -> None:
    response = client.post(f"/apply/{dept_a.pk}/", valid_data(website="http://spam.example"))
    assert response.status_code == 200
    assert "提交未成功" in plain(response)
    assert 'data-testid="tracking-code"' not in response.content.decode()
    assert not OnlineRequest.objects.exists()


def test_the_form_needs_the_csrf_token(dept_a: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/apply/{dept_a.pk}/", valid_data()).status_code == 403
    assert not OnlineRequest.objects.exists()


def test_unknown_body_is_404(client: Client, db: Any) -> None:
    assert client.get("/apply/999999/").status_code == 404


# -- the status page -----------------------------------------------------------------------------


def test_status_with_the_right_codes_shows_pending(client: Client, dept_a: Any) -> None:
    request, code = submit(dept_a)
    response = client.post(
        "/apply/status/", {"tracking_code": request.tracking_code.lower(), "query_code": code}
    )
    assert response.status_code == 200
    text = plain(response)
    assert "待确认" in text and "某某县教育局" in text
    # The status page shows the status, not the applicant's personal data.
    assert ID_NUMBER not in text and "王五" not in text


def test_wrong_codes_get_one_generic_message(client: Client, dept_a: Any) -> None:
    request, code = submit(dept_a)
    other, other_code = submit(dept_a, applicant_name="赵六")
    message = "查询编号或查询码不正确，请核对后重新输入。"
    for data in (
        {"tracking_code": request.tracking_code, "query_code": other_code},
        {"tracking_code": "ABCDEFGHJKMN", "query_code": code},
        {"tracking_code": request.tracking_code, "query_code": ""},
        {"tracking_code": "", "query_code": ""},
        {"tracking_code": "x" * 200, "query_code": code},
    ):
        response = client.post("/apply/status/", data)
        assert response.status_code == 200
        text = plain(response)
        assert message in text
        assert "待确认" not in text and "赵六" not in text and "王五" not in text
    assert lookup_online_request(other.tracking_code, code) is None


def test_status_after_confirmation_shows_number_received_and_due(
    client: Client, dept_a: Any, clerk_a: Any
) -> None:
    request, code = submit(dept_a)
    backdate(request, date(2026, 9, 24))
    app = confirm_online_request(request, date(2026, 9, 25), acting_user=clerk_a)
    text = plain(
        client.post("/apply/status/", {"tracking_code": request.tracking_code, "query_code": code})
    )
    assert "已受理" in text
    assert app.number in text and "2026-09-25" in text and "2026-10-29" in text


def test_status_after_refusal_shows_the_reason(client: Client, dept_a: Any, clerk_a: Any) -> None:
    request, code = submit(dept_a, content="广告广告广告")
    reject_online_request(
        request, "提交内容为广告信息，不是政府信息公开申请。", acting_user=clerk_a
    )
    text = plain(
        client.post("/apply/status/", {"tracking_code": request.tracking_code, "query_code": code})
    )
    assert "不予受理" in text and "提交内容为广告信息" in text


# -- staff: confirmation (条例第三十一条) ---------------------------------------------------


def test_confirm_registers_an_online_application_received_on_the_confirmation_day(
    client: Client, dept_a: Any, clerk_a: Any
) -> None:
    request, _code = submit(dept_a)
    backdate(request, date(2026, 9, 24))
    login(client, clerk_a)
    response = client.post(
        f"/applications/online/{request.pk}/actions/confirm/", {"received_on": "2026-09-25"}
    )
    app = Application.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/applications/{app.pk}/"
    assert app.channel == Channel.ONLINE and app.body == dept_a
    assert app.received_on == date(2026, 9, 25)
    # disclosure-law.md §4: the 20th working day after 2026-09-25 (中秋、国庆).
    assert app.due_on == date(2026, 10, 29)
    assert (app.applicant_name, app.id_number, app.email, app.content) == (
        "王五",
        ID_NUMBER,
        "wangwu@example.org",
        CONTENT,
    )
    assert app.requested_delivery == "email" and app.handler == clerk_a
    assert list(app.events.values_list("kind", flat=True)) == [EventKind.REGISTER]
    request.refresh_from_db()
    assert request.status == OnlineRequestStatus.ACCEPTED and request.application == app
    assert request.handled_by == clerk_a and request.confirmed_at is not None


def test_confirm_defaults_to_today(dept_a: Any, clerk_a: Any) -> None:
    request, _code = submit(dept_a)
    app = confirm_online_request(request, acting_user=clerk_a)
    today = timezone.localdate()
    assert app.received_on == today
    assert app.due_on == compute_deadline(Timeline(received=today), load_calendar()).due


def test_confirm_date_not_before_submission_nor_in_the_future(
    client: Client, dept_a: Any, clerk_a: Any
) -> None:
    request, _code = submit(dept_a)
    backdate(request, date(2026, 9, 24))
    login(client, clerk_a)
    url = f"/applications/online/{request.pk}/actions/confirm/"
    response = client.post(url, {"received_on": "2026-09-23"})
    assert response.status_code == 400
    assert "收到申请日期不能早于申请人提交的日期。" in plain(response)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url, {"received_on": tomorrow})
    assert response.status_code == 400 and "晚于今天" in plain(response)
    response = client.post(url, {"received_on": "25/09/2026"})
    assert response.status_code == 400 and "请按“年-月-日”填写“收到申请日期”" in plain(response)
    assert not Application.objects.exists()
    request.refresh_from_db()
    assert request.status == OnlineRequestStatus.PENDING


def test_confirm_twice_is_refused(dept_a: Any, clerk_a: Any) -> None:
    request, _code = submit(dept_a)
    confirm_online_request(request, acting_user=clerk_a)
    with pytest.raises(ActionError, match="已处理"):
        confirm_online_request(request, acting_user=clerk_a)
    with pytest.raises(ActionError, match="已处理"):
        reject_online_request(request, "重复", acting_user=clerk_a)
    assert Application.objects.count() == 1


def test_failed_registration_leaves_the_request_pending(dept_a: Any, clerk_a: Any) -> None:
    """One transaction: a registration refused by the model keeps the request 待确认."""
    request, _code = submit(dept_a)
    OnlineRequest.objects.filter(pk=request.pk).update(applicant_type="unknown")
    request.refresh_from_db()
    with pytest.raises(ActionError):
        confirm_online_request(request, acting_user=clerk_a)
    request.refresh_from_db()
    assert request.status == OnlineRequestStatus.PENDING and request.application is None
    assert not Application.objects.exists()


def test_reject_needs_a_reason(client: Client, dept_a: Any, clerk_a: Any) -> None:
    request, _code = submit(dept_a)
    login(client, clerk_a)
    response = client.post(f"/applications/online/{request.pk}/actions/reject/", {"reason": " "})
    assert response.status_code == 400 and "请填写“不予受理理由”。" in plain(response)
    response = client.post(
        f"/applications/online/{request.pk}/actions/reject/", {"reason": "空白提交，无申请内容。"}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == OnlineRequestStatus.REJECTED
    assert request.reject_reason == "空白提交，无申请内容。" and request.handled_by == clerk_a
    assert not Application.objects.exists()


# -- staff: access ---------------------------------------------------------------------------------


def test_staff_list_shows_pending_requests_of_own_bodies(
    client: Client, dept_a: Any, dept_b: Any, clerk_a: Any
) -> None:
    mine, _code = submit(dept_a)
    theirs, _code2 = submit(dept_b, applicant_name="赵六")
    login(client, clerk_a)
    response = client.get("/applications/online/")
    assert response.status_code == 200
    text = plain(response)
    assert mine.tracking_code in text and "王五" in text
    assert theirs.tracking_code not in text and "赵六" not in text
    detail = client.get(f"/applications/online/{mine.pk}/")
    assert detail.status_code == 200 and ID_NUMBER in plain(detail)
    workbench = client.get("/workbench/")
    assert re.search(r'data-testid="count-online">1<', workbench.content.decode())


def test_other_bodies_staff_and_supervisor_get_404(
    client: Client, dept_a: Any, clerk_b: Any, supervisor: Any
) -> None:
    request, _code = submit(dept_a)
    for user in (clerk_b, supervisor):
        login(client, user)
        assert client.get(f"/applications/online/{request.pk}/").status_code == 404
        response = client.post(
            f"/applications/online/{request.pk}/actions/confirm/",
            {"received_on": timezone.localdate().isoformat()},
        )
        assert response.status_code == 404
        assert (
            client.post(
                f"/applications/online/{request.pk}/actions/reject/", {"reason": "垃圾信息"}
            ).status_code
            == 404
        )
        assert "王五" not in plain(client.get("/applications/online/"))
    with pytest.raises(ActionPermissionError):
        confirm_online_request(request, acting_user=clerk_b)
    request.refresh_from_db()
    assert request.status == OnlineRequestStatus.PENDING


def test_anonymous_cannot_see_the_staff_pages(client: Client, dept_a: Any) -> None:
    request, _code = submit(dept_a)
    for url in ("/applications/online/", f"/applications/online/{request.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = client.post(f"/applications/online/{request.pk}/actions/confirm/", {})
    assert response.status_code == 302
    assert not Application.objects.exists()


# -- audit trail -----------------------------------------------------------------------------------


def test_history_records_submission_and_confirmation(
    client: Client, dept_a: Any, clerk_a: Any
) -> None:
    request, _code = submit(dept_a)
    login(client, clerk_a)
    client.post(
        f"/applications/online/{request.pk}/actions/confirm/",
        {"received_on": timezone.localdate().isoformat()},
    )
    records = list(entries_for(request))
    assert [r.action for r in records] == ["online.submit", "online.confirm"]
    assert records[0].user is None and records[1].user == clerk_a
    assert ["status", "待确认", "已受理"] in records[1].data["changes"]
    # The query code's hash is kept out of the audit trail.
    assert "query_code_hash" not in str([r.data for r in records])
    app = Application.objects.get()
    assert entries_for(app).get().user == clerk_a
    page = plain(client.get(f"/applications/online/{request.pk}/"))
    assert "网上提交" in page and "确认受理" in page and "已受理" in page


def test_admin_lists_online_requests_without_the_query_code(
    client: Client, django_user_model: Any, dept_a: Any
) -> None:
    request, _code = submit(dept_a)
    root = django_user_model.objects.create_superuser("root", "root@example.org", "pw-1")
    client.force_login(root)
    listing = client.get("/admin/online/onlinerequest/")
    assert listing.status_code == 200 and request.tracking_code in listing.content.decode()
    page = client.get(f"/admin/online/onlinerequest/{request.pk}/change/")
    assert page.status_code == 200 and request.query_code_hash not in page.content.decode()


def test_status_checks_are_rate_limited_per_address(
    client: Client, dept_a: Any, settings: Any
) -> None:
    settings.GONGKAI_APPLY_STATUS_LIMIT = (2, 3600)
    request, code = submit(dept_a)
    wrong = {"tracking_code": request.tracking_code, "query_code": "WRONGCODE2"}
    assert client.post("/apply/status/", wrong).status_code == 200
    assert client.post("/apply/status/", wrong).status_code == 200
    blocked = client.post(
        "/apply/status/", {"tracking_code": request.tracking_code, "query_code": code}
    )
    assert blocked.status_code == 429  # even the right code is not looked up now
    assert "查询过于频繁" in plain(blocked) and "待确认" not in plain(blocked)
    other = client.post(
        "/apply/status/",
        {"tracking_code": request.tracking_code, "query_code": code},
        REMOTE_ADDR="10.0.0.9",
    )
    assert other.status_code == 200 and "待确认" in plain(other)
    # Behind a trusted proxy the client is the first X-Forwarded-For address.
    settings.GONGKAI_BEHIND_PROXY = True
    proxied = client.post(
        "/apply/status/", wrong, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert proxied.status_code == 200


def test_submissions_are_rate_limited_per_address(
    client: Client, dept_a: Any, settings: Any
) -> None:
    settings.GONGKAI_APPLY_SUBMIT_LIMIT = (1, 3600)
    assert client.post(f"/apply/{dept_a.pk}/", valid_data()).status_code == 302
    again = client.post(f"/apply/{dept_a.pk}/", valid_data())
    assert again.status_code == 429 and "提交过于频繁" in plain(again)
    assert OnlineRequest.objects.count() == 1
