"""What every ``gongkai`` command shares: the consoles, errors, the database, the options.

The conventions of the command line (README, "Command line"), kept in one place:

- bad input is one Chinese line on stderr (``错误：…``) and exit code 2 (:func:`fail`);
- ``gongkai report check`` exits 1 when the report has errors; a ledger with errors prints
  every error (``第 N 行，“列”列：…``) and exits 1, having imported nothing
  (:func:`run_ledger_import`);
- JSON goes to stdout byte-exact (:func:`print_json`), everything else through rich;
- commands that need the database create and migrate it on first use (:func:`database`);
  Django and the apps are imported only after it (a command that needs neither starts fast).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Protocol

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from gongkai.domain.report.formats import (
    S2_ROW_HEADER,
    S3_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    get_format,
)
from gongkai.domain.report.model import Report, format_number

if TYPE_CHECKING:
    from gongkai.apps.orgs.models import Body
    from gongkai.domain.ledgers.table_io import LedgerTable
    from gongkai.kernel.ledgers import ExportFormat, ImportResult

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_ERRORS",
    "EXIT_OK",
    "Exporter",
    "HostOption",
    "Importer",
    "LedgerFileOption",
    "OrgOption",
    "PortOption",
    "Step",
    "YearOption",
    "database",
    "err",
    "fail",
    "find_body",
    "ledger_format",
    "out",
    "parse_date",
    "print_findings",
    "print_json",
    "print_summary",
    "print_tables",
    "print_warnings",
    "progress",
    "read_file",
    "run_ledger_export",
    "run_ledger_import",
    "setup",
    "valid_year",
    "write_file",
]

EXIT_OK = 0
#: ``report check`` found errors; a ledger had errors (nothing imported).
EXIT_ERRORS = 1
#: Bad input: an unreadable file, an unknown body, a wrong option value, a refused action.
EXIT_BAD_INPUT = 2

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

OrgOption = Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")]
YearOption = Annotated[int, typer.Option("--year", help="年度，如 2025")]
LedgerFileOption = Annotated[Path, typer.Option("--to", help="输出文件（.xlsx 或 .csv）")]
HostOption = Annotated[str, typer.Option(help="监听地址")]
PortOption = Annotated[int, typer.Option(help="端口")]


# =============================================================================================
# Errors and input
# =============================================================================================


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    """Print ``错误：message`` as one line on stderr; return the exit to raise
    (``raise fail(...) from None``)."""
    line = " ".join(message.splitlines())
    err.print(f"[bold red]错误：[/]{escape(line)}", highlight=False)
    return typer.Exit(code)


def parse_date(text: str, option: str) -> date:
    """``YYYY-MM-DD`` given to ``option``, or one line and exit 2."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise fail(f"{option} 的日期“{text}”无效，应为 YYYY-MM-DD，例如 2026-09-25") from None


def valid_year(year: int) -> int:
    """``--year``: a four-digit year."""
    if not 1990 <= year <= 2200:
        raise fail(f"--year 应为四位年份，收到：{year}")
    return year


def ledger_format(path: Path) -> ExportFormat:
    """The ledger format a file name asks for (``--to``): xlsx or csv."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".csv":
        return "csv"
    raise fail(f"不支持的文件类型“{path.name}”：--to 的文件名应以 .xlsx 或 .csv 结尾")


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(f"找不到文件：{path}") from None
    except OSError as exc:
        raise fail(f"无法读取 {path}：{exc.strerror or exc}") from None


def write_file(path: Path, data: bytes, what: str = "") -> None:
    """Write ``data`` to ``path`` and say so on stderr (``已写入 {what}{path}``)."""
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise fail(f"无法写入 {path}：{exc.strerror or exc}") from None
    err.print(f"已写入 {escape(what)}{escape(str(path))}", highlight=False)


def print_json(data: object) -> None:
    # Plain stdout, not rich: the JSON must stay byte-exact for other tools.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_warnings(warnings: Sequence[str]) -> None:
    for warning in warnings:
        err.print(f"[yellow]提示：[/]{escape(warning)}", highlight=False)


class Step(Protocol):
    """Move a progress display on: a new description, and for a counted one how far."""

    def __call__(self, description: str, done: int | None = None, total: int | None = None) -> None:
        """Show ``description`` (and ``done`` of ``total``)."""


@contextmanager
def progress(description: str, *, counted: bool = False) -> Iterator[Step]:
    """A transient spinner on stderr while a long step runs (with a bar when ``counted``)."""
    columns: list[ProgressColumn] = [SpinnerColumn(), TextColumn("{task.description}")]
    if counted:
        columns += [BarColumn(), TextColumn("{task.completed}/{task.total}")]
    with Progress(*columns, TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task(description, total=None)

        def step(description: str, done: int | None = None, total: int | None = None) -> None:
            bar.update(task, description=description, completed=done, total=total)

        yield step


# =============================================================================================
# Django and the database
# =============================================================================================


def setup() -> None:
    """Django with the project settings, without opening the database."""
    from django.core.exceptions import ImproperlyConfigured

    from gongkai.web.runtime import setup_django

    try:
        setup_django()
    except ImproperlyConfigured as exc:
        raise fail(f"配置有误：{exc}") from None


def database() -> None:
    """Django, and the database created and migrated if it is not yet."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    from gongkai.web.runtime import ensure_database

    try:
        ensure_database()
    except ImproperlyConfigured as exc:
        raise fail(f"数据库配置有误：{exc}") from None
    except DatabaseError as exc:
        raise fail(f"无法打开数据库：{exc}") from None


