"""End to end in Debian chromium, from the citizen's side (issue 10): an online application
from the form at /apply/ through the body's confirmation, a 补正 request, the corrected
application, an extension, the reply and its delivery. At each step the citizen's status page
shows what concerns them (and never a staff note), and an e-mail went out (Django's locmem
outbox: the live server runs in a thread of this process)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))
APPLICANT_EMAIL = "wangwu@example.org"
STAFF_NOTE = "内部备注：已电话联系申请人"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出登录").click()


def open_action(page: Page, label: str) -> None:
    page.get_by_test_id("operations").get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", name=label, exact=True)).to_be_visible()


def mails() -> list[Any]:
    return [m for m in mail.outbox if m.to == [APPLICANT_EMAIL]]


class Citizen:
    """The applicant's own browser: the status page, queried with both codes."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.tracking = self.query = ""

    def status(self) -> Any:
        page = self.page
        page.goto(f"{self.base}/apply/status/?code={self.tracking}")
        expect(page.locator('[name="tracking_code"]')).to_have_value(self.tracking)
        page.locator('[name="query_code"]').fill(self.query)
        page.get_by_role("button", name="查询").click()
        card = page.get_by_test_id("apply-status")
        expect(card).to_be_visible()
        return card


def test_the_citizen_follows_every_step(
    page: Page, live_server: Any, clerk_a: Any, reviewer_a: Any, dept_a: Any
) -> None:
    base = live_server.url
    citizen_page = page.context.browser.new_page(locale="zh-CN", timezone_id="Asia/Shanghai")  # type: ignore[union-attr]
    violations: list[str] = []
    citizen_page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    citizen = Citizen(citizen_page, base)

    # -- the citizen applies online ------------------------------------------------------------
    citizen_page.goto(f"{base}/apply/")
    # The paper form of the body, print-ready: no navigation on paper.
    citizen_page.get_by_test_id("paper-form-link").first.click()
    expect(citizen_page.get_by_test_id("paper-form")).to_contain_text("政府信息公开申请表")
    citizen_page.emulate_media(media="print")
    expect(citizen_page.locator("body > header")).to_be_hidden()
    expect(citizen_page.get_by_test_id("print-form")).to_be_hidden()
    citizen_page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-paper-form.png"), full_page=True)
    citizen_page.emulate_media(media="screen")
    citizen_page.goto(f"{base}/apply/")
    citizen_page.get_by_role("link", name=dept_a.name).click()
    form = citizen_page.get_by_test_id("apply-form")
    form.locator('[name="applicant_type"]').select_option("natural_person")
    form.locator('[name="applicant_name"]').fill("王五")
    form.locator('[name="id_type"]').select_option("id_card")
    form.locator('[name="id_number"]').fill("11010119900101123X")
    form.locator('[name="email"]').fill(APPLICANT_EMAIL)
    form.locator('[name="content"]').fill(
        "申请公开 2025 年度本县义务教育学校校舍维修项目的资金使用情况。"
    )
    form.locator('[name="requested_delivery"]').select_option("email")
    citizen_page.get_by_role("button", name="提交申请").click()

    # -- the receipt: both codes, a copy button, a status link with the tracking code only -------
    expect(citizen_page.get_by_role("heading", name="政府信息公开网上申请回执")).to_be_visible()
    citizen.tracking = citizen_page.get_by_test_id("tracking-code").inner_text().strip()
    citizen.query = citizen_page.get_by_test_id("query-code").inner_text().strip()
    assert len(citizen.tracking) == 12 and len(citizen.query) == 10
    copy = citizen_page.get_by_test_id("copy-tracking")
    copy.click()
    expect(copy).not_to_have_text("复制查询编号")  # copied, or told to copy by hand
    link = citizen_page.get_by_test_id("status-link")
    href = link.get_attribute("href") or ""
    assert href.endswith(f"?code={citizen.tracking}") and citizen.query not in href
    citizen_page.emulate_media(media="print")
    expect(citizen_page.locator("body > header")).to_be_hidden()
    expect(citizen_page.get_by_test_id("print-receipt")).to_be_hidden()
    citizen_page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-receipt-print.png"), full_page=True)
    citizen_page.emulate_media(media="screen")
    card = citizen.status()
    expect(card.get_by_test_id("status-label")).to_have_text("待确认")
    assert mails() == []

    # -- the body confirms: 已受理, with the due date -------------------------------------------
    log_in(page, base, "clerk_a")
    page.goto(f"{base}/applications/online/")
    page.get_by_role("link", name=citizen.tracking).click()
    page.get_by_test_id("online-confirm").get_by_role("button", name="确认受理").click()
    expect(page.get_by_test_id("app-status")).to_have_text("已登记")
    case_url = page.url
    due = page.get_by_test_id("due-date").inner_text().strip()
    card = citizen.status()
    expect(card.get_by_test_id("status-label")).to_have_text("已受理")
    expect(card.get_by_test_id("status-due")).to_have_text(due)
    expect(card.get_by_test_id("status-steps")).to_contain_text("申请已受理")
    assert len(mails()) == 1 and "申请已受理" in mails()[0].subject
    assert f"当前答复期限：{due}" in mails()[0].body

    # -- 补正 request: what to supply, by when, and the automatic close -------------------------
    open_action(page, "发出补正告知")
    page.get_by_label("需要补正的事项").fill("请写明所需信息涉及的学校名称。")
    page.get_by_label("补正期限（工作日）").fill("10")
    page.get_by_role("button", name="发出补正告知").click()
    expect(page.get_by_test_id("app-status")).to_have_text("待补正")
    lapse = page.get_by_test_id("lapse").inner_text()
    assert "补正期限：" in lapse and "自动视为放弃申请" in lapse
    expect(page.get_by_test_id("notifications")).to_contain_text("已发送")
    card = citizen.status()
    steps = card.get_by_test_id("status-steps")
    expect(steps).to_contain_text("请补正申请")
    expect(steps).to_contain_text("需要补正的事项：请写明所需信息涉及的学校名称。")
    expect(steps).to_contain_text("补正期限：10 个工作日")
    expect(card.get_by_test_id("status-lapse")).to_contain_text("视为放弃申请并办结")
    expect(card.get_by_test_id("status-due")).to_contain_text("暂停计算")
    assert len(mails()) == 2 and "请补正申请" in mails()[1].subject
    assert "请写明所需信息涉及的学校名称。" in mails()[1].body

    # -- the corrected application arrives: the period restarts ---------------------------------
    open_action(page, "登记收到补正")
    page.get_by_label("说明").fill(STAFF_NOTE)
    page.get_by_role("button", name="登记收到补正").click()
    expect(page.get_by_test_id("app-status")).to_have_text("已登记")
    due = page.get_by_test_id("due-date").inner_text().strip()
    card = citizen.status()
    expect(card.get_by_test_id("status-steps")).to_contain_text("已收到补正")
    expect(card).not_to_contain_text(STAFF_NOTE)
    expect(card.get_by_test_id("status-lapse")).to_have_count(0)
    expect(card.get_by_test_id("status-due")).to_have_text(due)
    assert len(mails()) == 3 and "已收到补正" in mails()[2].subject
    assert STAFF_NOTE not in mails()[2].body

    # -- extension: requested (a staff step, not told), approved (told, with the reason) --------
    open_action(page, "申请延期")
    page.get_by_label("延长工作日").fill("15")
    page.get_by_label("延期理由").fill("涉及多所学校的档案，需要调取整理。")
    page.get_by_role("button", name="提交延期申请").click()
    assert len(mails()) == 3
    log_out(page)
    log_in(page, base, "reviewer_a")
    page.get_by_test_id("section-extensions").get_by_role("link").first.click()
    open_action(page, "批准延期")
    page.get_by_role("button", name="批准延期").click()
    due = page.get_by_test_id("due-date").inner_text().strip()
    card = citizen.status()
    steps = card.get_by_test_id("status-steps")
    expect(steps).to_contain_text("答复期限延长")
    expect(steps).to_contain_text("延期理由：涉及多所学校的档案，需要调取整理。")
    expect(steps).to_contain_text(f"延长后的答复期限：{due}")
    expect(card.get_by_test_id("status-due")).to_have_text(due)
    assert len(mails()) == 4 and f"延长后的答复期限：{due}" in mails()[3].body
    log_out(page)

    # -- the reply ---------------------------------------------------------------------------------
    log_in(page, base, "clerk_a")
    page.goto(case_url)
    open_action(page, "答复")
    page.get_by_label("办理结果").select_option(label="予以公开")
    page.get_by_label("法律依据").fill("《中华人民共和国政府信息公开条例》第三十六条第（一）项")
    page.get_by_label("答复内容").fill("经审查，您申请的信息予以公开，详见附件。")
    page.get_by_role("button", name="登记答复").click()
    expect(page.get_by_test_id("app-status")).to_have_text("已答复")
    card = citizen.status()
    steps = card.get_by_test_id("status-steps")
    expect(steps).to_contain_text("已答复")
    expect(steps).to_contain_text("办理结果：予以公开")
    expect(card.get_by_test_id("status-due")).to_contain_text("答复")
    assert len(mails()) == 5 and "已答复" in mails()[4].subject

    # -- the delivery ------------------------------------------------------------------------------
    open_action(page, "登记送达")
    page.get_by_label("送达方式").select_option(label="电子邮件")
    page.get_by_label("送达凭证").fill(STAFF_NOTE)
    page.get_by_role("button", name="登记送达").click()
    expect(page.get_by_test_id("app-status")).to_have_text("已送达")
    rows = page.get_by_test_id("notifications").get_by_test_id("notification")
    expect(rows).to_have_count(6)
    expect(page.get_by_test_id("notifications").locator('[data-status="sent"]')).to_have_count(6)
    card = citizen.status()
    steps = card.get_by_test_id("status-steps")
    expect(steps).to_contain_text("答复已送达")
    expect(steps).to_contain_text("送达方式：电子邮件")
    expect(card).not_to_contain_text(STAFF_NOTE)
    assert len(mails()) == 6 and "答复已送达" in mails()[5].subject
    citizen_page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-apply-status.png"), full_page=True)

    # -- the staff's list of notifications --------------------------------------------------
    page.goto(f"{base}/applications/notifications/")
    expect(page.get_by_test_id("notification")).to_have_count(6)
    citizen_page.close()
    assert violations == []
