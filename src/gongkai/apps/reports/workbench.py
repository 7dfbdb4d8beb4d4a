"""The work of other apps on the 工作台 (the applications app's page, which cannot import the
apps of its own layer or above): the external sections of
:data:`gongkai.apps.applications.views.WORKBENCH_SECTIONS` this app fills. Registered by
:class:`ReportsConfig.ready`.

- the annual reports ``reports-to-review``, ``reports-returned``, ``reports-overdue`` and
  ``reports-due-soon``, from :func:`gongkai.apps.reports.supervision.report_tasks` — the same
  reading of the deadline (条例第四十九条) as the supervise page's;
- the 意见征集 of the user's bodies whose feedback is overdue (``consultations-overdue``,
  :meth:`ConsultationQuerySet.feedback_overdue`) or due within
  :data:`CONSULTATION_DUE_DAYS` working days (``consultations-due-soon``,
  :meth:`ConsultationQuerySet.feedback_due_soon`), the nearest deadline first;
- the public 规范性文件 of the user's bodies without a published 解读
  (``interpretations-missing``, :meth:`CatalogItemQuerySet.without_interpretation`), those
  past their due date (:meth:`CatalogItemQuerySet.interpretation_late`) first, each with its
  working days late as the missing list shows them (:class:`MissingInterpretationTable`).

Each gives at most :data:`WORKBENCH_ROWS` rows and the count of all (bounded queries).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models

from gongkai.apps.applications.views import (
    WORKBENCH_ROWS,
    WorkbenchRows,
    WorkbenchSource,
    register_workbench_source,
)
from gongkai.apps.catalog.models import CatalogItem, late_interpretation
from gongkai.apps.catalog.tables import MissingInterpretationTable
from gongkai.apps.engagement.models import Consultation, ConsultationQuerySet
from gongkai.apps.engagement.tables import ConsultationTable
from gongkai.apps.reports.supervision import report_tasks
from gongkai.apps.reports.tables import ReportTaskTable
from gongkai.apps.workcal.services import load_calendar

__all__ = ["CONSULTATION_DUE_DAYS", "register"]

#: section name → the list of :func:`report_tasks` it shows
SECTIONS = {
    "reports-to-review": "to-review",
    "reports-returned": "returned",
    "reports-overdue": "overdue",
    "reports-due-soon": "due-soon",
}

#: 意见反馈将到期: the feedback is due within this many working days.
CONSULTATION_DUE_DAYS = 5


def _source(key: str) -> WorkbenchSource:
    def source(user: Any, today: date, empty_text: Any) -> WorkbenchRows:
        table = ReportTaskTable(report_tasks(user, today)[key], today=today, empty_text=empty_text)
        return WorkbenchRows(table, len(table.rows))

    return source


def _consultations(queryset: ConsultationQuerySet, empty_text: Any) -> WorkbenchRows:
    rows = list(
        queryset.select_related("body").order_by("feedback_due_on", "ends_on", "pk")[
            :WORKBENCH_ROWS
        ]
    )
    table = ConsultationTable(
        rows, exclude=("starts_on", "n_comments"), orderable=False, empty_text=empty_text
    )
    return WorkbenchRows(table, queryset.count())


def consultations_overdue(user: Any, today: date, empty_text: Any) -> WorkbenchRows:
    """意见反馈逾期: the user's bodies' consultations, :meth:`feedback_overdue` on ``today``."""
    return _consultations(Consultation.objects.restrict(user).feedback_overdue(today), empty_text)


def consultations_due_soon(user: Any, today: date, empty_text: Any) -> WorkbenchRows:
    """意见反馈将到期: :meth:`feedback_due_soon` within :data:`CONSULTATION_DUE_DAYS` working
    days."""
    queryset = Consultation.objects.restrict(user).feedback_due_soon(
        today, CONSULTATION_DUE_DAYS, load_calendar()
    )
    return _consultations(queryset, empty_text)


def interpretations_missing(user: Any, today: date, empty_text: Any) -> WorkbenchRows:
    """规范性文件待解读: the late first, then the oldest publication first."""
    calendar = load_calendar()
    missing = CatalogItem.objects.restrict(user).without_interpretation(today)
    rows = list(
        missing.select_related("body")
        .alias(
            _late_first=models.Case(
                models.When(late_interpretation(today, calendar), then=models.Value(0)),
                default=models.Value(1),
            )
        )
        .order_by("_late_first", "published_on", "pk")[:WORKBENCH_ROWS]
    )
    table = MissingInterpretationTable(
        rows, today=today, calendar=calendar, orderable=False, empty_text=empty_text
    )
    return WorkbenchRows(table, missing.count())


def register() -> None:
    for name, key in SECTIONS.items():
        register_workbench_source(name, _source(key))
    register_workbench_source("consultations-overdue", consultations_overdue)
    register_workbench_source("consultations-due-soon", consultations_due_soon)
    register_workbench_source("interpretations-missing", interpretations_missing)
