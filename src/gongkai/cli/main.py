"""The ``gongkai`` command: report tools that need no database, and the web platform.

Exit codes of ``gongkai report check``: 0 no error-level finding, 1 errors, 2 unreadable input.
Errors are shown as one Chinese line, never as a traceback.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from gongkai.cli.admin import admin_app
from gongkai.cli.calendar import calendar_app
from gongkai.cli.catalog import export_catalog_command, import_catalog_command
from gongkai.cli.deadline import deadline_command
from gongkai.cli.demo import demo_app
from gongkai.cli.records import (
    daily_command,
    export_app,
    import_app,
    ledger_app,
    org_app,
    report_build_command,
)
from gongkai.cli.stats import export_matters_command, import_matters_command
from gongkai.domain.parsers import ReportReadError, read_report_file
from gongkai.domain.render import render, render_docx
from gongkai.domain.report.formats import (
    S2_ROW_HEADER,
    S3_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    get_format,
)
from gongkai.domain.report.model import Report, ReportDataError, format_number
from gongkai.domain.report.rules import check as check_report

__all__ = ["app", "run"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2

app = typer.Typer(
    help="Gongkai 政务公开工作平台：年度报告的读取、检查、生成，以及网页平台。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
report_app = typer.Typer(help="政府信息公开工作年度报告：读取、检查、输出。", no_args_is_help=True)
app.add_typer(report_app, name="report")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


class RenderTarget(StrEnum):
    md = "md"
    html = "html"
    txt = "txt"
    docx = "docx"


def _fail(message: str, code: int = EXIT_UNREADABLE) -> typer.Exit:
    err.print(f"[bold red]错误：[/]{message}", highlight=False)
    return typer.Exit(code)


def _read(path: Path) -> Report:
    try:
        return read_report_file(path)
    except ReportReadError as exc:
        raise _fail(f"{path}：{exc}") from None


def _print_json(data: object) -> None:
    # Plain stdout, not rich: the JSON must stay byte-exact for other tools.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _print_summary(report: Report) -> None:
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
    """A cell for the terminal: the number, dim when inferred, a dim dash when missing."""
    value = report.cells.get(key)
    if value is None:
        return "[dim]—[/]"
    text = format_number(value)
    return f"[italic]{text}[/]" if report.provenance.get(key, "").startswith("inferred") else text


def _print_tables(report: Report) -> None:
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


def _print_findings(report: Report) -> None:
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


@report_app.command("parse")
def parse_command(
    file: Annotated[
        Path, typer.Argument(help="年报文件：PDF、Word（.docx）、文本（.txt）或年报 JSON")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="输出年报 JSON")] = False,
) -> None:
    """读取一份年报，给出格式、年度、机关、各表单元格（读取/推算/缺失）和正文。"""
    report = _read(file)
    if as_json:
        _print_json(report.to_dict())
        return
    _print_summary(report)
    _print_tables(report)  # the narrative is long: --json gives it in full


@report_app.command("check")
def check_command(
    file: Annotated[
        Path, typer.Argument(help="年报文件：PDF、Word（.docx）、文本（.txt）或年报 JSON")
    ],
    previous: Annotated[
        Path | None, typer.Option("--previous", help="上一年度的年报，用于跨年度核对（X1–X3、N1）")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出年报 JSON（含检查结果）")] = False,
) -> None:
    """检查年报的勾稽关系与正文一致性。退出码：0 无错误，1 有错误，2 无法读取。"""
    report = _read(file)
    prior = _read(previous) if previous is not None else None
    check_report(report, prior)
    if as_json:
        _print_json(report.to_dict())
    else:
        _print_summary(report)
        _print_findings(report)
    raise typer.Exit(EXIT_FINDINGS if report.errors else EXIT_OK)


@report_app.command("render")
def render_command(
    file: Annotated[Path, typer.Argument(help="年报 JSON 文件")],
    to: Annotated[RenderTarget, typer.Option("--to", help="输出格式：md、html、txt 或 docx")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件（默认输出到屏幕；docx 必须指定）"),
    ] = None,
) -> None:
    """把年报 JSON 输出为 Markdown、HTML（官方合并单元格版式）、纯文本或 Word（.docx）。"""
    if to is RenderTarget.docx and output is None:
        raise _fail("Word 文件（--to docx）不能输出到屏幕，请用 --output/-o 指定文件名")
    try:
        report = Report.from_json(file.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise _fail(f"找不到文件：{file}") from None
    except UnicodeDecodeError:
        raise _fail(f"{file}：不是 UTF-8 编码的 JSON 文件") from None
    except ReportDataError as exc:
        raise _fail(f"{file}：{exc}") from None
    if to is RenderTarget.docx:
        assert output is not None
        try:
            output.write_bytes(render_docx(report))
        except OSError as exc:
            raise _fail(f"无法写入 {output}：{exc.strerror or exc}") from None
        err.print(f"已写入 {output}", highlight=False)
        return
    text = render(report, to.value)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"已写入 {output}", highlight=False)


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
) -> None:
    """运行网页平台（首次运行时自动创建并迁移数据库；不创建任何账号）。"""
    from gongkai.web.runtime import serve

    serve(host=host, port=port)


app.command("deadline")(deadline_command)
app.add_typer(calendar_app, name="calendar")
app.add_typer(org_app, name="org")
app.add_typer(import_app, name="import")
app.add_typer(export_app, name="export")
import_app.command("catalog")(import_catalog_command)
export_app.command("catalog")(export_catalog_command)
import_app.command("matters")(import_matters_command)
export_app.command("matters")(export_matters_command)
app.add_typer(ledger_app, name="ledger")
app.command("daily")(daily_command)
report_app.command("build")(report_build_command)
app.add_typer(demo_app, name="demo")
app.add_typer(admin_app, name="admin")


def run() -> None:
    """Console-script entry point: no tracebacks for users, one Chinese line instead."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中断。")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — last line of defence, see module docstring
        err.print(f"[bold red]错误：[/]{exc.__class__.__name__}: {exc}", highlight=False)
        sys.exit(EXIT_UNREADABLE)


if __name__ == "__main__":
    run()
