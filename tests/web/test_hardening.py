"""Issue 9: login throttling, the client address behind proxies, the request-size cap, the
password policy and its change page, CSP and Permissions-Policy, private file modes."""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.handlers.wsgi import WSGIHandler
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from gongkai.kernel.audit import entries_for
from gongkai.kernel.throttle import client_address
from gongkai.web import settings as project_settings

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "gongkai"
PASSWORD = "clerk-password-1"  # the ``user`` fixture's


def _login(client: Client, username: str, password: str, path: str = "/accounts/login/") -> Any:
    return client.post(path, {"username": username, "password": password})


# =============================================================================================
# Finding 4: login throttling
# =============================================================================================


def test_sixth_attempt_is_refused_even_with_the_right_password_and_unlocks_after_the_window(
    user: Any, settings: Any
) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = Client(REMOTE_ADDR="198.51.100.1")
        answers = [_login(client, "clerk", f"wrong-{i}").status_code for i in range(5)]
        assert answers == [200, 200, 200, 200, 429]  # the 5th failure locks
        # The 6th, from another address too and with the right password: refused, in Chinese.
        for address in ("198.51.100.1", "203.0.113.9"):
            refused = _login(Client(REMOTE_ADDR=address), "clerk", PASSWORD)
            assert refused.status_code == 429
            text = refused.content.decode()
            assert (
                "登录失败次数过多" in text
                and f"{settings.AXES_COOLOFF_TIME.seconds // 60} 分钟" in text
            )
            assert "_auth_user_id" not in refused.client.session
        # The admin's login counts and refuses alike.
        assert _login(Client(), "clerk", PASSWORD, "/admin/login/").status_code == 429
        # One audit entry for the lockout, on the account.
        (entry,) = entries_for(user).filter(action="accounts.locked_out")
        assert entry.user is None and entry.data["username"] == "clerk"
        assert entry.data["failures"] == 5 and entry.data["address"] == "198.51.100.1"
        # Within the window it stays locked (attempts during the lockout do not prolong it).
        clock.shift(settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
        assert _login(Client(), "clerk", PASSWORD).status_code == 429
        clock.shift(timedelta(seconds=10))
        response = _login(Client(REMOTE_ADDR="198.51.100.1"), "clerk", PASSWORD)
        assert response.status_code == 302 and response["Location"] == reverse("home")


def test_one_address_failing_on_many_accounts_is_locked_out(
    user: Any, django_user_model: Any
) -> None:
    for i in range(5):
        _login(Client(REMOTE_ADDR="192.0.2.7"), f"guess{i}", "wrong-password")
    assert _login(Client(REMOTE_ADDR="192.0.2.7"), "clerk", PASSWORD).status_code == 429
    # Another address signs in to the same account.
    assert _login(Client(REMOTE_ADDR="192.0.2.8"), "clerk", PASSWORD).status_code == 302


def test_a_success_clears_the_failures(user: Any) -> None:
    client = Client(REMOTE_ADDR="192.0.2.20")
    for _round in range(3):
        for i in range(4):
            assert _login(client, "clerk", f"typo-{i}").status_code == 200
        assert _login(client, "clerk", PASSWORD).status_code == 302
        client.logout()


def test_spoofed_forwarded_for_does_not_escape_the_lockout(user: Any, settings: Any) -> None:
    settings.GONGKAI_BEHIND_PROXY = True
    settings.GONGKAI_TRUSTED_PROXY_COUNT = 1
    for i in range(5):
        # A fresh invented left-most address each time; nginx appends the real one.
        client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{i}, 192.0.2.50")
        _login(client, f"someone{i}", "wrong-password")
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 192.0.2.50")
    assert _login(client, "clerk", PASSWORD).status_code == 429


# =============================================================================================
# Finding 5: the client address behind proxies
# =============================================================================================


@pytest.mark.parametrize(
    ("behind", "count", "forwarded", "expected"),
    [
        (False, 1, "6.6.6.6", "127.0.0.1"),  # no proxy: the header is the client's
        (True, 1, "", "127.0.0.1"),
        (True, 1, "203.0.113.7", "203.0.113.7"),
        (True, 1, "6.6.6.6, 203.0.113.7", "203.0.113.7"),  # left-most written by the client
        (True, 1, "6.6.6.6,7.7.7.7 , 203.0.113.7", "203.0.113.7"),
        (True, 2, "6.6.6.6, 203.0.113.7, 10.0.0.2", "203.0.113.7"),  # CDN + nginx
        (True, 2, "203.0.113.7", "127.0.0.1"),  # shorter than the chain: not believed
        (True, 1, "6.6.6.6, not-an-address", "127.0.0.1"),
        (True, 1, "6.6.6.6, 2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_is_the_right_most_hop_after_the_trusted_proxies(
    settings: Any, behind: bool, count: int, forwarded: str, expected: str
) -> None:
    settings.GONGKAI_BEHIND_PROXY = behind
    settings.GONGKAI_TRUSTED_PROXY_COUNT = count
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", **headers)
    assert client_address(request) == expected


def test_axes_asks_the_one_client_address() -> None:
    from axes.helpers import get_client_ip_address

    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    assert project_settings.AXES_CLIENT_IP_CALLABLE == "gongkai.kernel.throttle.client_address"
    assert get_client_ip_address(request) == client_address(request) == "192.0.2.1"


# =============================================================================================
# Finding 6: the request-size cap
# =============================================================================================


class _Body(io.RawIOBase):
    """A multipart body of one file part of ``size`` bytes, generated as it is read; ``read``
    says how many bytes the server took."""

    def __init__(self, boundary: str, size: int) -> None:
        self.head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        self.length = len(self.head) + size
        self.read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.length - self.read)
        if n <= 0:
            return 0
        start = self.read
        chunk = (self.head + b"")[start : start + n] if start < len(self.head) else b""
        chunk += b"0" * (n - len(chunk))
        buffer[:n] = chunk
        self.read += n
        return n


def test_a_100_mb_anonymous_post_is_refused_before_it_is_read(user: Any) -> None:
    boundary = "gongkai-boundary"
    body = _Body(boundary, 100 * 1024 * 1024)
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/accounts/login/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BufferedReader(body, 64 * 1024),
        "wsgi.errors": sys.stderr,
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(body.length),
        "REMOTE_ADDR": "192.0.2.99",
        # The CSRF check reads the body for its token once a cookie is there (a GET gives one).
        "HTTP_COOKIE": "csrftoken=" + "a" * 32,
    }
    statuses: list[str] = []
    content = b"".join(WSGIHandler()(environ, lambda status, headers: statuses.append(status)))
    assert statuses == ["413 Request Entity Too Large"]
    assert body.read <= 64 * 1024  # at most the reader's first buffer: nothing spooled
    text = content.decode()
    assert "请求过大" in text and "5 MB" in text


def test_a_form_upload_over_the_limit_still_names_the_file(clerk_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("大报告.txt", "年".encode() * (2 * 1024 * 1024))  # 6 MB
    response = clerk_client.post(reverse("checks:upload"), {"file": big})
    assert response.status_code == 400
    assert "大报告.txt" in response.context["form"].errors["file"][0]


def test_a_body_over_the_limit_is_413(clerk_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("大报告.txt", b"0" * (8 * 1024 * 1024))
    response = clerk_client.post(reverse("checks:upload"), {"file": big})
    assert response.status_code == 413
    assert "请求过大" in response.content.decode()


# =============================================================================================
# Finding 10: passwords
# =============================================================================================


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-pw-11", "至少需要 12 个字符"),
        ("q1w2e3r4t5y6", "太常见"),  # Django's common/breached list
        ("314159265358979", "全是数字"),
    ],
)
def test_password_policy(password: str, message: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    text = " ".join(refused.value.messages)
    assert message in text or (message == "全是数字" and "数字" in text)


def test_a_good_password_passes() -> None:
    validate_password("县政务公开-2025-年报")


def test_password_change_page(client: Client, user: Any) -> None:
    url = reverse("password_change")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(user)
    home = client.get(reverse("home")).content.decode()
    assert f'href="{url}"' in home  # the user menu links it
    page = client.get(url)
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    short = client.post(
        url,
        {"old_password": PASSWORD, "new_password1": "Short-pw-1", "new_password2": "Short-pw-1"},
    )
    assert short.status_code == 200
    assert "至少需要 12 个字符" in " ".join(short.context["form"].errors["new_password2"])
    wrong = client.post(
        url,
        {
            "old_password": "nope",
            "new_password1": "县政务公开-2025",
            "new_password2": "县政务公开-2025",
        },
    )
    assert "old_password" in wrong.context["form"].errors
    new = "县政务公开-2025-年报"
    done = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}, follow=True
    )
    assert done.redirect_chain[-1][0] == reverse("home")
    assert "密码已修改" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(new)
    assert client.get(url).status_code == 200  # still signed in
    (entry,) = entries_for(user).filter(action="accounts.password_change")
    assert entry.user == user and "password" not in str(entry.data)


