"""考核: a supervisor's assessment of the bodies below it (issue 14) — the scoring rules.

An assessment has indicators, each with a key, a label, a weight (points; the weights total
100) and a kind: **computed** by the platform from records (a metric key names the function
that counts) or **manual** (scored by hand with evidence). The records are counted by the
assessment app (one bounded query per metric over the whole subtree); the rules that turn the
counts into points are here, one function per metric:

- 按期答复率 (``on_time_reply``): weight × replied on time / replied in the year; nothing
  replied in the year → full marks (nothing to measure is no failure);
- 超期公开 (``catalog_overdue``): weight − 2 points per item published late in the year or
  still unpublished past its art. 26 due date at the end of the year, never below 0;
- 年报差错 (``report_errors``): weight − 5 points per error and − 1 per warning finding of the
  year's annual report at its first submission to the 上级 (the workflow lets no report with an
  error be submitted, so in practice the warnings count), never below 0; a report never
  submitted → 0 points;
- 解读覆盖率 (``interpretation_coverage``): weight × 规范性文件 published in the year with a
  timely 解读 / 规范性文件 published in the year; none published → full marks;
- 意见反馈公开 (``consultation_feedback``): weight × consultations whose period ended in the
  year with their feedback published by its deadline / consultations whose period ended in the
  year; none → full marks.

Points are :class:`~decimal.Decimal` rounded half up to two places, so equal totals compare
equal and rank alike (1, 1, 3).

A published assessment shows on the staff's 工作台 (考核结果已发布) for
:data:`WORKBENCH_DAYS` days after its publication (:func:`recently_published`): counted from
the publication, not from the assessment's year, so a late publication is still announced.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

__all__ = [
    "CATALOG_OVERDUE",
    "COMPUTED",
    "CONSULTATION_FEEDBACK",
    "DEFAULT_INDICATORS",
    "INTERPRETATION_COVERAGE",
    "MANUAL",
    "METRICS",
    "ON_TIME_REPLY",
    "REPORT_ERRORS",
    "TOTAL_WEIGHT",
    "WORKBENCH_DAYS",
    "CountFacts",
    "Facts",
    "IndicatorSpec",
    "Metric",
    "RateFacts",
    "ReportFacts",
    "WeightError",
    "check_weights",
    "deduct",
    "points",
    "rank",
    "rate_points",
    "recently_published",
    "score_catalog_overdue",
    "score_consultation_feedback",
    "score_interpretation_coverage",
    "score_on_time_reply",
    "score_report_errors",
]

COMPUTED = "computed"
MANUAL = "manual"

ON_TIME_REPLY = "on_time_reply"
CATALOG_OVERDUE = "catalog_overdue"
REPORT_ERRORS = "report_errors"
INTERPRETATION_COVERAGE = "interpretation_coverage"
CONSULTATION_FEEDBACK = "consultation_feedback"

#: What the weights of an assessment add up to.
TOTAL_WEIGHT = Decimal(100)
#: Points taken per item late (超期公开) and per error finding (年报差错).
CATALOG_DEDUCTION = Decimal(2)
REPORT_ERROR_DEDUCTION = Decimal(5)
REPORT_WARNING_DEDUCTION = Decimal(1)

_CENT = Decimal("0.01")

#: How many days a published assessment stays on the 工作台 of the assessed bodies' staff.
WORKBENCH_DAYS = 90


def recently_published(published_on: date, today: date) -> bool:
    """Whether an assessment published on ``published_on`` is shown on the 工作台 on ``today``:
    from its publication day through the :data:`WORKBENCH_DAYS`-th day after it."""
    return published_on <= today <= published_on + timedelta(days=WORKBENCH_DAYS)


def points(value: Decimal | int) -> Decimal:
    """``value`` rounded half up to two places (the one rounding of every score)."""
    return Decimal(value).quantize(_CENT, rounding=ROUND_HALF_UP)


# =============================================================================================
# What a metric counts
# =============================================================================================


@dataclass(frozen=True)
class RateFacts:
    """``done`` of ``total`` (按期答复 18 / 20 件)."""

    done: int
    total: int
    noun: str = "件"
    what: str = ""

    @property
    def rate(self) -> Decimal | None:
        """done / total, None when there is nothing to measure."""
        return Decimal(self.done) / Decimal(self.total) if self.total else None

    def describe(self) -> str:
        if not self.total:
            return f"{self.what}：本年度无可计件数（按满分计）"
        percent = points(Decimal(100) * self.done / self.total)
        return f"{self.what} {self.done} / {self.total} {self.noun}（{percent}%）"


@dataclass(frozen=True)
class CountFacts:
    """Items counted against the body (超期公开): ``parts`` say what makes up the count."""

    parts: tuple[tuple[str, int], ...]
    noun: str = "条"

    @property
    def count(self) -> int:
        return sum(n for _, n in self.parts)

    def describe(self) -> str:
        return "，".join(f"{label} {n} {self.noun}" for label, n in self.parts)


@dataclass(frozen=True)
class ReportFacts:
    """The year's annual report at its first submission to the 上级: submitted or not, the
    error and warning findings the reviewer saw then."""

    submitted: bool
    errors: int = 0
    warnings: int = 0

    def describe(self) -> str:
        if not self.submitted:
            return "年报尚未提交上级（不得分）"
        return f"首次提交时错误 {self.errors} 处、提示 {self.warnings} 处"


Facts = RateFacts | CountFacts | ReportFacts


# =============================================================================================
# Scoring, one function per metric
# =============================================================================================


def rate_points(weight: Decimal | int, facts: RateFacts) -> Decimal:
    """weight × done / total; nothing to measure (total 0) → full marks."""
    rate = facts.rate
    if rate is None:
        return points(weight)
    return points(Decimal(weight) * rate)


def deduct(weight: Decimal | int, items: int, per_item: Decimal) -> Decimal:
    """weight − ``per_item`` × items, never below 0."""
    return points(max(Decimal(weight) - per_item * items, Decimal(0)))


def score_on_time_reply(weight: Decimal | int, facts: RateFacts) -> Decimal:
    """按期答复率: weight × replied by the due date / replied in the year (none: full marks)."""
    return rate_points(weight, facts)


def score_catalog_overdue(weight: Decimal | int, facts: CountFacts) -> Decimal:
    """超期公开: 2 points off per late item, never below 0."""
    return deduct(weight, facts.count, CATALOG_DEDUCTION)


def score_report_errors(weight: Decimal | int, facts: ReportFacts) -> Decimal:
    """年报差错: 5 points off per error and 1 per warning at the first submission, never below
    0; never submitted → 0."""
    if not facts.submitted:
        return points(0)
    taken = REPORT_ERROR_DEDUCTION * facts.errors + REPORT_WARNING_DEDUCTION * facts.warnings
    return deduct(weight, 1, taken)


def score_interpretation_coverage(weight: Decimal | int, facts: RateFacts) -> Decimal:
    """解读覆盖率: weight × documents interpreted / documents needing a 解读 (none: full)."""
    return rate_points(weight, facts)


def score_consultation_feedback(weight: Decimal | int, facts: RateFacts) -> Decimal:
    """意见反馈公开: weight × feedback published / consultations (none: full marks)."""
    return rate_points(weight, facts)


@dataclass(frozen=True)
class Metric:
    """A computed indicator's metric: its key, label, and the rule that scores its facts."""

    key: str
    label: str
    rule: str  # the scoring rule in words (评分标准)
    score: Callable[[Decimal | int, Facts], Decimal]


