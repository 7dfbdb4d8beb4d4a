"""``gongkai deadline``: the reply deadline of an application and the trace that explains it.

Bad input (a date that is not ``YYYY-MM-DD``, inconsistent events) gives one Chinese line on
stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from gongkai.domain.applications.deadline import (
    MAX_EXTENSION_WORKING_DAYS,
    Consultation,
    Timeline,
    TimelineError,
    compute_deadline,
)
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = ["calendar_provider", "deadline_command", "platform_calendar"]

EXIT_BAD_INPUT = 2


def platform_calendar() -> WorkingCalendar:
    """The platform's own calendar table (seeded from chinese_calendar, edited by admins).

    The database is created and migrated on first use, like every command that needs it.
    """
    from gongkai.web.runtime import ensure_database

    ensure_database()
    from gongkai.apps.workcal.services import load_calendar

    return load_calendar()


# Where the working-day calendar comes from: the platform's table; tests of the pure engine
# may swap in ``default_calendar`` (the chinese_calendar package alone).
calendar_provider: Callable[[], WorkingCalendar] = platform_calendar

_out = Console(soft_wrap=True)
_err = Console(stderr=True, soft_wrap=True)


def _fail(message: str) -> typer.Exit:
    _err.print(f"[bold red]错误：[/]{escape(message)}", highlight=False)
    return typer.Exit(EXIT_BAD_INPUT)


def _parse_date(text: str, option: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"{option} 的日期“{text}”无效，应为 YYYY-MM-DD，例如 2026-09-25") from None


def _parse_consult(text: str) -> Consultation:
    sent, sep, answered = text.partition(":")
    if not sep:
        raise _fail(f"--consult 的值“{text}”无效，应为 发出日期:答复日期（未答复时写 发出日期:）")
    return Consultation(
        sent=_parse_date(sent.strip(), "--consult"),
        answered=_parse_date(answered.strip(), "--consult") if answered.strip() else None,
    )


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
        raise _fail("缺少 --received（收到申请日期，YYYY-MM-DD）")
    received_on = _parse_date(received, "--received")
    fixed_on = (
        None
        if correction_received is None
        else _parse_date(correction_received, "--correction-received")
    )
    sent_on = None if correction_sent is None else _parse_date(correction_sent, "--correction-sent")
    if fixed_on is not None and sent_on is None:
        sent_on = received_on  # the notice date only bounds the correction; the clock restarts
    days = int(extension) if extension.strip().isdigit() else -1
    if not 0 <= days <= MAX_EXTENSION_WORKING_DAYS:
        raise _fail(
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
        deadline = compute_deadline(timeline, calendar_provider())
    except TimelineError as exc:
        raise _fail(str(exc)) from None
    except (ValueError, OverflowError) as exc:
        raise _fail(f"无法推算期限：{exc}") from None
    if as_json:
        # Plain stdout, not rich: the JSON must stay byte-exact for other tools.
        sys.stdout.write(json.dumps(deadline.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    mark = "（临时期限）" if deadline.provisional else ""
    _out.print(f"[bold]答复期限：{deadline.due.isoformat()}[/]{mark}", highlight=False)
    _out.print(f"补正告知期限：{deadline.correction_notice_due.isoformat()}", highlight=False)
    if deadline.provisional:
        _out.print("[yellow]临时期限：部分年份的节假日安排尚未录入，录入后会变化。[/]")
    _out.print("推算过程：")
    for number, line in enumerate(deadline.trace, 1):
        _out.print(f"  {number}. {line}", highlight=False, markup=False)
