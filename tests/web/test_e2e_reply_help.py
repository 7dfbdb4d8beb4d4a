"""End to end in Debian chromium (issue 10, finding 11): choosing an outcome on the reply form
fills in its article of 条例 and standard wording; the clerk's own edits are kept."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from gongkai.domain.applications.replies import reply_guide

pytestmark = pytest.mark.e2e


def test_choosing_an_outcome_fills_basis_and_wording(
    page: Page, live_server: Any, register: Any, clerk_a: Any
) -> None:
    app = register(received_on=date(2026, 9, 25))
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill("clerk_a")
    page.get_by_label("密码").fill("clerk_a-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()
    page.goto(f"{base}/applications/{app.pk}/actions/reply/")

    page.get_by_label("办理结果", exact=True).select_option("denied.third_party")
    guide = reply_guide("denied.third_party")
    expect(page.get_by_label("法律依据", exact=True)).to_have_value(guide.basis)
    expect(page.get_by_label("答复内容", exact=True)).to_have_value(guide.wording)
    expect(page.locator('li[data-outcome="denied.third_party"] details')).to_have_attribute(
        "open", ""
    )

    # Another outcome replaces the untouched wording …
    page.get_by_label("办理结果", exact=True).select_option("unable.not_held")
    expect(page.get_by_label("答复内容", exact=True)).to_have_value(
        reply_guide("unable.not_held").wording
    )
    # … but not a wording the clerk has edited.
    page.get_by_label("答复内容", exact=True).fill("经检索，本机关没有该信息。")
    page.get_by_label("办理结果", exact=True).select_option("granted")
    expect(page.get_by_label("答复内容", exact=True)).to_have_value("经检索，本机关没有该信息。")
    expect(page.get_by_label("法律依据", exact=True)).to_have_value(reply_guide("granted").basis)

    # A form sent back with an error keeps the clerk's text when the outcome changes.
    page.get_by_label("答复日期", exact=True).fill("")
    page.get_by_role("button", name="登记答复").click()
    expect(page.get_by_label("答复内容", exact=True)).to_have_value("经检索，本机关没有该信息。")
    page.get_by_label("办理结果", exact=True).select_option("partial")
    expect(page.get_by_label("答复内容", exact=True)).to_have_value("经检索，本机关没有该信息。")
    expect(page.get_by_label("法律依据", exact=True)).to_have_value(reply_guide("partial").basis)
