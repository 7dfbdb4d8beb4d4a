"""``gongkai calendar``: the platform's working-day calendar (节假日安排).

Each winter the State Council publishes the next year's holidays and 调休 working weekends;
an administrator enters them here (or on the admin page). Until then the year is provisional:
deadlines in it are computed on Monday–Friday and marked as such, and they are recomputed
when the schedule is entered.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from gongkai.cli.common import database, fail, out, read_file

__all__ = ["calendar_app"]

calendar_app = typer.Typer(help="工作日日历：节假日与调休安排。", no_args_is_help=True)


def _read_lines(path: Path | None, items: list[str] | None) -> str:
    lines = list(items or [])
    if path is not None:
        try:
            lines += read_file(path).decode("utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise fail(f"{path}：不是 UTF-8 文本文件") from None
    return "\n".join(lines)


@calendar_app.command("show")
def show_command(year: Annotated[int, typer.Argument(help="年份")]) -> None:
    """列出某年的节假日与调休上班日，以及该年是否已录入（未录入为临时安排）。"""
    database()
    from gongkai.apps.workcal.choices import YearStatus
    from gongkai.apps.workcal.models import CalendarDay, CalendarYear

    scheduled = CalendarYear.objects.filter(year=year, status=YearStatus.SCHEDULED).exists()
    status = "已录入" if scheduled else "[yellow]未录入：按周一至周五推算，期限为临时期限[/]"
    out.print(f"[bold]{year} 年[/] {status}")
    table = Table(header_style="bold")
    table.add_column("日期")
    table.add_column("类型")
    table.add_column("名称")
    table.add_column("来源")
    for day in CalendarDay.objects.filter(day__year=year).order_by("day"):
        table.add_row(
            day.day.isoformat(), day.get_kind_display(), day.name, day.get_source_display()
        )
    out.print(table)


@calendar_app.command("set-year")
def set_year_command(
    year: Annotated[int, typer.Argument(help="年份，例如 2027")],
    holiday: Annotated[
        list[str] | None,
        typer.Option("--holiday", help="节假日，如 “2027-10-01~2027-10-07 国庆节”，可重复"),
    ] = None,
    makeup: Annotated[
        list[str] | None,
        typer.Option("--makeup", help="调休上班日，如 “2027-09-26 国庆节调休”，可重复"),
    ] = None,
    holidays_file: Annotated[
        Path | None, typer.Option("--holidays-file", help="节假日文件，每行一段")
    ] = None,
    makeup_file: Annotated[
        Path | None, typer.Option("--makeup-file", help="调休上班日文件，每行一天")
    ] = None,
    note: Annotated[str, typer.Option("--note", help="依据，如通知文号")] = "",
) -> None:
    """按国务院办公厅通知录入一年的节假日安排（整年替换），并重新推算受影响的答复期限。"""
    holidays_text = _read_lines(holidays_file, holiday)
    makeup_text = _read_lines(makeup_file, makeup)
    if not holidays_text.strip():
        raise fail("至少需要一条节假日（--holiday 或 --holidays-file）")
    database()
    from gongkai.apps.workcal.services import (
        CalendarError,
        enter_year_schedule,
        parse_schedule_text,
    )

    try:
        holidays, makeups = parse_schedule_text(holidays_text, makeup_text)
        enter_year_schedule(year, holidays, makeups, source_note=note)
    except CalendarError as exc:
        raise fail(str(exc)) from None
    out.print(
        f"[*] 已录入 {year} 年节假日安排：{len(holidays)} 段假期、{len(makeups)} 个调休上班日；"
        "相关答复期限已重新推算。",
        highlight=False,
    )
