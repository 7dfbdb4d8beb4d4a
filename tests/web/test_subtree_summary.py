"""The county summary (:func:`build_subtree_summary`): tables 三 and 四 of a subtree added up.

Three bodies (the county and two departments) with applications and cases on both sides of the
year boundaries, and a body outside the subtree whose records must not count. The summary
equals the sum of the bodies' own reports, and the domain's count of every record's facts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

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
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType

pytestmark = pytest.mark.django_db

TYPES = [t.value for t in ApplicantType]
KINDS = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
RESULTS = ["upheld", "corrected", "other"]


def _records(body: Any, seed: int, count: int) -> None:
    applications = []
    for i in range(count):
        received = date(2022, 11, 1) + timedelta(days=(i * 37 + seed * 11) % 1000)
        concluded = (i + seed) % 5 != 0
        applications.append(
            Application(
                body=body,
                number=f"S{seed}-{i}",
                channel="online",
                received_on=received,
                applicant_type=TYPES[(i + seed) % len(TYPES)],
                applicant_name="申请人",
                content="测试",
                status="replied" if concluded else "registered",
                outcome=OUTCOME_KEYS[(i * 7 + seed) % len(OUTCOME_KEYS)] if concluded else "",
                replied_on=received + timedelta(days=(i * 13) % 90) if concluded else None,
            )
        )
    Application.objects.bulk_create(applications)
    ReviewCase.objects.bulk_create(
        ReviewCase(
            body=body,
            number=f"C{seed}-{i}",
            kind=KINDS[(i + seed) % 3],
            filed_on=date(2023, 10, 1) + timedelta(days=(i * 29) % 500),
            result=RESULTS[i % 3] if i % 2 else "",
            closed_on=date(2023, 10, 1) + timedelta(days=(i * 29) % 500 + 80) if i % 2 else None,
        )
        for i in range(count // 4)
    )


@pytest.fixture
def records(county: Any, dept_a: Any, dept_b: Any) -> Any:
    outside = create_body("另一县人民政府")
    _records(county, 1, 120)
    _records(dept_a, 2, 200)
    _records(dept_b, 3, 80)
    _records(outside, 4, 150)
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
