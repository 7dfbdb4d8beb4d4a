"""``gongkai worker``: a worker of the background jobs (:mod:`gongkai.kernel.jobs`, the
applicant's notifications), over the database backend of the task engine (``django-tasks-db``'s
``db_worker``). Several workers, on one machine or several, share the queue through PostgreSQL
(each claims a task with ``SELECT … FOR UPDATE SKIP LOCKED``); on SQLite ``gongkai serve`` and
``gongkai demo`` start one beside the web server (:func:`gongkai.web.runtime.serve`).

SIGTERM or Ctrl+C stops it gracefully: the task that runs is finished, then the worker exits
(a second signal stops it at once; the job is then marked failed and can be retried).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from typing import Annotated

import typer
from rich.logging import RichHandler
from rich.markup import escape

from gongkai.cli.common import database, err, fail, out

__all__ = ["worker_app"]

worker_app = typer.Typer()

#: How often a worker started beside the web server checks that its parent is still there.
PARENT_POLL_SECONDS = 1.0


def _stop_with_parent(parent: int) -> None:
    """Stop this worker gracefully when the process that started it is gone (a web server
    killed without a chance to stop its worker)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="gongkai-parent-watch", daemon=True).start()


def _log_to_console(verbose: bool) -> None:
    handler = RichHandler(console=err, show_path=False, markup=False, rich_tracebacks=False)
    handler.setFormatter(logging.Formatter("%(message)s"))
    for name in ("django_tasks", "django_tasks_db", "gongkai"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.DEBUG if verbose else logging.INFO)
        logger.propagate = False


@worker_app.command("worker")
def worker_command(
    queue: Annotated[
        str,
        typer.Option(
            "--queue", help="处理的队列，逗号分隔（default 后台任务，notifications 通知；* 全部）"
        ),
    ] = "*",
    interval: Annotated[
        float, typer.Option(min=0.1, help="队列为空时每隔多少秒查看一次新任务")
    ] = 1.0,
    batch: Annotated[bool, typer.Option("--batch", help="处理完队列中已有的任务后退出")] = False,
    max_tasks: Annotated[
        int | None, typer.Option("--max-tasks", min=1, help="处理这么多任务后退出")
    ] = None,
    parent: Annotated[
        int | None, typer.Option("--parent", hidden=True, help="随这个进程退出（serve 使用）")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", help="显示调试信息")] = False,
) -> None:
    """运行后台任务执行进程：后台任务和申请人通知（SIGTERM 或 Ctrl+C：做完当前任务再退出）。"""
    database()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from gongkai.web.runtime import database_label

    queues = [name.strip() for name in queue.split(",") if name.strip()]
    known = settings.TASK_QUEUES
    unknown = [name for name in queues if name != "*" and name not in known]
    if not queues or unknown:
        raise fail(
            f"--queue 的队列“{'、'.join(unknown) or queue}”不存在：可用 {'、'.join(known)} 或 *"
        )
    if parent is not None:
        _stop_with_parent(parent)
    _log_to_console(verbose)
    out.print(
        f"[bold]后台任务执行进程已启动[/]（进程 {os.getpid()}）：队列 {escape(','.join(queues))}，"
        f"数据库 {escape(database_label())}。" + ("" if batch else "按 Ctrl+C 停止。"),
        highlight=False,
    )
    try:
        call_command(
            "db_worker",
            queue_name=",".join(queues),
            interval=interval,
            batch=batch,
            max_tasks=max_tasks,
            reload=False,
            startup_delay=not batch,
            verbosity=2 if verbose else 1,
        )
    except CommandError as exc:
        raise fail(str(exc)) from None
    except SystemExit as exc:  # the backend's graceful stop on SIGTERM/SIGINT
        out.print("后台任务执行进程已停止。", highlight=False)
        raise typer.Exit(exc.code if isinstance(exc.code, int) else 0) from None
    if batch or max_tasks is not None:
        out.print("后台任务执行进程已做完要做的任务，已退出。", highlight=False)
    else:  # the loop ended after a signal, once the running task was done
        out.print("后台任务执行进程已停止。", highlight=False)
