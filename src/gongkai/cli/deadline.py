"""``gongkai deadline``: the reply deadline of an application and the trace that explains it.

The working days come from the platform's calendar table (seeded from chinese_calendar, edited
by administrators). Bad input (a date that is not ``YYYY-MM-DD``, inconsistent events) gives
one Chinese line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai.cli.common import database, fail, out, parse_date, print_json
from gongkai.domain.applications.deadline import (
    MAX_EXTENSION_WORKING_DAYS,
    Consultation,
    Timeline,
    TimelineError,
    compute_deadline,
)
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = ["deadline_app"]

deadline_app = typer.Typer()


def _platform_calendar() -> WorkingCalendar:
    """The platform's calendar table (the database is created and migrated on first use)."""
    database()
    from gongkai.apps.workcal.services import load_calendar

    return load_calendar()


def _parse_consult(text: str) -> Consultation:
    sent, sep, answered = text.partition(":")
    if not sep:
        raise fail(f"--consult 的值“{text}”无效，应为 发出日期:答复日期（未答复时写 发出日期:）")
    return Consultation(
        sent=parse_date(sent.strip(), "--consult"),
        answered=parse_date(answered.strip(), "--consult") if answered.strip() else None,
    )


@deadline_app.command("deadline")
def deadline_command(
    received: Annotated[
        str | None, typer.Option("--received", metavar="YYYY-MM-DD", help="收到申请日期（必填）")
    ] = None,
    correction_received: Annotated[
        str | None,
        typer.Option("--correction-received", metavar="YYYY-MM-DD", help="补正后收到申请日期"),
    ] = None,
    correction_sent: Annotated[
        str | None,
        typer.Option(
            "--correction-sent",
            metavar="YYYY-MM-DD",
            help="发出补正告知日期（缺省时按收到申请当日）",
        ),
    ] = None,
    consult: Annotated[
        list[str] | None,
        typer.Option(
            "--consult",
            metavar="D1:D2",
            help="征求意见 发出日期:答复日期，可重复；未答复写 发出日期:",
        ),
    ] = None,
    extension: Annotated[
        str, typer.Option("--extension", metavar="N", help="经批准延长的工作日数（0–20）")
    ] = "0",
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    """推算依申请公开的答复期限和补正告知期限，并逐步说明推算过程。"""
    if received is None:
        raise fail("缺少 --received（收到申请日期，YYYY-MM-DD）")
    received_on = parse_date(received, "--received")
    fixed_on = (
        None
        if correction_received is None
        else parse_date(correction_received, "--correction-received")
    )
    sent_on = None if correction_sent is None else parse_date(correction_sent, "--correction-sent")
    if fixed_on is not None and sent_on is None:
        sent_on = received_on  # the notice date only bounds the correction; the clock restarts
    days = int(extension) if extension.strip().isdigit() else -1
    if not 0 <= days <= MAX_EXTENSION_WORKING_DAYS:
        raise fail(
            f"--extension 应为 0 至 {MAX_EXTENSION_WORKING_DAYS} 之间的整数，收到：{extension}"
        )
    try:
        timeline = Timeline(
            received=received_on,
            correction_sent=sent_on,
            correction_received=fixed_on,
            consultations=tuple(_parse_consult(item) for item in consult or ()),
            extension_days=days,
        )
        deadline = compute_deadline(timeline, _platform_calendar())
    except TimelineError as exc:
        raise fail(str(exc)) from None
    except (ValueError, OverflowError) as exc:
        raise fail(f"无法推算期限：{exc}") from None
    if as_json:
        print_json(deadline.to_dict())
        return
    mark = "（临时期限）" if deadline.provisional else ""
    out.print(f"[bold]答复期限：{deadline.due.isoformat()}[/]{mark}", highlight=False)
    out.print(f"补正告知期限：{deadline.correction_notice_due.isoformat()}", highlight=False)
    if deadline.provisional:
        out.print("[yellow]临时期限：部分年份的节假日安排尚未录入，录入后会变化。[/]")
    out.print("推算过程：")
    for number, line in enumerate(deadline.trace, 1):
        out.print(f"  {number}. {line}", highlight=False, markup=False)
