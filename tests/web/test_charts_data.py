"""The chart data (``charts.data``) against counts made here, record by record, in Python:
a body's year, a subtree (the county and its two departments), the trend over the years."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

import pytest
from chart_records import add_chart_records
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.apps.applications.models import Application
from gongkai.apps.catalog.models import CatalogItem, split_stored_channels
from gongkai.apps.charts.data import (
    CHARTS,
    ChartDefinition,
    Scope,
    chart_for,
    charts_for,
    register_chart,
)
from gongkai.apps.reports.models import YearSummary
from gongkai.apps.reports.supervision import local_time
from gongkai.domain.applications.outcomes import outcome_label
from gongkai.domain.charts.model import MONTH_LABELS, Chart, Series

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def records(county: Any, dept_a: Any, dept_b: Any, summarize: Any) -> None:
    add_chart_records(dept_a, 1, 300)
    add_chart_records(dept_b, 2, 200)
    add_chart_records(county, 3, 50)
    summarize(YEAR)


def _apps(bodies: list[Any]) -> list[Application]:
    return list(Application.objects.filter(body__in=bodies))


def _group(outcome: str) -> str:
    return outcome_label(outcome).split("-")[0] if outcome else "尚未答复"


def _values(chart: Chart, name: str) -> tuple[Any, ...]:
    return next(s.values for s in chart.series if s.name == name)


def _scopes(county: Any, dept_a: Any, dept_b: Any) -> list[tuple[Scope, list[Any]]]:
    return [
        (Scope(dept_a), [dept_a]),
        (Scope(county), [county]),
        (Scope(county, subtree=True), [county, dept_a, dept_b]),
        (Scope(dept_b, subtree=True), [dept_b]),
    ]


def test_applications_by_month_and_outcome(
    records: None, county: Any, dept_a: Any, dept_b: Any
) -> None:
    for scope, bodies in _scopes(county, dept_a, dept_b):
        chart = chart_for(scope, YEAR, "applications")
        assert chart is not None and chart.categories == MONTH_LABELS
        expected: Counter[tuple[str, int]] = Counter(
            (_group(a.outcome), a.received_on.month)
            for a in _apps(bodies)
            if a.received_on.year == YEAR
        )
        assert sum(expected.values()) > 0
        for series in chart.series:
            assert series.values == tuple(expected[(series.name, m)] for m in range(1, 13))
        assert sum(sum(s.values) for s in chart.series) == sum(expected.values())  # type: ignore[misc]


def test_on_time_by_month(records: None, county: Any, dept_a: Any, dept_b: Any) -> None:
    for scope, bodies in _scopes(county, dept_a, dept_b):
        chart = chart_for(scope, YEAR, "on_time")
        assert chart is not None
        replied = [a for a in _apps(bodies) if a.replied_on and a.replied_on.year == YEAR]
        total = Counter(a.replied_on.month for a in replied if a.replied_on)
        late = Counter(
            a.replied_on.month
            for a in replied
            if a.replied_on and a.due_on and a.replied_on > a.due_on
        )
        assert sum(late.values()) > 0 or len(bodies) == 1
        assert _values(chart, "答复件数") == tuple(total[m] for m in range(1, 13))
        assert _values(chart, "其中逾期答复") == tuple(late[m] for m in range(1, 13))
        rates = _values(chart, "按时答复率（%）")
        for m in range(1, 13):
            if total[m] == 0:
                assert rates[m - 1] is None
            else:
                assert rates[m - 1] == round(100 * (total[m] - late[m]) / total[m], 1)


def _published(bodies: list[Any], year: int) -> list[CatalogItem]:
    return [
        item
        for item in CatalogItem.objects.filter(body__in=bodies)
        if item.disclosure == "主动公开" and item.published_on and item.published_on.year == year
    ]


def test_publications_by_channel_and_category(
    records: None, county: Any, dept_a: Any, dept_b: Any
) -> None:
    labels = {"regulation": "规章", "normative": "行政规范性文件", "other": "其他"}
    for scope, bodies in _scopes(county, dept_a, dept_b):
        published = _published(bodies, YEAR)
        channels = Counter(c for i in published for c in set(split_stored_channels(i.channels)))
        chart = chart_for(scope, YEAR, "channels")
        assert chart is not None
        assert dict(zip(chart.categories, chart.series[0].values, strict=True)) == {
            c: channels[c] for c in chart.categories
        }
        assert sum(channels.values()) == sum(chart.series[0].values)  # type: ignore[arg-type]
        categories = Counter(labels[i.category] for i in published)
        chart = chart_for(scope, YEAR, "categories")
        assert chart is not None
        assert chart.categories == ("规章", "行政规范性文件", "其他")
        assert chart.series[0].values == tuple(categories[c] for c in chart.categories)


def test_the_channels_chart_reads_the_summaries_and_says_how_recent(
    records: None, county: Any, dept_a: Any, dept_b: Any, summarize: Any
) -> None:
    """Three queries for a subtree of any size (bodies, summaries, records versions), never
    a count per body; a summary computed before its body's records changed is said so."""
    scope = Scope(county, subtree=True)
    with CaptureQueriesContext(connection) as queries:
        chart = chart_for(scope, YEAR, "channels")
    assert chart is not None and len(queries.captured_queries) == 3
    assert "数据截至" in chart.note and "正在重新汇总" not in chart.note
    before = chart.series[0].values
    CatalogItem.objects.create(
        body=dept_a,
        index_number="CH-NEW-1",
        title="新发布的文件",
        category="other",
        made_on=date(YEAR, 11, 2),
        published_on=date(YEAR, 11, 3),
        disclosure="主动公开",
        channels="政府网站",
    )
    stale = chart_for(scope, YEAR, "channels")
    assert stale is not None and stale.series[0].values == before  # until the refresh
    computed_at = YearSummary.objects.get(body=dept_a, year=YEAR).computed_at
    assert f"数据截至 {local_time(computed_at)}" in stale.note
    assert "1 个机关的记录在汇总后有变化，正在重新汇总" in stale.note
    summarize(YEAR)
    fresh = chart_for(scope, YEAR, "channels")
    assert fresh is not None and "正在重新汇总" not in fresh.note
    website = fresh.categories.index("政府网站")
    assert fresh.series[0].values[website] == before[website] + 1  # type: ignore[operator]


