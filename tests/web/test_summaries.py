"""The stored summaries (issue 15): a change reaches them in its own transaction — through the
model signals, and through :func:`mark_changed` on every bulk path that sends none (ledger
imports, the deadline recompute, the calendar, the reports' updates) —, a rolled-back change
leaves no trace, the refresh job is queued once, and ``refresh`` / ``verify`` / the CLI agree
with the records."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from test_catalog import _csv, _row

from gongkai.apps.applications.ledgers import import_applications
from gongkai.apps.applications.models import Application
from gongkai.apps.applications.services import recompute_deadlines
from gongkai.apps.cases.ledgers import import_cases
from gongkai.apps.catalog.ledgers import import_catalog
from gongkai.apps.orgs.changes import mark_all_changed, mark_changed
from gongkai.apps.orgs.models import Body, RecordsVersion
from gongkai.apps.orgs.services import create_body
from gongkai.apps.reports import actions as report_actions
from gongkai.apps.reports.jobs import refresh_summaries
from gongkai.apps.reports.models import YearSummary
from gongkai.apps.reports.summaries import (
    due_today,
    refresh,
    stale_pairs,
    summary_years,
    verify,
)
from gongkai.apps.stats.ledgers import import_matters
from gongkai.apps.workcal.services import enter_year_schedule
from gongkai.domain.ledgers.table_io import write_csv
from gongkai.kernel.models import Job

pytestmark = pytest.mark.django_db

APPLICATIONS = "\n".join(
    [
        "申请编号,收到申请日期,申请方式,申请人类型,申请人,申请内容,补正告知日期,补正收到日期,"
        "征求意见日期,征求意见回复日期,延期工作日,办理结果,答复日期",
        "2024-0001,2024-03-04,网络,自然人,张三,道路工程立项批复,,,2024-03-08,2024-03-15,,"
        "部分公开,2024-04-02",
        "2024-0002,2024-12-20,邮寄,商业企业,某公司,招标文件,,,,,5,予以公开,2025-01-10",
    ]
).encode()
CASES = "\n".join(
    [
        "案件编号,类型,关联申请编号,立案日期,结果,结案日期",
        "复-1,行政复议,,2024-05-06,维持,2025-01-15",
    ]
).encode()
DECISIONS = write_csv(
    ("类别", "事项名称", "决定日期", "数量"),
    [{"类别": "行政许可", "事项名称": "某许可", "决定日期": date(2025, 3, 1), "数量": 2}],
)
CATALOG = _csv([_row()])  # one 规范性文件 (tests/web/test_catalog.py)


def version(body: Body) -> int:
    return RecordsVersion.objects.filter(body=body).values_list("version", flat=True).first() or 0


class Rollback(Exception):
    pass


# =============================================================================================
# mark_changed and the signals
# =============================================================================================


def test_mark_changed_in_a_transaction_and_its_rollback(dept_a: Body, dept_b: Body) -> None:
    RecordsVersion.objects.filter(body=dept_b).delete()  # a body never changed: no row yet
    first = version(dept_a)
    mark_changed([dept_a.pk, dept_a.pk, None])  # once per body; None ignored
    assert version(dept_a) == first + 1
    with pytest.raises(Rollback), transaction.atomic():
        mark_changed([dept_a.pk, dept_b.pk])
        assert (version(dept_a), version(dept_b)) == (first + 2, 1)
        raise Rollback
    assert (version(dept_a), version(dept_b)) == (first + 1, 0)
    with CaptureQueriesContext(connection) as queries:
        mark_changed([])
    assert len(queries) == 0
    mark_all_changed()
    assert (version(dept_a), version(dept_b)) == (first + 2, 1)


def test_a_saved_record_marks_its_body_and_a_moved_one_both(
    register: Any, dept_a: Body, dept_b: Body
) -> None:
    app = register()
    a, b = version(dept_a), version(dept_b)
    app.applicant_name = "王五"
    app.save()
    assert version(dept_a) > a and version(dept_b) == b
    a = version(dept_a)
    app.body = dept_b
    app.save()
    assert version(dept_a) > a and version(dept_b) > b  # the body it left, the one it joined
    a, b = version(dept_a), version(dept_b)
    app.delete()
    assert version(dept_a) == a and version(dept_b) > b


def test_the_refresh_job_is_queued_once_after_commit(
    settings: Any, register: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.GONGKAI_SUMMARIES_AUTO_REFRESH = True
    kind = f"{refresh_summaries.__module__}.{refresh_summaries.__qualname__}"
    with django_capture_on_commit_callbacks() as callbacks:
        register()
        register(applicant_name="王五")
    assert Job.objects.filter(kind=kind).count() == 0  # nothing before the commit
    # One listener for the transaction, however many records it changed.
    [listener] = [c for c in callbacks if getattr(c, "__name__", "") == "_notify"]
    listener()  # the commit
    listener()  # another transaction's commit while the job is still queued
    assert Job.objects.filter(kind=kind, status="queued").count() == 1
    settings.GONGKAI_SUMMARIES_AUTO_REFRESH = False
    Job.objects.filter(kind=kind).delete()
    listener()
    assert not Job.objects.filter(kind=kind).exists()
    with django_capture_on_commit_callbacks() as callbacks:  # turned off: nothing on commit
        register(applicant_name="赵六")
    assert not [c for c in callbacks if getattr(c, "__name__", "") == "_notify"]


# =============================================================================================
# The bulk paths: each marks the body in its transaction, nothing when rolled back
# =============================================================================================


def _imports(body: Body) -> list[tuple[str, Any]]:
    return [
        ("applications", lambda: import_applications(body, APPLICATIONS, "申请.csv")),
        ("cases", lambda: import_cases(body, CASES, "案件.csv")),
        ("decisions", lambda: import_matters(body, DECISIONS, "处理决定.csv", "decisions")),
        ("catalog", lambda: import_catalog(body, CATALOG, "目录.csv")),
    ]


@pytest.mark.parametrize("kind", ["applications", "cases", "decisions", "catalog"])
def test_an_import_marks_its_body_and_a_rolled_back_one_nothing(
    kind: str, dept_a: Body, dept_b: Body
) -> None:
    dept_a.credit_code = "11640521MB1234567X"  # the catalog numbers its items with it
    dept_a.save()
    run = dict(_imports(dept_a))[kind]
    a, b = version(dept_a), version(dept_b)
    with pytest.raises(Rollback), transaction.atomic():
        run()
        assert version(dept_a) > a
        raise Rollback
    assert version(dept_a) == a
    result = run()
    assert result.created == 1 or kind == "applications"
    assert version(dept_a) > a and version(dept_b) == b
    again = version(dept_a)
    run()  # idempotent: nothing written, nothing marked
    assert version(dept_a) == again


def test_recomputed_deadlines_mark_their_bodies(register: Any, dept_a: Body, dept_b: Body) -> None:
    app = register(received_on=date(2026, 9, 25))
    Application.objects.filter(pk=app.pk).update(due_on=date(2000, 1, 1))  # stale on purpose
    a, b = version(dept_a), version(dept_b)
    assert recompute_deadlines() == 1
    assert (version(dept_a), version(dept_b)) == (a + 1, b)


def test_a_calendar_change_marks_every_body(dept_a: Body, dept_b: Body, county: Body) -> None:
    before = {b.pk: version(b) for b in (county, dept_a, dept_b)}
    with pytest.raises(Rollback), transaction.atomic():
        enter_year_schedule(2027, [(date(2027, 10, 1), date(2027, 10, 7), "国庆节")], [])
        raise Rollback
    assert {b.pk: version(b) for b in (county, dept_a, dept_b)} == before
    enter_year_schedule(2027, [(date(2027, 10, 1), date(2027, 10, 7), "国庆节")], [])
    assert {b.pk: version(b) for b in (county, dept_a, dept_b)} == {
        pk: v + 1 for pk, v in before.items()
    }


def test_the_reports_updates_mark_their_bodies(
    dept_a: Body, dept_b: Body, county: Body, clerk_a: Any, supervisor: Any
) -> None:
    a, b, c = version(dept_a), version(dept_b), version(county)
    assert report_actions.set_report_deadlines(county, "all", 2, 15, acting_user=supervisor) == 2
    assert (version(dept_a), version(dept_b), version(county)) == (a + 1, b + 1, c)
    report = report_actions.open_report(dept_a, 2024, acting_user=clerk_a)
    report = report_actions.save_narrative(
        report, {"一": "概况。", "五": "无。", "六": "无。"}, acting_user=clerk_a
    )
    report = report_actions.submit_report(report, acting_user=clerk_a)
    a = version(dept_a)
    assert report_actions.note_review_opened(report, supervisor)
    assert version(dept_a) == a + 1


# =============================================================================================
# refresh, verify, the daily step
# =============================================================================================


def test_refresh_makes_them_current_and_verify_finds_a_tampered_one(
    register: Any, dept_a: Body, dept_b: Body
) -> None:
    years = list(summary_years())
    bodies = Body.objects.count()
    assert len(stale_pairs()) == bodies * len(years)  # none computed yet
    assert refresh() == bodies * len(years)
    assert stale_pairs() == [] and refresh() == 0
    assert verify() == ([], bodies * len(years))
    register(received_on=date(2025, 3, 3))
    assert {pk for pk, _year in stale_pairs()} == {dept_a.pk}
    assert refresh([dept_b.pk]) == 0  # another body's: nothing stale
    assert refresh([dept_a.pk], [2025]) == 1  # one year only: the others stay stale
    assert len(stale_pairs([dept_a.pk])) == len(years) - 1
    assert refresh() == len(years) - 1
    stored = YearSummary.objects.get(body=dept_a, year=2025)
    assert stored.cells["s3.new_received.total"] == 1
    YearSummary.objects.filter(pk=stored.pk).update(errors=stored.errors + 1)
    mismatches, compared = verify()
    assert [(m.body, m.year, m.fields) for m in mismatches] == [(dept_a.name, 2025, ("errors",))]
    assert refresh(everything=True) == bodies * len(years)
    assert verify()[0] == []


def test_the_daily_step_asks_only_for_a_new_years_summaries(
    settings: Any, county: Body, dept_a: Body
) -> None:
    settings.GONGKAI_SUMMARIES_AUTO_REFRESH = True
    kind = f"{refresh_summaries.__module__}.{refresh_summaries.__qualname__}"
    today = date.today()
    refresh(years=[today.year])
    assert due_today(today) == 0 and not Job.objects.filter(kind=kind).exists()
    new_year = date(today.year + 1, 1, 1)
    with CaptureQueriesContext(connection) as few:
        assert due_today(new_year) == Body.objects.count()
    assert Job.objects.filter(kind=kind, status="queued").count() == 1
    assert due_today(new_year) and Job.objects.filter(kind=kind).count() == 1  # queued once
    Job.objects.filter(kind=kind).delete()
    for i in range(20):
        create_body(f"某某县第{i}局", parent=county)
    with CaptureQueriesContext(connection) as many:
        assert due_today(new_year) == Body.objects.count()
    assert len(many) == len(few)  # one count, whatever the number of bodies
