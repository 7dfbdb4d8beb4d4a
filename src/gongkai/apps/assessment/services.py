"""The score sheets and the ranking of an assessment, recomputed from the records each time
(the computed indicators are never stored), and who may see a sheet.

:func:`scores` is what other parts (the charts) call: ``[(body, total, {indicator key:
points or None})]`` in ranking order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.apps.assessment.models import Assessment, Indicator, Score
from gongkai.apps.assessment.reporting import metric_facts
from gongkai.apps.orgs.models import Body
from gongkai.domain.assessment import METRICS, Facts, points, rank, recently_published
from gongkai.kernel.permissions import is_active_user, user_can

__all__ = [
    "Cell",
    "Sheet",
    "may_see_sheet",
    "own_sheets",
    "recent_own_sheets",
    "scores",
    "sheet_of",
    "sheets",
]


@dataclass(frozen=True)
class Cell:
    """One indicator of a body's sheet: its points (None: not scored / not available) and how
    they were found (the computed facts, or the manual score with its evidence)."""

    indicator: Indicator
    points: Decimal | None
    derivation: str
    facts: Facts | None = None
    score: Score | None = None


@dataclass(frozen=True)
class Sheet:
    body: Body
    cells: list[Cell]
    total: Decimal
    rank: int = 0


def _cells(
    indicators: list[Indicator],
    body: Body,
    facts: dict[str, Any],
    manual: dict[tuple[int, int], Score],
) -> list[Cell]:
    cells = []
    for indicator in indicators:
        if indicator.is_manual:
            score = manual.get((indicator.pk, body.pk))
            if score is None:
                cells.append(Cell(indicator, None, "尚未评分"))
            else:
                cells.append(Cell(indicator, points(score.value), score.evidence, score=score))
            continue
        found = facts[indicator.metric].get(body.pk)
        if found is None:
            cells.append(Cell(indicator, None, "数据来源尚未接入平台（不计分）"))
            continue
        value = METRICS[indicator.metric].score(indicator.weight, found)
        cells.append(Cell(indicator, value, found.describe(), facts=found))
    return cells


def sheets(assessment: Assessment, bodies: list[Body] | None = None) -> list[Sheet]:
    """Every assessed body's sheet (or those of ``bodies``), ranked: one query per metric over
    all the bodies, one for the manual scores."""
    indicators = list(assessment.indicators.all())
    if bodies is None:
        bodies = list(assessment.assessed_bodies())
    ids = [b.pk for b in bodies]
    facts = {
        i.metric: metric_facts(i.metric, ids, assessment.year)
        for i in indicators
        if not i.is_manual
    }
    manual = {
        (s.indicator_id, s.body_id): s
        for s in Score.objects.filter(assessment=assessment, body_id__in=ids)
    }
    made = []
    for body in bodies:
        cells = _cells(indicators, body, facts, manual)
        total = points(sum((c.points for c in cells if c.points is not None), Decimal(0)))
        made.append(Sheet(body, cells, total))
    ranked = rank([(i, s.total) for i, s in enumerate(made)])
    return [
        Sheet(made[i].body, made[i].cells, made[i].total, position) for position, i, _ in ranked
    ]


def sheet_of(assessment: Assessment, body: Body) -> Sheet:
    """``body``'s sheet with its rank among all the assessed bodies."""
    for found in sheets(assessment):
        if found.body.pk == body.pk:
            return found
    raise LookupError(body)


def scores(assessment: Assessment) -> list[tuple[Body, Decimal, dict[str, Decimal | None]]]:
    """(body, total, {indicator key: points}) of every assessed body, in ranking order — the
    one reading of the scores for the charts."""
    return [
        (s.body, s.total, {c.indicator.key: c.points for c in s.cells}) for s in sheets(assessment)
    ]


def may_see_sheet(user: Any, assessment: Assessment, body: Body) -> bool:
    """The supervisor of the assessment sees every sheet; a body's own staff (any role in it)
    see its sheet once the assessment is published; nobody else."""
    if not is_active_user(user) or not body.is_in_subtree_of(assessment.body):
        return False
    if body.pk == assessment.body_id:
        return False
    if user_can(user, "supervise", assessment):
        return True
    if not assessment.is_published:
        return False
    return body.memberships.filter(user_id=user.pk).exists()


def own_sheets(user: Any) -> list[tuple[Assessment, Body]]:
    """The published assessments of the bodies ``user`` works for: (assessment, body)."""
    bodies = list(Body.objects.filter(memberships__user_id=user.pk).distinct().order_by("path"))
    above: set[int] = set()
    for body in bodies:
        above.update(body.ancestor_ids()[:-1])
    if not above:
        return []
    found = []
    for assessment in (
        Assessment.objects.published().filter(body_id__in=above).select_related("body")
    ):
        found += [(assessment, b) for b in bodies if b.is_in_subtree_of(assessment.body)]
    found = [(a, b) for a, b in found if b.pk != a.body_id]
    return sorted(found, key=lambda pair: (-pair[0].year, pair[1].path))


def recent_own_sheets(user: Any, today: date) -> list[tuple[Assessment, Body]]:
    """考核结果已发布 on the 工作台: :func:`own_sheets` whose assessment was published within
    :data:`~gongkai.domain.assessment.WORKBENCH_DAYS` days before ``today``
    (:func:`~gongkai.domain.assessment.recently_published`)."""
    return [
        (assessment, body)
        for assessment, body in own_sheets(user)
        if assessment.published_at is not None
        and recently_published(timezone.localdate(assessment.published_at), today)
    ]
