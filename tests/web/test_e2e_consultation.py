"""End to end in Debian chromium: a consultation from draft to published feedback. The clerk
registers it with its draft; a citizen (no account) reads it on the public page, downloads
nothing but sees the draft link, and comments; the clerk marks the comment 部分采纳 with a
reason and, once the period is over, publishes the feedback generated from the decisions; the
public page then shows the summary and never the citizen's contact."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

TITLE = "某某县城区停车管理办法（征求意见稿）"
COMMENT = "建议在学校周边增设临时停车位，方便接送学生。"
CONTACT = "13912345678"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/workbench/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()


def test_consultation_from_draft_to_feedback(
    page: Page, live_server: Any, clerk_a: Any, dept_a: Any, settings: Any, tmp_path: Any
) -> None:
    from gongkai.apps.engagement.models import Comment, Consultation

    settings.GONGKAI_VAR_DIR = tmp_path
    today = timezone.localdate()
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    draft = tmp_path / "停车管理办法.pdf"
    draft.write_bytes(b"%PDF-1.4\n% draft of the rules\n")

    # -- the clerk registers the consultation ------------------------------------------------
    log_in(page, base, "clerk_a")
    page.goto(f"{base}/engagement/consultations/")
    expect(page.get_by_role("heading", name="意见征集", exact=True)).to_be_visible()
    page.get_by_role("link", name="登记意见征集").click()
    page.get_by_label("标题").fill(TITLE)
    page.get_by_label("征求意见稿").set_input_files(str(draft))
    page.get_by_label("起草说明").fill("为规范城区停车秩序，起草本办法。")
    page.get_by_label("征集开始日期").fill((today - timedelta(days=3)).isoformat())
    page.get_by_label("征集截止日期").fill(today.isoformat())
    page.get_by_label("其他意见渠道").fill("电子邮箱：parking@example.cn")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.get_by_text("已登记意见征集")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE)).to_contain_text("征集中")
    consultation = Consultation.objects.get()
    assert consultation.draft_name == "停车管理办法.pdf"
    page.get_by_role("button", name="退出登录").click()

    # -- a citizen comments on the public page ------------------------------------------------
    page.goto(f"{base}/consult/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_test_id("draft")).to_contain_text("停车管理办法.pdf")
    page.get_by_label("联系方式").fill("电话")
    page.get_by_label("意见内容").fill(COMMENT)
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_text("请填写有效的手机号码、固定电话或电子邮箱。")).to_be_visible()
    expect(page.get_by_label("意见内容")).to_have_value(COMMENT)
    page.get_by_label("联系方式").fill(CONTACT)
    page.get_by_role("button", name="提交意见").click()
    expect(page.get_by_text("您的意见已收到")).to_be_visible()
    expect(page.get_by_text(consultation.feedback_due_on.isoformat())).to_be_visible()
    assert Comment.objects.get().text == COMMENT

    # -- the clerk marks the comment --------------------------------------------------------
    log_in(page, base, "clerk_a")
    page.goto(f"{base}{consultation.get_absolute_url()}")
    expect(page.get_by_test_id("counts")).to_contain_text("未处理 1 条")
    expect(page.get_by_text(CONTACT)).to_be_visible()
    page.get_by_role("link", name="处理").click()
    page.get_by_label("部分采纳").check()
    page.get_by_label("理由").fill("学校周边已规划临时停车区，具体位置另行公布。")
    page.get_by_role("button", name="保存处理结果").click()
    expect(page.get_by_text("已将第")).to_contain_text("部分采纳")
    expect(page.get_by_test_id("counts")).to_contain_text("部分采纳 1 条")

    # -- the period is over: publish the feedback --------------------------------------------
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=today - timedelta(days=10), ends_on=today - timedelta(days=1)
    )
    page.reload()
    publish = page.get_by_role("region", name="公布意见采纳情况")
    expect(publish.get_by_label("意见采纳情况")).to_have_value(
        "共收到意见1条，采纳0条，部分采纳1条，不予采纳0条。\n"
        "1. 部分采纳：学校周边已规划临时停车区，具体位置另行公布。"
    )
    publish.get_by_label("公布日期").fill(today.isoformat())
    publish.get_by_role("button", name="公布采纳情况").click()
    expect(page.get_by_text("已公布意见采纳情况，公众页面已显示。")).to_be_visible()
    expect(page.get_by_test_id("feedback-published-on")).to_have_text(today.isoformat())
    page.get_by_role("button", name="退出登录").click()

    # -- the public page shows the summary -------------------------------------------------
    page.goto(f"{base}{consultation.get_public_url()}")
    feedback = page.get_by_test_id("feedback")
    expect(feedback).to_contain_text("共收到意见1条，采纳0条，部分采纳1条，不予采纳0条。")
    expect(page.get_by_test_id("comment-form")).to_have_count(0)
    assert CONTACT not in page.content() and COMMENT not in page.content()
