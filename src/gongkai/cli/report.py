"""``gongkai report parse|check|render|build``: the annual report (政府信息公开工作年度报告).

``parse``, ``check``, ``render`` and ``batch`` need no database; ``build`` makes the whole
report of a body and year from the platform's records. Exit codes of ``check``: 0 no
error-level finding, 1 errors, 2 unreadable input; of ``batch``: 0 every file read, 1 some
could not be read, 2 bad usage.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from gongkai.cli.common import (
    EXIT_ERRORS,
    EXIT_OK,
    OrgOption,
    YearOption,
    database,
    err,
    fail,
    find_body,
    out,
    print_findings,
    print_json,
    print_summary,
    print_tables,
    progress,
    read_file,
    valid_year,
    write_file,
)
from gongkai.domain.batch import BatchInputError, batch_csv, batch_xlsx, run_batch
from gongkai.domain.parsers import ReportReadError, read_report_file
from gongkai.domain.render import render, render_docx
from gongkai.domain.render.pdf import PdfConversionError, render_pdf
from gongkai.domain.report.model import Report, ReportDataError
from gongkai.domain.report.rules import check as check_report

__all__ = ["report_app"]

report_app = typer.Typer(help="政府信息公开工作年度报告：读取、检查、输出。", no_args_is_help=True)

_REPORT_FILE_HELP = "年报文件：PDF、Word（.docx）、网页（.html/.htm）、文本（.txt）或年报 JSON"


class RenderTarget(StrEnum):
    md = "md"
    html = "html"
    txt = "txt"
    docx = "docx"
    pdf = "pdf"


_TARGETS = tuple(target.value for target in RenderTarget)


def _read(path: Path) -> Report:
    try:
        return read_report_file(path)
    except ReportReadError as exc:
        raise fail(f"{path}：{exc}") from None


_BINARY = {"docx": "Word 文件", "pdf": "PDF 文件"}


def _check_output(to: str | None, output: Path | None) -> None:
    """A Word or PDF file is never written to the screen."""
    if to in _BINARY and output is None:
        raise fail(f"{_BINARY[to]}（--to {to}）不能输出到屏幕，请用 --output/-o 指定文件名")


def _emit(report: Report, to: str, output: Path | None) -> None:
    """The whole report as ``to`` (md, html, txt, docx, pdf): into ``output``, else on stdout.
    A PDF that cannot be made (LibreOffice missing) writes nothing."""
    if to in _BINARY:
        assert output is not None  # _check_output
        if to == "pdf":
            try:
                data = render_pdf(report)
            except PdfConversionError as exc:
                raise fail(str(exc)) from None
        else:
            data = render_docx(report)
        write_file(output, data)
        return
    text = render(report, to)
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        write_file(output, text.encode("utf-8"))


@report_app.command("parse")
def parse_command(
    file: Annotated[Path, typer.Argument(help=_REPORT_FILE_HELP)],
    as_json: Annotated[bool, typer.Option("--json", help="输出年报 JSON")] = False,
) -> None:
    """读取一份年报，给出格式、年度、机关、各表单元格（读取/推算/缺失）和正文。"""
    report = _read(file)
    if as_json:
        print_json(report.to_dict())
        return
    print_summary(report)
    print_tables(report)  # the narrative is long: --json gives it in full


@report_app.command("check")
def check_command(
    file: Annotated[Path, typer.Argument(help=_REPORT_FILE_HELP)],
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
        print_json(report.to_dict())
    else:
        print_summary(report)
        print_findings(report)
    raise typer.Exit(EXIT_ERRORS if report.errors else EXIT_OK)


@report_app.command("render")
def render_command(
    file: Annotated[Path, typer.Argument(help="年报 JSON 文件")],
    to: Annotated[RenderTarget, typer.Option("--to", help="输出格式：md、html、txt、docx 或 pdf")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件（默认输出到屏幕；docx、pdf 必须指定）"),
    ] = None,
) -> None:
    """把年报 JSON 输出为 Markdown、HTML（官方合并单元格版式）、纯文本、Word 或 PDF。

    PDF 由 LibreOffice 从 Word 文件转换（未安装时给出提示，不写文件）。"""
    _check_output(to.value, output)
    data = read_file(file)
    try:
        report = Report.from_json(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise fail(f"{file}：不是 UTF-8 编码的 JSON 文件") from None
    except ReportDataError as exc:
        raise fail(f"{file}：{exc}") from None
    _emit(report, to.value, output)


@report_app.command("build")
def build_command(
    org: OrgOption,
    year: YearOption,
    as_json: Annotated[bool, typer.Option("--json", help="输出年报 JSON")] = False,
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            metavar="md|html|txt|docx|pdf",
            help="输出整份年报：Markdown、HTML、纯文本、Word 或 PDF（docx、pdf 须指定 --output）",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="写入文件（与 --to 一起用；默认输出到屏幕）"),
    ] = None,
) -> None:
    """根据平台记录生成整份年报：表二、表三、表四据记录统计，正文取年报工作台中的正文（尚未编制时为据记录生成的草稿），并做全部检查。"""
    if to is not None and to not in _TARGETS:
        raise fail(f"--to 只能是 md、html、txt、docx 或 pdf，不是“{to}”")
    _check_output(to, output)
    if output is not None and to is None:
        raise fail("--output 须与 --to 一起使用")
    database()
    from gongkai.apps.reports.annual import build_annual_report

    body = find_body(org)
    report = build_annual_report(body, valid_year(year)).report
    if as_json:
        print_json(report.to_dict())
    elif to is not None:
        _emit(report, to, output)
    else:
        out.print(f"[bold]{escape(body.name)} {year} 年度报告（据平台记录统计）[/]")
        print_tables(report)
        print_findings(report)


@report_app.command("batch")
def batch_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="年报文件、文件夹（含子文件夹）或 ZIP 压缩包，可混合 PDF、Word、文本、JSON 等格式",
        ),
    ],
    jsonl: Annotated[
        Path | None,
        typer.Option("--jsonl", help="每个文件一行 JSON：文件、年报 JSON（含检查结果）、错误"),
    ] = None,
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out", help="结果表：.xlsx（每份年报一行 + 每个问题一行）或 .csv（每份年报一行）"
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", help="并行读取的进程数（默认每个 CPU 核一个）")
    ] = None,
) -> None:
    """批量读取并检查年报：按机关和年度分组，同一机关相邻年度之间做跨年度核对（X1–X3）。

    退出码：0 全部读取，1 有文件无法读取，2 用法错误。
    """
    if jobs is not None and jobs < 1:
        raise fail(f"--jobs 应为正整数，收到：{jobs}")
    if out_file is not None and out_file.suffix.lower() not in (".xlsx", ".csv"):
        raise fail(f"不支持的文件类型“{out_file.name}”：--out 的文件名应以 .xlsx 或 .csv 结尾")
    try:
        with progress("读取年报…", counted=True) as step:
            result = run_batch(
                paths, jobs=jobs, progress=lambda done, total: step("读取年报…", done, total)
            )
    except BatchInputError as exc:
        raise fail(str(exc)) from None
    if jsonl is not None:
        lines = "".join(item.to_json() + "\n" for item in result.items)
        write_file(jsonl, lines.encode("utf-8"))
    if out_file is not None:
        data = batch_csv(result) if out_file.suffix.lower() == ".csv" else batch_xlsx(result)
        write_file(out_file, data)
    for item in result.failed:
        # The reader's message names the file by its base name ("无法读取“a.txt”：…"); the line
        # leads with the whole path (a zip's part, a folder's file), said once.
        err.print(f"[red]{escape(item.file)}[/]：{escape(item.error or '')}", highlight=False)
    reports = [item.report for item in result.reports if item.report is not None]
    errors = sum(len(report.errors) for report in reports)
    warnings = sum(len(report.warnings) for report in reports)
    out.print(
        f"共 {len(result.items)} 个文件：读取 {len(reports)} 份年报，"
        f"{len(result.failed)} 个无法读取；发现错误 {errors} 项，提示 {warnings} 项。",
        highlight=False,
    )
    raise typer.Exit(EXIT_ERRORS if result.failed else EXIT_OK)
