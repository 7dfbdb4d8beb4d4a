"""Demo 意见征集: a 2024 consultation of 中宁县人民政府 with its feedback published in time, one
of 中宁县自然资源局 whose feedback is overdue, and one of the county open today (dates relative
to today). Idempotent: a consultation already there (same body and title) is left alone.

Everything goes through :mod:`gongkai.apps.engagement.actions` as the system (no account), so
the feedback deadlines come from the working-day calendar and every step is audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.demo.bodies import COUNTY, DEPT_NATURAL_RESOURCES

__all__ = ["load_consultations_demo"]

#: (name, contact, text, decision, reason)
Comment = tuple[str, str, str, str, str]

GREENING_2024 = "中宁县城市绿化管理办法（征求意见稿）"
LAND_USE = "中宁县集体经营性建设用地入市实施办法（征求意见稿）"
OPEN_NOW = "中宁县城区停车管理办法（征求意见稿）"

_GREENING_COMMENTS: Sequence[Comment] = (
    (
        "马建国",
        "13909551111",
        "建议明确新建小区绿地率不低于30%。",
        "adopted",
        "已在第十二条中明确。",
    ),
    (
        "",
        "zhangli@example.com",
        "建议增加古树名木保护条款。",
        "partly",
        "古树名木保护另有专门规定，本办法作衔接性规定。",
    ),
    (
        "李文",
        "0955-5012345",
        "建议取消绿化补偿费。",
        "not_adopted",
        "绿化补偿费依据上位法设立，本办法不作调整。",
    ),
)
_LAND_COMMENTS: Sequence[Comment] = (
    ("王海", "13895560000", "建议明确入市收益中村集体提留比例。", "pending", ""),
    ("", "13995551234", "建议公开入市地块的评估价格。", "pending", ""),
)


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _draft(title: str) -> SimpleUploadedFile:
    text = f"{title}\n\n第一条 为……，根据有关法律法规，结合本县实际，制定本办法。\n"
    return SimpleUploadedFile(f"{title}.txt", text.encode("utf-8"), "text/plain")


def _make(
    body_name: str,
    title: str,
    starts_on: date,
    ends_on: date,
    reasons: str,
    comments: Sequence[Comment],
    published_on: date | None = None,
) -> bool:
    from gongkai.apps.engagement import actions
    from gongkai.apps.engagement.models import Consultation
    from gongkai.apps.orgs.models import Body

    body = Body.objects.filter(name=body_name).first()
    if body is None or Consultation.objects.filter(body=body, title=title).exists():
        return False
    consultation = actions.record_consultation(
        body,
        acting_user=None,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        reasons=reasons,
        channel="电子邮箱：zwgk@zhongning.example.gov.cn；信函：中宁县宁安镇政府办公楼（邮编755100）",
        draft=_draft(title),
    )
    for i, (name, contact, text, decision, reason) in enumerate(comments):
        day = min(starts_on + timedelta(days=2 + i), ends_on)
        comment = actions.submit_comment(
            consultation, name=name, contact=contact, text=text, now=_at(day, 9 + i)
        )
        if decision != "pending":
            actions.decide_comment(
                comment,
                decision=decision,
                reason=reason,
                acting_user=None,
                now=_at(ends_on + timedelta(days=2)),
            )
    if published_on is not None:
        consultation.refresh_from_db()
        actions.publish_feedback(consultation, published_on=published_on, acting_user=None)
    return True


def load_consultations_demo(today: date | None = None) -> int:
    """Create the demo consultations that are missing; returns how many were created."""
    today = today or timezone.localdate()
    created = 0
    created += _make(
        COUNTY,
        GREENING_2024,
        date(2024, 5, 6),
        date(2024, 6, 5),
        "为加强城市绿化建设和管理，改善城市生态环境，起草本办法。",
        _GREENING_COMMENTS,
        published_on=date(2024, 6, 14),
    )
    created += _make(
        DEPT_NATURAL_RESOURCES,
        LAND_USE,
        today - timedelta(days=90),
        today - timedelta(days=60),
        "为规范集体经营性建设用地入市行为，保障农民集体和农民的合法权益，起草本办法。",
        _LAND_COMMENTS,
    )
    created += _make(
        COUNTY,
        OPEN_NOW,
        today - timedelta(days=5),
        today + timedelta(days=25),
        "为规范城区停车秩序，缓解停车难问题，起草本办法。",
        (),
    )
    return created
