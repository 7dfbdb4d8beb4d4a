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
    # Missing cells are marked on the table and explain themselves on hover.
    flagged = page.locator("table.report-table td.has-warning[title]")
    assert flagged.count() > 0
    assert "M1" in (flagged.first.get_attribute("title") or "")

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
