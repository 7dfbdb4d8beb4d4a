"""``gongkai demo load`` and ``gongkai demo``: the demo jurisdiction with its records.

``gongkai demo load`` loads the demo into the configured database (creating and migrating it
first), idempotently; ``gongkai demo`` loads it, then serves the platform and prints the demo
accounts. Errors are one Chinese line on stderr (exit 2), never a traceback.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from gongkai.cli.common import HostOption, PortOption, fail, out, progress, setup

if TYPE_CHECKING:
    from gongkai.demo.loader import DemoLoadResult

__all__ = ["demo_app"]

demo_app = typer.Typer(
    help="演示数据：中宁县及其乡镇、部门的示例记录（含徐套乡 2019 年度报告的全部数据）。",
    invoke_without_command=True,
)

_ROLE_LABELS = {"clerk": "经办人", "reviewer": "审核人", "admin": "管理员", "supervisor": "上级"}


def _load() -> DemoLoadResult:
    """Load the demo with a progress bar; one Chinese line and exit 2 on any failure."""
    setup()
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    from gongkai.demo.loader import load_demo
    from gongkai.kernel.ledgers import LedgerImportError

    try:
        with progress("加载演示数据…", counted=True) as step:
            return load_demo(step)
    except ImproperlyConfigured as exc:
        raise fail(f"数据库配置有误：{exc}") from None
    except DatabaseError as exc:
        raise fail(f"无法写入数据库：{exc}") from None
    except LedgerImportError as exc:
        raise fail(f"演示数据未通过台账检查：{exc}") from None


def _print_result(result: DemoLoadResult) -> None:
    """One line per body (a wide table would be cut on an 80-column terminal)."""
    out.print("[bold]演示数据已加载：[/]")
    for body, counts in [*result.counts.items(), ("合计", result.totals())]:
        parts = " · ".join(f"{kind} {n}" for kind, n in counts.items() if n)
        out.print(f"  {escape(body)}：{parts}", highlight=False)
    for note in result.notes:
        out.print(f"[yellow]未能编制演示年报：{escape(note)}[/]")
    out.print(f"用时 {result.seconds:.1f} 秒。", highlight=False)


def _print_accounts(working: list[tuple[str, str]]) -> None:
    from django.contrib.auth import get_user_model

    from gongkai.apps.orgs.models import Membership

    usernames = [u for u, _p in working]
    roles: dict[str, dict[str, list[str]]] = {}
    for username, body, role in (
        Membership.objects.filter(user__username__in=usernames)
        .order_by("pk")
        .values_list("user__username", "body__name", "role")
    ):
        roles.setdefault(username, {}).setdefault(body, []).append(_ROLE_LABELS.get(role, role))
    superusers = set(
        get_user_model()
        ._default_manager.filter(username__in=usernames, is_superuser=True)
        .values_list("username", flat=True)
    )
    table = Table(
        title="演示账号（仅供试用，正式部署前请删除或改密码）",
        title_justify="left",
        header_style="bold",
    )
    table.add_column("用户名")
    table.add_column("密码")
    table.add_column("机关和角色")
    for username, password in working:
        what = "；".join(f"{b} {'、'.join(r)}" for b, r in roles.get(username, {}).items())
        if username in superusers:
            what = "系统管理员（/admin/）"
        table.add_row(username, password, what)
    out.print(table)


@demo_app.callback()
def demo_command(
    ctx: typer.Context,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """加载演示数据并启动网页平台（打印演示账号）；`gongkai demo load` 只加载数据。"""
    if ctx.invoked_subcommand is not None:
        return
    # The demo has no mail server: the applicant's e-mails are written as files under var/mail/
    # (a configured GONGKAI_EMAIL_URL wins), so the demo shows them instead of failing to send.
    os.environ.setdefault("GONGKAI_EMAIL_URL", "filemail:///mail")
    result = _load()
    _print_result(result)
    _print_accounts(result.accounts)
    from gongkai.web.runtime import serve

    serve(host=host, port=port)


@demo_app.command("load")
def demo_load_command() -> None:
    """把演示数据加载到配置的数据库（首次使用时自动创建并迁移）；重复加载不会产生重复记录。"""
    result = _load()
    _print_result(result)
    _print_accounts(result.accounts)
