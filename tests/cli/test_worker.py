"""``gongkai worker`` (issue 11, item 4): real worker processes over the database backend of the
task engine, on a SQLite file and on PostgreSQL. A job started through the platform's API
(``gongkai.kernel.jobs.start``, in its own process) is picked up by the worker; its progress
is visible in the database while it runs; a failing job records its one-line error and, retried,
runs again; SIGTERM stops the worker gracefully; on PostgreSQL two workers share the queue and
run each job once. The test reads the rows with plain SQL, as another machine would."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
#: The PostgreSQL server of the tests (CI starts it); the test creates its own database on it.
POSTGRES_SERVER = os.environ.get("GONGKAI_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")

START = """
import json, sys
from gongkai.web.runtime import ensure_database
ensure_database()
from gongkai.apps.checks.jobs import read_reports
from gongkai.kernel import jobs
ids = [jobs.start(read_reports, title="读取年报", started_by=None, paths=paths).pk
       for paths in json.loads(sys.argv[1])]
print(json.dumps(ids))
"""
RETRY = """
import sys
from gongkai.web.runtime import ensure_database
ensure_database()
from gongkai.kernel import jobs
from gongkai.kernel.models import Job
jobs.retry(Job.objects.get(pk=int(sys.argv[1])), acting_user=None)
"""

Query = Callable[[str, tuple[Any, ...]], list[tuple[Any, ...]]]


class Platform:
    """One database and var dir, and the processes that run on them."""

    def __init__(self, url: str, directory: Path, query: Query) -> None:
        self.directory = directory
        self.query = query
        self.env = {
            "PATH": "/usr/bin:/bin",
            "COLUMNS": "200",
            "PYTHONPATH": str(SRC),
            "DATABASE_URL": url,
            "GONGKAI_VAR_DIR": str(directory / "var"),
        }
        self.workers: list[subprocess.Popen[str]] = []

    def python(self, code: str, *args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code, *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.directory,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def start(self, *jobs: list[str]) -> list[int]:
        ids: list[int] = json.loads(self.python(START, json.dumps(list(jobs))))
        return ids

    def worker(self, *args: str) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "gongkai", "worker", "--interval", "0.2", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
            cwd=self.directory,
        )
        self.workers.append(process)
        return process

    def job(self, pk: int) -> dict[str, Any]:
        [row] = self.query(
            "SELECT status, done, total, result, error, attempts FROM kernel_job WHERE id = %s",
            (pk,),
        )
        result = row[3]
        if isinstance(result, str):  # SQLite returns the JSON text
            result = json.loads(result)
        keys = ("status", "done", "total", "result", "error", "attempts")
        return dict(zip(keys, (*row[:3], result, *row[4:]), strict=True))

    def wait(self, pk: int, status: str, seen: list[tuple[str, int, int | None]]) -> dict[str, Any]:
        """Poll the job until it has ``status``, noting each state seen on the way."""
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            job = self.job(pk)
            state = (job["status"], job["done"], job["total"])
            if not seen or seen[-1] != state:
                seen.append(state)
            if job["status"] == status:
                return job
            time.sleep(0.02)
        raise AssertionError(f"job {pk} never reached {status}: {seen}")


def _sqlite_query(path: Path) -> Query:
    def query(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with sqlite3.connect(path, timeout=10) as connection:
            return connection.execute(sql.replace("%s", "?"), params).fetchall()

    return query


def _postgres_query(url: str) -> Query:
    def query(sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with psycopg.connect(url, autocommit=True) as connection:
            return connection.execute(sql.encode(), params).fetchall()  # type: ignore[arg-type]

    return query


@pytest.fixture(params=["sqlite", "postgresql"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    if request.param == "sqlite":
        path = tmp_path / "db.sqlite3"  # a file: the worker is another process
        platform = Platform(f"sqlite:///{path}", tmp_path, _sqlite_query(path))
        yield platform
    else:
        name = f"gongkai_worker_test_{os.getpid()}"
        try:
            admin = psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True)
        except psycopg.OperationalError as exc:
            pytest.skip(f"PostgreSQL 不可用（{POSTGRES_SERVER}）：{exc}")
        with admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"'.encode())
            admin.execute(f'CREATE DATABASE "{name}"'.encode())
        url = f"{POSTGRES_SERVER}/{name}"
        platform = Platform(url, tmp_path, _postgres_query(url))
        yield platform
    for process in platform.workers:
        if process.poll() is None:
            process.kill()
            process.wait()
    if request.param == "postgresql":
        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'.encode())


def _stop(process: subprocess.Popen[str]) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    stdout, _stderr = process.communicate(timeout=30)
    return process.returncode, stdout


def test_a_worker_runs_jobs_shows_progress_and_retries(
    platform: Platform, shared_dir: Path
) -> None:
    fixtures = sorted((shared_dir / "fixtures" / "reports").glob("*.txt"))
    assert len(fixtures) >= 5
    later = platform.directory / "later.txt"  # not there yet: the job fails, then is retried
    reading, failing = platform.start([str(path) for path in fixtures], [str(later)])
    # Queued, nobody runs them yet.
    assert platform.job(reading)["status"] == "queued"

    worker = platform.worker()
    seen: list[tuple[str, int, int | None]] = []
    job = platform.wait(reading, "done", seen)
    # Progress was written as the files were read: the page sees it move.
    assert ("running", 0, len(fixtures)) in seen or any(
        status == "running" and 0 < done < len(fixtures) for status, done, _total in seen
    ), seen
    assert (job["done"], job["total"], job["attempts"]) == (len(fixtures), len(fixtures), 1)
    lines = job["result"]["files"]
    assert [line["file"] for line in lines] == [str(path) for path in fixtures]
    assert [line for line in lines if line["error"] or not line["report"]["format"]] == []
    assert job["result"]["read"] == len(fixtures)

    failed = platform.wait(failing, "failed", [])
    assert failed["error"] == f"找不到文件：{later}"
    assert failed["result"] is None and failed["attempts"] == 1
    # The engine's own row says the same: its run failed. The engine writes it after the task
    # function has raised (after our job row), so a loaded machine may show RUNNING for a moment.
    deadline = time.monotonic() + 30
    while True:
        [(task_status,)] = platform.query(
            "SELECT status FROM django_tasks_database_dbtaskresult "
            "WHERE id::text = (SELECT task_id FROM kernel_job WHERE id = %s)"
            if "sqlite" not in platform.env["DATABASE_URL"]
            else "SELECT status FROM django_tasks_database_dbtaskresult "
            "WHERE replace(id, '-', '') = (SELECT replace(task_id, '-', '') FROM kernel_job "
            "WHERE id = %s)",
            (failing,),
        )
        if task_status != "RUNNING" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert task_status == "FAILED"

    shutil.copy(fixtures[0], later)
    platform.python(RETRY, str(failing))
    retried = platform.wait(failing, "done", [])
    assert (retried["attempts"], retried["error"], retried["done"]) == (2, "", 1)
    assert retried["result"]["files"][0]["report"]["cells"] > 0

    code, stdout = _stop(worker)
    assert code == 0
    assert "后台任务执行进程已启动" in stdout and "后台任务执行进程已停止" in stdout


@pytest.mark.parametrize("platform", ["postgresql"], indirect=True)
def test_workers_share_the_queue_through_postgresql(platform: Platform, shared_dir: Path) -> None:
    fixtures = [str(path) for path in sorted((shared_dir / "fixtures" / "reports").glob("*.txt"))]
    # Ten jobs of 100 files each (about half a second or more each): one worker cannot take
    # them all before the other polls (with one-file jobs the first worker up sometimes did).
    files = (fixtures * 10)[:100]
    ids = platform.start(*([files] * 10))  # (creates and migrates the database first)
    workers = [platform.worker(), platform.worker()]
    for pk in ids:
        job = platform.wait(pk, "done", [])
        assert (job["attempts"], job["done"], job["total"]) == (1, 100, 100)  # each run once
    worker_ids = {
        row[0]
        for row in platform.query(
            "SELECT worker_ids::text FROM django_tasks_database_dbtaskresult WHERE status = %s",
            ("SUCCESSFUL",),
        )
    }
    assert len(worker_ids) == 2, worker_ids  # both workers took jobs
    for worker in workers:
        assert _stop(worker)[0] == 0


@pytest.mark.parametrize("platform", ["sqlite"], indirect=True)
def test_a_bad_queue_name_is_one_line(platform: Platform) -> None:
    worker = platform.worker("--queue", "reports")
    _stdout, stderr = worker.communicate(timeout=120)
    assert worker.returncode == 2
    assert stderr.strip() == "错误：--queue 的队列“reports”不存在：可用 default、notifications 或 *"


@pytest.mark.parametrize("platform", ["sqlite"], indirect=True)
@pytest.mark.parametrize("signals", [1, 2])
def test_sigterm_finishes_the_running_job_a_second_one_aborts_it(
    platform: Platform, shared_dir: Path, signals: int
) -> None:
    report = str(shared_dir / "fixtures" / "reports" / "001.txt")
    [pk] = platform.start([report] * 40)
    worker = platform.worker()
    deadline = time.monotonic() + 120
    while platform.job(pk)["done"] < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    for _signal in range(signals):
        worker.send_signal(signal.SIGTERM)
        time.sleep(0.3)
    stdout, _stderr = worker.communicate(timeout=120)
    job = platform.job(pk)
    assert worker.returncode == 0
    assert "后台任务执行进程已停止" in stdout
    if signals == 1:  # graceful: the job was finished, then the worker stopped
        assert (job["status"], job["done"], job["total"]) == ("done", 40, 40)
    else:  # at once: the job says so and can be retried
        assert job["status"] == "failed" and job["done"] < 40, job
        assert job["error"] == "任务被中止：后台任务执行进程在任务完成前停止了，可以重试。"
