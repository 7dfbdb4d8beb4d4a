"""The county summary (:func:`build_subtree_summary`): tables 三 and 四 of a subtree added up.

Three bodies (the county and two departments) with applications and cases on both sides of the
year boundaries, and a body outside the subtree whose records must not count. The summary
equals the sum of the bodies' own reports, and the domain's count of every record's facts.
"""

from __future__ import annotations

from typing import Any

import pytest
from subtree_records import add_records

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.orgs.services import create_body
from gongkai.apps.stats.reporting import build_report, build_subtree_summary
from gongkai.domain.applications.counting import (
    ApplicationFacts,
    CaseFacts,
    CaseKind,
    CaseResult,
    count_table_3,
    count_table_4,
)
from gongkai.domain.applications.outcomes import ApplicantType

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(county: Any, dept_a: Any, dept_b: Any) -> Any:
    outside = create_body("另一县人民政府")
    add_records(county, 1, 120)
    add_records(dept_a, 2, 200)
    add_records(dept_b, 3, 80)
    add_records(outside, 4, 150)
    return outside


def _facts(bodies: list[Any]) -> tuple[list[ApplicationFacts], list[CaseFacts]]:
    apps = [
        ApplicationFacts(
            a.received_on, ApplicantType(a.applicant_type), a.outcome or None, a.replied_on
        )
        for a in Application.objects.filter(body__in=bodies)
    ]
    cases = [
        CaseFacts(CaseKind(c.kind), c.filed_on, CaseResult(c.result) if c.result else None,
                  c.closed_on)
        for c in ReviewCase.objects.filter(body__in=bodies)
    ]  # fmt: skip
    return apps, cases


@pytest.mark.parametrize("year", [2023, 2024, 2025])
def test_summary_is_the_sum_of_the_bodies(
    records: Any, county: Any, dept_a: Any, dept_b: Any, year: int
) -> None:
    summary = build_subtree_summary(county, year)
    assert summary.org == county.name and summary.year == year
    parts = [build_report(body, year) for body in (county, dept_a, dept_b)]
    assert all(p.format == summary.format for p in parts)
    tables = [k for k in summary.cells if k.startswith(("s3.", "s4."))]
    assert {k: summary.cells[k] for k in tables} == {
        k: sum(p.cells[k] for p in parts)  # type: ignore[misc]
        for k in tables
    }
    assert all(summary.provenance[k] == "read" for k in tables)
    assert all(v is None for k, v in summary.cells.items() if k.startswith("s2."))
    # … and the domain's count of every record of the three bodies, not of the fourth
    apps, cases = _facts([county, dept_a, dept_b])
    expected = count_table_3(apps, year, summary.format) | count_table_4(cases, year)
    assert {k: summary.cells[k] for k in tables} == expected
    assert summary.cells["s3.new_received.total"] and summary.cells["s4.reconsideration.total"]


def test_summary_of_a_leaf_and_an_older_format(records: Any, dept_a: Any) -> None:
    for year, format_id in ((2024, None), (2024, "2019"), (2020, None)):
        summary = build_subtree_summary(dept_a, year, format_id)
        own = build_report(dept_a, year, format_id)
        assert summary.format == own.format
        assert summary.cells == own.cells
