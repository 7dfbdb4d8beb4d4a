"""Two ways to run the ``gongkai`` command in the tests.

- ``cli``: the real typer app (:data:`gongkai.cli.main.app`) in this process, on the test
  database — every registration, option and exit code, fast.
- ``gongkai`` / ``process_runner``: a real process (``python -m gongkai``) on this checkout's
  source with its own SQLite file and var dir — what a user sees: no traceback, one line on
  stderr, the exit code of :func:`gongkai.cli.main.run`.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

SRC = Path(__file__).resolve().parents[2] / "src"

Runner = Callable[..., subprocess.CompletedProcess[str]]
Invoke = Callable[..., Result]


def _process_runner(directory: Path) -> Runner:
    """``run(*args)``: ``python -m gongkai ARGS`` in ``directory``, whose ``db.sqlite3`` and
    ``var/`` are the database and var dir (nothing of the developer's own is touched);
    ``extra_env`` adds environment variables (``GONGKAI_SOFFICE``)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "COLUMNS": "200",
        "PYTHONPATH": str(SRC),  # this checkout, not the one the virtualenv was installed from
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "GONGKAI_VAR_DIR": str(directory / "var"),
    }

    def run(
        *args: str | Path, stdin: str | None = None, extra_env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gongkai", *map(str, args)],
            capture_output=True,
            text=True,
            input=stdin,
            env={**env, **(extra_env or {})},
            cwd=directory,
            timeout=300,
        )

    return run


@pytest.fixture(scope="session")
def process_runner() -> Callable[[Path], Runner]:
    """The factory of process runners, for fixtures that keep a database across tests."""
    return _process_runner


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database the first command created and migrated (each test runs on a copy)."""
    directory = tmp_path_factory.mktemp("migrated")
    done = _process_runner(directory)("calendar", "show", "2026")
    assert done.returncode == 0, done.stderr
    assert (directory / "db.sqlite3").is_file()
    return directory / "db.sqlite3"


@pytest.fixture
def gongkai(tmp_path_factory: pytest.TempPathFactory, migrated: Path) -> Runner:
    """``gongkai(*args)``: a real process in a directory of its own (its working directory)
    on a copy of the migrated database."""
    directory = tmp_path_factory.mktemp("gongkai")
    for suffix in ("", "-wal", "-shm"):
        source = migrated.with_name(migrated.name + suffix)
        if source.exists():
            shutil.copyfile(source, directory / source.name)
    return _process_runner(directory)


@pytest.fixture
def cli() -> Invoke:
    """``cli(*args, input=None)``: the real app in this process (``result.stdout``,
    ``result.stderr``, ``result.exit_code``). Needs the ``db`` of pytest-django to touch the
    database, like any test of this process."""
    from gongkai.cli.main import app

    runner = CliRunner()

    def invoke(*args: str | Path, input: str | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def refused() -> Callable[[Result], str]:
    """``refused(result)``: the one line of a command refused as bad input (exit 2, one line on
    stderr, nothing on stdout)."""

    def line(result: Result) -> str:
        assert result.exit_code == 2, result.output
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        return lines[0]

    return line
