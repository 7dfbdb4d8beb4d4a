"""Several app servers and job workers against one PostgreSQL primary (issue 15, build 3;
docs/deployment.md, "Several app servers and workers; a read replica").

Real processes on the test database: two ``gongkai serve`` on free ports and two ``gongkai
worker``, one var dir and one secret key (as the deployment guide says). A clerk signs in on
both servers (the session of one is valid on the other); batch checks started through both
servers run once each, and both workers take part; two edits of one record sent at once
through the two servers: one is saved, the other is refused with the stale-version message
(409), nothing overwritten; ``gongkai daily`` run twice at the same moment concludes each
lapsed application once and writes and mails each reminder once. The servers have a read
replica (the primary itself, under another connection name): visitors' pages read through
it, a client who wrote is pinned to the primary. PostgreSQL only: SQLite is one machine's
file, and the test database of the SQLite runs is in memory, out of reach of other
processes."""

from __future__ import annotations

import http.cookiejar
import io
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.db import connections

SRC = Path(__file__).resolve().parents[2] / "src"
PASSWORD = "clerk-password-several-1"
APPLICATIONS = 12
LAPSING = 4
JOBS_PER_SERVER = 3
FILES_PER_JOB = 20
REPLICA_NAME = "gongkai_replica_test"

pytestmark = pytest.mark.django_db(transaction=True)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


@dataclass(frozen=True)
class Reply:
    status: int
    body: str
    location: str


