"""The ``gongkai`` command: the root app that assembles one typer sub-app per command group,
and :func:`run`, the console script, which never shows a traceback to a user.

The commands, options, exit codes and output formats are the ones the README documents
("Command line"); :mod:`gongkai.cli.common` holds what the commands share.
"""

from __future__ import annotations

import sys

import typer

from gongkai.cli.admin import admin_app
from gongkai.cli.calendar import calendar_app
from gongkai.cli.catalog import catalog_app
from gongkai.cli.common import EXIT_BAD_INPUT, err, fail
from gongkai.cli.daily import daily_app, notifications_app
from gongkai.cli.deadline import deadline_app
from gongkai.cli.demo import demo_app
from gongkai.cli.deploy import deploy_app
from gongkai.cli.ledgers import ledgers_app
from gongkai.cli.letter import letter_app
from gongkai.cli.org import org_app
from gongkai.cli.report import report_app
from gongkai.cli.serve import serve_app
from gongkai.cli.summaries import summaries_app
from gongkai.cli.worker import worker_app

__all__ = ["app", "run"]

app = typer.Typer(
    help="Gongkai 政务公开工作平台：年度报告的读取、检查、生成，以及网页平台。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(report_app, name="report")
app.add_typer(summaries_app, name="summaries")
app.add_typer(deadline_app)  # gongkai deadline
app.add_typer(calendar_app, name="calendar")
app.add_typer(org_app, name="org")
app.add_typer(catalog_app, name="catalog")
app.add_typer(ledgers_app)  # gongkai import, export, ledger
app.add_typer(letter_app)  # gongkai letter
app.add_typer(daily_app)  # gongkai daily
app.add_typer(notifications_app, name="notifications")
app.add_typer(serve_app)  # gongkai serve
app.add_typer(worker_app)  # gongkai worker
app.add_typer(demo_app, name="demo")
app.add_typer(admin_app, name="admin")
app.add_typer(deploy_app, name="deploy")


def run() -> None:
    """Console-script entry point: no tracebacks for users, one Chinese line instead."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中断。")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 — the last line of defence, see the module docstring
        sys.exit(fail(f"{exc.__class__.__name__}: {exc}", EXIT_BAD_INPUT).exit_code)


if __name__ == "__main__":
    run()
