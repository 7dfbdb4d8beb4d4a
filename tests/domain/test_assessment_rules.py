"""The scoring rules of 考核 (gongkai.domain.assessment): one rule per metric, the weights,
the ranking with ties."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.domain import assessment as rules
from gongkai.domain.assessment import (
    DEFAULT_INDICATORS,
    METRICS,
    CountFacts,
    RateFacts,
    ReportFacts,
    WeightError,
    check_weights,
    rank,
    score_catalog_overdue,
    score_consultation_feedback,
    score_interpretation_coverage,
    score_on_time_reply,
    score_report_errors,
)


def test_on_time_rate_is_weight_times_rate() -> None:
    assert score_on_time_reply(20, RateFacts(18, 20)) == Decimal("18.00")
    assert score_on_time_reply(20, RateFacts(2, 3)) == Decimal("13.33")
    assert score_on_time_reply(20, RateFacts(0, 5)) == Decimal("0.00")


def test_nothing_to_measure_is_full_marks() -> None:
    assert score_on_time_reply(20, RateFacts(0, 0)) == Decimal("20.00")
    assert score_interpretation_coverage(10, RateFacts(0, 0)) == Decimal("10.00")
    assert score_consultation_feedback(10, RateFacts(0, 0)) == Decimal("10.00")
    assert "满分" in RateFacts(0, 0, what="按期答复").describe()


def test_rates_of_interpretation_and_feedback() -> None:
    assert score_interpretation_coverage(10, RateFacts(3, 4)) == Decimal("7.50")
    assert score_consultation_feedback(10, RateFacts(1, 2)) == Decimal("5.00")


def test_overdue_items_deduct_two_points_each_never_below_zero() -> None:
    facts = CountFacts((("超期发布", 2), ("年末超期未发布", 1)))
    assert facts.count == 3
    assert score_catalog_overdue(15, facts) == Decimal("9.00")
    assert score_catalog_overdue(15, CountFacts((("超期发布", 50),))) == Decimal("0.00")
    assert score_catalog_overdue(15, CountFacts(())) == Decimal("15.00")
    assert facts.describe() == "超期发布 2 条，年末超期未发布 1 条"


def test_report_findings_deduct_five_per_error_one_per_warning() -> None:
    assert score_report_errors(15, ReportFacts(True, 0)) == Decimal("15.00")
    assert score_report_errors(15, ReportFacts(True, 2)) == Decimal("5.00")
    assert score_report_errors(15, ReportFacts(True, 1, 3)) == Decimal("7.00")
    assert score_report_errors(15, ReportFacts(True, 4)) == Decimal("0.00")
    assert score_report_errors(15, ReportFacts(False)) == Decimal("0.00")
    assert ReportFacts(True, 0, 2).describe() == "首次提交时错误 0 处、提示 2 处"


def test_metric_registry_scores_only_its_own_facts() -> None:
    assert set(METRICS) == {
        rules.ON_TIME_REPLY,
        rules.CATALOG_OVERDUE,
        rules.REPORT_ERRORS,
        rules.INTERPRETATION_COVERAGE,
        rules.CONSULTATION_FEEDBACK,
    }
    assert METRICS[rules.ON_TIME_REPLY].score(20, RateFacts(1, 2)) == Decimal("10.00")
    with pytest.raises(TypeError):
        METRICS[rules.ON_TIME_REPLY].score(20, ReportFacts(True))


def test_the_default_set_totals_100_with_five_computed_and_two_manual() -> None:
    check_weights([spec.weight for spec in DEFAULT_INDICATORS])
    kinds = [spec.kind for spec in DEFAULT_INDICATORS]
    assert kinds.count(rules.COMPUTED) == 5 and kinds.count(rules.MANUAL) == 2
    assert {s.metric for s in DEFAULT_INDICATORS if s.kind == rules.COMPUTED} == set(METRICS)


def test_weights_must_total_100() -> None:
    with pytest.raises(WeightError, match="合计应为 100 分，现为 90.00 分"):
        check_weights([50, 40])
    with pytest.raises(WeightError, match="不能为负数"):
        check_weights([110, -10])
    check_weights([Decimal("33.5"), Decimal("66.5")])


def test_ranking_with_ties() -> None:
    ranked = rank([("a", Decimal(80)), ("b", Decimal(90)), ("c", Decimal(90)), ("d", Decimal(70))])
    assert ranked == [
        (1, "b", Decimal(90)),
        (1, "c", Decimal(90)),
        (3, "a", Decimal(80)),
        (4, "d", Decimal(70)),
    ]
    assert rank([]) == []
    assert [r for r, _, _ in rank([("x", Decimal(1))] * 3)] == [1, 1, 1]


def test_a_published_assessment_stays_on_the_workbench_for_90_days() -> None:
    from datetime import date, timedelta

    published = date(2025, 3, 10)
    assert rules.WORKBENCH_DAYS == 90
    assert not rules.recently_published(published, published - timedelta(days=1))
    assert rules.recently_published(published, published)
    assert rules.recently_published(published, published + timedelta(days=90))
    assert not rules.recently_published(published, published + timedelta(days=91))