def find_body(org: str) -> Body:
    """The body ``ORG`` names (its code or full name). After :func:`database`."""
    from gongkai.apps.orgs.services import BodyLookupError, lookup_body

    try:
        return lookup_body(org)
    except BodyLookupError as exc:
        raise fail(str(exc)) from None


# =============================================================================================
# Ledgers
# =============================================================================================

Importer = Callable[["Body", "LedgerTable", str], "ImportResult"]
Exporter = Callable[["Body", int, "ExportFormat"], bytes]


def run_ledger_import(file: Path, org: str, importer: Importer) -> None:
    """Read ``file`` and import it into the body ``org`` (after :func:`database`): progress
    while it runs, then the summary; every ledger error and exit 1 (nothing imported); one
    line and exit 2 for an unreadable file, an unknown body or a refused permission."""
    from django.core.exceptions import PermissionDenied

    from gongkai.domain.ledgers.table_io import LedgerFileError, read_table
    from gongkai.kernel.ledgers import LedgerImportError

    body = find_body(org)
    data = read_file(file)
    try:
        with progress(f"读取 {file.name}…") as step:
            table = read_table(data, file.name)
            step(f"检查并导入 {len(table.rows)} 行…")
            result = importer(body, table, file.name)
    except (LedgerFileError, PermissionDenied) as exc:
        raise fail(str(exc)) from None
    except LedgerImportError as exc:
        print_warnings(exc.warnings)
        err.print(
            f"[bold red]{escape(file.name)}：{len(exc.errors)} 处错误，未导入任何记录。[/]",
            highlight=False,
        )
        for line in exc.lines():
            err.print(f"  {line}", highlight=False, markup=False)
        raise typer.Exit(EXIT_ERRORS) from None
    print_warnings(result.warnings)
    out.print(f"{body.name}：{result.summary()}。", highlight=False, markup=False)


def run_ledger_export(org: str, year: int, to: Path, title: str, exporter: Exporter) -> None:
    """Export the ledger ``title`` of the body ``org`` for ``year`` into the file ``to`` (its
    name ends in .xlsx or .csv), after :func:`database`."""
    fmt = ledger_format(to)
    body = find_body(org)
    valid_year(year)
    with progress(f"导出 {body.name} {year} 年{title}…"):
        data = exporter(body, year, fmt)
    write_file(to, data)


# =============================================================================================
# Reports on the terminal (report parse, check, build)
# =============================================================================================


def print_summary(report: Report) -> None:
    """Body, year, format, how many cells were read, inferred or missing, the narrative."""
    fmt = get_format(report.format)
    counts: dict[str, int] = {}
    for prov in report.provenance.values():
        kind = prov.split(":", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    out.print(f"[bold]{report.org or '（未识别机关）'} {report.year or '？'} 年度报告[/]")
    out.print(f"格式：{fmt.id} 年版（{fmt.title}）", highlight=False)
    out.print(
        f"单元格：读取 {counts.get('read', 0)} · 推算 {counts.get('inferred', 0)} · "
        f"缺失 {counts.get('missing', 0)}",
        highlight=False,
    )
    sections = "、".join(f"{k}（{len(v)} 字）" for k, v in report.narrative.items()) or "无"
    out.print(f"正文部分：{sections}", highlight=False)


def _cell(report: Report, key: str) -> str:
    """A cell for the terminal: the number, italic when inferred, a dim dash when missing."""
    value = report.cells.get(key)
    if value is None:
        return "[dim]—[/]"
    text = format_number(value)
    return f"[italic]{text}[/]" if report.provenance.get(key, "").startswith("inferred") else text


def print_tables(report: Report) -> None:
    """Tables 二, 三 and 四 of ``report`` in its format."""
    fmt = report.spec
    for table in fmt.s2_tables:
        grid = Table(title=f"表二 {table.heading}", title_justify="left", header_style="bold")
        grid.add_column(S2_ROW_HEADER)
        for col in table.columns:
            grid.add_column(col.label, justify="right")
        for row in table.rows:
            grid.add_row(
                row.label, *(_cell(report, f"s2.{row.key}.{c.key}") for c in table.columns)
            )
        out.print(grid)
    grid = Table(
        title="表三 收到和处理政府信息公开申请情况", title_justify="left", header_style="bold"
    )
    grid.add_column("")
    for col in S3_COLUMNS:
        grid.add_column(col.label, justify="right")
    for s3row in fmt.s3_rows:
        label = f"{s3row.group} {s3row.short_label}" if s3row.group else s3row.short_label
        grid.add_row(label, *(_cell(report, f"s3.{s3row.key}.{c.key}") for c in S3_COLUMNS))
    out.print(grid)
    grid = Table(title="表四 行政复议、行政诉讼情况", title_justify="left", header_style="bold")
    grid.add_column("")
    for col in S4_COLUMNS:
        grid.add_column(col.label, justify="right")
    for block, label in S4_BLOCKS:
        grid.add_row(label, *(_cell(report, f"s4.{block}.{c.key}") for c in S4_COLUMNS))
    out.print(grid)


def print_findings(report: Report) -> None:
    """The findings of the checks, then how many errors and warnings."""
    if not report.findings:
        out.print("[green]未发现问题。[/]")
        return
    table = Table(show_lines=False, header_style="bold")
    table.add_column("规则")
    table.add_column("级别")
    table.add_column("说明")
    table.add_column("单元格")
    for finding in report.findings:
        level = "[red]错误[/]" if finding.severity == "error" else "[yellow]提示[/]"
        cells = "\n".join(finding.cells[:4])
        if len(finding.cells) > 4:
            cells += f"\n等 {len(finding.cells)} 个"
        table.add_row(finding.rule, level, finding.message, cells)
    out.print(table)
    out.print(f"错误 {len(report.errors)} 项，提示 {len(report.warnings)} 项。")