# =============================================================================================
# Finding 10: CSP and Permissions-Policy
# =============================================================================================


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/apply/", "/no-such-page/", "/admin/"])
def test_every_page_has_csp_and_permissions_policy(client: Client, path: str) -> None:
    response = client.get(path)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "camera=()" in response["Permissions-Policy"]


def test_csp_on_a_staff_page_and_a_refusal(clerk_client: Client) -> None:
    for response in (clerk_client.get(reverse("workbench")), _login(Client(), "x", "y")):
        assert "script-src 'self'" in response["Content-Security-Policy"]


_INLINE = re.compile(r"""\sstyle=|\son[a-z]+=|<script(?![^>]*\ssrc=)|<style|javascript:""", re.I)


def test_no_template_holds_inline_style_or_script() -> None:
    """What ``style-src 'self'`` / ``script-src 'self'`` would refuse, in any template or in
    HTML written by Python (``format_html``)."""
    offenders = []
    for path in [*SRC.rglob("*.html"), *SRC.glob("apps/*/tables.py"), *SRC.glob("kernel/*.py")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _INLINE.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


# =============================================================================================
# Finding 10: the SQLite file is private
# =============================================================================================


def test_sqlite_database_and_journal_are_private(tmp_path: Path, django_db_blocker: Any) -> None:
    name = tmp_path / "gongkai.sqlite3"
    config: dict[str, Any] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(name),
        "OPTIONS": dict(project_settings._SQLITE_OPTIONS),
        "TIME_ZONE": None,
        "CONN_MAX_AGE": 0,
        "CONN_HEALTH_CHECKS": False,
        "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False,
    }
    old = os.umask(0o022)
    wrapper = SQLiteWrapper(config, alias="private-check")
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("CREATE TABLE t (x)")
            cursor.execute("INSERT INTO t VALUES (1)")
            for path in (name, Path(f"{name}-wal"), Path(f"{name}-shm")):
                assert path.exists(), path
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        wrapper.close()
        os.umask(old)


