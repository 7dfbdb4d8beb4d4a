"""End to end in Debian chromium: a clerk records a 县长信箱 message (an empty form first),
registers the reply (refused first without its text) and makes it public; the year's
summary above the list moves from 收到 1 件，办结 0 件 to 办结率 100%，公开 1 件 as the annual
report words it. The county's supervisor sees the list and the records but is offered neither
登记来信 nor 登记答复 (not even on a message still waiting for its reply), and
/engagement/mailbox/new/ is a 403 for them."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))

SUBJECT = "建议在城南新区增设一所公办幼儿园"
PENDING_SUBJECT = "反映某某小学门口早晚高峰交通拥堵"
REPLY = "您好！城南新区公办幼儿园已列入2027年建设计划，选址工作正在进行。感谢您的关注。"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出登录").click()


def summary_line(page: Page) -> Any:
    """The 县长信箱 line of the year's summary box (the only mailbox: no 合计 line)."""
    return page.get_by_test_id("engagement-summary").get_by_test_id("summary-mailbox")


def test_record_reply_publish_and_summary(
    page: Page, live_server: Any, clerk_a: Any, supervisor: Any, dept_a: Any
) -> None:
    from gongkai.apps.engagement.actions import record_message
    from gongkai.apps.engagement.models import MailboxMessage

    today = timezone.localdate().isoformat()
    year = timezone.localdate().year
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})

    # -- the clerk records the message: an empty form first -----------------------------------
    log_in(page, base, "clerk_a")
    page.get_by_role("button", name="更多").click()
    page.get_by_role("link", name="信箱与建议提案").click()
    expect(page.get_by_role("heading", name="信箱来信与建议提案")).to_be_visible()
    summary = page.get_by_test_id("engagement-summary")
    expect(summary).to_contain_text(f"{year} 年办理情况")
    expect(summary_line(page)).to_have_count(0)  # no mailbox has received anything yet
    page.get_by_role("link", name="登记来信").click()
    expect(page.get_by_role("heading", name="登记来信")).to_be_visible()
    expect(page.get_by_label("信箱")).to_have_value("县长信箱")
    page.get_by_label("收到日期").fill("")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_test_id("form-errors")).to_have_text("请改正下面标出的错误。")
    expect(page.get_by_text("请填写来信主题。")).to_be_visible()
    expect(page.get_by_text("请填写收到日期。")).to_be_visible()
    assert not MailboxMessage.objects.exists()

    page.get_by_label("收到日期").fill(today)
    page.get_by_label("主题").fill(SUBJECT)
    page.get_by_label("内容").fill("城南新区入住家庭多，附近没有公办幼儿园，希望尽快规划建设。")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_role("heading", name=SUBJECT)).to_contain_text("未答复")
    expect(page.get_by_test_id("replied-on")).to_have_text("尚未答复")
    expect(page.get_by_test_id("published-on")).to_have_text("尚未公开")
    message = MailboxMessage.objects.get()
    assert (message.mailbox, message.body_id) == ("县长信箱", dept_a.pk)

    page.get_by_role("link", name="信箱来信", exact=True).first.click()
    expect(summary_line(page)).to_contain_text("县长信箱")
    expect(summary_line(page).get_by_role("cell")).to_have_text(
        "收到 1 件，办结 0 件，办结率 0%，公开 0 件"
    )
    page.get_by_test_id("object-table").get_by_role("link", name=SUBJECT).click()

    # -- 登记答复: the text is required -------------------------------------------------------
    reply = page.get_by_role("region", name="登记答复")
    reply.get_by_label("答复日期").fill(today)
    reply.get_by_role("button", name="登记答复").click()
    # Refused: the form of 登记答复 again, beside the message, with the error on the field.
    expect(page.get_by_role("heading", name="登记答复", exact=True)).to_be_visible()
    expect(page.get_by_text("请填写答复内容。")).to_be_visible()
    expect(page.get_by_label("答复日期")).to_have_value(today)
    assert MailboxMessage.objects.get().replied_on is None
    page.get_by_label("答复内容").fill(REPLY)
    page.get_by_role("button", name="登记答复").click()
    expect(page.get_by_text("已登记答复。")).to_be_visible()
    expect(page.get_by_role("heading", name=SUBJECT)).to_contain_text("已答复")
    expect(page.get_by_test_id("replied-on")).to_have_text(today)
    expect(page.get_by_test_id("reply")).to_have_text(REPLY)
    expect(page.get_by_role("region", name="登记答复")).to_have_count(0)

    # -- 公开答复 --------------------------------------------------------------------------------
    publish = page.get_by_role("region", name="公开答复")
    publish.get_by_label("公开日期").fill(today)
    publish.get_by_role("button", name="公开答复").click()
    expect(page.get_by_text("已公开答复。")).to_be_visible()
    expect(page.get_by_role("heading", name=SUBJECT)).to_contain_text("已公开")
    expect(page.get_by_test_id("published-on")).to_have_text(today)
    expect(page.get_by_role("region", name="公开答复")).to_have_count(0)
    history = page.get_by_test_id("history")
    for action, label, fact in (
        ("engagement.message_publish", "公开答复", f"公开日期：{today}"),
        ("engagement.message_reply", "登记答复", f"答复日期：{today}"),
        ("engagement.message_record", "登记来信", f"主题：{SUBJECT}"),
    ):
        row = history.locator(f'tr[data-action="{action}"]')
        expect(row).to_have_count(1)
        expect(row).to_contain_text(label)
        expect(row).to_contain_text(fact)
        expect(row).to_contain_text("clerk_a")

    # -- the year's summary, as the annual report words it ----------------------------------
    page.get_by_role("link", name="信箱来信", exact=True).first.click()
    expect(summary_line(page).get_by_role("cell")).to_have_text(
        "收到 1 件，办结 1 件，办结率 100%，公开 1 件"
    )
    row = page.get_by_test_id("object-table").locator("tbody tr", has_text=SUBJECT)
    expect(row).to_contain_text("已公开")
    expect(row).to_contain_text(today)
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-mailbox-list.png"), full_page=True)
    log_out(page)

    # -- the supervisor reads, and is offered nothing to change -----------------------------
    # A message of last year still waiting for its reply: a clerk would get the 登记答复 form on
    # it; it is listed, but leaves this year's summary alone.
    pending = record_message(
        dept_a,
        mailbox="县长信箱",
        received_on=date(year - 1, 12, 1),
        subject=PENDING_SUBJECT,
        acting_user=clerk_a,
    )
    log_in(page, base, "supervisor")
    page.goto(f"{base}/engagement/mailbox/")
    table = page.get_by_test_id("object-table")
    expect(table).to_contain_text(SUBJECT)
    expect(table).to_contain_text(PENDING_SUBJECT)
    expect(table.locator("caption")).to_have_text("共 2 件来信，第 1 / 1 页")
    expect(summary_line(page).get_by_role("cell")).to_have_text(
        "收到 1 件，办结 1 件，办结率 100%，公开 1 件"
    )
    expect(page.get_by_role("link", name="登记来信")).to_have_count(0)
    table.get_by_role("link", name=SUBJECT).click()
    expect(page.get_by_role("heading", name=SUBJECT)).to_contain_text("已公开")
    expect(page.get_by_test_id("reply")).to_have_text(REPLY)
    expect(page.get_by_role("link", name="修改登记信息")).to_have_count(0)
    page.goto(f"{base}/engagement/mailbox/{pending.pk}/")
    expect(page.get_by_role("heading", name=PENDING_SUBJECT)).to_contain_text("未答复")
    expect(page.get_by_role("region", name="登记答复")).to_have_count(0)
    expect(page.get_by_role("button", name="登记答复")).to_have_count(0)
    expect(page.get_by_label("答复内容")).to_have_count(0)
    expect(page.get_by_role("link", name="修改登记信息")).to_have_count(0)
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-mailbox-supervisor.png"), full_page=True)
    response = page.goto(f"{base}/engagement/mailbox/new/")
    assert response is not None and response.status == 403
