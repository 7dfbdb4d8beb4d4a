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
from rich.progress import Progress, SpinnerColumn, TextColumn

from gongkai.cli.records import (
    _body,
    _database,
    _err,
    _format_of,
    _write,
    _year,
    run_ledger_import,
)

__all__ = ["export_catalog_command", "import_catalog_command"]

_ORG_HELP = "机关：统一社会信用代码、组织机构代码或全称"


def import_catalog_command(
    file: Annotated[Path, typer.Argument(help="主动公开信息台账（.xlsx 或 .csv）")],
    org: Annotated[str, typer.Option("--org", help=_ORG_HELP)],
) -> None:
    """导入主动公开信息台账：有任何错误则全部不导入；重复导入不会产生重复记录；
    索引号为空的按机关代码和年份自动生成。"""
    _database()  # Django is set up before the app modules are imported
    from gongkai.apps.catalog.ledgers import import_catalog

    run_ledger_import(file, org, import_catalog)


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
