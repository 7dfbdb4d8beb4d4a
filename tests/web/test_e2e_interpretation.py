"""End to end in Debian chromium: a 规范性文件 published without a 解读 is on the list
规范性文件未发布解读; the clerk registers its 解读 from there (refused first without text or
link), publishes it, and the document leaves the list; the public item page shows the
published 解读 (and not a draft), and the public catalog marks the item with “解读”."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))
TITLE = "某某县教育局关于规范校外培训收费的通知"
INTERP = "《关于规范校外培训收费的通知》政策解读"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def test_register_and_publish_an_interpretation(
    page: Page, live_server: Any, clerk_a: Any, dept_a: Any
) -> None:
    from gongkai.apps.catalog.actions import create_item, publish_item, review_secrecy
    from gongkai.apps.catalog.models import CatalogItem

    today = timezone.localdate()
    dept_a.credit_code = "11640521MB1234567X"
    dept_a.save()
    item = create_item(dept_a, title=TITLE, category="normative", made_on=today, acting_user=None)
    item = review_secrecy(item, "approved", today, acting_user=None)
    item = publish_item(item, today, ["政府网站"], acting_user=None)
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})

    log_in(page, base, "clerk_a")
    page.goto(f"{base}/catalog/interpretations/missing/")
    expect(page.get_by_role("heading", name="规范性文件未发布解读")).to_be_visible()
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("期限内")
    row.get_by_role("link", name="登记解读").click()
    page.get_by_label("标题").fill(INTERP)
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_text("请填写解读内容或链接（至少一项）。")).to_be_visible()
    page.get_by_label("解读内容").fill("问：通知适用于哪些机构？答：本县所有校外培训机构。")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_role("heading", name=INTERP)).to_contain_text("未发布")
    expect(page.get_by_role("alert").first).to_contain_text("已登记政策解读")

    page.get_by_role("link", name="发布解读").click()
    page.get_by_role("button", name="发布解读").click()
    expect(page.get_by_role("alert").first).to_contain_text("按时")
    expect(page.get_by_test_id("timely")).to_have_text("按时")
    page.screenshot(path=str(SCREENSHOT_DIR / "interpretation-published.png"), full_page=True)

    page.goto(f"{base}/catalog/interpretations/missing/")
    expect(page.get_by_text(TITLE)).to_have_count(0)

    # The public: the item page shows the 解读; the catalog marks the item.
    public = page
    public.goto(f"{base}/catalog/public/items/{item.pk}/")
    expect(public.get_by_test_id("interpretations")).to_contain_text(INTERP)
    expect(public.get_by_test_id("interpretations")).to_contain_text("本县所有校外培训机构")
    public.goto(f"{base}/catalog/public/{dept_a.pk}/")
    expect(public.get_by_test_id("interpretation-link")).to_have_count(1)
    assert CatalogItem.objects.without_interpretation().count() == 0
