"""The daily run of the applications (lapses, reminders, notification retries), once for the
command and the task engine: ``gongkai daily`` (a timer) calls :func:`run_daily`;
:func:`daily_run` is the same run as a background job (:mod:`gongkai.kernel.jobs`), recorded
with its result and started by ``gongkai daily --background`` or from a page."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from gongkai.apps.applications.actions import due_reminders, run_daily_lapses
from gongkai.apps.applications.notifications import send_due
from gongkai.kernel.jobs import JobFailed, JobRun

__all__ = ["daily_run", "run_daily"]


def run_daily(today: date | None = None) -> dict[str, Any]:
    """Conclude the lapsed applications (条例第三十条, 109号), remind of the due and overdue
    ones, retry the due notifications. Idempotent. The result in words: one line per lapse
    and per reminder, the notification counts."""
    lapsed = run_daily_lapses(today)
    reminders = due_reminders(today)
    sent, failed = send_due()
    return {
        "lapsed": [
            f"{app.body.name} {app.number}：{app.get_outcome_display()}（{app.replied_on}）"
            for app in lapsed
        ],
        "reminders": [
            f"{r.application.body.name} {r.application.number}：{r.get_kind_display()}，"
            f"答复期限 {r.due_on}"
            for r in reminders
        ],
        "sent": sent,
        "failed": failed,
    }


def daily_run(run: JobRun, *, today: str | None = None) -> dict[str, Any]:
    """:func:`run_daily` as a job (``today`` as YYYY-MM-DD, default the worker's today)."""
    try:
        day = None if today is None else date.fromisoformat(today)
    except ValueError:
        raise JobFailed(
            _("每日任务的日期“%(today)s”无效，应为 YYYY-MM-DD。") % {"today": today}
        ) from None
    run.progress(0, 1)
    result = run_daily(day)
    run.progress(1)
    return result
