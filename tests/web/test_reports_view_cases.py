"""The generic view checks for the pages of the annual reports and of the report checker (every
URL name of the ``reports`` and ``checks`` namespaces), and the writes whose actor the generic
checks do not model: a 上级's steps and deadlines, an upload of one's own report."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from view_cases import DETAIL, DOWNLOAD, LIST, PAGE, PUBLIC, WRITE, Page, ViewTestCases, World

from gongkai.apps.checks.actions import check_uploaded_report
from gongkai.apps.checks.jobs import start_batch
from gongkai.apps.checks.models import BatchReport, ReportCheck
from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.reports import actions
from gongkai.apps.reports.models import AnnualReport
from gongkai.domain.report.samples import consistent_report
from gongkai.kernel.audit import entries_for
from gongkai.kernel.jobs import run_job
from gongkai.kernel.models import AuditEntry, Job, JobStatus

pytestmark = pytest.mark.django_db

YEAR = 2024
PUBLISHED = 2023
NOT_STARTED = 2025
IMPORTED = 2022

FILLED = {
    "一": "总体情况。",
    "五": "存在的主要问题：信息更新不够及时。改进情况：每月核对一次目录。",
    "六": "无其他需要报告的事项。",
}


def _report_file(org: str, year: int, name: str = "年报.json") -> SimpleUploadedFile:
    """A consistent report of ``org`` for ``year`` as the platform's report JSON."""
    report = consistent_report("2021", year=year, org=org, seed=year)
    return SimpleUploadedFile(name, report.to_json().encode("utf-8"), "application/json")


def _written(world: World, year: int) -> AnnualReport:
    """教育局's report of ``year``, opened and written by its clerk (a draft)."""
    report = actions.open_report(world.dept_a, year, acting_user=world.clerk_a)
    return actions.save_narrative(report, FILLED, acting_user=world.clerk_a)


def _body_year(year: int) -> Any:
    return lambda w: {"body": w.dept_a.pk, "year": year}


def _county(world: World) -> dict[str, Any]:
    return {"body": world.county.pk}


