"""End to end in Debian chromium: a clerk registers a 主动公开 document (empty form first), is
refused publication before the 保密审查, which the office head then records; the clerk uploads a
PDF (an .exe and a file that only pretends to be a PDF are refused in Chinese) and publishes;
an anonymous visitor finds the item in the body's public catalog and downloads the file, while a
依申请公开 document of the same body is not listed."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))

CODE_A = "11640521MB1234567X"
TITLE = "关于做好2026年秋季学期开学工作的通知"
HIDDEN_TITLE = "关于某某学校校舍维修的内部请示"
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def log_out(page: Page) -> None:
    page.get_by_role("button", name="退出登录").click()


def upload(page: Page, path: Path) -> None:
    """Upload from the item page's 附件 section, or again from the upload page that showed a
    refusal."""
    files = page.get_by_role("region", name="附件")
    form = files if files.count() else page.get_by_role("main")
    form.get_by_label("选择附件文件").set_input_files(str(path))
    page.get_by_role("button", name="上传").click()


def test_register_review_upload_publish_and_public_catalog(
    page: Page,
    live_server: Any,
    settings: Any,
    tmp_path: Path,
    clerk_a: Any,
    reviewer_a: Any,
    dept_a: Any,
) -> None:
    from gongkai.apps.catalog.actions import create_item
    from gongkai.apps.catalog.models import CatalogAttachment, CatalogItem

    settings.GONGKAI_VAR_DIR = tmp_path / "var"
    dept_a.credit_code = CODE_A  # the 索引号 is generated from it
    dept_a.save()
    today = timezone.localdate()
    # A 依申请公开 document of the same body, even with a 发布日期 set behind the actions' back:
    # the public catalog must still leave it out.
    hidden = create_item(
        dept_a,
        title=HIDDEN_TITLE,
        category="other",
        made_on=today,
        disclosure="依申请公开",
        disclosure_reason="内部事务信息，依申请提供。",
        acting_user=clerk_a,
    )
    CatalogItem.objects.filter(pk=hidden.pk).update(
        published_on=today, secrecy_conclusion="approved"
    )

    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})

    # -- the clerk registers the document: an empty form first --------------------------------
    log_in(page, base, "clerk_a")
    page.get_by_role("link", name="主动公开", exact=True).click()
    page.get_by_role("link", name="登记信息").click()
    expect(page.get_by_role("heading", name="登记主动公开信息")).to_be_visible()
    assert page.url == f"{base}/catalog/new/"
    page.get_by_label("名称", exact=True).fill("")
    page.get_by_label("成文日期").fill("")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("form-errors")).to_have_text("请改正下面标出的错误。")
    expect(page.get_by_text("请填写名称。")).to_be_visible()
    expect(page.get_by_text("请填写成文日期。")).to_be_visible()
    expect(page.get_by_text("请选择公开属性（起草时必须确定）。")).to_be_visible()
    assert not CatalogItem.objects.filter(title=TITLE).exists()
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-catalog-errors.png"), full_page=True)

    page.get_by_label("名称", exact=True).fill(TITLE)
    page.get_by_label("文号").fill("某教发〔2026〕9号")
    page.get_by_label("信息类别").select_option(label="行政规范性文件")
    page.get_by_label("内容概述").fill("部署秋季学期开学准备、校园安全和疫病防控工作。")
    page.get_by_label("成文日期").fill(today.isoformat())
    page.get_by_label("公开属性").select_option(label="主动公开")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("已登记信息，索引号")).to_be_visible()
    item = CatalogItem.objects.get(title=TITLE)
    assert item.index_number.startswith(CODE_A)
    expect(page.get_by_test_id("item-metadata")).to_contain_text(item.index_number)
    expect(page.get_by_test_id("secrecy")).to_have_text("尚未进行保密审查；审查通过前不能发布。")
    # A clerk neither reviews nor is offered 发布 before the review.
    expect(page.get_by_role("link", name="保密审查", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="发布", exact=True)).to_have_count(0)

    # -- publishing before the 保密审查 is refused --------------------------------------------
    page.goto(f"{base}/catalog/{item.pk}/actions/publish/")
    expect(page.get_by_role("heading", name="发布", exact=True)).to_be_visible()
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.get_by_test_id("form-errors")).to_have_text(
        "信息尚未通过保密审查（需审查结论为同意公开或修改后公开），不能发布。"
    )
    item.refresh_from_db()
    assert item.published_on is None
    # … and the review itself is the office head's.
    response = page.goto(f"{base}/catalog/{item.pk}/actions/review/")
    assert response is not None and response.status == 403
    log_out(page)

    # -- the office head records the 保密审查 -------------------------------------------------
    log_in(page, base, "reviewer_a")
    page.goto(f"{base}/catalog/{item.pk}/")
    page.get_by_role("link", name="保密审查", exact=True).click()
    expect(page.get_by_role("heading", name="保密审查", exact=True)).to_be_visible()
    page.get_by_label("审查结论").select_option(label="同意公开")
    page.get_by_label("审查日期").fill(today.isoformat())
    page.get_by_role("button", name="保密审查").click()
    expect(page.get_by_text("已保密审查。")).to_be_visible()
    secrecy = page.get_by_test_id("secrecy")
    expect(secrecy).to_contain_text("同意公开")
    expect(secrecy).to_contain_text("reviewer_a")
    expect(secrecy).to_contain_text(today.isoformat())
    log_out(page)

    # -- the clerk uploads the file; an .exe and a fake PDF are refused ------------------------
    log_in(page, base, "clerk_a")
    page.goto(f"{base}/catalog/{item.pk}/")
    expect(page.get_by_test_id("attachments")).to_contain_text("没有附件。")
    pdf = tmp_path / "开学工作通知.pdf"
    pdf.write_bytes(PDF_BYTES)
    upload(page, pdf)
    expect(page.get_by_text("已上传附件“开学工作通知.pdf”。")).to_be_visible()
    attachments = page.get_by_test_id("attachments")
    expect(attachments.get_by_role("link", name="开学工作通知.pdf")).to_be_visible()

    exe = tmp_path / "setup.exe"
    exe.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")
    upload(page, exe)
    # Refused: the upload page shows the reason on the file field, nothing is stored.
    expect(page.get_by_role("heading", name="上传附件")).to_be_visible()
    expect(page.locator("#id_file-errors")).to_contain_text("文件“setup.exe”的类型不受支持：只接受")
    fake = tmp_path / "假文件.pdf"
    fake.write_bytes(b"MZ\x90\x00 this is a program, not a PDF")
    upload(page, fake)
    expect(page.locator("#id_file-errors")).to_have_text(
        "文件“假文件.pdf”的内容不是 PDF 文件，与扩展名 .pdf 不符（文件可能已损坏或被改了扩展名）。"
    )
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-catalog-upload.png"), full_page=True)
    assert list(
        CatalogAttachment.objects.filter(item=item).values_list("original_name", flat=True)
    ) == ["开学工作通知.pdf"]
    expect(page.get_by_test_id("attachments").get_by_role("link")).to_have_count(1)

    # -- … and publishes ----------------------------------------------------------------------
    page.get_by_role("link", name=str(item)).click()  # back to the item page
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    page.get_by_role("link", name="发布", exact=True).click()
    expect(page.get_by_role("heading", name="发布", exact=True)).to_be_visible()
    page.get_by_label("发布日期").fill(today.isoformat())
    page.get_by_label("政务新媒体").check()
    page.get_by_role("button", name="发布", exact=True).click()
    expect(page.get_by_text("已发布。")).to_be_visible()
    metadata = page.get_by_test_id("item-metadata")
    expect(metadata).to_contain_text("政府网站、政务新媒体")
    expect(page.get_by_role("heading", name=TITLE)).to_contain_text("已发布")
    expect(page.get_by_role("link", name="发布", exact=True)).to_have_count(0)
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-catalog-published.png"), full_page=True)
    log_out(page)

    # -- anyone: the public catalog lists it, and the file downloads -------------------------
    page.goto(f"{base}/catalog/public/{dept_a.pk}/")
    expect(
        page.get_by_role("heading", name=f"{dept_a.name} · 政府信息主动公开目录")
    ).to_be_visible()
    table = page.get_by_test_id("object-table")
    row = table.locator("tbody tr", has_text=TITLE)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(item.index_number)
    expect(row).to_contain_text("某教发〔2026〕9号")
    expect(table).not_to_contain_text(HIDDEN_TITLE)
    expect(table).not_to_contain_text(hidden.index_number)
    expect(table.locator("tbody tr")).to_have_count(1)
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-catalog-public.png"), full_page=True)

    link = row.get_by_role("link", name="开学工作通知.pdf")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "开学工作通知.pdf"
    assert Path(download.path()).read_bytes() == PDF_BYTES
    href = link.get_attribute("href")
    assert href is not None
    fetched = page.request.get(f"{base}{href}")  # anonymous: the context has logged out
    assert fetched.status == 200
    assert fetched.headers["content-type"] == "application/pdf"
    assert "attachment" in fetched.headers["content-disposition"]
    assert fetched.headers["cache-control"] == "public, max-age=3600"
    assert fetched.body() == PDF_BYTES
