"""The supervisor's overview of a subtree's annual reports for a year (条例第四十九条).

For every body of the subtree: the report's status, its error and warning counts as the
records give them today (the published report's own counts once published), the body's
deadline and whether it is overdue; and tables 三 and 四 added up over the subtree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.annual import (
    available_actions,
    build_annual_report,
    deadline_of,
    report_year,
    undocumented_differences,
)
from gongkai.apps.reports.choices import ReportStatusChoice
from gongkai.apps.reports.models import AnnualReport
from gongkai.domain.report.model import CellValue, Report
from gongkai.domain.report.workflow import ReportAction

__all__ = [
    "DUE_SOON_DAYS",
    "FIGURES",
    "SUMMED_SECTIONS",
    "BodyStatus",
    "Overview",
    "Standing",
    "is_overdue",
    "is_submitted",
    "overview_rows",
    "report_tasks",
    "standing",
    "subtree_overview",
]

#: "即将到期" for an annual report: its deadline within this many days (calendar days, as the
#: deadline and the days overdue are counted).
DUE_SOON_DAYS = 30

# Headline figures of each body's report in the overview and its export.
FIGURES: tuple[tuple[str, str], ...] = (
    ("s3.new_received.total", "新收申请"),
    ("s3.carried_over.total", "上年结转"),
    ("s3.total_processed.total", "办结"),
    ("s3.carried_forward.total", "结转下年"),
    ("s4.reconsideration.total", "行政复议"),
    ("s4.litigation_direct.total", "直接起诉"),
    ("s4.litigation_after_reconsideration.total", "复议后起诉"),
)

#: The sections added up over a subtree (the supervise page and its export): tables 三 and 四.
SUMMED_SECTIONS: tuple[str, ...] = ("三", "四")

#: The steps that review a report (the body's 审核人's 提交上级 from 待本机关审核 included).
_REVIEW_STEPS = frozenset({ReportAction.APPROVE, ReportAction.BODY_RETURN})

_SUBMITTED = {
    ReportStatusChoice.SUBMITTED,
    ReportStatusChoice.APPROVED,
    ReportStatusChoice.PUBLISHED,
}


@dataclass(frozen=True)
class BodyStatus:
    body: Body
    report: AnnualReport | None
    status_label: str
    errors: int
    warnings: int
    deadline: date
    overdue_days: int  # > 0: not submitted that many days after the deadline
    late_submission: bool  # submitted, but after the deadline
    changed_since_published: int = 0  # differences from the published report no notice states
    figures: tuple[CellValue, ...] = ()  # the FIGURES of the body's report


@dataclass(frozen=True)
class Overview:
    rows: list[BodyStatus]
    summary: Report

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.status_label] = counts.get(row.status_label, 0) + 1
        return counts

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue_days > 0)


def is_submitted(report: AnnualReport | None) -> bool:
    """Submitted to the 上级 (or further along: approved, published)."""
    return report is not None and report.status in _SUBMITTED


def is_overdue(report: AnnualReport | None, deadline: date, today: date) -> tuple[int, bool]:
    """(days overdue without submission, submitted late) for a report due on ``deadline``."""
    if report is not None and is_submitted(report):
        submitted = report.submitted_at or report.published_at
        late = submitted is not None and timezone.localdate(submitted) > deadline
        return 0, late
    return max((today - deadline).days, 0), False


@dataclass(frozen=True)
class Standing:
    """Where a body's report of a year stands against its deadline (条例第四十九条): the one
    reading of the supervise page, the 工作台 and the annual index."""

    body: Body
    year: int
    report: AnnualReport | None
    deadline: date
    overdue_days: int  # > 0: not submitted that many days after the deadline
    late_submission: bool  # submitted, but after the deadline
    due_soon: bool  # not submitted, the deadline within DUE_SOON_DAYS days (not passed)

    @property
    def status_label(self) -> str:
        return str(self.report.get_status_display()) if self.report else _("未开始")


def standing(body: Body, year: int, report: AnnualReport | None, today: date) -> Standing:
    """The :class:`Standing` of ``body``'s report of ``year`` (``report``: None if not started)."""
    deadline = deadline_of(body, year)
    overdue_days, late = is_overdue(report, deadline, today)
    soon = not is_submitted(report) and today <= deadline <= today + timedelta(DUE_SOON_DAYS)
    return Standing(body, year, report, deadline, overdue_days, late, soon)


