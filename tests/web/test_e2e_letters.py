"""End to end in Debian chromium (issue 12): a clerk makes the reply letter of a case from its
page at 390 px, is told its 文号, and downloads it as Word and as PDF."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from letters_world import docx_text, pdf_text, replied_case, set_up_body
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))


def test_a_clerk_makes_the_reply_letter_and_downloads_word_and_pdf(
    page: Page, live_server: Any, register: Any, clerk_a: Any, dept_a: Any
) -> None:
    set_up_body(dept_a)
    app = replied_case(register, clerk_a)
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill("clerk_a")
    page.get_by_label("密码").fill("clerk_a-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()

    page.goto(f"{base}/applications/{app.pk}/")
    panel = page.get_by_test_id("letters")
    reply = panel.locator('[data-kind="reply"]')
    expect(reply).to_contain_text("未制作")
    expect(panel.locator('[data-kind="delivery"]')).to_contain_text("未制作")
    reply.get_by_role("button", name=re.compile(r"^制作\s*政府信息公开申请答复书$")).click()

    # The step says what changed; the panel shows the number and both downloads.
    expect(page.get_by_role("alert").or_(page.locator(".alert")).first).to_contain_text(
        "已制作政府信息公开申请答复书，文号 某教信公〔2026〕1号"
    )
    reply = page.get_by_test_id("letters").locator('[data-kind="reply"]')
    expect(reply.get_by_test_id("letter-number")).to_contain_text("某教信公〔2026〕1号")
    expect(
        reply.get_by_role("button", name=re.compile(r"^重新制作\s*政府信息公开申请答复书$"))
    ).to_be_visible()
    # Nothing of the page is wider than the phone (the panel wraps, no table to scroll).
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOT_DIR / "gongkai-letters-390.png"), full_page=True)

    with page.expect_download() as word:
        reply.get_by_test_id("letter-download").first.click()
    text = docx_text(Path(word.value.path()).read_bytes())
    assert "某教信公〔2026〕1号" in text and "某某县人民法院" in text
    # The PDF was made by the job engine when the letter was made (the tests' tasks run at
    # once): the link gives the file.
    with page.expect_download() as pdf:
        reply.get_by_test_id("letter-download-pdf").first.click()
    assert "某教信公〔2026〕1号" in pdf_text(Path(pdf.value.path()).read_bytes()).replace(" ", "")
