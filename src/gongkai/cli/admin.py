"""``gongkai admin create``: the first administrator of a real deployment.

``gongkai serve`` creates no account (a known password must never reach a real database); on a
database without an administrator it prints this command. The password is asked twice, hidden
(or read from standard input with ``--password-stdin``, for scripts) and checked by Django's
password validators; errors are one Chinese line and exit 2.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.markup import escape

from gongkai.cli.common import database, fail, out

__all__ = ["admin_app"]

admin_app = typer.Typer(help="系统管理员账号。", no_args_is_help=True)


@admin_app.command("create")
def create_admin_command(
    username: Annotated[str, typer.Argument(help="用户名")],
    email: Annotated[str, typer.Option(help="电子邮箱（可不填）")] = "",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="从标准输入读取密码（供脚本使用）")
    ] = False,
) -> None:
    """创建系统管理员（可登录 /admin/ 添加机关和人员）：按提示输入两次密码。"""
    username = username.strip()
    if not username:
        raise fail("请填写用户名。")
    database()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    user_model = get_user_model()
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
        raise fail(f"用户名“{username}”已存在。")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("密码", hide_input=True, confirmation_prompt="再次输入密码")
    candidate = user_model(**{user_model.USERNAME_FIELD: username, "email": email})
    with translation.override("zh-hans"):
        try:
            validate_password(password, candidate)
        except ValidationError as exc:
            raise fail("密码不符合要求：" + "；".join(exc.messages)) from None
    user_model._default_manager.create_superuser(username, email, password)
    out.print(f"已创建系统管理员“{escape(username)}”，请登录 /admin/ 添加机关和人员。")
