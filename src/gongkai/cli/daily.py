"""``gongkai daily``: the daily run (cron or a systemd timer) of lapses and deadline reminders,
and the retries of the applicant's notifications; ``gongkai notifications send``: the retries
alone (run it every few minutes for a prompt retry after a mail server outage).

Applications whose correction or fee payment period ran out are concluded as abandoned
(条例第三十条, 109号); open applications overdue or due within 3 working days get a reminder.
Both are idempotent: running twice a day changes nothing. Then the year summaries the date
makes due (a new year's, :func:`gongkai.apps.reports.summaries.due_today`) are queued.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from gongkai.cli.common import database, out, parse_date

__all__ = ["daily_app", "notifications_app"]

daily_app = typer.Typer()
notifications_app = typer.Typer(help="申请人通知（电子邮件、短信）。", no_args_is_help=True)


def _print_sent(sent: int, failed: int) -> None:
    out.print(f"发送申请人通知 {sent} 条，失败 {failed} 条（稍后重试）。", highlight=False)


@notifications_app.command("send")
def notifications_send_command() -> None:
    """发送待发送和到期重试的申请人通知；失败的记录错误并按退避时间稍后重试。"""
    database()
    from gongkai.apps.applications.notifications import send_due

    _print_sent(*send_due())


@daily_app.command("daily")
def daily_command(
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="YYYY-MM-DD", help="按这一天运行（默认今天）"),
    ] = None,
    background: Annotated[
        bool,
        typer.Option("--background", help="交给后台任务执行进程（gongkai worker）运行并记录结果"),
    ] = False,
) -> None:
    """每日任务：逾期未补正、逾期未缴费的申请视为放弃；提醒即将到期和已超期的申请；重试通知。"""
    day = None if today is None else parse_date(today, "--today")
    database()
    if background:
        from gongkai.apps.applications.jobs import daily_run
        from gongkai.kernel import jobs

        job = jobs.start(
            daily_run,
            title="每日任务" + (f"（{day}）" if day else ""),
            started_by=None,
            today=day.isoformat() if day else None,
        )
        out.print(f"已排队：后台任务 #{job.pk} {job.title}。", highlight=False, markup=False)
        _summaries_due(day)
        return
    from gongkai.apps.applications.jobs import run_daily

    result = run_daily(day)
    out.print(
        f"视为放弃申请 {len(result['lapsed'])} 件，发出期限提醒 {len(result['reminders'])} 条。",
        highlight=False,
    )
    for line in [*result["lapsed"], *result["reminders"]]:
        out.print(f"  {line}", highlight=False, markup=False)
    _print_sent(result["sent"], result["failed"])
    _summaries_due(day)


def _summaries_due(day: date | None) -> None:
    from gongkai.apps.reports.summaries import due_today

    missing = due_today(day)
    if missing:
        out.print(
            f"{missing} 个机关尚无本年度汇总（由后台任务或 gongkai summaries refresh 计算）。",
            highlight=False,
        )
