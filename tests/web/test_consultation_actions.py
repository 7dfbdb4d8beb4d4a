"""意见征集 actions and reporting: permission, period, decisions, publication, audit, facts."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.apps.engagement.actions import (
    decide_comment,
    generated_feedback,
    publish_feedback,
    record_consultation,
    submit_comment,
    update_consultation,
)
from gongkai.apps.engagement.models import Comment, Consultation
from gongkai.apps.engagement.reporting import consultation_facts, consultation_feedback
from gongkai.apps.orgs.actions import set_openness_settings
from gongkai.domain.stats.openness import ConsultationSummary
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import ActionError, ActionPermissionError, TransitionError

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% draft\n"


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Any) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def _consultation(user: Any, body: Any, start: date, end: date, **kw: Any) -> Consultation:
    return record_consultation(
        body,
        acting_user=user,
        title="某某管理办法（征求意见稿）",
        starts_on=start,
        ends_on=end,
        **kw,
    )


def test_register_with_draft_and_deadline(clerk_a: Any, dept_a: Any) -> None:
    draft = SimpleUploadedFile("../征求意见稿.pdf", PDF)
    c = _consultation(clerk_a, dept_a, date(2026, 3, 2), date(2026, 3, 31), draft=draft)
    assert c.draft_name == "征求意见稿.pdf" and c.draft_size == len(PDF)
    assert c.draft.read() == PDF
    # The trail names the draft by its name, never by its random stored path.
    (entry,) = entries_for(c)
    assert "征求意见稿.pdf" in str(entry.data) and c.draft.name not in str(entry.data)
    # 15 working days (default) after Tuesday 31 March 2026: 清明 4–6 April off.
    assert c.feedback_due_on > date(2026, 4, 21)
    bad = SimpleUploadedFile("x.pdf", b"MZ not a pdf")
    with pytest.raises(ActionError) as info:
        _consultation(clerk_a, dept_a, date(2026, 3, 2), date(2026, 3, 31), draft=bad)
    assert "draft" in info.value.field_errors
    with pytest.raises(ActionError) as info:
        _consultation(clerk_a, dept_a, date(2026, 3, 31), date(2026, 3, 2))
    assert info.value.field_errors == {"ends_on": ["征集截止日期不能早于开始日期。"]}
    assert Consultation.objects.count() == 1


def test_other_body_and_supervisor_refused(clerk_b: Any, supervisor: Any, dept_a: Any) -> None:
    for user in (clerk_b, supervisor):
        with pytest.raises(ActionPermissionError):
            _consultation(user, dept_a, date(2026, 3, 2), date(2026, 3, 31))


def test_comment_only_while_open_and_contact_checked(clerk_a: Any, dept_a: Any) -> None:
    c = _consultation(clerk_a, dept_a, date(2026, 3, 2), date(2026, 3, 31))
    with pytest.raises(TransitionError, match="现在不能提交意见"):
        submit_comment(c, contact="13912345678", text="意见", now=_at(date(2026, 4, 1)))
    with pytest.raises(ActionError) as info:
        submit_comment(c, contact="abc", text="意见", now=_at(date(2026, 3, 5)))
    assert "contact" in info.value.field_errors
    comment = submit_comment(
        c, contact="13912345678", text="建议延长", name="", now=_at(date(2026, 3, 31), 23)
    )
    assert comment.decision == "pending"
    assert [e.action for e in entries_for(comment)] == ["engagement.comment_submit"]


def test_decide_publish_and_summary(clerk_a: Any, clerk_b: Any, dept_a: Any) -> None:
    c = _consultation(clerk_a, dept_a, date(2026, 3, 2), date(2026, 3, 31))
    first = submit_comment(c, contact="a@example.cn", text="一", now=_at(date(2026, 3, 3)))
    second = submit_comment(c, contact="13912345678", text="二", now=_at(date(2026, 3, 4)))
    with pytest.raises(ActionError) as info:
        decide_comment(first, decision="not_adopted", acting_user=clerk_a)
    assert "reason" in info.value.field_errors
    with pytest.raises(ActionPermissionError):
        decide_comment(first, decision="adopted", acting_user=clerk_b)
    decide_comment(first, decision="adopted", reason="已补充", acting_user=clerk_a)
    with pytest.raises(TransitionError, match="还有 1 条意见未处理"):
        publish_feedback(c, published_on=date(2026, 4, 2), acting_user=clerk_a)
    decide_comment(second, decision="not_adopted", reason="超出范围", acting_user=clerk_a)
    c.refresh_from_db()
    with pytest.raises(ActionError, match="征集截止"):
        publish_feedback(c, published_on=date(2026, 3, 31), acting_user=clerk_a)
    with pytest.raises(ActionError, match="公布日期不能晚于今天"):
        publish_feedback(
            c, published_on=timezone.localdate() + timedelta(days=1), acting_user=clerk_a
        )
    assert generated_feedback(c).startswith("共收到意见2条，采纳1条，部分采纳0条，不予采纳1条。")
    c = publish_feedback(c, published_on=date(2026, 4, 2), acting_user=clerk_a)
    assert c.feedback.splitlines()[1:] == ["1. 采纳：已补充", "2. 不予采纳：超出范围"]
    with pytest.raises(TransitionError):
        decide_comment(Comment.objects.get(pk=second.pk), decision="adopted", acting_user=clerk_a)
    with pytest.raises(TransitionError):
        update_consultation(c, title="新标题", acting_user=clerk_a)
    assert [e.action for e in entries_for(c)] == [
        "engagement.consultation_record",
        "engagement.consultation_publish",
    ]


def test_overdue_queryset_and_facts(clerk_a: Any, dept_a: Any, dept_b: Any) -> None:
    on_time = _consultation(clerk_a, dept_a, date(2025, 3, 3), date(2025, 3, 31))
    late = _consultation(clerk_a, dept_a, date(2025, 6, 2), date(2025, 6, 30))
    never = _consultation(clerk_a, dept_a, date(2025, 12, 1), date(2025, 12, 5))
    old = _consultation(clerk_a, dept_a, date(2024, 12, 1), date(2025, 1, 10))  # began in 2024
    c1 = submit_comment(on_time, contact="a@example.cn", text="一", now=_at(date(2025, 3, 3)))
    c2 = submit_comment(on_time, contact="a@example.cn", text="二", now=_at(date(2025, 3, 4)))
    c3 = submit_comment(on_time, contact="a@example.cn", text="三", now=_at(date(2025, 3, 5)))
    when = _at(date(2025, 4, 1))
    decide_comment(c1, decision="adopted", acting_user=clerk_a, now=when)
    decide_comment(c2, decision="partly", reason="部分", acting_user=clerk_a, now=when)
    decide_comment(c3, decision="not_adopted", reason="不", acting_user=clerk_a, now=when)
    on_time.refresh_from_db()
    publish_feedback(on_time, published_on=date(2025, 4, 3), acting_user=clerk_a)
    late_due = late.feedback_due_on
    publish_feedback(late, published_on=date(2025, 9, 1), acting_user=clerk_a)
    assert date(2025, 9, 1) > late_due

    overdue = Consultation.objects.feedback_overdue
    assert set(overdue(date(2025, 8, 1))) == {late, old}
    assert set(overdue(date(2025, 9, 1))) == {old}
    assert set(overdue(date(2026, 1, 5))) == {never, old}
    assert all(c.is_feedback_overdue(date(2025, 8, 1)) for c in (late, old))
    # as of 31 December 2024 it had not even ended
    assert consultation_facts(dept_a, 2024).feedback_overdue == 0

    facts = consultation_facts(dept_a, 2025)
    assert facts == ConsultationSummary(
        consultations=3,
        comments=3,
        adopted=1,
        partly_adopted=1,
        not_adopted=1,
        feedback_published=2,
        feedback_overdue=1,  # "never": due 15 working days after 5 December
    )
    # a decision taken after 31 December does not count in that year
    c3.refresh_from_db()
    Comment.objects.filter(pk=c3.pk).update(decided_at=_at(date(2026, 1, 2)))
    assert consultation_facts(dept_a, 2025).not_adopted == 0
    assert consultation_facts(dept_b, 2025) == ConsultationSummary()
    # ended in 2025: on_time (published in time), late, never, the 2024 one (Jan 2025)
    assert consultation_feedback([dept_a.pk, dept_b.pk], 2025) == {dept_a.pk: (1, 4)}
    assert consultation_feedback([], 2025) == {}


def test_openness_settings_admin_only(django_user_model: Any, clerk_a: Any, dept_a: Any) -> None:
    from gongkai.apps.orgs.services import add_member

    admin = django_user_model.objects.create_user("admin_a", password="admin_a-password-1")
    add_member(admin, dept_a, "admin")
    with pytest.raises(ActionPermissionError):
        set_openness_settings(
            dept_a, interpretation_days=5, consultation_feedback_days=10, acting_user=clerk_a
        )
    with pytest.raises(ActionError) as info:
        set_openness_settings(
            dept_a, interpretation_days=5, consultation_feedback_days=0, acting_user=admin
        )
    assert "consultation_feedback_days" in info.value.field_errors
    body = set_openness_settings(
        dept_a, interpretation_days=5, consultation_feedback_days=10, acting_user=admin
    )
    assert (body.interpretation_days, body.consultation_feedback_days) == (5, 10)
    assert [e.action for e in entries_for(body)][-1] == "orgs.openness_settings"
