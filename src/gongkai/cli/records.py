"""Commands on the platform's records: bodies, ledgers, tables 三/四, the daily run.

``gongkai org add``, ``gongkai import applications|cases``, ``gongkai export
applications|cases``, ``gongkai ledger template``, ``gongkai report build`` and ``gongkai
daily``. Each creates and migrates the database on first use (``ensure_database``). Bad input
gives one Chinese line on stderr and exit code 2; a ledger with errors prints every error
(``第 N 行，“列”列：…``) and exits 1, having imported nothing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from gongkai.apps.orgs.models import Body
    from gongkai.domain.ledgers.table_io import LedgerTable

__all__ = [
    "daily_command",
    "export_app",
    "import_app",
    "ledger_app",
    "org_app",
    "report_build_command",
    "run_ledger_import",
]

EXIT_LEDGER_ERRORS = 1
EXIT_BAD_INPUT = 2

_out = Console(soft_wrap=True)
_err = Console(stderr=True, soft_wrap=True)

org_app = typer.Typer(help="行政机关：在命令行创建机关。", no_args_is_help=True)
import_app = typer.Typer(
    help="导入台账（.xlsx 或 .csv）：全部导入或全部不导入。", no_args_is_help=True
)
export_app = typer.Typer(help="导出某机关某年度的台账（.xlsx 或 .csv）。", no_args_is_help=True)
ledger_app = typer.Typer(help="台账模板：表头、示例行和下拉选项。", no_args_is_help=True)


class LedgerKindArg(StrEnum):
    applications = "applications"
    cases = "cases"


_KIND_NAMES = {"applications": "依申请公开登记台账", "cases": "行政复议、行政诉讼台账"}


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    _err.print(f"[bold red]错误：[/]{escape(message)}", highlight=False)
    return typer.Exit(code)


def _database() -> None:
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    from gongkai.web.runtime import ensure_database

    try:
        ensure_database()
    except ImproperlyConfigured as exc:
        raise _fail(f"数据库配置有误：{exc}") from None
    except DatabaseError as exc:
        raise _fail(f"无法打开数据库：{exc}") from None


def _body(org: str) -> Body:
    from gongkai.apps.orgs.services import BodyLookupError, lookup_body

    try:
        return lookup_body(org)
    except BodyLookupError as exc:
        raise _fail(str(exc)) from None


def _year(year: int) -> int:
    if not 1990 <= year <= 2200:
        raise _fail(f"--year 应为四位年份，收到：{year}")
    return year


def _format_of(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in ("xlsx", "csv"):
        raise _fail(f"不支持的文件类型“{path.name}”：--to 的文件名应以 .xlsx 或 .csv 结尾")
    return suffix


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise _fail(f"无法写入 {path}：{exc.strerror or exc}") from None


# =============================================================================================
# gongkai org add
# =============================================================================================


@org_app.command("add")
def org_add_command(
    name: Annotated[str, typer.Argument(help="机关全称，如“某某县教育局”")],
    code: Annotated[
        str, typer.Option("--code", help="统一社会信用代码（18 位）或组织机构代码（9 位）")
    ],
    parent: Annotated[str | None, typer.Option("--parent", help="上级机关：代码或全称")] = None,
) -> None:
    """创建一个行政机关（可指定上级机关）。"""
    _database()
    from django.core.exceptions import ValidationError

    from gongkai.apps.orgs.services import create_body

    parent_body = _body(parent) if parent else None
    plain = code.strip().upper().replace("-", "")
    if len(plain) not in (9, 18):
        raise _fail(f"--code “{code}”长度不对：统一社会信用代码为 18 位，组织机构代码为 9 位")
    try:
        body = create_body(name, code=plain, parent=parent_body)
    except ValidationError as exc:
        messages = (
            exc.messages
            if not hasattr(exc, "error_dict")
            else [m for ms in exc.message_dict.values() for m in ms]
        )
        raise _fail("；".join(messages)) from None
    where = f"，上级机关：{parent_body.name}" if parent_body else ""
    _out.print(f"已创建机关“{body.name}”（代码 {body.code}）{where}", highlight=False)


# =============================================================================================
# gongkai import / export / ledger template
# =============================================================================================


class ImportResultLike(Protocol):
    warnings: list[str]

    def summary(self) -> str: ...


def run_ledger_import(
    file: Path, org: str, importer: Callable[[Body, LedgerTable, str], ImportResultLike]
) -> None:
    """Read ``file``, import it into the body ``org`` with ``importer``, report like a clerk
    expects: progress while it runs, every ledger error (exit 1, nothing imported), or one
    Chinese line (exit 2) for an unreadable file, an unknown body or a refused permission."""
    _database()
    from django.core.exceptions import PermissionDenied

    from gongkai.domain.ledgers.table_io import LedgerFileError, read_table
    from gongkai.kernel.ledgers import LedgerImportError

    body = _body(org)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise _fail(f"找不到文件：{file}") from None
    except OSError as exc:
        raise _fail(f"无法读取 {file}：{exc.strerror or exc}") from None
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=_err,
        transient=True,
    ) as progress:
        task = progress.add_task(f"读取 {file.name}…", total=None)
        try:
            table = read_table(data, file.name)
            progress.update(task, description=f"检查并导入 {len(table.rows)} 行…")
            result = importer(body, table, file.name)
        except LedgerFileError as exc:
            progress.stop()
            raise _fail(str(exc)) from None
        except LedgerImportError as exc:
            progress.stop()
            for warning in exc.warnings:
                _err.print(f"[yellow]提示：[/]{escape(warning)}", highlight=False)
            _err.print(
                f"[bold red]{escape(file.name)}：{len(exc.errors)} 处错误，未导入任何记录。[/]",
                highlight=False,
            )
            for line in exc.lines():
                _err.print(f"  {line}", highlight=False, markup=False)
            raise typer.Exit(EXIT_LEDGER_ERRORS) from None
        except PermissionDenied as exc:
            progress.stop()
            raise _fail(str(exc)) from None
    for warning in result.warnings:
        _err.print(f"[yellow]提示：[/]{escape(warning)}", highlight=False)
    _out.print(f"{body.name}：{result.summary()}。", highlight=False)


def _import(kind: str, file: Path, org: str) -> None:
    _database()  # Django is set up before the app modules are imported
    from gongkai.apps.applications.ledgers import import_applications
    from gongkai.apps.cases.ledgers import import_cases

    run_ledger_import(file, org, import_applications if kind == "applications" else import_cases)


@import_app.command("applications")
def import_applications_command(
    file: Annotated[Path, typer.Argument(help="依申请公开登记台账（.xlsx 或 .csv）")],
    org: Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")],
) -> None:
    """导入依申请公开登记台账：有任何错误则全部不导入；重复导入不会产生重复记录。"""
    _import("applications", file, org)


@import_app.command("cases")
def import_cases_command(
    file: Annotated[Path, typer.Argument(help="行政复议、行政诉讼台账（.xlsx 或 .csv）")],
    org: Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")],
) -> None:
    """导入行政复议、行政诉讼台账（关联申请编号须为本机关已有的申请）。"""
    _import("cases", file, org)


def _export(kind: str, org: str, year: int, to: Path) -> None:
    fmt = _format_of(to)
    _database()
    from gongkai.apps.applications.ledgers import export_applications
    from gongkai.apps.cases.ledgers import export_cases

    body = _body(org)
    _year(year)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=_err, transient=True
    ) as progress:
        progress.add_task(f"导出 {body.name} {year} 年{_KIND_NAMES[kind]}…", total=None)
        if kind == "applications":
            data = export_applications(body, year, fmt)  # type: ignore[arg-type]
        else:
            data = export_cases(body, year, fmt)  # type: ignore[arg-type]
    _write(to, data)
    _err.print(f"已写入 {to}", highlight=False)


@export_app.command("applications")
def export_applications_command(
    org: Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")],
    year: Annotated[int, typer.Option("--year", help="年度，如 2025")],
    to: Annotated[Path, typer.Option("--to", help="输出文件（.xlsx 或 .csv）")],
) -> None:
    """导出某年度的依申请公开登记台账（该年度表三统计的申请：本年收到的、上年结转的、
    本年办结的），附答复期限、是否超期、期限说明和剩余工作日。"""
    _export("applications", org, year, to)


@export_app.command("cases")
def export_cases_command(
    org: Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")],
    year: Annotated[int, typer.Option("--year", help="年度，如 2025")],
    to: Annotated[Path, typer.Option("--to", help="输出文件（.xlsx 或 .csv）")],
) -> None:
    """导出某年度立案的行政复议、行政诉讼案件台账。"""
    _export("cases", org, year, to)


@ledger_app.command("template")
def ledger_template_command(
    kind: Annotated[LedgerKindArg, typer.Argument(help="applications 或 cases")],
    to: Annotated[Path, typer.Option("--to", help="输出文件（.xlsx 或 .csv）")],
) -> None:
    """生成台账模板：表头、一行示例，.xlsx 含下拉选项。"""
    fmt = _format_of(to)
    from gongkai.domain.ledgers.templates import (
        application_template_csv,
        application_template_xlsx,
        case_template_csv,
        case_template_xlsx,
    )

    makers = {
        ("applications", "xlsx"): application_template_xlsx,
        ("applications", "csv"): application_template_csv,
        ("cases", "xlsx"): case_template_xlsx,
        ("cases", "csv"): case_template_csv,
    }
    _write(to, makers[(kind.value, fmt)]())
    _err.print(f"已写入 {_KIND_NAMES[kind.value]}模板：{to}", highlight=False)


# =============================================================================================
# gongkai report build
# =============================================================================================


def report_build_command(
    org: Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")],
    year: Annotated[int, typer.Option("--year", help="年度，如 2025")],
    as_json: Annotated[bool, typer.Option("--json", help="输出年报 JSON")] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="md|html|txt|docx",
            help="输出整份年报：Markdown、HTML、纯文本或 Word（docx，须同时指定 --output）",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件（与 --to 一起用；默认输出到屏幕）"),
    ] = None,
) -> None:
    """根据平台记录生成整份年报：表二、表三、表四据记录统计，正文取年报工作台中的正文（尚未编制时为据记录生成的草稿），并做全部检查。"""
    if to is not None and to not in ("md", "html", "txt", "docx"):
        raise _fail(f"--to 只能是 md、html、txt 或 docx，不是“{to}”")
    if to == "docx" and output is None:
        raise _fail("Word 文件（--to docx）不能输出到屏幕，请用 --output/-o 指定文件名")
    if output is not None and to is None:
        raise _fail("--output 须与 --to 一起使用")
    _database()
    from gongkai.apps.reports.annual import build_annual_report

    body = _body(org)
    report = build_annual_report(body, _year(year)).report
    if as_json:
        # Plain stdout, not rich: the JSON must stay byte-exact for other tools.
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    if to is not None:
        from gongkai.domain.render import render, render_docx

        if to == "docx":
            data = render_docx(report)
        elif output is not None:
            data = render(report, to).encode("utf-8")
        else:
            sys.stdout.write(render(report, to))
            return
        assert output is not None
        _write(output, data)
        _err.print(f"已写入 {escape(str(output))}", highlight=False)
        return
    from gongkai.cli.main import _print_findings, _print_tables

    _out.print(f"[bold]{escape(body.name)} {year} 年度报告（据平台记录统计）[/]")
    _print_tables(report)
    _print_findings(report)


# =============================================================================================
# gongkai daily
# =============================================================================================


def _parse_today(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"--today 的日期“{text}”无效，应为 YYYY-MM-DD") from None


def daily_command(
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="YYYY-MM-DD", help="按这一天运行（默认今天）"),
    ] = None,
) -> None:
    """每日任务：逾期未补正、逾期未缴费的申请视为放弃；提醒 3 个工作日内到期和已超期的申请。"""
    day = _parse_today(today)
    _database()
    from gongkai.apps.applications.actions import due_reminders, run_daily_lapses

    lapsed: list[Any] = run_daily_lapses(day)
    reminders: list[Any] = due_reminders(day)
    _out.print(
        f"视为放弃申请 {len(lapsed)} 件，发出期限提醒 {len(reminders)} 条。", highlight=False
    )
    for app in lapsed:
        _out.print(
            f"  {app.body.name} {app.number}：{app.get_outcome_display()}（{app.replied_on}）",
            highlight=False,
            markup=False,
        )
    for reminder in reminders:
        app = reminder.application
        _out.print(
            f"  {app.body.name} {app.number}：{reminder.get_kind_display()}，"
            f"答复期限 {reminder.due_on}",
            highlight=False,
            markup=False,
        )
