"""Commands on the enforcement and service ledgers (``ledger-formats.md`` §4).

``gongkai import matters FILE --org ORG [--kind decisions|matters|money]`` and ``gongkai export
matters --kind … --org ORG --year Y --to FILE``. The ledger an imported file is (处理决定台账,
事项清单台账, 收费和政府集中采购台账) is recognised by its header; ``--kind`` overrides. Same
conventions as :mod:`gongkai.cli.records`: bad input gives one Chinese line on stderr and exit
code 2; a ledger with errors prints every error and exits 1, having imported nothing.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from gongkai.cli.records import (
    EXIT_LEDGER_ERRORS,
    _body,
    _database,
    _err,
    _fail,
    _format_of,
    _out,
    _write,
    _year,
)

__all__ = ["MattersKindArg", "export_matters_command", "import_matters_command"]


class MattersKindArg(StrEnum):
    decisions = "decisions"
    matters = "matters"
    money = "money"


_KIND_HELP = "decisions（处理决定）、matters（事项清单）或 money（收费和政府集中采购）"


def import_matters_command(
    file: Annotated[Path, typer.Argument(help="处理决定、事项清单或收费和政府集中采购台账")],
    org: Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")],
    kind: Annotated[
        MattersKindArg | None,
        typer.Option("--kind", help=f"台账类型：{_KIND_HELP}；默认按表头识别"),
    ] = None,
) -> None:
    """导入行政执法与服务事项台账：有任何错误则全部不导入；重复导入结果不变。

    处理决定和收费记录没有唯一编号：台账覆盖的日期范围内（最早到最晚的日期），
    本机关的记录以台账为准。"""
    _database()
    from django.core.exceptions import PermissionDenied

    from gongkai.apps.applications.ledgers import LedgerImportError
    from gongkai.apps.stats.ledgers import import_matters
    from gongkai.domain.ledgers.table_io import LedgerFileError, read_table

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
            result = import_matters(body, table, file.name, kind.value if kind else None)
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


def export_matters_command(
    kind: Annotated[MattersKindArg, typer.Option("--kind", help=f"台账类型：{_KIND_HELP}")],
    org: Annotated[str, typer.Option("--org", help="机关：统一社会信用代码、组织机构代码或全称")],
    year: Annotated[int, typer.Option("--year", help="年度，如 2025")],
    to: Annotated[Path, typer.Option("--to", help="输出文件（.xlsx 或 .csv）")],
) -> None:
    """导出某年度的行政执法与服务事项台账（该年度表二统计的记录）：处理决定和收费、采购
    为本年的记录，事项清单为上年末或本年末在清单上的事项。"""
    fmt = _format_of(to)
    _database()
    from gongkai.apps.stats.ledgers import MATTER_LEDGER_TITLES, export_matters

    body = _body(org)
    _year(year)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=_err, transient=True
    ) as progress:
        title = MATTER_LEDGER_TITLES[kind.value]
        progress.add_task(f"导出 {body.name} {year} 年{title}…", total=None)
        data = export_matters(body, year, kind.value, fmt)  # type: ignore[arg-type]
    _write(to, data)
    _err.print(f"已写入 {to}", highlight=False)
