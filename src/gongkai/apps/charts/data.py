"""The data of the chart pages: a body's year and a supervisor's subtree.

Every chart is a few bounded ``GROUP BY`` queries over the records, read through the words the
apps already define — an application's outcome (its table 三 result group,
:func:`gongkai.domain.charts.model.outcome_group`), 逾期答复
(``Application.objects.replied_late()``), the catalog's 主动公开 (``proactive()``) and the
narrative's channel counts (``stats.reporting.publication_facts``, read from the bodies' stored
year summaries: ``reports.summaries``) — never a second
definition of them. A chart is one :class:`~gongkai.domain.charts.model.Chart`: the page draws
it and prints its table from the same object, and the Excel download is its table.

The charts are a registry (:data:`CHARTS`, :func:`register_chart`): a chart is a key, a title
and a function ``(scope, year) → Chart``; adding one (the 考核 scores of the assessment app) is
a few lines, and the pages, the downloads and the tests pick it up.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import ExtractMonth, ExtractYear

from gongkai.apps.applications.models import Application
from gongkai.apps.assessment.models import Assessment
from gongkai.apps.assessment.services import scores
from gongkai.apps.catalog.choices import CategoryChoice
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.models import Bodies, Body, in_bodies
from gongkai.apps.reports.models import YearSummary
from gongkai.apps.reports.supervision import read_summaries
from gongkai.domain.charts.model import (
    MONTH_LABELS,
    NOT_REPLIED,
    OUTCOME_GROUPS,
    Chart,
    Series,
    counts_by,
    on_time_rate,
    outcome_group,
)
from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS

__all__ = [
    "CHARTS",
    "FIRST_TREND_YEAR",
    "TOP_BODIES",
    "ChartDefinition",
    "Scope",
    "applications_by_month",
    "assessment_scores",
    "bodies_compared",
    "chart_for",
    "charts_for",
    "on_time_by_month",
    "publications_by_category",
    "publications_by_channel",
    "register_chart",
    "trend",
]

#: The trend starts with the first year of the 2019 条例 (国务院令第711号).
FIRST_TREND_YEAR = 2019
#: How many bodies the comparison chart draws (the table lists every body).
TOP_BODIES = 10


@dataclass(frozen=True)
class Scope:
    """Whose records a chart counts: one body, or a body and every body below it."""

    root: Body
    subtree: bool = False

    @property
    def bodies(self) -> Bodies:
        return Body.objects.subtree(self.root) if self.subtree else self.root

    def body_list(self) -> list[Body]:
        """The bodies counted, the root first and then in the tree's order."""
        if not self.subtree:
            return [self.root]
        return list(Body.objects.subtree(self.root).order_by("path"))


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _months(rows: object) -> dict[int, int]:
    return {int(month): n for month, n in rows}  # type: ignore[attr-defined]


# =============================================================================================
# Applications
# =============================================================================================


def applications_by_month(scope: Scope, year: int) -> Chart:
    """Applications received in each month of ``year``, stacked by their table 三 result
    group (尚未答复: no outcome yet). One ``GROUP BY`` (month, outcome)."""
    start, end = _year_range(year)
    rows = (
        Application.objects.filter(in_bodies(scope.bodies), received_on__range=(start, end))
        .order_by()
        .values("outcome", month=ExtractMonth("received_on"))
        .annotate(n=Count("pk"))
        .values_list("month", "outcome", "n")
    )
    counts: dict[str, list[int]] = {g: [0] * 12 for g in (*OUTCOME_GROUPS, NOT_REPLIED)}
    for month, outcome, n in rows:
        counts[outcome_group(outcome)][int(month) - 1] += n
    series = tuple(Series(name, tuple(values)) for name, values in counts.items())
    return Chart(
        key="applications",
        title=f"{year}年各月收到的政府信息公开申请（按办理结果）",
        kind="stacked",
        category_label="月份",
        categories=MONTH_LABELS,
        series=series,
        note="按收到申请的月份统计；办理结果按年报表三的分组，尚未答复的单列。",
    )


