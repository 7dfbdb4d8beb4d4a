"""Runtime helpers used by the CLI: first-use database, demo accounts, serving."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from gongkai.web import runtime
from gongkai.web.paths import ensure_secret_key_file
from probes import PROMPT_S, load_probe


def _clean_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GONGKAI_", "DATABASE_"))}
    env["GONGKAI_VAR_DIR"] = str(var_dir)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


@pytest.mark.django_db
def test_ensure_database_is_idempotent_on_the_test_database() -> None:
    assert runtime.ensure_database() is False
    assert runtime.ensure_database() is False


def test_ensure_database_creates_and_migrates_on_first_use(tmp_path: Path) -> None:
    """A fresh var dir: the first call creates the SQLite file and the key, the second no-ops."""
    code = (
        "from gongkai.web import runtime\n"
        "first = runtime.ensure_database()\n"
        "second = runtime.ensure_database()\n"
        "from django.contrib.auth import get_user_model\n"
        "print(first, second, get_user_model().objects.count())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=_clean_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "0"]
    assert (tmp_path / "gongkai.sqlite3").is_file()
    key_file = tmp_path / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip()) >= 50


def test_secret_key_file_is_created_once(tmp_path: Path) -> None:
    path = ensure_secret_key_file(tmp_path)
    first = path.read_text()
    assert ensure_secret_key_file(tmp_path).read_text() == first


@pytest.mark.django_db
def test_demo_accounts_are_idempotent(django_user_model: Any) -> None:
    from gongkai.apps.orgs.models import Body, Membership
    from gongkai.demo.accounts import ensure_demo_accounts

    first = ensure_demo_accounts()
    assert first == [
        ("demo", "gongkai-demo"),
        ("county", "gongkai-county"),
        ("admin", "gongkai-admin"),
    ]
    assert ensure_demo_accounts() == first
    assert django_user_model.objects.count() == 3
    township = Body.objects.get(name="徐套乡人民政府")
    assert township.parent == Body.objects.get(name="中宁县人民政府")
    roles = set(Membership.objects.values_list("user__username", "body__name", "role"))
    assert roles == {
        ("demo", "徐套乡人民政府", "clerk"),
        ("demo", "徐套乡人民政府", "reviewer"),
        ("demo", "徐套乡人民政府", "admin"),
        ("county", "中宁县人民政府", "supervisor"),
    }
    demo = django_user_model.objects.get(username="demo")
    admin = django_user_model.objects.get(username="admin")
    assert not demo.is_staff and not demo.is_superuser
    assert admin.is_staff and admin.is_superuser

    demo.set_password("changed-by-someone")
    demo.save()
    assert ensure_demo_accounts() == [
        ("county", "gongkai-county"),
        ("admin", "gongkai-admin"),
    ]
    demo.refresh_from_db()
    assert demo.check_password("changed-by-someone")  # never reset behind the owner's back


@pytest.mark.parametrize(
    ("host", "url", "bind"),
    [
        ("127.0.0.1", "http://127.0.0.1:8000/", "127.0.0.1:8000"),
        ("0.0.0.0", "http://127.0.0.1:8000/", "0.0.0.0:8000"),
        ("::1", "http://[::1]:8000/", "[::1]:8000"),
    ],
)
def test_serve_addresses(host: str, url: str, bind: str) -> None:
    assert runtime._url(host, 8000) == url
    assert runtime._bind(host, 8000) == bind


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local test server
        return response.status, response.read()


def test_serve_on_a_fresh_machine(tmp_path: Path) -> None:
    """`serve` migrates, collects static files, creates no account (it prints how to create
    the first administrator) and answers HTTP."""
    port = _free_port()
    code = f"from gongkai.web import runtime; runtime.serve('127.0.0.1', {port})"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            env=_clean_env(tmp_path / "var"),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        status, body = 0, b""
        while time.monotonic() < deadline:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.3)
        output = log.read_text()
        assert status == 200, output
        html = body.decode()
        assert "政务公开工作平台" in html
        # whitenoise serves the hashed, collected Bootstrap from the var dir.
        css_path = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        assert css_path.startswith("/static/vendor/bootstrap/css/bootstrap.min.")
        assert _get(f"http://127.0.0.1:{port}{css_path}")[0] == 200
        assert f"http://127.0.0.1:{port}/" in output
        assert "gongkai admin create" in output and "gongkai-demo" not in output
        assert (tmp_path / "var" / "static" / "staticfiles.json").is_file()
        # No account at all, so none with a known password (the demo's, or admin/admin …).
        users = sqlite3.connect(tmp_path / "var" / "gongkai.sqlite3").execute(
            "SELECT COUNT(*) FROM auth_user"
        )
        assert users.fetchone() == (0,)
        # Two clients trickling their headers (or a body) took both sync workers: the site
        # froze for 60 s (issue 9). The threaded workers answer a third client at once.
        probe = load_probe()
        for mode in ("headers", "body"):
            third_status, seconds = probe.slow_clients(f"http://127.0.0.1:{port}/", 2, mode)
            assert (third_status, mode) == (200, mode)
            assert seconds < PROMPT_S, mode
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _gone(pid: int, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        try:  # our own child: reap it once it exited
            if os.waitpid(pid, os.WNOHANG) != (0, 0):
                return True
        except ChildProcessError:
            pass
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("stop", ["SIGTERM", "SIGKILL"])
def test_serve_on_sqlite_runs_a_worker_beside_it(tmp_path: Path, stop: str) -> None:
    """On the SQLite default `serve` starts one worker of the background jobs: a job queued
    by another command is done without a second command; the worker stops with the server
    (gracefully with it, or on its own when the server is killed)."""
    port = _free_port()
    env = _clean_env(tmp_path / "var")
    code = f"from gongkai.web import runtime; runtime.serve('127.0.0.1', {port})"
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 90
        while "后台任务执行进程已启动" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.2)
        output = log.read_text()
        assert "[*] 后台任务执行进程随平台启动，随平台停止。" in output
        worker = int(output.split("后台任务执行进程已启动（进程 ", 1)[1].split("）", 1)[0])
        queued = subprocess.run(
            [sys.executable, "-m", "gongkai", "daily", "--background", "--today", "2026-11-16"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert queued.stdout.strip() == "已排队：后台任务 #1 每日任务（2026-11-16）。", queued
        database = tmp_path / "var" / "gongkai.sqlite3"
        status = ""
        while status != "done" and time.monotonic() < deadline:
            time.sleep(0.2)
            with sqlite3.connect(database, timeout=10) as connection:
                [(status,)] = connection.execute("SELECT status FROM kernel_job WHERE id = 1")
        assert status == "done", log.read_text()
        proc.send_signal(getattr(signal, stop))
        proc.wait(timeout=30)
        assert _gone(worker), log.read_text()
        if stop == "SIGTERM":
            assert "后台任务执行进程已停止。" in log.read_text()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
