"""The 信箱来信 / 建议提案 pages: lists with the year's summary, registering, correcting,
登记答复, 公开答复, access control (other bodies 404, 上级 403), CSRF, the audit trail."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from page_parts import table_rows

from gongkai.apps.engagement.actions import (
    publish_reply,
    record_message,
    record_proposal,
    record_reply,
)
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(clerk_a: Any, dept_a: Any) -> MailboxMessage:
    return record_message(
        dept_a,
        mailbox="县长信箱",
        received_on=date(2026, 3, 2),
        subject="学校门口交通拥堵",
        content="每天放学时段拥堵严重。",
        acting_user=clerk_a,
    )


@pytest.fixture
def proposal(clerk_a: Any, dept_a: Any) -> Proposal:
    return record_proposal(
        dept_a,
        kind="npc_suggestion",
        number="第 12 号",
        title="关于增加农村学校校车的建议",
        proposer="王五",
        assigned_on=date(2026, 4, 1),
        acting_user=clerk_a,
    )


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


URLS = [
    "/engagement/mailbox/",
    "/engagement/mailbox/new/",
    "/engagement/mailbox/1/",
    "/engagement/mailbox/1/edit/",
    "/engagement/proposals/",
    "/engagement/proposals/new/",
    "/engagement/proposals/1/",
    "/engagement/proposals/1/edit/",
]


@pytest.mark.parametrize("url", URLS)
def test_anonymous_is_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def _trail(page: str) -> dict[str, str]:
    """The rows of the page's audit trail: action name → the row's text."""
    return {
        action: re.sub(r"<[^>]+>", " ", row)
        for action, row in re.findall(r'<tr data-action="([^"]+)">(.*?)</tr>', page, re.S)
    }


def test_nav_and_index(client: Client, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    page = _page(client, "/engagement/")  # the first register: 信箱来信
    assert 'data-testid="engagement-summary"' in page and "没有符合条件的来信" in page
    page = _page(client, "/engagement/mailbox/")
    assert 'href="/engagement/"' in page and "信箱与建议提案" in page


def test_register_a_message_reply_and_publish(client: Client, clerk_a: Any, dept_a: Any) -> None:
    client.force_login(clerk_a)
    page = _page(client, "/engagement/mailbox/new/")
    assert "csrfmiddlewaretoken" in page and "县长信箱" in page
    response = client.post(
        "/engagement/mailbox/new/",
        {
            "body": dept_a.pk,
            "mailbox": "局长信箱",
            "received_on": "2026-05-06",
            "subject": "食堂价格",
            "content": "希望公开食堂价格。",
        },
    )
    message = MailboxMessage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/engagement/mailbox/{message.pk}/"
    assert (message.body, message.mailbox, message.subject) == (dept_a, "局长信箱", "食堂价格")

    page = _page(client, f"/engagement/mailbox/{message.pk}/")
    assert "登记答复" in page and "公开日期" in page and "未答复" in page
    assert f'action="/engagement/mailbox/{message.pk}/reply/"' in page
    assert f'action="/engagement/mailbox/{message.pk}/publish/"' not in page

    response = client.post(
        f"/engagement/mailbox/{message.pk}/reply/",
        {"replied_on": "2026-05-10", "reply": "已公示价格。", "version": message.version},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.replied_on, message.reply) == (date(2026, 5, 10), "已公示价格。")
    page = _page(client, f"/engagement/mailbox/{message.pk}/")
    assert "已公示价格。" in page and f'action="/engagement/mailbox/{message.pk}/publish/"' in page
    assert f'action="/engagement/mailbox/{message.pk}/reply/"' not in page

    response = client.post(
        f"/engagement/mailbox/{message.pk}/publish/",
        {"published_on": "2026-05-12", "version": message.version},
    )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.published_on == date(2026, 5, 12)
    page = _page(client, f"/engagement/mailbox/{message.pk}/")
    assert "已公开" in page and "/publish/" not in page

    entries = list(entries_for(message))
    assert [e.action for e in entries] == [
        "engagement.message_record",
        "engagement.message_reply",
        "engagement.message_publish",
    ]
    assert all(e.user == clerk_a for e in entries)
    assert ["replied_on", "—", "2026-05-10"] in entries[1].data["changes"]
    assert [c[0] for c in entries[2].data["changes"]] == ["published_on"]
    trail = _trail(page)
    assert "登记来信" in trail["engagement.message_record"]
    assert "登记答复" in trail["engagement.message_reply"]
    assert "2026-05-10" in trail["engagement.message_reply"]
    assert "公开答复" in trail["engagement.message_publish"]
    assert "2026-05-12" in trail["engagement.message_publish"]


def test_register_a_proposal_reply_and_publish(client: Client, clerk_a: Any, dept_a: Any) -> None:
    client.force_login(clerk_a)
    response = client.post(
        "/engagement/proposals/new/",
        {
            "body": dept_a.pk,
            "kind": "cppcc_proposal",
            "number": "第 3 号",
            "title": "关于加强学生近视防控的提案",
            "proposer": "赵六",
            "assigned_on": "2026-04-01",
        },
    )
    proposal = Proposal.objects.get()
    assert response["Location"] == f"/engagement/proposals/{proposal.pk}/"
    page = _page(client, f"/engagement/proposals/{proposal.pk}/")
    assert "政协提案" in page and "第 3 号" in page
    assert f'action="/engagement/proposals/{proposal.pk}/reply/"' in page
    assert 'name="reply"' in page and "答复内容" in page  # the 登记答复 form asks for the text
    reply_url = f"/engagement/proposals/{proposal.pk}/reply/"
    response = client.post(reply_url, {"replied_on": "2026-06-30", "reply": ""})
    assert response.status_code == 400
    assert "请填写答复内容" in response.content.decode()
    response = client.post(reply_url, {"replied_on": "2026-06-30"})
    assert response.status_code == 400
    assert "请填写答复内容" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.replied_on is None and entries_for(proposal).count() == 1
    reply = "关于加强学生近视防控的提案已收悉，现答复如下：已在全县中小学推行课间户外活动。"
    response = client.post(
        reply_url, {"replied_on": "2026-06-30", "reply": reply, "version": proposal.version}
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.replied_on, proposal.reply) == (date(2026, 6, 30), reply)
    page = _page(client, f"/engagement/proposals/{proposal.pk}/")
    assert "答复内容" in page and reply in page and f'action="{reply_url}"' not in page
    client.post(f"/engagement/proposals/{proposal.pk}/publish/", {"published_on": "2026-07-01"})
    proposal.refresh_from_db()
    assert (proposal.replied_on, proposal.published_on) == (date(2026, 6, 30), date(2026, 7, 1))
    assert [e.action for e in entries_for(proposal)] == [
        "engagement.proposal_record",
        "engagement.proposal_reply",
        "engagement.proposal_publish",
    ]
    # The same number twice in a body and kind is refused with a Chinese message.
    response = client.post(
        "/engagement/proposals/new/",
        {
            "body": dept_a.pk,
            "kind": "cppcc_proposal",
            "number": "第 3 号",
            "title": "重复",
            "assigned_on": "2026-04-02",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "本机关已有同类别、同编号的建议提案" in page
    assert 'id="id_number-errors"' in page  # shown on the field it is about
    assert Proposal.objects.count() == 1


def test_bad_input_gets_chinese_messages(
    client: Client, clerk_a: Any, dept_a: Any, message: MailboxMessage
) -> None:
    client.force_login(clerk_a)
    response = client.post(
        "/engagement/mailbox/new/",
        {"body": dept_a.pk, "mailbox": "", "received_on": "2026-13-01", "subject": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        "请填写信箱名称" in page and "请填写来信主题" in page and "请按“年-月-日”填写日期" in page
    )

    url = f"/engagement/mailbox/{message.pk}/reply/"
    response = client.post(url, {"replied_on": "2026-03-01", "reply": "答复"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "答复日期（2026-03-01）不能早于收到日期（2026-03-02）" in page
    assert 'id="id_replied_on-errors"' in page  # shown on the field it is about
    response = client.post(url, {"replied_on": "2026-03-05", "reply": ""})
    assert response.status_code == 400 and "请填写答复内容" in response.content.decode()
    response = client.post(url, {"replied_on": "2099-01-01", "reply": "答复"})
    assert response.status_code == 400 and "晚于今天" in response.content.decode()
    message.refresh_from_db()
    assert message.replied_on is None and entries_for(message).count() == 1

    response = client.post(
        f"/engagement/mailbox/{message.pk}/publish/", {"published_on": "2026-03-05"}
    )
    assert response.status_code == 400
    assert "尚未登记答复，不能公开答复" in response.content.decode()
    record_reply(message, date(2026, 3, 10), "已处理", acting_user=clerk_a)
    response = client.post(
        f"/engagement/mailbox/{message.pk}/publish/", {"published_on": "2026-03-09"}
    )
    assert response.status_code == 400
    assert "公开日期（2026-03-09）不能早于答复日期（2026-03-10）" in response.content.decode()
    message.refresh_from_db()
    assert message.published_on is None


def test_edit_a_message(client: Client, clerk_a: Any, message: MailboxMessage) -> None:
    client.force_login(clerk_a)
    url = f"/engagement/mailbox/{message.pk}/edit/"
    page = _page(client, url)
    assert "学校门口交通拥堵" in page and 'name="version"' in page and 'name="body"' not in page
    data = {
        "mailbox": "县长信箱",
        "received_on": "2026-03-03",
        "subject": "学校门口交通拥堵（已核实）",
        "content": "",
        "version": message.version,
    }
    response = client.post(url, data)
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.subject == "学校门口交通拥堵（已核实）"
    assert message.received_on == date(2026, 3, 3)
    # A second submission of the same (now stale) form is refused: someone changed it since.
    response = client.post(url, {**data, "subject": "旧表单"})
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()
    message.refresh_from_db()
    assert message.subject == "学校门口交通拥堵（已核实）"
    # After a reply, the received date cannot move past it.
    message = record_reply(message, date(2026, 3, 20), "已处理", acting_user=clerk_a)
    response = client.post(url, {**data, "received_on": "2026-03-25", "version": message.version})
    assert response.status_code == 400
    assert "收到日期（2026-03-25）不能晚于已登记的答复日期（2026-03-20）" in (
        response.content.decode()
    )


def test_lists_filter_and_summarise(
    client: Client, clerk_a: Any, dept_a: Any, message: MailboxMessage, proposal: Proposal
) -> None:
    other = record_message(
        dept_a,
        mailbox="12345 热线",
        received_on=date(2025, 6, 1),
        subject="路灯不亮",
        acting_user=clerk_a,
    )
    third = record_message(
        dept_a,
        mailbox="县长信箱",
        received_on=date(2026, 1, 5),
        subject="噪音扰民",
        acting_user=clerk_a,
    )
    third = record_reply(third, date(2026, 1, 9), "已处理", acting_user=clerk_a)
    publish_reply(third, date(2026, 1, 10), acting_user=clerk_a)
    client.force_login(clerk_a)

    page = _page(client, "/engagement/mailbox/")
    assert message.subject in page and other.subject in page and third.subject in page
    page = _page(client, "/engagement/mailbox/?year=2026")
    assert message.subject in page and other.subject not in page
    # The summary of 2026: 县长信箱 2 received, 1 replied (50%), 1 published.
    assert "收到 2 件，办结 1 件，办结率 50%，公开 1 件" in page
    assert "收到 1 件，办结 0 件，办结率 0%，公开 0 件" in page  # 人大代表建议
    assert "收到 0 件，办结 0 件，办结率 —，公开 0 件" in page  # 政协提案
    page = _page(client, "/engagement/mailbox/?year=2025")
    assert "2025 年办理情况" in page and "12345 热线" in page
    assert page.count("全部年度") == 1 and page.count("全部信箱") == 1
    page = _page(client, "/engagement/mailbox/?mailbox=12345+热线")
    assert other.subject in page and message.subject not in page
    page = _page(client, "/engagement/mailbox/?state=pending")
    assert message.subject in page and other.subject in page and third.subject not in page
    page = _page(client, "/engagement/mailbox/?state=published")
    assert third.subject in page and message.subject not in page
    page = _page(client, "/engagement/mailbox/?state=replied")
    assert "没有符合条件的来信" in page
    page = _page(client, "/engagement/mailbox/?year=1900")
    assert "筛选条件有误" in page and message.subject not in page

    page = _page(client, "/engagement/proposals/")
    assert proposal.title in page and "第 12 号" in page
    page = _page(client, "/engagement/proposals/?kind=cppcc_proposal")
    assert proposal.title not in page


def test_list_is_paginated(client: Client, clerk_a: Any, dept_a: Any) -> None:
    MailboxMessage.objects.bulk_create(
        MailboxMessage(body=dept_a, received_on=date(2026, 2, 1), subject=f"来信{i:02d}")
        for i in range(30)
    )
    client.force_login(clerk_a)
    page = _page(client, "/engagement/mailbox/?year=2026")
    assert "找到 30 件来信" in page and "第 1 / 2 页" in page
    assert "year=2026&amp;page=2" in page
    page = _page(client, "/engagement/mailbox/?year=2026&page=2")
    assert len(table_rows(page)) == 5


def test_other_body_gets_404(
    client: Client, clerk_b: Any, message: MailboxMessage, proposal: Proposal
) -> None:
    client.force_login(clerk_b)
    page = _page(client, "/engagement/mailbox/")
    assert message.subject not in page
    assert "收到 0 件" in page  # the summary counts only what the user may see
    assert proposal.title not in _page(client, "/engagement/proposals/")
    for prefix, item in (("mailbox", message), ("proposals", proposal)):
        base = f"/engagement/{prefix}/{item.pk}/"
        assert client.get(base).status_code == 404
        assert client.get(base + "edit/").status_code == 404
        assert client.post(base + "edit/", {"subject": "x"}).status_code == 404
        assert client.post(base + "reply/", {"replied_on": "2026-05-01"}).status_code == 404
        assert client.post(base + "publish/", {"published_on": "2026-05-01"}).status_code == 404
    message.refresh_from_db()
    assert message.replied_on is None


def test_supervisor_reads_but_cannot_change(
    client: Client, supervisor: Any, dept_a: Any, message: MailboxMessage, proposal: Proposal
) -> None:
    client.force_login(supervisor)
    page = _page(client, "/engagement/mailbox/")
    assert message.subject in page and "登记来信" not in page
    page = _page(client, f"/engagement/mailbox/{message.pk}/")
    assert message.subject in page and "登记答复" not in page and "/edit/" not in page
    assert client.get("/engagement/mailbox/new/").status_code == 403
    assert client.get("/engagement/proposals/new/").status_code == 403
    for prefix, item in (("mailbox", message), ("proposals", proposal)):
        base = f"/engagement/{prefix}/{item.pk}/"
        assert client.get(base + "edit/").status_code == 403
        reply = {"replied_on": "2026-05-01", "reply": "答复"}
        assert client.post(base + "reply/", reply).status_code == 403
        assert client.post(base + "publish/", {"published_on": "2026-05-01"}).status_code == 403
    response = client.post(
        "/engagement/mailbox/new/",
        {"body": dept_a.pk, "mailbox": "县长信箱", "received_on": "2026-05-06", "subject": "x"},
    )
    assert response.status_code == 403
    assert MailboxMessage.objects.count() == 1 and entries_for(message).count() == 1
    message.refresh_from_db()
    assert message.replied_on is None


def test_reviewer_of_the_body_may_change(
    client: Client, reviewer_a: Any, message: MailboxMessage
) -> None:
    client.force_login(reviewer_a)
    response = client.post(
        f"/engagement/mailbox/{message.pk}/reply/",
        {"replied_on": "2026-03-04", "reply": "已转交交警部门。"},
    )
    assert response.status_code == 302
    latest = entries_for(message).last()
    assert latest is not None and latest.action == "engagement.message_reply"
    assert latest.user == reviewer_a


def test_operation_pages_follow_the_state(
    client: Client, clerk_a: Any, message: MailboxMessage
) -> None:
    """GET of 登记答复 / 公开答复 shows the form while the record waits for it; otherwise it
    goes back to the record with a message."""
    client.force_login(clerk_a)
    detail = f"/engagement/mailbox/{message.pk}/"
    page = _page(client, detail + "reply/")
    assert 'name="replied_on"' in page and 'name="reply"' in page and message.subject in page
    response = client.get(detail + "publish/")
    assert response.status_code == 302 and response["Location"] == detail
    assert "当前不能公开答复" in _page(client, detail)
    message = record_reply(message, date(2026, 3, 4), "已处理", acting_user=clerk_a)
    assert client.get(detail + "reply/")["Location"] == detail
    assert 'name="published_on"' in _page(client, detail + "publish/")
    publish_reply(message, date(2026, 3, 5), acting_user=clerk_a)
    assert client.get(detail + "publish/")["Location"] == detail
    assert "/reply/" not in _page(client, detail) and "/publish/" not in _page(client, detail)


def test_engagement_csrf_is_enforced(clerk_a: Any, dept_a: Any, message: MailboxMessage) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk_a)
    response = client.post(
        f"/engagement/mailbox/{message.pk}/reply/", {"replied_on": "2026-03-04", "reply": "x"}
    )
    assert response.status_code == 403
    response = client.post(
        "/engagement/mailbox/new/",
        {"body": dept_a.pk, "mailbox": "县长信箱", "received_on": "2026-05-06", "subject": "x"},
    )
    assert response.status_code == 403
    message.refresh_from_db()
    assert message.replied_on is None and MailboxMessage.objects.count() == 1


def test_admin_lists_and_history(
    admin_client: Client, message: MailboxMessage, proposal: Proposal
) -> None:
    for url in (
        "/admin/engagement/mailboxmessage/",
        f"/admin/engagement/mailboxmessage/{message.pk}/history/",
        "/admin/engagement/proposal/",
        f"/admin/engagement/proposal/{proposal.pk}/history/",
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
    assert message.subject in admin_client.get("/admin/engagement/mailboxmessage/").content.decode()
