"""nginx in front of the app (issue 9, findings 1 and 6): slow clients wait on nginx, never on
the app server, and a 100 MB anonymous POST is refused by nginx before the app sees a byte.

The app server is the test suite's live server on the test database (``live_server``)."""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest

from probes import PROMPT_S, load_probe

probe = load_probe()
Nginx = Any  # tests/deploy/conftest.py: url, access_log, error_log, static_root


def _logged(nginx: Nginx, needle: str) -> list[str]:
    """The access-log lines with ``needle``, once there are some (nginx writes a line when it
    has finished with the request, which may be just after the client read the answer)."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in nginx.access_log.read_text().splitlines() if needle in line]
        if lines or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def _upstream(live_server: Any) -> str:
    parts = urlsplit(live_server.url)
    return f"127.0.0.1:{parts.port}"


@pytest.mark.parametrize("mode", ["headers", "body"])
def test_two_slow_clients_do_not_block_a_third(
    live_server: Any, start_nginx: Callable[[str], Nginx], mode: str
) -> None:
    nginx = start_nginx(_upstream(live_server))
    status, seconds = probe.slow_clients(nginx.url, 2, mode)
    assert status == 200
    assert seconds < PROMPT_S


def test_a_100_mb_anonymous_post_is_refused_by_nginx(
    live_server: Any, start_nginx: Callable[[str], Nginx]
) -> None:
    nginx = start_nginx(_upstream(live_server))
    status, seconds, sent, answer = probe.big_post(nginx.url, 100)
    assert status == 413, answer[:300]
    assert "上传的文件不能超过 5 MB" in answer.decode("utf-8", "replace")
    # Refused on its Content-Length: what was sent is what the socket buffers took, not 100 MB.
    assert sent < 20 * 1024 * 1024
    assert seconds < PROMPT_S
    # ... and never passed on: the app server was not contacted for it.
    lines = _logged(nginx, "/apply/")
    assert lines and all(line.startswith("413 ") and "upstream=-" in line for line in lines)


def test_nginx_passes_pages_and_serves_static_files(
    live_server: Any, start_nginx: Callable[[str], Nginx]
) -> None:
    nginx = start_nginx(_upstream(live_server))
    (nginx.static_root / "probe.css").write_text("body{}", encoding="utf-8")
    with urllib.request.urlopen(f"{nginx.url}static/probe.css", timeout=5) as response:  # noqa: S310
        assert response.read() == b"body{}"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    with urllib.request.urlopen(nginx.url, timeout=5) as response:  # noqa: S310
        assert response.status == 200
        assert "政务公开工作平台" in response.read().decode()
    assert _logged(nginx, f"upstream={_upstream(live_server)}")  # the page came from the app
