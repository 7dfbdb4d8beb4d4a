"""The annual reports on the 工作台 (the applications app's page, which cannot import this app):
the sections ``reports-to-review``, ``reports-returned``, ``reports-overdue`` and
``reports-due-soon`` of
:data:`gongkai.apps.applications.views.WORKBENCH_SECTIONS`, filled from
:func:`gongkai.apps.reports.supervision.report_tasks` — the same reading of the deadline
(条例第四十九条) as the supervise page's. Registered by :class:`ReportsConfig.ready`."""

from __future__ import annotations

from datetime import date
from typing import Any

from gongkai.apps.applications.views import WorkbenchSource, register_workbench_source
from gongkai.apps.reports.supervision import report_tasks
from gongkai.apps.reports.tables import ReportTaskTable

__all__ = ["register"]

#: section name → the list of :func:`report_tasks` it shows
SECTIONS = {
    "reports-to-review": "to-review",
    "reports-returned": "returned",
    "reports-overdue": "overdue",
    "reports-due-soon": "due-soon",
}


def _source(key: str) -> WorkbenchSource:
    def source(user: Any, today: date, empty_text: Any) -> ReportTaskTable:
        return ReportTaskTable(report_tasks(user, today)[key], today=today, empty_text=empty_text)

    return source


def register() -> None:
    for name, key in SECTIONS.items():
        register_workbench_source(name, _source(key))
