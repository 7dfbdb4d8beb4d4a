"""The 意见征集 public page: a comment from a citizen, the throttle on a flood (nothing lost,
nothing duplicated, the refused text kept), privacy of the comments, the feedback shown."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gongkai.apps.engagement.actions import decide_comment, publish_feedback, record_consultation
from gongkai.apps.engagement.models import Comment, Consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(clerk_a: Any, dept_a: Any) -> Consultation:
    today = timezone.localdate()
    return record_consultation(
        dept_a,
        acting_user=clerk_a,
        title="某某县农村饮水安全管理办法（征求意见稿）",
        reasons="为保障农村饮水安全。",
        channel="电子邮箱：water@example.cn",
        starts_on=today - timedelta(days=5),
        ends_on=today + timedelta(days=10),
    )


def _post(client: Client, c: Consultation, text: str, **extra: str) -> Any:
    data = {"name": "张三", "contact": "13912345678", "text": text, **extra}
    return client.post(reverse("consult:detail", kwargs={"pk": c.pk}), data, REMOTE_ADDR="10.0.0.7")


def test_comment_received_with_due_date(consultation: Consultation) -> None:
    client = Client()
    page = client.get(consultation.get_public_url())
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    response = _post(client, consultation, "建议增加水质公示。")
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert "您的意见已收到" in shown and consultation.feedback_due_on.isoformat() in shown
    comment = Comment.objects.get()
    assert comment.client_address == "10.0.0.7" and comment.decision == "pending"
    # the comment and its contact are never shown publicly
    assert "13912345678" not in shown and "建议增加水质公示" not in shown


def test_invalid_contact_keeps_the_text(consultation: Consultation) -> None:
    response = _post(Client(), consultation, "我的意见", contact="abc")
    assert response.status_code == 400
    body = response.content.decode()
    assert "请填写有效的手机号码、固定电话或电子邮箱" in body and "我的意见" in body
    assert Comment.objects.count() == 0


def test_flood_is_throttled_nothing_lost(settings: Any, consultation: Consultation) -> None:
    settings.GONGKAI_CONSULT_COMMENT_LIMIT = (3, 3600)
    client = Client()
    statuses = [_post(client, consultation, f"第{i}条意见").status_code for i in range(8)]
    assert statuses == [302, 302, 302, 429, 429, 429, 429, 429]
    refused = _post(client, consultation, "被拒绝的意见")
    body = refused.content.decode()
    assert refused.status_code == 429 and "提交过于频繁" in body
    assert "被拒绝的意见" in body  # kept in the form for a retry
    texts = list(Comment.objects.order_by("pk").values_list("text", flat=True))
    assert texts == ["第0条意见", "第1条意见", "第2条意见"]  # every accepted one, once
    # another address is not affected
    other = Client().post(
        reverse("consult:detail", kwargs={"pk": consultation.pk}),
        {"contact": "a@example.cn", "text": "另一位市民"},
        REMOTE_ADDR="10.0.0.8",
    )
    assert other.status_code == 302 and Comment.objects.count() == 4


def test_closed_consultation_takes_no_comment(clerk_a: Any, dept_a: Any) -> None:
    c = record_consultation(
        dept_a,
        acting_user=clerk_a,
        title="已结束",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 1, 31),
    )
    page = Client().get(c.get_public_url()).content.decode()
    assert 'data-testid="comment-form"' not in page and "意见采纳情况将于" in page
    response = _post(Client(), c, "迟到的意见")
    assert response.status_code == 400 and "现在不能提交意见" in response.content.decode()
    assert Comment.objects.count() == 0


def test_staff_comments_private_and_feedback_public(
    clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any, consultation: Consultation
) -> None:
    _post(Client(), consultation, "保密测试意见")
    detail = reverse("engagement:consultation_detail", kwargs={"pk": consultation.pk})
    staff = Client()
    staff.force_login(clerk_a)
    assert "13912345678" in staff.get(detail).content.decode()
    boss = Client()
    boss.force_login(supervisor)
    page = boss.get(detail)
    assert page.status_code == 200 and "13912345678" not in page.content.decode()
    other = Client()
    other.force_login(clerk_b)
    assert other.get(detail).status_code == 404
    # end the period, decide, publish: the public page shows the summary
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 31)
    )
    decide_comment(Comment.objects.get(), decision="adopted", reason="已吸收", acting_user=clerk_a)
    publish_feedback(
        Consultation.objects.get(pk=consultation.pk),
        published_on=date(2025, 2, 5),
        acting_user=clerk_a,
    )
    public = Client().get(consultation.get_public_url()).content.decode()
    assert "共收到意见1条，采纳1条，部分采纳0条，不予采纳0条。" in public
    assert "13912345678" not in public


def test_overdue_badge_on_the_list(clerk_a: Any, dept_a: Any) -> None:
    record_consultation(
        dept_a,
        acting_user=clerk_a,
        title="逾期的征集",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 1, 31),
    )
    client = Client()
    client.force_login(clerk_a)
    page = client.get(reverse("engagement:consultation_list")).content.decode()
    assert 'data-testid="overdue-count"' in page and "逾期未反馈" in page
    filtered = client.get(reverse("engagement:consultation_list") + "?overdue=on")
    assert "逾期的征集" in filtered.content.decode()


def test_publish_form_offered_only_after_the_period(
    clerk_a: Any, consultation: Consultation
) -> None:
    """Walk of issue 14: while the period runs the detail page does not offer 公布采纳情况
    (the action would refuse it) but says from when; once ended it offers the form."""
    detail = reverse("engagement:consultation_detail", kwargs={"pk": consultation.pk})
    staff = Client()
    staff.force_login(clerk_a)
    page = staff.get(detail).content.decode()
    assert 'data-testid="publish"' not in page and "公布采纳情况</button>" not in page
    assert 'data-testid="publish-after"' in page
    assert f"征集截止（{consultation.ends_on.isoformat()}）之后可公布意见采纳情况" in page
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 31)
    )
    page = staff.get(detail).content.decode()
    assert "公布采纳情况</button>" in page and 'data-testid="publish-after"' not in page