def on_time_by_month(scope: Scope, year: int) -> Chart:
    """Replies given in each month of ``year``, the late ones among them
    (``replied_late()``) and the on-time rate. Two ``GROUP BY`` month queries."""
    start, end = _year_range(year)
    replied = Application.objects.filter(
        in_bodies(scope.bodies), replied_on__range=(start, end)
    ).order_by()
    by_month = (
        replied.values(month=ExtractMonth("replied_on"))
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    late_by_month = (
        replied.replied_late()
        .values(month=ExtractMonth("replied_on"))
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    )
    total, late = _months(by_month), _months(late_by_month)
    replies = tuple(total.get(m, 0) for m in range(1, 13))
    lates = tuple(late.get(m, 0) for m in range(1, 13))
    rates = tuple(on_time_rate(r, x) for r, x in zip(replies, lates, strict=True))
    return Chart(
        key="on_time",
        title=f"{year}年各月答复件数与按时答复率",
        kind="bar_line",
        category_label="月份",
        categories=MONTH_LABELS,
        series=(
            Series("答复件数", replies),
            Series("其中逾期答复", lates),
            Series("按时答复率（%）", rates, line=True, axis=1),
        ),
        note="按答复日期所在月份统计；逾期答复指答复日期晚于答复期限；当月没有答复的不计算答复率。",
    )


# =============================================================================================
# Publications
# =============================================================================================


def publications_by_channel(scope: Scope, year: int) -> Chart:
    """主动公开 items published in ``year`` per channel — the annual report narrative's count
    (``publication_facts``: an item published through two channels counts under both), added
    up over the scope's bodies from their stored year summaries (``facts["channels"]``:
    three queries whatever the number of bodies); the note says how recent they are."""
    stored = read_summaries(
        scope.body_list(),
        year,
        YearSummary.objects.only("body", "year", "records_version", "computed_at").annotate(
            channels=KeyTransform("channels", "facts")
        ),
    )
    totals: dict[str, int] = dict.fromkeys(CATALOG_CHANNELS, 0)
    for summary in stored.summaries.values():
        for channel, n in (getattr(summary, "channels", None) or {}).items():
            totals[channel] = totals.get(channel, 0) + n
    labels, values = counts_by(CATALOG_CHANNELS, totals)
    return Chart(
        key="channels",
        title=f"{year}年主动公开信息（按公开渠道）",
        kind="bar",
        category_label="公开渠道",
        categories=labels,
        series=(Series("发布条数", values),),
        unit="条",
        note="同一条信息通过多个渠道发布的，在每个渠道各计一次。按各机关的年度汇总统计，"
        + stored.freshness.describe(),
    )


def publications_by_category(scope: Scope, year: int) -> Chart:
    """主动公开 items published in ``year`` per 信息类别 (规章, 行政规范性文件, 其他). One
    ``GROUP BY``."""
    start, end = _year_range(year)
    rows = (
        CatalogItem.objects.proactive()
        .filter(in_bodies(scope.bodies), published_on__range=(start, end))
        .order_by()
        .values("category")
        .annotate(n=Count("pk"))
        .values_list("category", "n")
    )
    labels = dict(CategoryChoice.choices)
    counts = {str(labels.get(category, category)): n for category, n in rows}
    categories, values = counts_by([str(label) for label in labels.values()], counts)
    return Chart(
        key="categories",
        title=f"{year}年主动公开信息（按信息类别）",
        kind="pie",
        category_label="信息类别",
        categories=categories,
        series=(Series("发布条数", values),),
        unit="条",
    )


# =============================================================================================
# Over the years
# =============================================================================================


def _per_year(rows: object) -> dict[int, int]:
    return {int(y): n for y, n in rows}  # type: ignore[attr-defined]


def trend(scope: Scope, year: int) -> Chart:
    """Applications received and 主动公开 items published in each year from 2019 to ``year``.
    Two ``GROUP BY`` year queries."""
    first = min(FIRST_TREND_YEAR, year)
    start, end = date(first, 1, 1), date(year, 12, 31)
    received = _per_year(
        Application.objects.filter(in_bodies(scope.bodies), received_on__range=(start, end))
        .order_by()
        .values(y=ExtractYear("received_on"))
        .annotate(n=Count("pk"))
        .values_list("y", "n")
    )
    published = _per_year(
        CatalogItem.objects.proactive()
        .filter(in_bodies(scope.bodies), published_on__range=(start, end))
        .order_by()
        .values(y=ExtractYear("published_on"))
        .annotate(n=Count("pk"))
        .values_list("y", "n")
    )
    years = range(first, year + 1)
    return Chart(
        key="trend",
        title=f"{first}—{year}年趋势",
        kind="line",
        category_label="年份",
        categories=tuple(f"{y}年" for y in years),
        series=(
            Series("收到申请（件）", tuple(received.get(y, 0) for y in years), line=True),
            Series("主动公开信息（条）", tuple(published.get(y, 0) for y in years), line=True),
        ),
        unit="",
    )


# =============================================================================================
# The bodies of a subtree compared
# =============================================================================================


def bodies_compared(scope: Scope, year: int) -> Chart:
    """Per body of the subtree: applications received in ``year``, replies given in it and
    the on-time rate; the drawing shows the :data:`TOP_BODIES` bodies with the most
    applications, the table every body. Three ``GROUP BY`` body queries."""
    start, end = _year_range(year)
    bodies = scope.body_list()
    ids = [b.pk for b in bodies]
    received = dict(
        Application.objects.filter(body_id__in=ids, received_on__range=(start, end))
        .order_by()
        .values("body_id")
        .annotate(n=Count("pk"))
        .values_list("body_id", "n")
    )
    replied_qs = Application.objects.filter(
        body_id__in=ids, replied_on__range=(start, end)
    ).order_by()
    replied = dict(replied_qs.values("body_id").annotate(n=Count("pk")).values_list("body_id", "n"))
    late = dict(
        replied_qs.replied_late()
        .values("body_id")
        .annotate(n=Count("pk"))
        .values_list("body_id", "n")
    )
    ordered = sorted(bodies, key=lambda b: (-received.get(b.pk, 0), b.path))
    return Chart(
        key="bodies",
        title=f"{year}年各机关收到申请与按时答复率",
        kind="bar_line",
        category_label="机关",
        categories=tuple(b.name for b in ordered),
        series=(
            Series("收到申请（件）", tuple(received.get(b.pk, 0) for b in ordered)),
            Series("答复件数", tuple(replied.get(b.pk, 0) for b in ordered)),
            Series(
                "按时答复率（%）",
                tuple(on_time_rate(replied.get(b.pk, 0), late.get(b.pk, 0)) for b in ordered),
                line=True,
                axis=1,
            ),
        ),
        shown=TOP_BODIES,
        note=f"图中为收到申请最多的 {TOP_BODIES} 个机关，表中列出全部机关。",
    )


def assessment_scores(scope: Scope, year: int) -> Chart:
    """The 考核 of ``year`` the root body gives the bodies below it: each body's points per
    indicator (stacked) and its total, in ranking order — the assessment app's one reading
    of the scores (``assessment.services.scores``: computed indicators recomputed from the
    records, manual ones as scored). No assessment: an empty chart saying so."""
    assessment = Assessment.objects.filter(body=scope.root, year=year).first()
    if assessment is None:
        return Chart(
            key="scores",
            title=f"{year}年考核得分",
            kind="stacked",
            category_label="机关",
            categories=(),
            series=(Series("总分", ()),),
            unit="分",
            note="本机关没有这一年度的考核。",
            decimals=2,
        )
    ranked = scores(assessment)
    indicators = list(assessment.indicators.all())

    def _points(value: object) -> float | None:
        return None if value is None else float(value)  # type: ignore[arg-type]

    series = [
        Series(
            indicator.label,
            tuple(_points(by_key.get(indicator.key)) for _body, _total, by_key in ranked),
        )
        for indicator in indicators
    ]
    series.append(Series("总分", tuple(float(total) for _b, total, _p in ranked), line=True))
    return Chart(
        key="scores",
        title=f"{year}年考核得分（{assessment.title}）",
        kind="stacked",
        category_label="机关",
        categories=tuple(body.name for body, _total, _points in ranked),
        series=tuple(series),
        unit="分",
        shown=TOP_BODIES * 2,
        note="按总分排名；各指标得分堆叠，折线为总分；尚未评分的指标不计分（“—”）。",
        decimals=2,
    )


# =============================================================================================
# The registry
# =============================================================================================


@dataclass(frozen=True)
class ChartDefinition:
    """A chart of the pages: its key (the download's name), the function that builds it, and
    whether it is only about a subtree (a comparison of bodies)."""

    key: str
    build: Callable[[Scope, int], Chart]
    subtree_only: bool = False


CHARTS: dict[str, ChartDefinition] = {}


def register_chart(definition: ChartDefinition) -> ChartDefinition:
    """Add a chart to the pages (the order of registration is the order on the page)."""
    CHARTS[definition.key] = definition
    return definition


for _definition in (
    ChartDefinition("applications", applications_by_month),
    ChartDefinition("on_time", on_time_by_month),
    ChartDefinition("channels", publications_by_channel),
    ChartDefinition("categories", publications_by_category),
    ChartDefinition("trend", trend),
    ChartDefinition("bodies", bodies_compared, subtree_only=True),
    ChartDefinition("scores", assessment_scores, subtree_only=True),
):
    register_chart(_definition)


def _applies(definition: ChartDefinition, scope: Scope) -> bool:
    return scope.subtree or not definition.subtree_only


def charts_for(scope: Scope, year: int) -> list[Chart]:
    """Every chart of the scope's page, in the registry's order."""
    return [d.build(scope, year) for d in CHARTS.values() if _applies(d, scope)]


def chart_for(scope: Scope, year: int, key: str) -> Chart | None:
    """One chart of the scope's page (None: no such chart there)."""
    definition = CHARTS.get(key)
    if definition is None or not _applies(definition, scope):
        return None
    return definition.build(scope, year)
