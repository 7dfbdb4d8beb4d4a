"""``gongkai summaries``: the stored summaries of each body's year (issue 15) — ``refresh``
recomputes the stale ones (what the job engine does after every change; ``--all`` every one),
``check`` recomputes them from the records and compares, writing nothing (exit 1 on any
difference: the proof that the overview reads what the records say)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from gongkai.cli.common import EXIT_ERRORS, database, find_body, out, progress, valid_year

__all__ = ["summaries_app"]

summaries_app = typer.Typer(
    help="年度汇总（上级总览、汇总表、图表读取的数据）。", no_args_is_help=True
)

SubtreeOption = Annotated[
    str | None,
    typer.Option(
        "--org", help="只处理这个机关及其下级机关（统一社会信用代码、组织机构代码或全称）"
    ),
]
YearsOption = Annotated[
    list[int] | None, typer.Option("--year", help="只处理这一年度（可重复；默认 2019 年至今年）")
]


def _scope(org: str | None, years: list[int] | None) -> tuple[list[int] | None, list[int] | None]:
    from gongkai.apps.orgs.models import Body

    body_ids = None
    if org is not None:
        body_ids = list(Body.objects.subtree(find_body(org)).values_list("pk", flat=True))
    return body_ids, [valid_year(y) for y in years] if years else None


@summaries_app.command("refresh")
def refresh_command(
    org: SubtreeOption = None,
    year: YearsOption = None,
    everything: Annotated[
        bool, typer.Option("--all", help="全部重新计算（默认只计算记录有变化的）")
    ] = False,
) -> None:
    """重新计算年度汇总：默认只计算记录已有变化（或尚未计算）的机关和年度。"""
    database()
    from gongkai.apps.reports.summaries import refresh

    body_ids, years = _scope(org, year)
    with progress("计算年度汇总…", counted=True) as step:
        count = refresh(
            body_ids,
            years,
            everything=everything,
            progress=lambda done, total: step("计算年度汇总…", done, total),
        )
    out.print(f"已更新年度汇总 {count} 条。", highlight=False)


@summaries_app.command("check")
def check_command(org: SubtreeOption = None, year: YearsOption = None) -> None:
    """据记录重新计算每条年度汇总并与已存的比较（不写入）；有不一致时退出码为 1。"""
    database()
    from gongkai.apps.reports.summaries import verify

    body_ids, years = _scope(org, year)
    with progress("核对年度汇总…", counted=True) as step:
        mismatches, total = verify(
            body_ids, years, progress=lambda done, total: step("核对年度汇总…", done, total)
        )
    for m in mismatches:
        what = "尚未计算" if m.fields == ("missing",) else "不一致：" + "、".join(m.fields)
        out.print(f"  {escape(m.body)} {m.year} 年：{what}", highlight=False)
    if mismatches:
        out.print(
            f"核对年度汇总 {total} 条，{len(mismatches)} 条与记录不一致"
            "（运行 gongkai summaries refresh 更新）。",
            highlight=False,
        )
        raise typer.Exit(EXIT_ERRORS)
    out.print(f"核对年度汇总 {total} 条，全部与记录一致。", highlight=False)
