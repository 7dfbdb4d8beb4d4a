"""Records for the tests of sums over a subtree (the county summary, the supervisor's export):
applications and cases of a body spread over 2022–2025, on both sides of the year boundaries,
every applicant type and outcome, some still open."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.models import ReviewCase
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType

__all__ = ["add_records"]

TYPES = [t.value for t in ApplicantType]
KINDS = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
RESULTS = ["upheld", "corrected", "other"]


def add_records(body: Any, seed: int, count: int) -> None:
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
