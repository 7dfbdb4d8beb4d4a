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
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

if TYPE_CHECKING:
    from gongkai.apps.orgs.models import Body
    from gongkai.cli.records import ImportResultLike
    from gongkai.domain.ledgers.table_io import LedgerTable

from gongkai.cli.records import (
    _body,
    _database,
    _err,
    _format_of,
    _write,
    _year,
    run_ledger_import,
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
    _database()  # Django is set up before the app modules are imported
    from gongkai.apps.stats.ledgers import import_matters

    def importer(body: Body, table: LedgerTable, filename: str) -> ImportResultLike:
        return import_matters(body, table, filename, kind.value if kind else None)

    run_ledger_import(file, org, importer)


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
