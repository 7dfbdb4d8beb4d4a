"""``gongkai import|export applications|cases|catalog|matters`` and ``gongkai ledger template``.

The ledgers (台账, ``ledger-formats.md``): §1 依申请公开登记台账, §2 行政复议、行政诉讼台账,
§3 主动公开信息台账, §4 处理决定、事项清单、收费和政府集中采购台账. Each command asks the app
that owns the ledger (its ``ledgers`` module) and reports the way :mod:`gongkai.cli.common`
does: an import is all or nothing (every error listed, exit 1), bad input is one line and
exit 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from gongkai.cli.common import (
    LedgerFileOption,
    OrgOption,
    YearOption,
    database,
    ledger_format,
    run_ledger_export,
    run_ledger_import,
    setup,
    write_file,
)
from gongkai.domain.ledgers.templates import APPLICATION_SHEET, CASE_SHEET
from gongkai.domain.ledgers.templates_records import CATALOG_SHEET

if TYPE_CHECKING:
    from gongkai.apps.orgs.models import Body
    from gongkai.domain.ledgers.table_io import LedgerTable
    from gongkai.kernel.ledgers import ExportFormat, ImportResult

__all__ = ["ledgers_app"]

import_app = typer.Typer(
    help="导入台账（.xlsx 或 .csv）：全部导入或全部不导入。", no_args_is_help=True
)
export_app = typer.Typer(help="导出某机关某年度的台账（.xlsx 或 .csv）。", no_args_is_help=True)
ledger_app = typer.Typer(help="台账模板：表头、示例行和下拉选项。", no_args_is_help=True)
#: ``gongkai import``, ``gongkai export`` and ``gongkai ledger``.
ledgers_app = typer.Typer()
ledgers_app.add_typer(import_app, name="import")
ledgers_app.add_typer(export_app, name="export")
ledgers_app.add_typer(ledger_app, name="ledger")


class LedgerKindArg(StrEnum):
    applications = "applications"
    cases = "cases"


class MattersKindArg(StrEnum):
    decisions = "decisions"
    matters = "matters"
    money = "money"


_MATTERS_KIND_HELP = "decisions（处理决定）、matters（事项清单）或 money（收费和政府集中采购）"


# =============================================================================================
# gongkai import, gongkai export
# =============================================================================================


@dataclass(frozen=True)
class _Ledger:
    """A ledger its app imports and exports as it is: ``gongkai import <name> FILE`` and
    ``gongkai export <name>`` call ``import_<name>`` and ``export_<name>`` of the app
    ``<name>``'s ``ledgers`` module. ``what``: the file to import; the rest, the commands' help."""

    name: str
    what: str
    sheet: str
    import_help: str
    export_help: str


_LEDGERS = (
    _Ledger(
        "applications",
        "依申请公开登记台账",
        APPLICATION_SHEET,
        "导入依申请公开登记台账：有任何错误则全部不导入；重复导入不会产生重复记录。",
        "导出某年度的依申请公开登记台账（该年度表三统计的申请：本年收到的、上年结转的、\n"
        "本年办结的），附答复期限、是否超期、期限说明和剩余工作日。",
    ),
    _Ledger(
        "cases",
        "行政复议、行政诉讼台账",
        CASE_SHEET,
        "导入行政复议、行政诉讼台账（关联申请编号须为本机关已有的申请）。",
        "导出某年度立案的行政复议、行政诉讼案件台账。",
    ),
    _Ledger(
        "catalog",
        "主动公开信息台账",
        CATALOG_SHEET,
        "导入主动公开信息台账：有任何错误则全部不导入；重复导入不会产生重复记录；\n"
        "索引号为空的按机关代码和年份自动生成。",
        "导出某年度的主动公开信息台账（该年度表二可统计的信息：年底前制发且未在该年前废止的，\n"
        "以及该年发布的）。",
    ),
)


def _app_ledgers(name: str) -> Any:
    """The app ``name``'s ``ledgers`` module, imported when a command runs (after Django)."""
    return import_module(f"gongkai.apps.{name}.ledgers")


def _add_commands(ledger: _Ledger) -> None:
    """Register ``gongkai import <name>`` and ``gongkai export <name>`` of ``ledger``."""
    file_argument = typer.Argument(..., help=f"{ledger.what}（.xlsx 或 .csv）")

    def import_command(org: OrgOption, file: Path = file_argument) -> None:
        database()
        run_ledger_import(file, org, getattr(_app_ledgers(ledger.name), f"import_{ledger.name}"))

    def export_command(org: OrgOption, year: YearOption, to: LedgerFileOption) -> None:
        database()
        exporter = getattr(_app_ledgers(ledger.name), f"export_{ledger.name}")
        run_ledger_export(org, year, to, ledger.sheet, exporter)

    import_command.__doc__ = ledger.import_help
    export_command.__doc__ = ledger.export_help
    import_app.command(ledger.name)(import_command)
    export_app.command(ledger.name)(export_command)


for _ledger in _LEDGERS:
    _add_commands(_ledger)


@import_app.command("matters")
def import_matters_command(
    file: Annotated[Path, typer.Argument(help="处理决定、事项清单或收费和政府集中采购台账")],
    org: OrgOption,
    kind: Annotated[
        MattersKindArg | None,
        typer.Option("--kind", help=f"台账类型：{_MATTERS_KIND_HELP}；默认按表头识别"),
    ] = None,
) -> None:
    """导入行政执法与服务事项台账：有任何错误则全部不导入；重复导入结果不变。

    处理决定和收费记录没有唯一编号：台账覆盖的日期范围内（最早到最晚的日期），
    本机关的记录以台账为准。"""
    database()
    from gongkai.apps.stats.ledgers import import_matters

    def importer(body: Body, table: LedgerTable, filename: str) -> ImportResult:
        return import_matters(body, table, filename, kind=kind.value if kind else None)

    run_ledger_import(file, org, importer)


@export_app.command("matters")
def export_matters_command(
    kind: Annotated[MattersKindArg, typer.Option("--kind", help=f"台账类型：{_MATTERS_KIND_HELP}")],
    org: OrgOption,
    year: YearOption,
    to: LedgerFileOption,
) -> None:
    """导出某年度的行政执法与服务事项台账（该年度表二统计的记录）：处理决定和收费、采购
    为本年的记录，事项清单为上年末或本年末在清单上的事项。"""
    database()
    from gongkai.apps.stats.ledgers import MATTER_LEDGER_TITLES, export_matters

    def exporter(body: Body, year: int, fmt: ExportFormat) -> bytes:
        return export_matters(body, year, kind.value, fmt)

    run_ledger_export(org, year, to, MATTER_LEDGER_TITLES[kind.value], exporter)


# =============================================================================================
# gongkai ledger template
# =============================================================================================


@ledger_app.command("template")
def ledger_template_command(
    kind: Annotated[LedgerKindArg, typer.Argument(help="applications 或 cases")],
    to: LedgerFileOption,
) -> None:
    """生成台账模板：表头、一行示例，.xlsx 含下拉选项。"""
    fmt = ledger_format(to)
    setup()  # the apps, not the database: a template holds no records
    from gongkai.apps.applications.ledgers import ledger_template as application_template
    from gongkai.apps.cases.ledgers import ledger_template as case_template

    if kind is LedgerKindArg.applications:
        write_file(to, application_template(fmt), what=f"{APPLICATION_SHEET}模板：")
    else:
        write_file(to, case_template(fmt), what=f"{CASE_SHEET}模板：")
