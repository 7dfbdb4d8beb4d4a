"""End to end in Debian chromium: a clerk drafts the 2024 report from records, edits a
narrative section and submits; the supervisor returns it with a comment; the clerk fixes and
resubmits; the supervisor approves; the clerk publishes, which freezes it; a later record change
shows as a difference while the published report stays as it was, and a correction notice
published beside it documents the difference."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/reports/annual/%3Fyear%3D2024")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="2024 年度政府信息公开工作年度报告")).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出登录").click()


def status(page: Page) -> Any:
    return expect(page.get_by_test_id("annual-status"))


def test_draft_submit_return_fix_approve_publish_and_difference(
    page: Page, live_server: Any, clerk_a: Any, supervisor: Any, dept_a: Any
) -> None:
    from gongkai.apps.stats.models import Decision, Matter

    Matter.objects.create(
        body=dept_a, category="licensing", name="民办学校设立审批", effective_on=date(2020, 1, 1)
    )
    Decision.objects.create(
        body=dept_a,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=date(2024, 5, 6),
        count=3,
    )
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})

    # -- the clerk drafts, edits section 五, sees live validation, submits ------------------
    log_in(page, base, "clerk_a")
    page.get_by_test_id("object-table").get_by_role("link", name="打开").click()
    status(page).to_have_text("未开始")
    page.get_by_test_id("start-report").click()
    status(page).to_have_text("草稿")
    section_1 = page.get_by_label("一、总体情况")
    expect(section_1).to_contain_text("处理决定3件")
    # Live validation: a sentence contradicting table 三 is flagged while typing.
    section_3 = page.get_by_label("三、收到和处理政府信息公开申请情况")
    original_3 = section_3.input_value()
    section_3.fill("本年度共收到政府信息公开申请15件。")
    expect(page.get_by_test_id("live-findings")).to_contain_text("T1")
    section_3.fill(original_3)
    expect(page.get_by_test_id("live-findings")).not_to_contain_text("T1")
    page.get_by_label("五、存在的主要问题及改进情况").fill("信息更新不够及时。")
    page.get_by_label("六、其他需要报告的事项").fill("本年度未收取信息处理费。")
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-annual-draft.png"), full_page=True)
    # 提交上级 is confirmed: without the box ticked the confirmation page asks for it.
    page.get_by_test_id("action-submit").click()
    expect(page.get_by_text("请勾选确认后再提交上级。")).to_be_visible()
    expect(page.get_by_label("六、其他需要报告的事项")).to_have_value("本年度未收取信息处理费。")
    page.get_by_test_id("confirm-step").check()
    page.get_by_role("button", name="提交上级", exact=True).click()
    status(page).to_have_text("已提交上级")
    # Not opened by the 上级 yet: the clerk may withdraw it, and submits it again.
    expect(page.get_by_test_id("review-status")).to_contain_text("现在仍可撤回")
    page.get_by_test_id("action-withdraw").click()
    status(page).to_have_text("草稿")
    expect(page.get_by_text("已撤回，年报回到草稿")).to_be_visible()
    page.get_by_test_id("confirm-step").check()
    page.get_by_test_id("action-submit").click()
    status(page).to_have_text("已提交上级")
    log_out(page)

    # -- the supervisor sees it in the overview and returns it with a comment -----------------
    log_in(page, base, "supervisor")
    page.get_by_test_id("supervise-link").first.click()
    row = page.locator(f'tr[data-body="{dept_a.name}"]')
    expect(row).to_contain_text("已提交上级")
    row.get_by_role("link", name="查看").click()
    expect(page.get_by_test_id("action-withdraw")).to_have_count(0)
    page.get_by_test_id("action-return").click()  # no comment: refused, the form again
    expect(page.get_by_text("退回修改时请填写意见")).to_be_visible()
    status(page).to_have_text("已提交上级")
    page.get_by_test_id("return-comment-input").fill("第五部分请写明改进措施。")
    page.get_by_role("button", name="退回修改").click()
    status(page).to_have_text("退回修改")
    log_out(page)

    # -- the clerk reads the comment, fixes and resubmits ------------------------------------
    log_in(page, base, "clerk_a")
    page.goto(f"{base}/reports/annual/{dept_a.pk}/2024/")
    expect(page.get_by_test_id("return-comment")).to_contain_text("第五部分请写明改进措施")
    page.get_by_label("五、存在的主要问题及改进情况").fill(
        "信息更新不够及时。改进措施：每月核对一次公开目录。"
    )
    page.get_by_test_id("confirm-step").check()
    page.get_by_test_id("action-submit").click()
    status(page).to_have_text("已提交上级")
    log_out(page)

    # -- the supervisor approves --------------------------------------------------------------
    log_in(page, base, "supervisor")
    page.goto(f"{base}/reports/annual/{dept_a.pk}/2024/")
    page.get_by_test_id("action-approve").click()
    status(page).to_have_text("审核通过")
    log_out(page)

    # -- the clerk publishes: frozen ----------------------------------------------------------
    log_in(page, base, "clerk_a")
    page.goto(f"{base}/reports/annual/{dept_a.pk}/2024/")
    # Opened by the 上级: no withdrawing any more.
    expect(page.get_by_test_id("action-withdraw")).to_have_count(0)
    page.get_by_test_id("action-publish").click()  # 发布 is confirmed too
    expect(page.get_by_text("请勾选确认后再发布。")).to_be_visible()
    page.get_by_test_id("confirm-step").check()
    page.get_by_role("button", name="发布", exact=True).click()
    status(page).to_have_text("已发布")
    expect(page.get_by_test_id("no-differences")).to_be_visible()
    expect(page.get_by_label("五、存在的主要问题及改进情况")).to_have_count(0)  # no more editing

    # -- a later record change shows as a difference; the published report is unchanged ------
    Decision.objects.create(
        body=dept_a,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=date(2024, 12, 30),
    )
    page.reload()
    diff = page.get_by_test_id("differences").locator('tr[data-key="s2.licensing.decisions"]')
    expect(diff).to_contain_text("3")
    expect(diff).to_contain_text("4")
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-annual-difference.png"), full_page=True)
    # The difference is documented by a correction notice; the report itself stays.
    page.get_by_test_id("correction-note").fill("补录了12月30日作出的行政许可决定1件。")
    page.get_by_test_id("publish-correction").click()
    expect(page.get_by_test_id("differences-documented")).to_be_visible()
    page.get_by_test_id("published-link").click()
    published = page.get_by_test_id("published-report")
    expect(published).to_contain_text("每月核对一次公开目录")
    expect(published).to_contain_text("处理决定3件")
    expect(published.locator('[data-key="s2.licensing.decisions"]')).to_have_text("3")
    notice = page.get_by_test_id("corrections")
    expect(notice).to_contain_text("补录了12月30日作出的行政许可决定1件。")
    expect(notice.locator('tr[data-key="s2.licensing.decisions"]')).to_contain_text("4")
