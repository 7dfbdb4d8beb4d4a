"""``gongkai admin create``: the first administrator of a real deployment, through the real app
in this process (and once as a real process: the password read from standard input)."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import Any

from typer.testing import Result

Invoke = Callable[..., Result]
Refused = Callable[[Result], str]
Runner = Callable[..., subprocess.CompletedProcess[str]]

STRONG = "Xutao-乡-2019-公开!"


def test_a_strong_password_creates_a_superuser(
    db: Any, cli: Invoke, django_user_model: Any
) -> None:
    done = cli(
        "admin", "create", "wang", "--email", "wang@example.org", "--password-stdin",
        input=STRONG + "\n",
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "已创建系统管理员“wang”，请登录 /admin/ 添加机关和人员。"
    user = django_user_model.objects.get(username="wang")
    assert (user.is_superuser, user.is_staff, user.is_active) == (True, True, True)
    assert user.email == "wang@example.org" and user.check_password(STRONG)


def test_the_password_is_asked_twice(db: Any, cli: Invoke, django_user_model: Any) -> None:
    done = cli("admin", "create", "li", input=f"{STRONG}\n{STRONG}x\n{STRONG}\n{STRONG}\n")
    assert done.exit_code == 0, done.output
    assert django_user_model.objects.get(username="li").check_password(STRONG)


def test_a_weak_password_is_refused_in_chinese(
    db: Any, cli: Invoke, django_user_model: Any, refused: Refused
) -> None:
    line = refused(cli("admin", "create", "wang", "--password-stdin", input="12345678\n"))
    assert line.startswith("错误：密码不符合要求：")
    assert "这个密码太常见" in line and "密码只包含数字" in line
    line = refused(cli("admin", "create", "wang", "--password-stdin", input="wang\n"))
    assert line.startswith("错误：密码不符合要求：") and "密码跟 用户名 太相似了" in line
    assert "密码太短，至少需要 12 个字符" in line
    assert not django_user_model.objects.exists()


def test_an_existing_user_name_is_refused(
    db: Any, cli: Invoke, django_user_model: Any, refused: Refused
) -> None:
    django_user_model.objects.create_user("wang", password="another-password-1")
    line = refused(cli("admin", "create", "wang", "--password-stdin", input=STRONG + "\n"))
    assert line == "错误：用户名“wang”已存在。"
    assert not django_user_model.objects.get(username="wang").is_superuser
    assert refused(cli("admin", "create", "  ", "--password-stdin", input=STRONG)) == (
        "错误：请填写用户名。"
    )


def test_as_a_process(gongkai: Runner) -> None:
    done = gongkai("admin", "create", "wang", "--password-stdin", stdin="short\n")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "密码不符合要求" in done.stderr
    done = gongkai("admin", "create", "wang", "--password-stdin", stdin=STRONG + "\n")
    assert done.returncode == 0, done.stderr
    assert "已创建系统管理员“wang”" in done.stdout
