"""Background jobs (issue 11, item 4): the platform's job record and the task engine.

With the suite's immediate backend a job runs when its transaction commits (what a worker
does, in this process); the applicant's notifications go through the database backend here and
are delivered by the backend's own worker loop. Real worker processes: tests/cli/test_worker.py.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from gongkai.apps.applications.choices import NotificationStatus
from gongkai.apps.applications.jobs import daily_run
from gongkai.apps.applications.models import Notification
from gongkai.apps.checks.jobs import read_reports
from gongkai.kernel import jobs
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.models import AuditEntry, Job, JobStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixtures(shared_dir: Path) -> list[str]:
    return [str(shared_dir / "fixtures" / "reports" / name) for name in ("001.txt", "005.txt")]


def test_a_job_reports_progress_and_its_result(
    clerk_a: Any, fixtures: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(read_reports, title="读取 2 份年报", started_by=clerk_a, paths=fixtures)
        # Queued until the transaction commits: a worker must see the row.
        assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.percent) == (JobStatus.DONE, 2, 2, 100)
    assert job.kind == "gongkai.apps.checks.jobs.read_reports"
    assert job.started_by == clerk_a and job.task_id and job.finished_at is not None
    assert [line["file"] for line in job.result["files"]] == fixtures
    assert job.result["files"][0]["report"]["org"] == "淮安市人民政府"
    assert job.result["read"] == 2 and job.error == ""


def test_a_failed_job_says_why_and_is_retried_by_who_started_it(
    clerk_a: Any,
    clerk_b: Any,
    fixtures: list[str],
    tmp_path: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    later = tmp_path / "later.txt"
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(read_reports, title="读取", started_by=clerk_a, paths=[str(later)])
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (
        JobStatus.FAILED,
        f"找不到文件：{later}",
        1,
    )
    assert job.result is None
    with pytest.raises(ActionPermissionError, match="只有发起任务的人可以重试"):
        jobs.retry(job, acting_user=clerk_b)
    shutil.copy(fixtures[0], later)
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.retry(job, acting_user=clerk_a)
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts, job.done, job.total) == (
        JobStatus.DONE,
        "",
        2,
        1,
        1,
    )
    entry = AuditEntry.objects.get(action="kernel.job_retry")
    assert entry.user == clerk_a and entry.data["error"] == f"找不到文件：{later}"
    with pytest.raises(ActionError, match="已完成，只有失败的任务可以重试"):
        jobs.retry(job, acting_user=clerk_a)


def test_an_unexpected_error_is_one_line(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(daily_run, title="每日任务", started_by=None, today="2026-13-01")
        other = jobs.start(daily_run, title="每日任务", started_by=None, unknown=1)
    job.refresh_from_db()
    other.refresh_from_db()
    assert job.error == "每日任务的日期“2026-13-01”无效，应为 YYYY-MM-DD。"
    assert other.status == JobStatus.FAILED
    assert other.error.startswith("任务出错：TypeError: ") and "\n" not in other.error


def test_the_daily_run_is_a_job(clerk_a: Any, django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(daily_run, title="每日任务", started_by=None, today="2026-11-16")
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.started_by) == (JobStatus.DONE, 1, 1, None)
    assert job.result == {"lapsed": [], "reminders": [], "sent": 0, "failed": 0}


def test_a_job_function_must_be_importable() -> None:
    def local(run: jobs.JobRun) -> None:
        return None

    with pytest.raises(ValueError, match="module-level"):
        jobs.start(local, title="x", started_by=None)


@pytest.mark.django_db(transaction=True)  # committed, as a worker sees it
def test_notifications_are_delivered_by_the_worker(settings: Any, register: Any) -> None:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    register(received_on=date(2026, 11, 2), email="lisi@example.org")
    # The step is saved and its message queued; the request did not wait for the mail server.
    assert mail.outbox == []
    [row] = Notification.objects.all()
    assert (row.status, row.attempts) == (NotificationStatus.PENDING, 0)
    [task] = DBTaskResult.objects.all()
    assert task.task_path == "gongkai.apps.applications.notifications.deliver_notifications"
    assert (task.queue_name, task.args_kwargs) == (
        "notifications",
        {"args": [[row.pk]], "kwargs": {}},
    )
    # A worker of another queue leaves it; the notifications' worker delivers it.
    options = {
        "interval": 0,
        "batch": True,
        "backend_name": "default",
        "startup_delay": False,
        "max_tasks": None,
        "excluded_queue_names": [],
    }
    Worker(queue_names=["default"], worker_id="jobs", **options).run()
    assert mail.outbox == []
    Worker(queue_names=["notifications"], worker_id="mail", **options).run()
    [message] = mail.outbox
    assert message.to == ["lisi@example.org"] and "申请已受理" in message.subject
    row.refresh_from_db()
    assert (row.status, row.attempts) == (NotificationStatus.SENT, 1)
    task.refresh_from_db()
    assert (task.status, task.worker_ids) == ("SUCCESSFUL", ["mail"])


def test_the_admin_lists_the_jobs(
    admin_client: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    missing = tmp_path / "missing.txt"
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.start(read_reports, title="读取年报", started_by=None, paths=[str(missing)])
    response = admin_client.get("/admin/kernel/job/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "读取年报" in page and "失败" in page and f"找不到文件：{missing}" in page
    assert admin_client.get(f"/admin/kernel/job/{job.pk}/change/").status_code == 200
