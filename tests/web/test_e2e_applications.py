"""End to end in Debian chromium: a clerk registers an application, requests a correction,
records it, asks for an extension that the office head approves, and replies; the deadline and
its trace change at every step."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出登录").click()


def due(page: Page) -> str:
    return page.get_by_test_id("due-date").inner_text().strip()


def trace(page: Page) -> str:
    return page.get_by_test_id("trace").inner_text()


def open_action(page: Page, label: str) -> None:
    page.get_by_test_id("operations").get_by_role("link", name=label).click()
    expect(page.get_by_role("heading", name=label, exact=True)).to_be_visible()


def test_register_correct_extend_reply(
    page: Page, live_server: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "clerk_a")

    # -- registration -------------------------------------------------------------------------
    page.get_by_role("link", name="登记申请").click()
    expect(page.get_by_role("heading", name="登记政府信息公开申请")).to_be_visible()
    page.get_by_role("button", name="登记").click()  # empty: Chinese messages, nothing stored
    expect(page.get_by_text("请填写申请人姓名或名称。")).to_be_visible()
    expect(page.get_by_text("请选择申请人类型。")).to_be_visible()
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-register-errors.png"), full_page=True)
    page.get_by_label("申请方式").select_option(label="当面")
    page.get_by_label("收到申请日期").fill("2026-11-02")
    page.get_by_label("申请人类型").select_option(label="自然人")
    page.get_by_label("申请人", exact=True).fill("李四")
    page.get_by_label("申请内容").fill("申请公开 2025 年度学校建设项目资金的使用情况。")
    page.get_by_role("button", name="登记").click()

    expect(page.get_by_test_id("app-status")).to_have_text("已登记")
    due_registered = due(page)
    assert due_registered == "2026-11-30"  # 20 working days after 2026-11-02
    assert "收到申请：2026-11-02" in trace(page)
    assert "补正" not in trace(page).split("补正告知期限")[1]

    # -- 补正 notice -----------------------------------------------------------------------------
    open_action(page, "发出补正告知")
    page.get_by_label("告知日期").fill("2026-11-03")
    page.get_by_label("需要补正的事项").fill("请说明所需信息的具体年份和项目名称。")
    page.get_by_role("button", name="发出补正告知").click()
    expect(page.get_by_test_id("app-status")).to_have_text("待补正")
    expect(page.get_by_test_id("remaining")).to_have_text("待补正，收到补正后重新计算")
    assert "发出补正告知：2026-11-03" in trace(page)
    assert "尚未收到补正后的申请" in trace(page)

    # -- correction received: the period restarts -----------------------------------------------
    open_action(page, "登记收到补正")
    page.get_by_label("收到补正日期").fill("2026-11-10")
    page.get_by_role("button", name="登记收到补正").click()
    expect(page.get_by_test_id("app-status")).to_have_text("已登记")
    due_corrected = due(page)
    assert due_corrected == "2026-12-08"
    assert due_corrected != due_registered
    assert "补正后收到申请：2026-11-10，答复期限自次日重新计算" in trace(page)

    # -- extension: requested by the clerk ------------------------------------------------------
    open_action(page, "申请延期")
    page.get_by_label("延长工作日").fill("20")
    page.get_by_label("延期理由").fill("涉及多年档案，需要调取整理。")
    page.get_by_role("button", name="提交延期申请").click()
    expect(page.get_by_test_id("extension")).to_contain_text("待审核人批准")
    assert due(page) == due_corrected  # not yet approved
    expect(page.get_by_test_id("operations").get_by_role("link", name="批准延期")).to_have_count(0)
    log_out(page)

    # -- … and approved by the office head --------------------------------------------------------
    log_in(page, base, "reviewer_a")
    expect(page.get_by_test_id("section-extensions")).to_contain_text("李四")
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-workbench.png"), full_page=True)
    page.get_by_test_id("section-extensions").get_by_role("link").first.click()
    open_action(page, "批准延期")
    page.get_by_role("button", name="批准延期").click()
    due_extended = due(page)
    assert due_extended == "2027-01-05"
    assert "经机关负责人同意延长 20 个工作日" in trace(page)
    assert "20 + 20 = 40 个工作日" in trace(page)
    # 2027 has no entered schedule yet: the deadline is provisional, and says so.
    expect(page.get_by_test_id("provisional")).to_have_text("临时期限")
    assert "2027 年的节假日安排尚未录入" in trace(page)
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-case.png"), full_page=True)
    log_out(page)

    # -- reply ----------------------------------------------------------------------------------
    log_in(page, base, "clerk_a")
    page.goto(f"{base}/applications/")
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-list.png"), full_page=True)
    page.get_by_role("link", name="2026-0001").click()
    open_action(page, "答复")
    page.get_by_label("办理结果").select_option(label="予以公开")
    page.get_by_label("法律依据").fill("《中华人民共和国政府信息公开条例》第三十六条第（一）项")
    page.get_by_label("答复内容").fill("经审查，您申请的信息予以公开，详见附件。")
    page.get_by_role("button", name="登记答复").click()
    expect(page.get_by_test_id("app-status")).to_have_text("已答复")
    expect(page.get_by_test_id("reply")).to_contain_text("予以公开")
    assert due(page) == due_extended
    timeline = page.get_by_test_id("timeline")
    for step in ("登记", "发出补正告知", "收到补正", "申请延期", "批准延期", "答复"):
        expect(timeline).to_contain_text(step)
    expect(page.get_by_test_id("history")).to_contain_text("已答复")
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-case-replied.png"), full_page=True)
