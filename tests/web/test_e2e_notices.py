"""End to end in Debian chromium at 390 px (a village agent's phone): the agent, a 经办人 of
the body, registers a notice on a village 公示栏, uploads a file that is no photo (refused,
naming the file), then a photo from the phone's camera input; the photo shows on the notice's
page, the page does not scroll sideways, and the list's year summary counts the notice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from gongkai.demo.meetings import demo_photo

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
TITLE = "一村低保对象名单公示"


def test_agent_posts_a_notice_with_a_photo_from_a_phone(
    page: Page, live_server: Any, clerk_a: Any, tmp_path: Path, settings: Any, screenshot_dir: Path
) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path / "var"
    photo = tmp_path / "IMG_2019.png"
    photo.write_bytes(demo_photo())
    not_photo = tmp_path / "名单.txt"
    not_photo.write_text("不是照片", encoding="utf-8")
    base = live_server.url
    page.set_viewport_size(PHONE)

    page.goto(f"{base}/accounts/login/?next=/notices/new/")
    page.get_by_label("用户名").fill("clerk_a")
    page.get_by_label("密码").fill("clerk_a-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="登记公示或广播")).to_be_visible()

    page.get_by_label("渠道").select_option(label="公示栏")
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("地点").select_option(label="村（社区）")
    page.get_by_label("村（社区）名称").fill("一村")
    page.get_by_role("button", name="登记").click()
    expect(page.get_by_text(f"已登记“{TITLE}”")).to_be_visible()
    expect(page.get_by_test_id("no-photos")).to_be_visible()

    upload = page.get_by_test_id("photo-upload")
    field = upload.get_by_label("现场照片")
    expect(field).to_have_attribute("capture", "environment")
    expect(field).to_have_attribute("accept", "image/*")
    field.set_input_files(str(not_photo))
    upload.get_by_role("button", name="上传照片").click()
    expect(page.get_by_text("文件“名单.txt”不是照片")).to_be_visible()

    page.go_back()
    page.reload()
    upload = page.get_by_test_id("photo-upload")
    upload.get_by_label("现场照片").set_input_files(str(photo))
    upload.get_by_role("button", name="上传照片").click()
    expect(page.get_by_text(f"已为“{TITLE}”上传照片，现有 1 张。")).to_be_visible()
    image = page.get_by_test_id("photos").get_by_role("img")
    expect(image).to_have_count(1)
    assert image.evaluate("img => img.complete && img.naturalWidth") == 96
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    page.screenshot(path=str(screenshot_dir / "gongkai-notice-photo-390.png"), full_page=True)

    page.goto(f"{base}/notices/?year=")
    expect(page.get_by_test_id("notices-summary")).to_contain_text("公示栏 1 条")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


def test_clerk_links_a_meetings_minutes_at_390_px(
    page: Page, live_server: Any, clerk_a: Any, dept_a: Any, screenshot_dir: Path
) -> None:
    """会议公开 on a phone: register a meeting, 关联纪要 by searching the body's catalog by
    title; the badge turns to 纪要已公开 and the year's summary counts it held and published."""
    from datetime import timedelta

    from django.utils import timezone
    from openness_world import catalog_item

    today = timezone.localdate()
    catalog_item(dept_a, "局党组会议纪要（第3次）", today, made_on=today - timedelta(days=3))
    catalog_item(dept_a, "局长办公会议纪要（第5次）", today, made_on=today - timedelta(days=3))
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/accounts/login/?next=/meetings/new/")
    page.get_by_label("用户名").fill("clerk_a")
    page.get_by_label("密码").fill("clerk_a-password-1")
    page.get_by_role("button", name="登录").click()

    page.get_by_label("会议类别").select_option(label="党委会议")
    page.get_by_label("召开日期").fill((today - timedelta(days=2)).isoformat())
    page.get_by_label("会议名称").fill("局党组会议（第3次）")
    page.get_by_role("button", name="登记").click()
    expect(page.get_by_text("已登记会议“局党组会议（第3次）”。")).to_be_visible()
    expect(page.get_by_test_id("minutes-state")).to_have_text("纪要未公开")

    page.get_by_role("link", name="关联纪要").click()
    search = page.get_by_test_id("minutes-search")
    search.get_by_role("searchbox").fill("党组")
    search.get_by_role("button", name="搜索").click()
    expect(page.get_by_label("局长办公会议纪要", exact=False)).to_have_count(0)
    page.get_by_label("局党组会议纪要（第3次）", exact=False).check()
    page.get_by_role("button", name="保存关联").click()
    expect(
        page.get_by_text("已将“局党组会议纪要（第3次）”关联为会议“局党组会议（第3次）”的纪要。")
    ).to_be_visible()
    expect(page.get_by_test_id("minutes-state")).to_have_text("纪要已公开")

    page.goto(f"{base}/meetings/")
    summary = page.get_by_test_id("meetings-summary")
    expect(summary.get_by_role("row", name="党委会议")).to_contain_text("1")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
    page.screenshot(path=str(screenshot_dir / "gongkai-meetings-390.png"), full_page=True)