class Browser:
    """One person's browser (its cookies) talking to one server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def csrf(self) -> str:
        return next(cookie.value for cookie in self.jar if cookie.name == "csrftoken") or ""

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> Reply:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=60) as response:
                return Reply(response.status, response.read().decode(), "")
        except urllib.error.HTTPError as exc:
            return Reply(exc.code, exc.read().decode(), exc.headers.get("Location", ""))

    def get(self, path: str) -> Reply:
        return self.request(path)

    def post(self, path: str, fields: dict[str, str]) -> Reply:
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf()}).encode()
        return self.request(
            path, body, {"Content-Type": "application/x-www-form-urlencoded", "Referer": self.base}
        )

    def post_file(self, path: str, name: str, filename: str, data: bytes) -> Reply:
        boundary = uuid.uuid4().hex
        body = (
            (
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="csrfmiddlewaretoken"\r\n\r\n{self.csrf()}\r\n'
                f"--{boundary}\r\nContent-Disposition: form-data; "
                f'name="{name}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            path,
            body,
            {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": self.base},
        )

    def log_in(self, username: str, password: str) -> None:
        assert self.get("/accounts/login/").status == 200
        reply = self.post("/accounts/login/", {"username": username, "password": password})
        assert reply.status == 302, reply.body[:500]


class Processes:
    """The processes the test started; every one stopped in the end."""

    def __init__(self, directory: Path, env: dict[str, str]) -> None:
        self.directory = directory
        self.env = env
        self.started: list[tuple[subprocess.Popen[bytes], Path]] = []

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        log = self.directory / f"{name}.log"
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", "gongkai", *args],
                stdout=output,
                stderr=subprocess.STDOUT,
                env=self.env,
                cwd=self.directory,
            )
        self.started.append((process, log))
        return process

    def run(self, *args: str) -> subprocess.Popen[bytes]:
        return self.start(f"run-{len(self.started)}", *args)

    def log(self, process: subprocess.Popen[bytes]) -> str:
        return next(log for each, log in self.started if each is process).read_text()

    def stop_all(self) -> None:
        for process, _log in self.started:
            if process.poll() is None:
                process.terminate()
        for process, _log in self.started:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url() -> str:
    config = connections["default"].settings_dict
    user = urllib.parse.quote(config["USER"] or "")
    password = urllib.parse.quote(config["PASSWORD"] or "")
    auth = f"{user}:{password}@" if password else f"{user}@" if user else ""
    host = f"{config['HOST'] or 'localhost'}:{config['PORT'] or 5432}"
    return f"postgres://{auth}{host}/{config['NAME']}"


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    if connections["default"].vendor != "postgresql":
        pytest.skip(
            "几个应用服务器和后台任务进程共用一个 PostgreSQL 主库：SQLite 是单机文件，"
            "测试库在内存中，其他进程连不上（DATABASE_URL=postgres://… 时运行）。"
        )
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(SRC),
        "DATABASE_URL": _database_url(),
        # The "replica" is the primary itself, under a name of its own in pg_stat_activity: the
        # servers' read-only requests are seen to use it.
        "DATABASE_REPLICA_URL": f"{_database_url()}?application_name={REPLICA_NAME}",
        "GONGKAI_VAR_DIR": str(tmp_path / "var"),  # shared by every server and worker
        "GONGKAI_SECRET_KEY": "several-servers-test-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "GONGKAI_EMAIL_URL": "filemail:///mail",
        "GONGKAI_LOG_LEVEL": "ERROR",
    }
    running = Processes(tmp_path, env)
    try:
        yield running
    finally:
        running.stop_all()


@dataclass(frozen=True)
class World:
    clerk: Any
    matter: Any
    applications: list[Any]
    lapsing: list[Any]


@pytest.fixture
def world(transactional_db: Any, django_user_model: Any) -> World:
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.utils.crypto import get_random_string

    from gongkai.apps.applications.actions import register_application, request_correction
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import add_member, create_body
    from gongkai.apps.stats.actions import create_matter

    county = create_body("某某县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)
    department = create_body("某某县教育局", parent=county)
    clerk = django_user_model.objects.create_user("clerk", email="clerk@example.org")
    # The servers run the production hasher (the suite's fast one is not in their list).
    clerk.password = PBKDF2PasswordHasher().encode(PASSWORD, get_random_string(16))
    clerk.save()
    add_member(clerk, department, "clerk")
    matter = create_matter(
        department,
        acting_user=clerk,
        category="licensing",
        name="民办学校设立审批",
        effective_on=date(2025, 1, 1),
    )
    applications = [
        register_application(
            department,
            acting_user=clerk,
            channel="in_person",
            received_on=date(2026, 9, 25),
            applicant_type="natural_person",
            applicant_name=f"申请人{number}",
            id_type="id_card",
            id_number="110101199001011234",
            content=f"申请公开第 {number} 项学校建设资金的使用情况。",
        )
        for number in range(APPLICATIONS)
    ]
    # Waiting for a correction that never came: the daily run concludes them (条例第三十条).
    lapsing = []
    for number in range(LAPSING):
        waiting = register_application(
            department,
            acting_user=clerk,
            channel="in_person",
            received_on=date(2026, 8, 3),
            applicant_type="natural_person",
            applicant_name=f"未补正申请人{number}",
            id_type="id_card",
            id_number="110101199001011234",
            content=f"申请公开第 {number} 项（内容不明确）。",
        )
        lapsing.append(request_correction(waiting, date(2026, 8, 5), acting_user=clerk))
    return World(clerk, matter, applications, lapsing)


def _wait_until_up(processes: Processes, server: subprocess.Popen[bytes], base: str) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, processes.log(server)
        try:
            with urllib.request.urlopen(base + "/accounts/login/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"server {base} not up:\n{processes.log(server)}")


def _version(page: str) -> str:
    match = re.search(r'name="version" value="(\d+)"', page)
    assert match, page[:1000]
    return match.group(1)


def test_two_servers_and_two_workers_share_one_primary(
    processes: Processes, world: World, shared_dir: Path
) -> None:
    from django_tasks_db.models import DBTaskResult

    from gongkai.apps.applications.choices import EventKind
    from gongkai.apps.applications.models import Reminder
    from gongkai.apps.stats.models import Matter
    from gongkai.kernel.models import Job

    started = time.monotonic()
    bases = []
    for number in range(2):
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = processes.start(
            f"serve-{number}",
            "serve", "--port", str(port), "--workers", "1", "--threads", "4", "--no-worker",
        )  # fmt: skip
        _wait_until_up(processes, server, base)  # one at a time: each collects the static files
        bases.append(base)
    workers = [processes.start(f"worker-{n}", "worker", "--interval", "0.2") for n in range(2)]

    # Signed in on both; the session made by one server is good on the other (one database,
    # one secret key).
    browsers = [Browser(base) for base in bases]
    for browser in browsers:
        browser.log_in("clerk", PASSWORD)
        # The login wrote: this browser reads the primary for a few seconds.
        assert "gk_primary" in {cookie.name for cookie in browser.jar}
    assert _on(browsers[0], bases[1]).get("/workbench/").status == 200
    # Visitors' reads (public pages, the open API) go through the replica connection.
    for base in bases:
        for path in ("/bodies/", "/api/v1/bodies", "/sitemap.xml"):
            assert Browser(base).get(path).status == 200, (base, path)
    with connections["default"].cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s AND datname = %s",
            [REPLICA_NAME, connections["default"].settings_dict["NAME"]],
        )
        assert cursor.fetchone()[0] >= 2  # one per server at least (kept: CONN_MAX_AGE)

    # Batch checks started through both servers: each runs once, both workers take part.
    reports = sorted((shared_dir / "fixtures" / "reports").glob("*.txt"))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        for number in range(FILES_PER_JOB):
            report = reports[number % len(reports)]
            archive.writestr(f"{number:03d}-{report.name}", report.read_bytes())
    for _round in range(JOBS_PER_SERVER):
        for browser in browsers:
            browser.get("/reports/check/batch/")
            reply = browser.post_file(
                "/reports/check/batch/", "reports", "reports.zip", packed.getvalue()
            )
            assert reply.status == 302, reply.body[:300]
    jobs = Job.objects.filter(started_by=world.clerk)
    assert jobs.count() == 2 * JOBS_PER_SERVER
    deadline = time.monotonic() + 120
    while jobs.exclude(status__in=["done", "failed"]).exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    rows = list(jobs.values_list("status", "attempts", "done", "total", "task_id"))
    assert [row[:4] for row in rows] == [("done", 1, FILES_PER_JOB, FILES_PER_JOB)] * len(rows)
    tasks = DBTaskResult.objects.filter(id__in=[row[4] for row in rows])
    # The engine marks its row after the job's own (a loaded machine shows RUNNING a moment).
    while tasks.filter(status="RUNNING").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(tasks.values_list("status", flat=True)) == ["SUCCESSFUL"] * len(rows)
    runs = [list(worker_ids) for worker_ids in tasks.values_list("worker_ids", flat=True)]
    assert all(len(ids) == 1 for ids in runs), runs  # no task ran twice
    assert len({ids[0] for ids in runs}) == 2, runs  # both workers took jobs

    # Two edits of one record sent at once through the two servers: one is saved, the other
    # is told the record changed (409) and changes nothing.
    edit = f"/stats/matters/{world.matter.pk}/edit/"
    versions = [_version(browser.get(edit).body) for browser in browsers]
    assert versions == ["1", "1"]

    def send(number: int) -> Reply:
        return browsers[number].post(
            edit,
            {
                "category": "licensing",
                "name": f"民办学校设立审批（第 {number + 1} 次修改）",
                "effective_on": "2025-01-01",
                "cancelled_on": "",
                "version": versions[number],
            },
        )

    with ThreadPoolExecutor(2) as pool:
        replies = list(pool.map(send, range(2)))
    assert sorted(reply.status for reply in replies) == [302, 409], replies
    [saved] = [number for number, reply in enumerate(replies) if reply.status == 302]
    [refused] = [reply for reply in replies if reply.status == 409]
    assert "已被他人修改" in refused.body and "您的修改尚未保存" in refused.body
    matter = Matter.objects.get(pk=world.matter.pk)
    assert (matter.name, matter.version) == (f"民办学校设立审批（第 {saved + 1} 次修改）", 2)

    # The daily run started twice at the same moment (two timers): each reminder once.
    runs_of_daily = [processes.run("daily", "--today", "2026-10-26") for _n in range(2)]
    for daily in runs_of_daily:
        assert daily.wait(timeout=120) == 0, processes.log(daily)
    outputs = [processes.log(daily) for daily in runs_of_daily]
    lapsed = [int(re.search(r"视为放弃申请 (\d+) 件", out).group(1)) for out in outputs]  # type: ignore[union-attr]
    assert sum(lapsed) == LAPSING, outputs
    for app in world.lapsing:
        assert app.events.filter(kind=EventKind.LAPSE).count() == 1
    assert all("Traceback" not in out for out in outputs), outputs
    reminded = [int(re.search(r"发出期限提醒 (\d+) 条", out).group(1)) for out in outputs]  # type: ignore[union-attr]
    assert sum(reminded) == APPLICATIONS, reminded
    reminders = Reminder.objects.filter(application__in=world.applications)
    assert reminders.count() == APPLICATIONS
    assert set(reminders.values_list("application_id", flat=True)) == {
        app.pk for app in world.applications
    }
    mails = "".join(path.read_text() for path in (processes.directory / "var" / "mail").iterdir())
    assert mails.count("Message-ID:") == APPLICATIONS

    for worker in workers:
        assert worker.poll() is None, processes.log(worker)
    assert time.monotonic() - started < 90


def _on(browser: Browser, base: str) -> Browser:
    """``browser``'s cookies sent to another server."""
    other = Browser(base)
    other.jar = browser.jar
    other.opener = browser.opener
    return other