def _typed(
    kind: type[RateFacts] | type[CountFacts] | type[ReportFacts],
    function: Callable[..., Decimal],
) -> Callable[[Decimal | int, Facts], Decimal]:
    def score(weight: Decimal | int, facts: Facts) -> Decimal:
        if not isinstance(facts, kind):
            raise TypeError(f"{function.__name__} scores {kind.__name__}, not {facts!r}")
        return function(weight, facts)

    return score


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(
            ON_TIME_REPLY,
            "依申请公开按期答复率",
            "本年度答复的申请中在答复期限内答复的比例 × 分值；本年度无答复的申请按满分计。",
            _typed(RateFacts, score_on_time_reply),
        ),
        Metric(
            CATALOG_OVERDUE,
            "主动公开超期（条例第二十六条）",
            "本年度超期发布的信息和年末仍超期未发布的信息，每条扣 2 分，扣完为止。",
            _typed(CountFacts, score_catalog_overdue),
        ),
        Metric(
            REPORT_ERRORS,
            "年度报告差错",
            "本年度年报首次提交上级时的问题：每个错误扣 5 分、每个提示扣 1 分，扣完为止；"
            "未提交年报不得分。",
            _typed(ReportFacts, score_report_errors),
        ),
        Metric(
            INTERPRETATION_COVERAGE,
            "政策解读覆盖率",
            "本年度发布的规范性文件中按期发布解读的比例 × 分值；本年度无规范性文件按满分计。",
            _typed(RateFacts, score_interpretation_coverage),
        ),
        Metric(
            CONSULTATION_FEEDBACK,
            "意见征集反馈公开",
            "本年度截止的意见征集中按期公布反馈情况的比例 × 分值；本年度无截止的意见征集按满分计。",
            _typed(RateFacts, score_consultation_feedback),
        ),
    )
}