def test_trend_over_the_years(records: None, county: Any, dept_a: Any, dept_b: Any) -> None:
    for scope, bodies in _scopes(county, dept_a, dept_b):
        chart = chart_for(scope, 2025, "trend")
        assert chart is not None
        assert chart.categories == tuple(f"{y}年" for y in range(2019, 2026))
        received = Counter(a.received_on.year for a in _apps(bodies))
        published = Counter(
            i.published_on.year
            for i in CatalogItem.objects.filter(body__in=bodies, disclosure="主动公开")
            if i.published_on
        )
        assert chart.series[0].values == tuple(received[y] for y in range(2019, 2026))
        assert chart.series[1].values == tuple(published[y] for y in range(2019, 2026))


def test_bodies_compared_only_on_a_subtree(
    records: None, county: Any, dept_a: Any, dept_b: Any
) -> None:
    assert chart_for(Scope(dept_a), YEAR, "bodies") is None
    assert "bodies" not in [c.key for c in charts_for(Scope(dept_a), YEAR)]
    chart = chart_for(Scope(county, subtree=True), YEAR, "bodies")
    assert chart is not None
    bodies = {b.name: b for b in (county, dept_a, dept_b)}
    assert set(chart.categories) == set(bodies)
    received = _values(chart, "收到申请（件）")
    assert list(received) == sorted(received, reverse=True)  # most applications first
    for name, n in zip(chart.categories, received, strict=True):
        assert n == sum(1 for a in _apps([bodies[name]]) if a.received_on.year == YEAR)


def test_registry_adds_a_chart_in_a_few_lines(county: Any) -> None:
    def example(scope: Scope, year: int) -> Chart:
        return Chart("example", "示例", "bar", "机关", ("甲",), (Series("得分", (95.5,)),))

    register_chart(ChartDefinition("example", example, subtree_only=True))
    try:
        assert [c.key for c in charts_for(Scope(county, subtree=True), YEAR)][-1] == "example"
        assert chart_for(Scope(county), YEAR, "example") is None
    finally:
        del CHARTS["example"]


def test_assessment_scores_chart(
    records: None, county: Any, dept_a: Any, dept_b: Any, supervisor: Any
) -> None:
    from decimal import Decimal

    from gongkai.apps.assessment.actions import create_assessment, score_manual
    from gongkai.apps.assessment.services import scores

    empty = chart_for(Scope(county, subtree=True), YEAR, "scores")
    assert empty is not None and empty.categories == () and empty.is_empty
    assert "没有这一年度的考核" in empty.note
    assessment = create_assessment(county, acting_user=supervisor, year=YEAR)
    manual = [i for i in assessment.indicators.all() if i.is_manual][0]
    score_manual(
        manual, dept_b, acting_user=supervisor, value=Decimal("7.5"), evidence="现场检查记录"
    )
    chart = chart_for(Scope(county, subtree=True), YEAR, "scores")
    assert chart is not None and chart.decimals == 2
    ranked = scores(assessment)
    assert chart.categories == tuple(body.name for body, _t, _p in ranked)
    assert set(chart.categories) == {dept_a.name, dept_b.name}  # the county assesses, unranked
    indicators = list(assessment.indicators.all())
    assert [s.name for s in chart.series] == [i.label for i in indicators] + ["总分"]
    for row, (_body, total, by_key) in enumerate(ranked):
        for indicator, series in zip(indicators, chart.series, strict=False):
            expected = by_key[indicator.key]
            assert series.values[row] == (None if expected is None else float(expected))
        assert chart.series[-1].values[row] == float(total)
        assert float(total) == pytest.approx(
            sum(s.values[row] or 0 for s in chart.series[:-1])  # type: ignore[misc]
        )
    b_row = chart.categories.index(dept_b.name)
    assert chart.series[indicators.index(manual)].values[b_row] == 7.5
    assert chart.table()[b_row][indicators.index(manual) + 1] == "7.50"
    # not on a body's own page, nor for a body that assesses nobody
    assert chart_for(Scope(county), YEAR, "scores") is None
    other = chart_for(Scope(dept_a, subtree=True), YEAR, "scores")
    assert other is not None and other.categories == ()
