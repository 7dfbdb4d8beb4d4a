"""``gongkai serve``: the web platform (gunicorn), on a database created and migrated on first
use. It creates no account: on a database without an administrator it prints
``gongkai admin create`` (:mod:`gongkai.cli.admin`)."""

from __future__ import annotations

import typer

from gongkai.cli.common import HostOption, PortOption, setup

__all__ = ["serve_app"]

serve_app = typer.Typer()


@serve_app.command("serve")
def serve_command(host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """运行网页平台（首次运行时自动创建并迁移数据库；不创建任何账号）。"""
    setup()
    from gongkai.web.runtime import serve

    serve(host=host, port=port)