# =============================================================================================
# The default set, the weights, the ranking
# =============================================================================================


@dataclass(frozen=True)
class IndicatorSpec:
    key: str
    label: str
    kind: str
    weight: int
    metric: str = ""
    description: str = ""


DEFAULT_INDICATORS: tuple[IndicatorSpec, ...] = (
    *(
        IndicatorSpec(key, METRICS[key].label, COMPUTED, weight, key, METRICS[key].rule)
        for key, weight in (
            (ON_TIME_REPLY, 20),
            (CATALOG_OVERDUE, 15),
            (REPORT_ERRORS, 15),
            (INTERPRETATION_COVERAGE, 10),
            (CONSULTATION_FEEDBACK, 10),
        )
    ),
    IndicatorSpec(
        "column",
        "政府信息公开专栏建设",
        MANUAL,
        20,
        description="专栏栏目设置规范、内容更新及时、链接有效，依据检查记录评分。",
    ),
    IndicatorSpec(
        "training",
        "政务公开培训",
        MANUAL,
        10,
        description="本年度组织或参加政务公开培训的情况，依据培训通知、签到表等材料评分。",
    ),
)


class WeightError(ValueError):
    """The weights do not total 100; ``str(exc)`` is the Chinese reason."""


def check_weights(weights: Sequence[Decimal | int]) -> None:
    """Refuse weights that are negative or do not total :data:`TOTAL_WEIGHT`."""
    if any(Decimal(w) < 0 for w in weights):
        raise WeightError("指标分值不能为负数。")
    total = sum((Decimal(w) for w in weights), Decimal(0))
    if total != TOTAL_WEIGHT:
        raise WeightError(f"各项指标分值合计应为 100 分，现为 {points(total)} 分。")


K = TypeVar("K", bound=Hashable)


def rank(totals: Sequence[tuple[K, Decimal]]) -> list[tuple[int, K, Decimal]]:
    """(rank, key, total), highest total first; equal totals share a rank and the next rank
    skips (1, 1, 3). Equal totals keep their given order."""
    ordered = sorted(enumerate(totals), key=lambda item: (-item[1][1], item[0]))
    ranked: list[tuple[int, K, Decimal]] = []
    previous: Decimal | None = None
    current = 0
    for position, (_, (key, total)) in enumerate(ordered, start=1):
        if total != previous:
            current, previous = position, total
        ranked.append((current, key, total))
    return ranked