def report_tasks(user: Any, today: date) -> dict[str, list[Standing]]:
    """The reports the staff ``user`` compiles that need them (the 工作台): ``returned`` (退回
    修改, any year), ``due-soon`` and ``overdue`` (not submitted) — of last year's report
    (:func:`report_year`: compiled in January) for every body the user works for, and of any
    earlier year whose report was started and not submitted; and ``to-review``: the reports
    waiting for the user's review (待本机关审核 for the body's 审核人, 已提交上级 for the 上级)."""
    bodies = Body.objects.restrict(user, "change")
    year = report_year(None)
    reports = list(
        AnnualReport.objects.restrict(user, "change")
        .filter(Q(year=year) | ~Q(status__in=_SUBMITTED))
        .select_related("body")
    )
    started = {(r.body_id, r.year) for r in reports}
    rows = [standing(r.body, r.year, r, today) for r in reports]
    rows += [standing(b, year, None, today) for b in bodies if (b.pk, year) not in started]
    rows.sort(key=lambda row: (row.deadline, row.body.path, row.year))
    waiting = (
        AnnualReport.objects.restrict(user)
        .filter(status__in=(ReportStatusChoice.IN_REVIEW, ReportStatusChoice.SUBMITTED))
        .select_related("body", "body__parent")
        .order_by("year", "body__path")
    )
    to_review = [
        standing(r.body, r.year, r, today)
        for r in waiting
        if _REVIEW_STEPS.intersection(available_actions(r, user))
    ]
    return {
        "to-review": to_review,
        "returned": [
            r for r in rows if r.report and r.report.status == ReportStatusChoice.RETURNED
        ],
        "due-soon": [r for r in rows if r.due_soon],
        "overdue": [r for r in rows if r.overdue_days > 0],
    }


def subtree_overview(root: Body, year: int, today: date | None = None) -> Overview:
    from gongkai.apps.stats.reporting import build_subtree_summary

    today = today or timezone.localdate()
    bodies = list(Body.objects.subtree(root).order_by("path"))
    reports = {r.body_id: r for r in AnnualReport.objects.filter(body__in=bodies, year=year)}
    rows = []
    for body in bodies:
        report = reports.get(body.pk)
        changed = 0
        shown: Report | None = None
        if report is not None and report.is_published:
            errors, warnings = report.error_count, report.warning_count
            changed = len(undocumented_differences(report))
            shown = report.published_report()
        else:
            shown = build_annual_report(body, year, report.narrative if report else None).report
            errors, warnings = len(shown.errors), len(shown.warnings)
        figures = tuple(shown.get(key) if shown else None for key, _label in FIGURES)
        stands = standing(body, year, report, today)
        rows.append(
            BodyStatus(
                body=body,
                report=report,
                status_label=stands.status_label,
                errors=errors,
                warnings=warnings,
                deadline=stands.deadline,
                overdue_days=stands.overdue_days,
                late_submission=stands.late_submission,
                changed_since_published=changed,
                figures=figures,
            )
        )
    return Overview(rows, build_subtree_summary(root, year))


def overview_rows(overview: Overview) -> tuple[list[str], list[dict[str, object]]]:
    """The overview as a table (headers, rows) for the 总览 export."""
    headers = [
        "机关",
        "状态",
        "错误",
        "警告",
        "公布期限",
        "逾期天数",
        "逾期提交",
        "发布后未说明的变化",
    ]
    headers += [label for _key, label in FIGURES]
    rows: list[dict[str, object]] = []
    for row in overview.rows:
        values: dict[str, object] = {
            "机关": row.body.name,
            "状态": row.status_label,
            "错误": row.errors,
            "警告": row.warnings,
            "公布期限": row.deadline,
            "逾期天数": row.overdue_days or "",
            "逾期提交": "是" if row.late_submission else "",
            "发布后未说明的变化": row.changed_since_published or "",
        }
        for (_key, label), value in zip(FIGURES, row.figures, strict=True):
            values[label] = "" if value is None else value
        rows.append(values)
    return headers, rows
