"""``gongkai notifications send``: the outbox's waiting rows are sent (the retries after a
mail server outage); the daily run does the same after the lapses."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def _waiting_notification() -> Any:
    """An application with an e-mail address: its receipt is queued (in a test transaction
    the commit never comes, so the row waits, as after a failed first attempt)."""
    from gongkai.apps.applications.actions import register_application
    from gongkai.apps.applications.models import Notification
    from gongkai.apps.orgs.services import create_body

    body = create_body("某某县教育局")
    register_application(
        body,
        acting_user=None,
        channel="in_person",
        received_on=date(2026, 11, 2),
        applicant_type="natural_person",
        applicant_name="李四",
        email="lisi@example.org",
        content="申请公开某项信息。",
    )
    return Notification.objects.get()


def test_notifications_send(cli: Any) -> None:
    row = _waiting_notification()
    assert row.status == "pending" and mail.outbox == []
    done = cli("notifications", "send")
    assert done.exit_code == 0, done.output
    assert "发送申请人通知 1 条，失败 0 条" in done.stdout
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 1
    assert [m.to for m in mail.outbox] == [["lisi@example.org"]]
    again = cli("notifications", "send")
    assert "发送申请人通知 0 条，失败 0 条" in again.stdout


def test_daily_sends_the_waiting_notifications(cli: Any) -> None:
    _waiting_notification()
    done = cli("daily", "--today", "2026-11-03")
    assert done.exit_code == 0, done.output
    assert "发送申请人通知 1 条" in done.stdout
    assert len(mail.outbox) == 1


def test_file_mail_is_written_under_the_var_dir(tmp_path: Any) -> None:
    """``filemail:///mail`` (the demo's default, set by ``gongkai demo``) writes each e-mail as
    a file in ``<var dir>/mail``, where the demo's user finds the applicant's mails."""
    import subprocess
    import sys
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src"
    script = (
        "import django; django.setup(); from django.core.mail import send_mail; "
        "send_mail('申请已受理', '正文', 'gongkai@localhost', ['lisi@example.org'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(src),
            "DJANGO_SETTINGS_MODULE": "gongkai.web.settings_test",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "GONGKAI_VAR_DIR": str(tmp_path / "var"),
            "GONGKAI_EMAIL_URL": "filemail:///mail",
        },
    )
    assert done.returncode == 0, done.stderr
    (written,) = (tmp_path / "var" / "mail").iterdir()
    assert "lisi@example.org" in written.read_text()
