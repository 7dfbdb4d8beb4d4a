"""End to end in Debian chromium at a 390 px phone (issue 13, Must show): a visitor searches
from the home page's box, narrows the results by 机关 (then with its 下级机关) and 信息类别,
opens an item and downloads its file, whose bytes are the stored file's; printed, the results
keep their content without the search form. A 依申请公开 document with the same words is never
listed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from gongkai.apps.catalog.actions import (
    add_attachment,
    create_item,
    publish_item,
    review_secrecy,
)
from gongkai.apps.orgs.services import add_member

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
CODE_A = "11640521MB1234567X"
CODE_COUNTY = "11640521MB7654321Y"
MADE = date(2025, 3, 3)
TITLE = "关于做好寒假安全工作的通知"
COUNTY_TITLE = "县政府关于寒假安全工作的意见"
HIDDEN_TITLE = "寒假安全工作内部请示"
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _published(body: Any, clerk: Any, reviewer: Any, title: str, **fields: Any) -> Any:
    item = create_item(body, title=title, made_on=MADE, acting_user=clerk, **fields)
    item = review_secrecy(item, "approved", MADE, acting_user=reviewer)
    return publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk)


def test_search_filter_open_and_download_on_a_phone(
    page: Page,
    live_server: Any,
    settings: Any,
    tmp_path: Path,
    django_user_model: Any,
    county: Any,
    dept_a: Any,
    clerk_a: Any,
    reviewer_a: Any,
    screenshot_dir: Path,
) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path / "var"
    dept_a.credit_code = CODE_A
    dept_a.save()
    county.credit_code = CODE_COUNTY
    county.save()
    county_clerk = django_user_model.objects.create_user("county_clerk", password="x-pass-1")
    add_member(county_clerk, county, "clerk")
    county_head = django_user_model.objects.create_user("county_head", password="x-pass-1")
    add_member(county_head, county, "reviewer")

    item = create_item(
        dept_a,
        title=TITLE,
        doc_number="某教发〔2025〕3号",
        category="normative",
        made_on=MADE,
        acting_user=clerk_a,
    )
    stored = add_attachment(
        item, SimpleUploadedFile("寒假通知.pdf", PDF_BYTES), acting_user=clerk_a
    )
    item.refresh_from_db()
    item = review_secrecy(item, "approved", MADE, acting_user=reviewer_a)
    item = publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a)
    _published(county, county_clerk, county_head, COUNTY_TITLE, category="other")
    create_item(
        dept_a,
        title=HIDDEN_TITLE,
        made_on=MADE,
        disclosure="依申请公开",
        disclosure_reason="内部事务信息",
        acting_user=clerk_a,
    )

    base = live_server.url
    page.set_viewport_size(PHONE)

    # -- the home page's box ----------------------------------------------------------------
    page.goto(f"{base}/")
    page.get_by_label("检索各机关的主动公开信息").fill("寒假安全")
    page.get_by_test_id("search-box").get_by_role("button", name="检索").click()
    expect(page.get_by_role("heading", name="检索主动公开信息")).to_be_visible()
    count = page.get_by_role("status")
    expect(count).to_have_text("找到 2 条信息，第 1 / 1 页")
    expect(page).to_have_title(
        "检索“寒假安全”（找到 2 条信息，第 1 / 1 页） · 检索主动公开信息 · 政务公开工作平台"
    )
    results = page.get_by_test_id("object-table")
    expect(results.locator("tbody tr")).to_have_count(2)
    expect(results.locator("mark").first).to_have_text("寒假安全")
    expect(results).not_to_contain_text(HIDDEN_TITLE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(screenshot_dir / "search-390.png"), full_page=True)

    # -- filters: the county alone, then with the bodies below it and 规范性文件 only ------------
    page.get_by_label("机关", exact=True).select_option(label=county.name)
    page.get_by_test_id("search-form").get_by_role("button", name="检索").click()
    expect(count).to_have_text("找到 1 条信息，第 1 / 1 页")
    expect(results.locator("tbody tr")).to_contain_text(COUNTY_TITLE)
    page.get_by_label("含下级机关").check()
    page.get_by_label("信息类别").select_option(label="行政规范性文件")
    page.get_by_test_id("search-form").get_by_role("button", name="检索").click()
    expect(count).to_have_text("找到 1 条信息，第 1 / 1 页")
    row = results.locator("tbody tr")
    expect(row).to_contain_text(TITLE)
    expect(row).to_contain_text(item.index_number)
    expect(row).to_contain_text(dept_a.name)
    expect(page.get_by_label("含下级机关")).to_be_checked()

    # -- printed: the results without the form ---------------------------------------------
    page.emulate_media(media="print")
    expect(page.get_by_test_id("search-form")).to_be_hidden()
    expect(row).to_be_visible()
    page.emulate_media(media="screen")

    # -- open the item, download its file ---------------------------------------------------
    row.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    link = page.get_by_test_id("public-attachments").get_by_role("link", name="寒假通知.pdf")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "寒假通知.pdf"
    with stored.file.open("rb") as handle:
        on_disk = handle.read()
    assert on_disk == PDF_BYTES
    assert Path(download.path()).read_bytes() == on_disk