class TestReportPages(ViewTestCases):
    pages = (
        Page("reports:annual_index", LIST, marker=lambda w: w.dept_a.name),
        Page("reports:annual", DETAIL, _body_year(YEAR)),
        Page(
            "reports:annual_start",
            WRITE,
            _body_year(NOT_STARTED),
            post=lambda w: {},
            audit="reports.open",
        ),
        Page(
            "reports:annual_import_previous",
            WRITE,
            _body_year(IMPORTED),
            post=lambda w: {"file": _report_file(w.dept_a.name, IMPORTED)},
            audit="reports.import",
        ),
        Page("reports:annual_validate", DETAIL, _body_year(YEAR)),
        Page("reports:annual_draft_docx", DOWNLOAD, _body_year(YEAR)),
        Page(
            "reports:action",
            WRITE,
            lambda w: {"pk": w.objs["report"].pk, "op": "submit"},
            post=lambda w: {"version": w.objs["report"].version, "confirmed": "on"},
            audit="reports.submit",
        ),
        Page("reports:published_index", PUBLIC),
        Page("reports:annual_published", PUBLIC, _body_year(PUBLISHED)),
        Page(
            "reports:annual_download",
            PUBLIC,
            lambda w: {"body": w.dept_a.pk, "year": PUBLISHED, "fmt": "json"},
        ),
        # The PDF is made by a job when first asked for: queued here (its task would run when
        # the test's transaction commits), the page says so (202); tests/web/test_published_pdf.
        Page("reports:annual_pdf", PUBLIC, _body_year(PUBLISHED), anonymous_status=202),
        Page("reports:supervise", DETAIL, _county, query=f"year={YEAR}"),
        Page("reports:supervise_export", DOWNLOAD, _county, query=f"year={YEAR}"),
        # The form of the deadlines; setting them is the 上级's own write (tested below).
        Page(
            "reports:supervise_action",
            DETAIL,
            lambda w: {"pk": w.county.pk, "op": "deadlines"},
        ),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        w = world_base
        w.objs["report"] = _written(w, YEAR)
        published = actions.submit_report(_written(w, PUBLISHED), acting_user=w.clerk_a)
        published = actions.approve_report(published, acting_user=w.supervisor)
        w.objs["published"] = actions.publish_report(published, acting_user=w.clerk_a)
        return w

    def more_rows(self, world: World, n: int) -> None:
        start = world.county.children.count()
        for i in range(n):
            body = create_body(f"某某县第{start + i}局", parent=world.county)
            add_member(world.clerk_a, body, "clerk")

    # -- what the generic checks do not model -------------------------------------------------

    def test_the_supervisor_returns_and_approves(self, world: World) -> None:
        report = actions.submit_report(world.objs["report"], acting_user=world.clerk_a)
        url = reverse("reports:action", kwargs={"pk": report.pk, "op": "approve"})
        clerk = Client()
        clerk.force_login(world.clerk_a)
        assert clerk.get(url).status_code == 403  # the body does not approve its own report
        assert clerk.post(url, {"version": report.version}).status_code == 403
        supervisor = Client()
        supervisor.force_login(world.supervisor)
        assert supervisor.get(url).status_code == 200
        response = supervisor.post(url, {"version": report.version, "comment": "同意。"})
        assert response.status_code == 302
        assert response["Location"] == report.get_absolute_url()
        entry = entries_for(report).last()
        assert entry is not None
        assert (entry.action, entry.user, entry.data["note"]) == (
            "reports.approve",
            world.supervisor,
            "同意。",
        )
        # A stale form is a conflict, nothing is written.
        before = AuditEntry.objects.count()
        url = reverse("reports:action", kwargs={"pk": report.pk, "op": "return"})
        stale = supervisor.post(url, {"version": report.version, "comment": "请修改。"})
        assert stale.status_code == 409
        assert AuditEntry.objects.count() == before

    def test_the_supervisor_sets_the_deadlines(self, world: World) -> None:
        url = reverse("reports:supervise_action", kwargs={"pk": world.county.pk, "op": "deadlines"})
        data = {"scope": "department", "month": 2, "day": 15}
        for outsider in (world.clerk_a, world.reviewer_a, world.clerk_b):
            client = Client()
            client.force_login(outsider)
            assert client.post(url, data).status_code == 404  # the county is not theirs
        client = Client()
        client.force_login(world.supervisor)
        response = client.post(f"{url}?year={YEAR}", data)
        assert response.status_code == 302
        assert response["Location"].endswith(f"?year={YEAR}")
        for body in (world.dept_a, world.dept_b):
            (entry,) = entries_for(body).filter(action="reports.deadline")
            assert (entry.action, entry.user) == ("reports.deadline", world.supervisor)
        world.dept_a.refresh_from_db()
        assert (world.dept_a.report_deadline_month, world.dept_a.report_deadline_day) == (2, 15)

    def test_the_supervisor_checks_the_published_reports_below(
        self, world: World, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        settings.GONGKAI_VAR_DIR = tmp_path
        upload = _report_file(world.dept_a.name, IMPORTED)
        actions.import_published(world.dept_a, IMPORTED, upload, acting_user=world.clerk_a)
        url = reverse("reports:supervise_action", kwargs={"pk": world.county.pk, "op": "batch"})
        for outsider in (world.clerk_a, world.clerk_b):
            client = Client()
            client.force_login(outsider)
            assert client.post(url).status_code == 404  # the county is not theirs
        client = Client()
        client.force_login(world.supervisor)
        assert client.get(url).status_code == 200
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url)
        assert response.status_code == 302
        job = Job.objects.get()
        assert response["Location"] == reverse("checks:batch_job", kwargs={"pk": job.pk})
        (entry,) = entries_for(world.county).filter(action="reports.published_batch")
        assert (entry.user, entry.data["job"]) == (world.supervisor, job.pk)
        job.refresh_from_db()
        assert (job.status, job.done, job.total) == (JobStatus.DONE, 2, 2)
        page = client.get(response["Location"]).content.decode()
        assert page.count('data-testid="batch-row"') == 2
        name = world.dept_a.name
        assert f"{name} {IMPORTED} 年度报告" in page and f"{name} {PUBLISHED} 年度报告" in page
        assert client.get(reverse("checks:batch_xlsx", kwargs={"pk": job.pk})).status_code == 200
        # The job is the 上级's: the body's clerk does not see it.
        clerk = Client()
        clerk.force_login(world.clerk_a)
        assert clerk.get(response["Location"]).status_code == 404

    def test_the_supervisor_checks_the_published_reports_of_chosen_years(
        self, world: World, settings: Any, tmp_path: Any, django_capture_on_commit_callbacks: Any
    ) -> None:
        """A year or a range: only those years are listed, the year before the first is read
        as the year before of the cross-year rules (the same findings as in the batch of all
        years), and a range the wrong way round is refused on its field."""
        settings.GONGKAI_VAR_DIR = tmp_path
        upload = _report_file(world.dept_a.name, IMPORTED)
        actions.import_published(world.dept_a, IMPORTED, upload, acting_user=world.clerk_a)
        url = reverse("reports:supervise_action", kwargs={"pk": world.county.pk, "op": "batch"})
        client = Client()
        client.force_login(world.supervisor)
        page = client.get(url).content.decode()
        assert 'name="first_year"' in page and 'name="last_year"' in page

        def batch(**years: int) -> Job:
            with django_capture_on_commit_callbacks(execute=True):
                response = client.post(url, years)
            assert response.status_code == 302, response.content.decode()[-1500:]
            job = Job.objects.latest("pk")
            job.refresh_from_db()
            assert job.status == JobStatus.DONE, job.error
            return job

        def rows(job: Job) -> dict[int | None, set[tuple[str, str, int]]]:
            return {
                row.year: {(c.rule, c.severity, c.count) for c in row.rule_counts.all()}
                for row in BatchReport.objects.filter(job=job)
            }

        every = rows(batch())
        assert set(every) == {IMPORTED, PUBLISHED}
        cross_year = {rule for rule, _s, _c in every[PUBLISHED] if rule.startswith("X")}
        assert cross_year, every  # the two sample years disagree: X rules have findings
        job = batch(first_year=PUBLISHED, last_year=PUBLISHED)
        assert rows(job) == {PUBLISHED: every[PUBLISHED]}
        assert job.params == {
            "body": world.county.pk,
            "first_year": PUBLISHED,
            "last_year": PUBLISHED,
        }
        assert f"下级机关 {PUBLISHED} 年度已发布的年报" in job.title
        (entry,) = entries_for(world.county).filter(
            action="reports.published_batch", data__job=job.pk
        )
        assert (entry.data["first_year"], entry.data["last_year"]) == (PUBLISHED, PUBLISHED)
        # An open end: from a year on, up to a year.
        assert set(rows(batch(first_year=PUBLISHED))) == {PUBLISHED}
        assert f"下级机关 {PUBLISHED} 年度起已发布的年报" in Job.objects.latest("pk").title
        assert set(rows(batch(last_year=IMPORTED))) == {IMPORTED}
        assert f"下级机关 {IMPORTED} 年度及以前已发布的年报" in Job.objects.latest("pk").title
        assert set(rows(batch(first_year=IMPORTED, last_year=PUBLISHED))) == {IMPORTED, PUBLISHED}
        assert f"下级机关 {IMPORTED}–{PUBLISHED} 年度已发布的年报" in Job.objects.latest("pk").title
        assert rows(batch(first_year=YEAR)) == {}  # nothing published yet

        jobs_before = Job.objects.count()
        response = client.post(url, {"first_year": PUBLISHED, "last_year": IMPORTED})
        assert response.status_code == 400
        assert f"截止年度 {IMPORTED} 早于起始年度 {PUBLISHED}。" in response.content.decode()
        response = client.post(url, {"first_year": "２０２３"})
        assert response.status_code == 400 and "年度应为" in response.content.decode()
        assert Job.objects.count() == jobs_before


def _check(world: World) -> dict[str, Any]:
    return {"pk": world.objs["check"].pk}


class TestCheckPages(ViewTestCases):
    pages = (
        # The upload is the user's own (anyone signed in checks a report; tested below).
        Page("checks:upload", PAGE),
        Page(
            "checks:list",
            LIST,
            marker=lambda w: w.objs["check"].filename,
            supervisor_reads=False,
        ),
        Page("checks:detail", DETAIL, _check, supervisor_reads=False),
        Page("checks:json", DOWNLOAD, _check, supervisor_reads=False),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        upload = _report_file("示例县人民政府", 2024, "示例县2024年报.json")
        world_base.objs["check"] = check_uploaded_report(upload, acting_user=world_base.clerk_a)
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            check_uploaded_report(
                _report_file("示例县人民政府", 2020 + i % 4, f"第{i}份.json"),
                acting_user=world.clerk_a,
            )

    def test_an_upload_is_the_uploaders_check_with_its_audit_entry(self, world: World) -> None:
        client = Client()
        client.force_login(world.clerk_b)
        response = client.post(
            reverse("checks:upload"), {"file": _report_file("某某县财政局", 2024, "财政局.json")}
        )
        assert response.status_code == 302
        check = ReportCheck.objects.get(filename="财政局.json")
        assert response["Location"] == check.get_absolute_url()
        assert check.owner == world.clerk_b
        entry = entries_for(check).get()
        assert (entry.action, entry.user) == ("checks.upload", world.clerk_b)
        # The check is clerk_b's alone: clerk_a does not see it.
        other = Client()
        other.force_login(world.clerk_a)
        assert other.get(check.get_absolute_url()).status_code == 404


def _batch(world: World) -> dict[str, Any]:
    return {"pk": world.objs["batch"].pk}


def _batch_report(world: World) -> dict[str, Any]:
    return {"pk": world.objs["batch"].pk, "number": 1}


def _failed_batch(world: World) -> dict[str, Any]:
    return {"pk": world.objs["failed_batch"].pk}


class TestBatchCheckPages(ViewTestCases):
    """批量检查: a batch job is its starter's alone (a 上级 does not read it either)."""

    pages = (
        Page("checks:batch", PAGE),
        Page("checks:batch_job", DETAIL, _batch, supervisor_reads=False),
        Page("checks:batch_status", DETAIL, _batch, supervisor_reads=False),
        Page("checks:batch_report", DETAIL, _batch_report, supervisor_reads=False),
        Page("checks:batch_xlsx", DOWNLOAD, _batch, supervisor_reads=False),
        Page(
            "checks:batch_retry",
            WRITE,
            _failed_batch,
            post=lambda w: {},
            audit="kernel.job_retry",
        ),
    )

    @pytest.fixture
    def world(
        self,
        world_base: World,
        settings: Any,
        tmp_path: Any,
        django_capture_on_commit_callbacks: Any,
    ) -> World:
        settings.GONGKAI_VAR_DIR = tmp_path
        upload = _report_file("示例县人民政府", 2024, "示例县2024年报.json")
        with django_capture_on_commit_callbacks(execute=True):
            world_base.objs["batch"] = start_batch([upload], acting_user=world_base.clerk_a)
        # A batch whose files are gone fails (and may be retried).
        failed = start_batch([_report_file("示例县人民政府", 2023)], acting_user=world_base.clerk_a)
        shutil.rmtree(tmp_path / "jobs" / str(failed.pk))
        with django_capture_on_commit_callbacks(execute=True):
            run_job.enqueue(failed.pk)
        failed.refresh_from_db()
        assert failed.status == JobStatus.FAILED, failed.error
        world_base.objs["failed_batch"] = failed
        return world_base