@pytest.mark.e2e
def test_chromium_reports_a_csp_violation_on_the_console(browser: Any) -> None:
    """What the ``page`` fixture (tests/conftest.py) watches for: Chromium logs a refused inline
    style or script under this policy as a console message naming the policy."""
    policy = Client().get("/")["Content-Security-Policy"]  # the platform's own
    context = browser.new_context()
    try:
        page = context.new_page()
        seen: list[str] = []
        page.on("console", lambda message: seen.append(message.text))
        page.route(
            "http://gongkai.test/",
            lambda route: route.fulfill(
                status=200,
                headers={
                    "Content-Type": "text/html; charset=utf-8",
                    "Content-Security-Policy": policy,
                },
                body='<p style="color: red">x</p><script>document.title = "x"</script>',
            ),
        )
        page.goto("http://gongkai.test/")
        page.wait_for_timeout(200)
        assert sum("Content Security Policy" in text for text in seen) >= 2, seen
        assert page.title() != "x"
    finally:
        context.close()


# =============================================================================================
# Finding 10: what a 上级 may write (docs/architecture.md, orgs.policies)
# =============================================================================================


def test_only_a_supervisor_above_sets_report_deadlines(
    client: Client, county: Any, dept_a: Any, supervisor: Any, django_user_model: Any
) -> None:
    """A 上级 changes no record of its subtree (the generic view checks) and its one write
    on the bodies is the deadlines of the bodies below; the county's own 管理员 may not."""
    from gongkai.apps.orgs.services import add_member

    url = reverse("reports:supervise_action", kwargs={"pk": county.pk, "op": "deadlines"})
    data = {"scope": "all", "month": 2, "day": 20}
    admin = django_user_model.objects.create_user("county_admin", password="x-password-123")
    add_member(admin, county, "admin")
    lower = django_user_model.objects.create_user("dept_supervisor", password="x-password-123")
    add_member(lower, dept_a, "supervisor")
    for outsider in (admin, lower):
        client.force_login(outsider)
        assert client.post(url, data).status_code in (403, 404)
    dept_a.refresh_from_db()
    assert (dept_a.report_deadline_month, dept_a.report_deadline_day) != (2, 20)
    client.force_login(supervisor)
    assert client.post(url, data).status_code == 302
    dept_a.refresh_from_db()
    assert (dept_a.report_deadline_month, dept_a.report_deadline_day) == (2, 20)
