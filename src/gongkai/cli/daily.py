"""``gongkai daily``: the daily run (cron or a systemd timer) of lapses and deadline reminders,
and the retries of the applicant's notifications; ``gongkai notifications send``: the retries
alone (run it every few minutes for a prompt retry after a mail server outage).

Applications whose correction or fee payment period ran out are concluded as abandoned
(条例第三十条, 109号); open applications overdue or due within 3 working days get a reminder.
Both are idempotent: running twice a day changes nothing.
"""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai.cli.common import database, out, parse_date

__all__ = ["daily_app", "notifications_app"]

daily_app = typer.Typer()
notifications_app = typer.Typer(help="申请人通知（电子邮件、短信）。", no_args_is_help=True)


def _send_notifications() -> None:
    from gongkai.apps.applications.notifications import send_due

    sent, failed = send_due()
    out.print(f"发送申请人通知 {sent} 条，失败 {failed} 条（稍后重试）。", highlight=False)


@notifications_app.command("send")
def notifications_send_command() -> None:
    """发送待发送和到期重试的申请人通知；失败的记录错误并按退避时间稍后重试。"""
    database()
    _send_notifications()


@daily_app.command("daily")
def daily_command(
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="YYYY-MM-DD", help="按这一天运行（默认今天）"),
    ] = None,
) -> None:
    """每日任务：逾期未补正、逾期未缴费的申请视为放弃；提醒即将到期和已超期的申请；重试通知。"""
    day = None if today is None else parse_date(today, "--today")
    database()
    from gongkai.apps.applications.actions import due_reminders, run_daily_lapses

    lapsed = run_daily_lapses(day)
    reminders = due_reminders(day)
    out.print(f"视为放弃申请 {len(lapsed)} 件，发出期限提醒 {len(reminders)} 条。", highlight=False)
    for app in lapsed:
        out.print(
            f"  {app.body.name} {app.number}：{app.get_outcome_display()}（{app.replied_on}）",
            highlight=False,
            markup=False,
        )
    for reminder in reminders:
        app = reminder.application
        out.print(
            f"  {app.body.name} {app.number}：{reminder.get_kind_display()}，"
            f"答复期限 {reminder.due_on}",
            highlight=False,
            markup=False,
        )
    _send_notifications()
