"""The stored summaries on the demo's records (issue 15).

- ``gongkai demo load`` ends with every summary current, so ``make run`` shows a filled
  overview at once;
- every table the summary computation reads is the table of a tracked record
  (``summaries.TRACKED``: a change to it raises the body's records version) or one named in
  :data:`NOT_TRACKED` with the reason a change to it still reaches the summaries;
- no summary depends on the day it is computed: on later days, without a record change, every
  summary still equals its recomputation (all the demo's report states, years 2019–today).
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport, YearSummary
from gongkai.apps.reports.summaries import (
    TRACKED,
    SummaryValues,
    compute,
    stale_pairs,
    summary_years,
    verify,
)

pytestmark = pytest.mark.django_db

#: Tables the computation may read that are no tracked record, and why that is safe.
NOT_TRACKED = {
    # The working-day calendar: every change to it goes through
    # workcal.services.recompute_for_years, which marks every body (mark_all_changed).
    "workcal_calendarday": "mark_all_changed",
    "workcal_calendaryear": "mark_all_changed",
    # The versions and the summaries themselves.
    "orgs_recordsversion": "the versions",
    "reports_yearsummary": "the summaries",
}
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Any) -> None:
    """The demo's files (the notices' photos) go to a temporary folder."""
    settings.GONGKAI_VAR_DIR = tmp_path


@pytest.fixture
def demo() -> list[Body]:
    from gongkai.demo.loader import load_demo

    result = load_demo()
    assert result.summaries == Body.objects.count() * len(summary_years())
    return list(Body.objects.order_by("path"))


def test_the_demo_loads_with_current_summaries_read_from_tracked_tables_only(
    demo: list[Body],
) -> None:
    assert stale_pairs() == []
    statuses = set(AnnualReport.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "published"} <= statuses  # every branch of compute()
    stored = {(s.body_id, s.year): s for s in YearSummary.objects.all()}
    read: Counter[str] = Counter()
    for body in demo:
        for year in summary_years():
            report = AnnualReport.objects.filter(body=body, year=year).first()
            with CaptureQueriesContext(connection) as queries:
                values = compute(body, year, report)
            # the stored summary is the records' (what `gongkai summaries check` proves)
            assert SummaryValues.of(stored[(body.pk, year)]) == values, (body.name, year)
            for query in queries.captured_queries:
                sql = query["sql"]
                assert not sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
                read.update(TABLE.findall(sql))
    tracked = {apps.get_model(label)._meta.db_table for label, _body in TRACKED}
    assert set(read) - tracked - set(NOT_TRACKED) == set(), read
    # The demo reaches the records the figures are counted from (the test reads enough).
    assert {
        "applications_application",
        "cases_reviewcase",
        "catalog_catalogitem",
        "catalog_interpretation",
        "engagement_consultation",
        "engagement_comment",
        "meetings_meeting",
        "notices_offlinenotice",
        "stats_decision",
        "reports_reportcorrection",
    } <= set(read)


def test_no_summary_depends_on_the_day_it_is_computed(demo: list[Body]) -> None:
    years = list(summary_years())
    now = timezone.now()
    for days in (30, 400):  # next month (deadlines passed), next year
        with time_machine.travel(now + timedelta(days=days), tick=False):
            mismatches, compared = verify(years=years)
        assert mismatches == [], f"{days} days later"
        assert compared == len(demo) * len(years)
