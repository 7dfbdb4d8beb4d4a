"""``gongkai serve``: the web platform (gunicorn, threaded workers), on a database created and
migrated on first use. It creates no account: on a database without an administrator it prints
``gongkai admin create`` (:mod:`gongkai.cli.admin`). On the internet it runs behind nginx
(``gongkai deploy nginx``, ``docs/deployment.md``)."""

from __future__ import annotations

from typing import Annotated

import typer

from gongkai.cli.common import HostOption, PortOption, setup
from gongkai.web.runtime import DEFAULT_THREADS, DEFAULT_WORKERS, serve

__all__ = ["serve_app"]

serve_app = typer.Typer()


WorkersOption = Annotated[int, typer.Option(min=1, help="进程数（每个 CPU 核 1～2 个）")]
ThreadsOption = Annotated[int, typer.Option(min=1, help="每个进程同时处理的请求数")]
WorkerOption = Annotated[
    bool | None,
    typer.Option(
        "--worker/--no-worker",
        help="同时启动后台任务执行进程（默认：SQLite 时启动；PostgreSQL 时另行运行 worker）",
        show_default=False,
    ),
]


@serve_app.command("serve")
def serve_command(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: WorkersOption = DEFAULT_WORKERS,
    threads: ThreadsOption = DEFAULT_THREADS,
    worker: WorkerOption = None,
) -> None:
    """运行网页平台（首次运行时自动创建并迁移数据库；不创建任何账号）。"""
    setup()
    serve(host=host, port=port, workers=workers, threads=threads, worker=worker)
