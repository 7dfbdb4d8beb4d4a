"""Background jobs: the platform's record (:class:`~gongkai.kernel.models.Job`) of work that
runs on the task engine (Django's Tasks API, the ``django-tasks`` backport with the database
backend of ``django-tasks-db``; ``TASKS`` in the settings, ``gongkai worker`` runs them).

A job function is a plain function of the app that owns the work. It takes a :class:`JobRun`
first and the job's parameters (JSON values) as keyword arguments; it reports its progress,
and returns its result: a JSON value, or a :class:`~pathlib.Path` of a file it wrote under
``run.directory()``. It raises :class:`JobFailed` with one Chinese line for a failure the user
should read; any other exception is recorded as "任务出错：…" (one line) and logged::

    def read_files(run: JobRun, *, paths: list[str]) -> dict[str, int]:
        run.progress(0, len(paths))
        for done, path in enumerate(paths, 1):
            ...
            run.progress(done)
        return {"read": len(paths)}

A view (or a command) starts it and reads it::

    job = jobs.start(read_files, title=_("读取 3 个文件"), started_by=request.user, paths=[...])
    job.refresh_from_db()   # status, done / total, percent, result, result_file, error
    jobs.retry(job, acting_user=request.user)   # a failed job: a new run of the same row

:func:`start` enqueues after the surrounding transaction commits (the worker must see the row).
The engine's own row (``django_tasks_db.DBTaskResult``, ``Job.task_id``) keeps the traceback;
the platform reads only the job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from gongkai.kernel.actions import locked, user_or_none
from gongkai.kernel.errors import ActionError
from gongkai.kernel.models import Job, JobStatus
from gongkai.kernel.permissions import OwnerPolicy

__all__ = [
    "JOB_QUEUE",
    "JobFailed",
    "JobFunction",
    "JobRun",
    "error_line",
    "job_policy",
    "latest",
    "result_path",
    "retry",
    "run_job",
    "start",
]

logger = logging.getLogger(__name__)

#: The queue of the platform's jobs (``gongkai worker --queue``).
JOB_QUEUE = "default"

JobFunction = Callable[..., Any]

#: A job belongs to whoever started it: only they see it and retry it (the system, for a
#: job nobody started).
job_policy: OwnerPolicy[Job] = OwnerPolicy(Job, "started_by")


class JobFailed(Exception):
    """A failure the user reads: its message is the job's error, as given (one line)."""


class JobRun:
    """What a running job function gets: its job, and the means to report progress."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def progress(self, done: int, total: int | None = None) -> None:
        """``done`` of ``total`` (``total`` None keeps the one given before), written at once
        so a page shows it while the job runs."""
        fields: dict[str, Any] = {"done": max(done, 0)}
        if total is not None:
            fields["total"] = max(total, 0)
        Job.objects.filter(pk=self.job.pk).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)

    def directory(self) -> Path:
        """The job's own folder under the var dir (``var/jobs/<id>/``) for its result file."""
        path = _var_dir() / "jobs" / str(self.job.pk)
        path.mkdir(parents=True, exist_ok=True)
        return path


def _var_dir() -> Path:
    return Path(settings.GONGKAI_VAR_DIR).resolve()


def result_path(job: Job) -> Path | None:
    """The job's result file (under the var dir), when it wrote one."""
    return _var_dir() / job.result_file if job.result_file else None


def error_line(exc: BaseException) -> str:
    """The one Chinese line a page shows for a failed job."""
    if isinstance(exc, JobFailed | ActionError):
        text = str(exc)
    elif isinstance(exc, SystemExit | KeyboardInterrupt):
        text = _("任务被中止：后台任务执行进程在任务完成前停止了，可以重试。")
    else:
        text = _("任务出错：%(error)s") % {"error": f"{type(exc).__name__}: {exc}"}
    return " ".join(text.split())[:500]


def _kind(function: JobFunction) -> str:
    kind = f"{function.__module__}.{function.__qualname__}"
    if "<" in kind or import_string(kind) is not function:
        raise ValueError(f"a job function must be a module-level function: {kind}")
    return kind


def _enqueue_after_commit(job: Job) -> None:
    def enqueue() -> None:
        result = run_job.enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

    transaction.on_commit(enqueue)


def start(function: JobFunction, *, title: str, started_by: Any, **params: Any) -> Job:
    """Record a job running ``function(run, **params)`` and queue it for a worker (after the
    surrounding transaction commits). ``params`` are JSON values; ``started_by`` the user
    (None or anonymous: the system)."""
    job = Job.objects.create(
        kind=_kind(function),
        title=title[:200],
        started_by=user_or_none(started_by),
        params=params,
    )
    _enqueue_after_commit(job)
    return job


def latest(function: JobFunction, **params: Any) -> Job | None:
    """The last job started of ``function`` whose parameters include ``params`` (so that a
    page does not start the same work twice)."""
    lookups = {f"params__{name}": value for name, value in params.items()}
    return (
        Job.objects.filter(kind=_kind(function), **lookups).order_by("-created_at", "-pk").first()
    )


def retry(job: Job, *, acting_user: Any) -> Job:
    """Run a failed job again: the same row back in the queue, a new task run (one audit
    entry ``kernel.job_retry``)."""
    with locked(
        job,
        "kernel.job_retry",
        acting_user=acting_user,
        denied=_("只有发起任务的人可以重试这项任务。"),
    ) as step:
        if step.obj.status != JobStatus.FAILED:
            raise ActionError(
                _("任务“%(job)s”%(status)s，只有失败的任务可以重试。")
                % {"job": step.obj.title, "status": step.obj.get_status_display()}
            )
        step.data["error"] = step.obj.error
        step.obj.status = JobStatus.QUEUED
        step.obj.done = 0
        step.obj.error = ""
        step.obj.result = None
        step.obj.result_file = ""
        step.obj.started_at = None
        step.obj.finished_at = None
        _enqueue_after_commit(step.obj)
    return step.obj


@task(queue_name=JOB_QUEUE)
def run_job(job_id: int) -> str:
    """The one task of the engine that runs a platform job: claims the queued row (a row
    already taken by another worker is left alone), runs its function, stores the result or
    the error. Returns the job's status."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return "skipped"
    job = Job.objects.get(pk=job_id)
    run = JobRun(job)
    try:
        function: JobFunction = import_string(job.kind)
        value = function(run, **job.params)
        fields: dict[str, Any] = {"status": JobStatus.DONE}
        if isinstance(value, Path):
            fields["result_file"] = str(value.resolve().relative_to(_var_dir()))
        else:
            fields["result"] = value
    except BaseException as exc:  # a worker stopped at once (second SIGTERM) fails it too
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, error=error_line(exc), finished_at=timezone.now()
        )
        raise
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now(), **fields)
    return JobStatus.DONE.value
