"""Running the web platform from the CLI: Django set-up, first-use database, serve.

``gongkai serve`` calls :func:`serve`; other CLI commands that need the database call
:func:`ensure_database` ("commands that need the database create and migrate it on first
use"). Everything here is idempotent.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from typing import Any, TextIO

__all__ = [
    "DEFAULT_THREADS",
    "DEFAULT_WORKERS",
    "SETTINGS_MODULE",
    "WORKER_CLASS",
    "collect_static",
    "database_label",
    "ensure_database",
    "has_administrator",
    "serve",
    "setup_django",
    "start_worker",
    "stop_worker",
    "worker_beside_server",
]

SETTINGS_MODULE = "gongkai.web.settings"


# =============================================================================================
# Set-up
# =============================================================================================


def setup_django() -> None:
    """Configure Django with the project settings (once per process).

    Without ``GONGKAI_SECRET_KEY`` a random key is generated once and kept in
    ``<var dir>/secret_key``, so a fresh machine can serve without configuration.
    """
    import django
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    if (
        os.environ["DJANGO_SETTINGS_MODULE"] == SETTINGS_MODULE
        and not os.environ.get("GONGKAI_SECRET_KEY", "").strip()
    ):
        from gongkai.web.paths import ensure_secret_key_file

        ensure_secret_key_file()
    django.setup()


def _pending_migrations() -> list[Any]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return list(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def ensure_database(verbosity: int = 0) -> bool:
    """Create and migrate the database if it has unapplied migrations; True if it migrated."""
    setup_django()
    from django.core.management import call_command

    if not _pending_migrations():
        return False
    call_command("migrate", interactive=False, verbosity=verbosity)
    return True


def collect_static(verbosity: int = 0) -> None:
    """Collect static files into ``STATIC_ROOT`` (in the var dir) for whitenoise."""
    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=verbosity)


# =============================================================================================
# Serving
# =============================================================================================


def _url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _bind(host: str, port: int) -> str:
    if ":" in host and not host.startswith("["):
        return f"[{host}]:{port}"
    return f"{host}:{port}"


def _allow_host(host: str) -> None:
    """Accept requests for the address we bind to (e.g. a LAN IP given with --host)."""
    from django.conf import settings

    if host in ("", "0.0.0.0", "::") or "*" in settings.ALLOWED_HOSTS:
        return
    name = f"[{host}]" if ":" in host and not host.startswith("[") else host
    if name not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, name]


def has_administrator() -> bool:
    """Whether an active superuser exists (who may sign in to /admin/ and create accounts)."""
    from django.contrib.auth import get_user_model

    return bool(
        get_user_model()._default_manager.filter(is_superuser=True, is_active=True).exists()
    )


#: gunicorn's threaded worker: each process serves ``threads`` requests at once and parks idle
#: or slow connections in its poller, so a few slow clients cannot take every worker (the sync
#: worker serves one connection per process: two clients trickling headers froze the site).
#: Django's views and ORM are synchronous, so threads fit better than an ASGI server, which
#: would run every synchronous view of a process in one thread. On the internet the app
#: server still sits behind nginx, which buffers whole requests (``docs/deployment.md``).
WORKER_CLASS = "gthread"
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 8


def database_label() -> str:
    """The database in words for the console: the SQLite file, or PostgreSQL's host and name
    (never the password)."""
    from django.conf import settings

    config = settings.DATABASES["default"]
    if config["ENGINE"].endswith("sqlite3"):
        return f"SQLite {config['NAME']}"
    return f"PostgreSQL {config.get('HOST') or 'localhost'}/{config['NAME']}"


def worker_beside_server() -> bool:
    """Whether ``gongkai serve`` starts a worker of the background jobs beside the web server:
    on SQLite (one machine, a new user needs no second command); with PostgreSQL the workers
    are their own service (``gongkai worker``, deploy/systemd/gongkai-worker.service)."""
    from django.conf import settings

    backend: str = settings.TASKS.get("default", {}).get("BACKEND", "")
    engine: str = settings.DATABASES["default"]["ENGINE"]
    return backend == "django_tasks_db.DatabaseBackend" and engine.endswith("sqlite3")


def start_worker() -> subprocess.Popen[bytes]:
    """``gongkai worker`` as a child process of this one (it stops when this process is gone,
    see ``--parent``)."""
    command = [sys.executable, "-m", "gongkai", "worker", "--parent", str(os.getpid())]
    return subprocess.Popen(command)


def stop_worker(worker: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    """Stop the child worker gracefully (SIGTERM: it finishes its task), at once after
    ``timeout``."""
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int = DEFAULT_WORKERS,
    threads: int = DEFAULT_THREADS,
    out: TextIO | None = None,
    worker: bool | None = None,
) -> None:
    """Migrate, collect static files and run gunicorn (:data:`WORKER_CLASS`), with a worker of
    the background jobs beside it (``worker`` None: on SQLite, :func:`worker_beside_server`),
    stopped with the server. No account is ever created here: on a database without an
    administrator, the way to create the first one is printed."""
    stream = out or sys.stdout
    setup_django()
    from django.conf import settings
    from django.db import connections

    if ensure_database():
        print(f"[*] 已创建/升级数据库：{settings.DATABASES['default']['NAME']}", file=stream)
    collect_static()
    _allow_host(host)
    first_run = not has_administrator()
    connections.close_all()  # never share a connection with the forked workers

    print(f"[*] 政务公开工作平台已启动：{_url(host, port)}", file=stream)
    if host in ("0.0.0.0", "::"):
        print(
            "    监听所有网卡：请用 GONGKAI_ALLOWED_HOSTS 列出访问本机所用的域名或 IP。",
            file=stream,
        )
    if first_run:
        print(
            "[*] 尚无管理员账号：请运行 `gongkai admin create 用户名` 创建第一个管理员"
            "（按提示输入密码），再登录 /admin/ 添加机关和人员。",
            file=stream,
        )
        print("    试用演示数据请运行 `gongkai demo`（演示账号仅供试用）。", file=stream)
    with_worker = worker_beside_server() if worker is None else worker
    if with_worker:
        print("[*] 后台任务执行进程随平台启动，随平台停止。", file=stream)
    print("    按 Ctrl+C 停止。", file=stream)
    stream.flush()

    child = start_worker() if with_worker else None
    try:
        _run_gunicorn(
            {
                "bind": [_bind(host, port)],
                "workers": workers,
                "worker_class": WORKER_CLASS,
                "threads": threads,
                "timeout": 60,
                "graceful_timeout": 10,
                "errorlog": "-",
                "loglevel": "warning",
                "control_socket_disable": True,  # no socket under ~/.gunicorn
                "proc_name": "gongkai",
            }
        )
    finally:
        if child is not None:
            stop_worker(child)


def _run_gunicorn(options: dict[str, Any]) -> None:
    from gunicorn.app.base import BaseApplication  # type: ignore[import-untyped]

    class GongkaiApplication(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from gongkai.web.wsgi import application

            return application

    GongkaiApplication().run()
