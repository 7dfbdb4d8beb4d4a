"""Fixtures shared by the whole suite (domain, web and browser tests)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from shared_files import REPO_ROOT, SEED_REPORT, SHARED_DIR

# pytest-playwright's sync API keeps an asyncio event loop running in the test thread, and
# Django then refuses ORM calls from that thread (SynchronousOnlyOperation) in tests that
# combine the live_server fixture with a browser. Nothing in these tests is really async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


# Playwright must not download browsers here: drive Debian's chromium.
CHROMIUM_EXECUTABLE = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the suite may run as root (CI containers)
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout this suite belongs to."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (docs, seeds, fixtures): the checkout's sibling ``shared/``."""
    return SHARED_DIR


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed report (徐套乡 2019); its absence is a failure, not a skip."""
    assert SEED_REPORT.is_file(), f"the seed report must sit beside the checkout: {SEED_REPORT}"
    return SEED_REPORT


@pytest.fixture
def screenshot_dir(tmp_path: Path) -> Path:
    """Where the browser tests save their screenshots: ``GONGKAI_SCREENSHOT_DIR`` (CI sets
    ``var/screenshots``, kept as the run's artefacts and never committed), else the test's own
    temporary folder."""
    configured = os.environ.get("GONGKAI_SCREENSHOT_DIR")
    folder = Path(configured) if configured else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launch options: Debian chromium, no sandbox, no background traffic."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_EXECUTABLE,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A browser set up like our users' machines: Chinese UI, Beijing time."""
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture
def page(page: Any) -> Any:
    """pytest-playwright's page, watched: a Content-Security-Policy violation that Chromium
    reports on the console (an inline style or script, a foreign source) fails the test."""
    violations: list[str] = []

    def watch(message: Any) -> None:
        if "Content Security Policy" in message.text:
            violations.append(f"{message.type}: {message.text} ({page.url})")

    page.on("console", watch)
    yield page
    assert violations == [], "CSP violations in the browser:\n" + "\n".join(violations)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that flush the database last.

    A transactional test (``transaction=True``, ``live_server``) ends by flushing every table,
    the ones the migrations fill too (the working-day calendar), so pytest-django runs them after
    the others. pytest's own regrouping of session-parametrized tests (Playwright's ``browser``)
    can pull them forward again next to a non-transactional browser test; this puts them back,
    keeping the order within each group.
    """

    def flushes(item: pytest.Item) -> bool:
        marker = item.get_closest_marker("django_db")
        if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
            return True
        return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))

    items.sort(key=flushes)
