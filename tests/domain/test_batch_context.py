"""check_batch's context: reports read only as the year before of the cross-year rules (a batch
of chosen years, issue 11) — checked against, never checked themselves."""

from __future__ import annotations

from gongkai.domain.batch import BatchItem, check_batch
from gongkai.domain.report.rules import check
from gongkai.domain.report.samples import consistent_report

ORG = "某某县人民政府"


def test_the_year_before_in_the_context_gives_the_cross_year_findings() -> None:
    before = consistent_report("2021", year=2022, org=ORG, seed=1)
    alone = BatchItem("2023.txt", consistent_report("2021", year=2023, org=ORG, seed=2))
    check_batch([alone])
    assert not [f for f in alone.report.findings if f.rule.startswith("X")]  # type: ignore[union-attr]

    item = BatchItem("2023.txt", consistent_report("2021", year=2023, org=ORG, seed=2))
    check_batch([item], context=[before])
    expected = check(consistent_report("2021", year=2023, org=ORG, seed=2), before).findings
    assert item.report is not None and item.report.findings == expected
    assert [f for f in expected if f.rule.startswith("X")]
    assert before.findings == []  # the context is not checked


def test_a_report_of_the_batch_comes_before_the_context() -> None:
    batch_before = consistent_report("2021", year=2022, org=ORG, seed=3)
    other_before = consistent_report("2021", year=2022, org=ORG, seed=4)
    items = [
        BatchItem("2022.txt", batch_before),
        BatchItem("2023.txt", consistent_report("2021", year=2023, org=ORG, seed=5)),
    ]
    check_batch(items, context=[other_before])
    expected = check(consistent_report("2021", year=2023, org=ORG, seed=5), batch_before)
    assert items[1].report is not None and items[1].report.findings == expected.findings
    wrong = check(consistent_report("2021", year=2023, org=ORG, seed=5), other_before)
    assert wrong.findings != expected.findings  # the two years before differ
