"""Commands on the catalog ledger (主动公开信息台账, ``ledger-formats.md`` §3).

``gongkai import catalog FILE --org ORG`` and ``gongkai export catalog --org ORG --year Y --to
FILE``, registered in :mod:`gongkai.cli.main`. Same behaviour as :mod:`gongkai.cli.records`:
the database is created and migrated on first use; bad input gives one Chinese line on stderr
and exit code 2; a ledger with errors prints every error (``第 N 行，“列”列：…``) and exits 1,
having imported nothing.
"""

from __future__ import annotations

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

__all__ = ["export_catalog_command", "import_catalog_command"]

_ORG_HELP = "机关：统一社会信用代码、组织机构代码或全称"


def import_catalog_command(
    file: Annotated[Path, typer.Argument(help="主动公开信息台账（.xlsx 或 .csv）")],
    org: Annotated[str, typer.Option("--org", help=_ORG_HELP)],
) -> None:
    """导入主动公开信息台账：有任何错误则全部不导入；重复导入不会产生重复记录；
    索引号为空的按机关代码和年份自动生成。"""
    _database()
    from django.core.exceptions import PermissionDenied

    from gongkai.apps.catalog.ledgers import LedgerImportError, import_catalog
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
            result = import_catalog(body, table, file.name)
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


def export_catalog_command(
    org: Annotated[str, typer.Option("--org", help=_ORG_HELP)],
    year: Annotated[int, typer.Option("--year", help="年度，如 2025")],
    to: Annotated[Path, typer.Option("--to", help="输出文件（.xlsx 或 .csv）")],
) -> None:
    """导出某年度的主动公开信息台账（该年度表二可统计的信息：年底前制发且未在该年前废止的，
    以及该年发布的）。"""
    fmt = _format_of(to)
    _database()
    from gongkai.apps.catalog.ledgers import export_catalog

    body = _body(org)
    _year(year)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), console=_err, transient=True
    ) as progress:
        progress.add_task(f"导出 {body.name} {year} 年主动公开信息台账…", total=None)
        data = export_catalog(body, year, fmt)  # type: ignore[arg-type]
    _write(to, data)
    _err.print(f"已写入 {to}", highlight=False)
