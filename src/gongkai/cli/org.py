"""``gongkai org add``: a body (行政机关) created from the command line, under its parent."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai.cli.common import database, fail, find_body, out
from gongkai.domain.report.authority import BODY_KIND_LABELS, BodyKind, certain_kind_from_name

__all__ = ["org_app"]

org_app = typer.Typer(help="行政机关：在命令行创建机关。", no_args_is_help=True)


_KIND_HELP = (
    "机关类型（决定能否制定规章）："
    + "、".join(f"{k.value}（{label}）" for k, label in BODY_KIND_LABELS.items())
    + "；默认按名称判断（乡镇、县级人民政府，政府部门），判断不了的为 other"
)


@org_app.command("add")
def org_add_command(
    name: Annotated[str, typer.Argument(help="机关全称，如“某某县教育局”")],
    code: Annotated[
        str, typer.Option("--code", help="统一社会信用代码（18 位）或组织机构代码（9 位）")
    ],
    parent: Annotated[str | None, typer.Option("--parent", help="上级机关：代码或全称")] = None,
    kind: Annotated[BodyKind | None, typer.Option("--kind", help=_KIND_HELP)] = None,
) -> None:
    """创建一个行政机关（可指定上级机关和机关类型）。"""
    database()
    from django.core.exceptions import ValidationError

    from gongkai.apps.orgs.services import create_body

    parent_body = find_body(parent) if parent else None
    plain = code.strip().upper().replace("-", "")
    if len(plain) not in (9, 18):
        raise fail(f"--code “{code}”长度不对：统一社会信用代码为 18 位，组织机构代码为 9 位")
    try:
        chosen = kind or certain_kind_from_name(name) or BodyKind.OTHER
        body = create_body(name, code=plain, parent=parent_body, kind=chosen.value)
    except ValidationError as exc:
        raise fail("；".join(exc.messages)) from None
    where = f"，上级机关：{parent_body.name}" if parent_body else ""
    label = BODY_KIND_LABELS[chosen]
    out.print(
        f"已创建机关“{body.name}”（代码 {body.code}，{label}）{where}",
        highlight=False,
        markup=False,
    )
