"""The county's 2024 assessment (考核) of the bodies below it: created with the default
indicators, the two manual indicators scored with their evidence, published — through the
assessment actions as the county's 上级 account (``county``), so the audit log is the real one.

Idempotent: an existing assessment is completed, never duplicated; a score given is left as it
is. Needs the reports loaded first (the 年报差错 indicator reads their submissions).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gongkai.demo.bodies import COUNTY

__all__ = ["DEMO_YEAR", "MANUAL_SCORES", "load_assessment_demo"]

DEMO_YEAR = 2024

#: Manual points per indicator key, taken in turn by the assessed bodies (by path), with the
#: evidence the county wrote.
MANUAL_SCORES: dict[str, tuple[tuple[Decimal, str], ...]] = {
    "column": (
        (Decimal(18), "专栏栏目设置规范，个别栏目更新不及时（2024年第三季度检查记录）。"),
        (Decimal(20), "专栏栏目齐全，更新及时，链接均有效（2024年第三季度检查记录）。"),
        (Decimal(16), "专栏有 2 处失效链接，“政策解读”栏目半年未更新（检查记录第 7 号）。"),
    ),
    "training": (
        (Decimal(10), "组织全员政务公开培训 2 次，签到表、课件齐全。"),
        (Decimal(8), "参加县级培训 1 次，未组织本单位培训。"),
    ),
}


def load_assessment_demo() -> Any:
    """The county's published 2024 assessment (created and scored once; returned)."""
    from django.contrib.auth import get_user_model

    from gongkai.apps.assessment import actions
    from gongkai.apps.assessment.models import Assessment, Score
    from gongkai.apps.orgs.models import Body

    county = Body.objects.get(name=COUNTY)
    supervisor = get_user_model().objects.get(username="county")
    assessment = Assessment.objects.filter(body=county, year=DEMO_YEAR).first()
    if assessment is None:
        assessment = actions.create_assessment(
            county,
            acting_user=supervisor,
            year=DEMO_YEAR,
            title="中宁县 2024 年度政务公开工作考核",
        )
    if assessment.is_published:
        return assessment
    bodies = list(assessment.assessed_bodies())
    for indicator in assessment.indicators.filter(kind="manual"):
        choices = MANUAL_SCORES.get(indicator.key)
        if not choices:
            continue
        scored = set(Score.objects.filter(indicator=indicator).values_list("body_id", flat=True))
        for n, body in enumerate(bodies):
            if body.pk in scored:
                continue
            value, evidence = choices[n % len(choices)]
            actions.score_manual(
                indicator,
                body,
                acting_user=supervisor,
                value=min(value, Decimal(indicator.weight)),
                evidence=evidence,
            )
    return actions.publish_assessment(assessment, acting_user=supervisor)
