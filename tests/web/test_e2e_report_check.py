"""End to end in Debian chromium: log in, upload the seed report, read the checked tables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from gongkai.domain.report.formats import S3_COLUMNS, get_format
from shared_files import SEED_ORG

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))


def test_upload_seed_report_and_see_checked_tables(
    page: Page, live_server: Any, user: Any, seed_path: Path
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/reports/check/")

    # Anonymous: sent to the login form, which brings us back afterwards.
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill("clerk-password-1")
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_role("heading", name="年报检查", exact=True)).to_be_visible()
    expect(page.get_by_test_id("current-user")).to_contain_text("张三")
    page.get_by_label("年报文件").set_input_files(str(seed_path))
    page.get_by_role("button", name="上传并检查").click()

    # The result page.
    expect(page.get_by_test_id("report-org")).to_have_text(SEED_ORG)
    expect(page.get_by_test_id("report-year")).to_have_text("2019")
    table3 = page.locator("table.report-table.s3")
    expect(table3).to_be_visible()
    expect(table3.locator("td[data-key]").first).to_be_visible()
    expected_cells = len(get_format("2019").s3_rows) * len(S3_COLUMNS)
    assert table3.locator("td[data-key]").count() == expected_cells
    expect(page.locator("table.report-table.s4 td[data-key]")).to_have_count(15)

    findings = page.get_by_test_id("findings")
    expect(findings).to_be_visible()
    expect(findings.locator("li.finding").first).to_be_visible()
    expect(findings).to_contain_text("M1")
    # Missing cells are marked on the table (空, not colour only) and explain themselves on
    # focus and Enter (or a tap), not on hover.
    flagged = page.locator("table.report-table td.missing.has-warning")
    assert flagged.count() > 0
    assert page.locator("table.report-table td[title]").count() == 0
    summary = flagged.first.locator("summary")
    expect(summary).to_contain_text("空")
    note = flagged.first.locator(".cell-note-body")
    expect(note).to_be_hidden()
    summary.focus()
    page.keyboard.press("Enter")
    expect(note).to_be_visible()
    expect(note).to_contain_text("M1")
    # The note links back to its finding in the list ...
    note.get_by_role("link", name="M1").click()
    m1 = findings.locator("li.finding", has_text="M1").first
    assert page.evaluate("location.hash") == "#" + (m1.get_attribute("id") or "")
    # ... and the finding's list of cells links to each cell, whose explanation opens.
    m1.locator("details.gk-cells").evaluate("details => { details.open = true; }")
    link = m1.locator("details.gk-cells a").last
    target = (link.get_attribute("href") or "#")[1:]
    link.click()
    expect(page.locator(f'[id="{target}"] .cell-note-body')).to_be_visible()
    expect(page.locator(f'[id="{target}"] summary')).to_be_focused()

    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-report-check.png"), full_page=True)
    table3.screenshot(path=str(SCREENSHOT_DIR / "gongkai-report-check-table3.png"))

    # The narrative is collapsed until opened.
    first_section = page.locator("#narrative .accordion-button").first
    expect(first_section).to_have_attribute("aria-expanded", "false")
    first_section.click()
    expect(page.locator("#narrative-1")).to_be_visible()

    # The JSON download.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 JSON").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    assert SEED_ORG in Path(download.path()).read_text(encoding="utf-8")


def test_a_cells_explanation_opens_on_a_tap_on_a_phone(
    browser: Any, live_server: Any, user: Any, seed_path: Path
) -> None:
    """At 390 px on a touch screen (no hover): a tap on a marked cell shows its findings."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.apps.checks.actions import check_uploaded_report

    check = check_uploaded_report(
        SimpleUploadedFile(seed_path.name, seed_path.read_bytes()), acting_user=user
    )
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="zh-CN"
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/reports/check/{check.pk}/")
        page.get_by_label("用户名").fill("clerk")
        page.get_by_label("密码").fill("clerk-password-1")
        page.get_by_role("button", name="登录").click()
        cell = page.locator("table.report-table td.missing.has-warning").first
        note = cell.locator(".cell-note-body")
        expect(note).to_be_hidden()
        cell.locator("summary").tap()
        expect(note).to_be_visible()
        expect(note).to_contain_text("M1")
        box = note.bounding_box()  # on the screen, not beside the sideways-scrolling table
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-report-check-390-tap.png"))
    finally:
        context.close()
