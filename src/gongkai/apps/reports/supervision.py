"""The supervisor's overview of a subtree's annual reports for a year (条例第四十九条).

For every body of the subtree: the report's status, its error and warning counts as the
records give them today (the published report's own counts once published), the body's
deadline and whether it is overdue; and tables 三 and 四 added up over the subtree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.apps.orgs.models import Body, RecordsVersion
from gongkai.apps.reports.annual import available_actions, deadline_of, report_year
from gongkai.apps.reports.choices import ReportStatusChoice
from gongkai.apps.reports.models import AnnualReport, YearSummary
from gongkai.apps.reports.summaries import FIGURES
from gongkai.domain.applications.counting import build_tables_report
from gongkai.domain.report.model import PROVENANCE_READ, CellValue, Report
from gongkai.domain.report.workflow import ReportAction

__all__ = [
    "DUE_SOON_DAYS",
    "FIGURES",
    "SUMMED_SECTIONS",
    "BodyStatus",
    "Freshness",
    "Overview",
    "Standing",
    "StoredSummaries",
    "is_overdue",
    "is_submitted",
    "local_time",
    "overview_rows",
    "read_summaries",
    "report_tasks",
    "standing",
    "subtree_overview",
    "summary_state",
    "summed_tables",
]

#: "即将到期" for an annual report: its deadline within this many days (calendar days, as the
#: deadline and the days overdue are counted).
DUE_SOON_DAYS = 30

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
    computed_at: datetime | None = None  # when its summary was computed (None: not yet)
    current: bool = True  # its summary was computed from the body's records as they are


@dataclass(frozen=True)
class Freshness:
    """How recent the stored summaries a page of a subtree reads are (the overview, the
    charts): a summary computed from the body's records as they are is as recent as the page
    (``read_at``), one computed before its records changed is being updated and shows the
    figures of its ``computed_at``, and a body may have none yet."""

    read_at: datetime
    updating: int = 0  # summaries computed before the body's records changed
    missing: int = 0  # bodies without a summary yet
    oldest: datetime | None = None  # the earliest ``computed_at`` of those being updated

    @classmethod
    def of(cls, states: Iterable[tuple[datetime | None, bool]], read_at: datetime) -> Freshness:
        """From each body's (``computed_at``, current) — ``computed_at`` None: no summary."""
        updating, missing, oldest = 0, 0, None
        for computed_at, current in states:
            if computed_at is None:
                missing += 1
            elif not current:
                updating += 1
                oldest = computed_at if oldest is None else min(oldest, computed_at)
        return cls(read_at, updating, missing, oldest)

    @property
    def as_of(self) -> datetime:
        """Every figure shown counts the records as they were at this time or later."""
        return self.oldest or self.read_at

    @property
    def pending(self) -> int:
        """Bodies whose figures are not those of their records now."""
        return self.updating + self.missing

    def describe(self, *, marked: bool = False) -> str:
        """What a page says of its figures, for a 上级 clerk (``marked``: its rows are marked
        更新中 / 尚未汇总, and it says so)."""
        text = _("数据截至 %(time)s。") % {"time": local_time(self.as_of)}
        if self.updating:
            text += _(
                "%(count)d 个机关的记录在汇总后有变化，正在重新汇总%(mark)s，"
                "其数字为上次汇总时的数字；稍后刷新本页即可看到最新数字。"
            ) % {"count": self.updating, "mark": _("（标“更新中”）") if marked else ""}
        if self.missing:
            text += _("%(count)d 个机关尚未汇总%(mark)s，其数字暂缺，未计入合计。") % {
                "count": self.missing,
                "mark": _("（标“尚未汇总”）") if marked else "",
            }
        return text


def local_time(moment: datetime) -> str:
    """A moment as the pages show it: local time to the minute (2025-01-06 09:30)."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class Overview:
    rows: list[BodyStatus]
    summary: Report
    freshness: Freshness  # how recent the summaries the rows and the summary were read from

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.status_label] = counts.get(row.status_label, 0) + 1
        return counts

    @property
    def overdue(self) -> int:
        return sum(1 for row in self.rows if row.overdue_days > 0)

    @property
    def pending(self) -> int:
        """Bodies whose summary is being updated (or not computed yet)."""
        return self.freshness.pending

    @property
    def as_of(self) -> datetime:
        """Every figure of the overview counts the records as they were at this time or later
        (:attr:`Freshness.as_of`)."""
        return self.freshness.as_of


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
    """Every body of ``root``'s subtree for ``year``: its report's status and deadline (read
    live: one query), and what its stored summary says (errors, warnings, figures, changes
    since publication — :mod:`gongkai.apps.reports.summaries`, never a report built here);
    and tables 三/四 added up over the subtree from the same summaries."""
    today = today or timezone.localdate()
    bodies = list(Body.objects.subtree(root).order_by("path"))
    reports = {r.body_id: r for r in AnnualReport.objects.filter(body__in=bodies, year=year)}
    stored = read_summaries(bodies, year, YearSummary.objects.defer("facts"))
    rows = []
    for body in bodies:
        report = reports.get(body.pk)
        if report is not None:
            report.body = body  # the body already read: no query per report
        summary = stored.summaries.get(body.pk)
        stands = standing(body, year, report, today)
        rows.append(
            BodyStatus(
                body=body,
                report=report,
                status_label=stands.status_label,
                errors=summary.errors if summary else 0,
                warnings=summary.warnings if summary else 0,
                deadline=stands.deadline,
                overdue_days=stands.overdue_days,
                late_submission=stands.late_submission,
                changed_since_published=summary.changed if summary else 0,
                figures=tuple(
                    summary.figures.get(key) if summary else None for key, _label in FIGURES
                ),
                computed_at=summary.computed_at if summary else None,
                current=stored.is_current(body.pk),
            )
        )
    summed = summed_tables(root.name, year, stored.summaries.values())
    return Overview(rows, summed, stored.freshness)


@dataclass(frozen=True)
class StoredSummaries:
    """The stored summaries of some bodies' year, as a page of a subtree reads them."""

    summaries: dict[int, YearSummary]  # by body id; a body without one is not there
    versions: dict[int, int]  # each body's records version (none: never changed, 0)
    body_ids: tuple[int, ...]
    read_at: datetime

    def is_current(self, body_id: int) -> bool:
        """The body's summary was computed from its records as they are (the summaries'
        rule: its ``records_version`` is the body's)."""
        summary = self.summaries.get(body_id)
        return summary is not None and summary.records_version == self.versions.get(body_id, 0)

    @property
    def freshness(self) -> Freshness:
        states = []
        for pk in self.body_ids:
            summary = self.summaries.get(pk)
            states.append((summary.computed_at if summary else None, self.is_current(pk)))
        return Freshness.of(states, self.read_at)


def read_summaries(
    bodies: Iterable[Body] | QuerySet[Body],
    year: int,
    queryset: QuerySet[YearSummary] | None = None,
) -> StoredSummaries:
    """The summaries of ``bodies``' ``year`` (``queryset``: the columns to read, default
    all) and the bodies' records versions: three queries whatever the number of bodies (two
    when ``bodies`` is a list)."""
    read_at = timezone.now()
    ids = tuple(
        bodies.values_list("pk", flat=True)
        if isinstance(bodies, QuerySet)
        else (b.pk for b in bodies)
    )
    rows = (queryset if queryset is not None else YearSummary.objects.all()).filter(
        body_id__in=ids, year=year
    )
    versions = RecordsVersion.objects.filter(body_id__in=ids).values_list("body_id", "version")
    return StoredSummaries({s.body_id: s for s in rows}, dict(versions), ids, read_at)


def summed_tables(org: str, year: int, summaries: Iterable[YearSummary]) -> Report:
    """Tables 三 and 四 of ``year`` added up over ``summaries`` (named ``org``; table 二 and
    the narrative empty): what :func:`gongkai.apps.stats.reporting.build_subtree_summary`
    counts from the records, read from the stored summaries."""
    report = build_tables_report((), (), year, org)
    keys = [key for key in report.cells if key.startswith(("s3.", "s4."))]
    totals: dict[str, int | float] = dict.fromkeys(keys, 0)
    for summary in summaries:
        cells = summary.cells
        for key in keys:
            value = cells.get(key)
            if value:
                totals[key] += value
    for key, value in totals.items():
        report.set(key, value, PROVENANCE_READ)
    return report


def summary_state(row: BodyStatus) -> str:
    """A row's summary in a word: 尚未汇总, 更新中 (its records changed after it was computed:
    the figures are those of its ``computed_at``), or empty (its records as they are)."""
    if row.computed_at is None:
        return _("尚未汇总")
    return "" if row.current else _("更新中")


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
    headers += ["汇总时间", "汇总状态"]
    rows: list[dict[str, object]] = []
    for row in overview.rows:
        summed = row.computed_at is not None
        values: dict[str, object] = {
            "机关": row.body.name,
            "状态": row.status_label,
            "错误": row.errors if summed else "",
            "警告": row.warnings if summed else "",
            "公布期限": row.deadline,
            "逾期天数": row.overdue_days or "",
            "逾期提交": "是" if row.late_submission else "",
            "发布后未说明的变化": row.changed_since_published or "",
        }
        for (_key, label), value in zip(FIGURES, row.figures, strict=True):
            values[label] = "" if value is None else value
        # Local time without its zone (a spreadsheet cell has none).
        values["汇总时间"] = (
            timezone.localtime(row.computed_at).replace(tzinfo=None, microsecond=0)
            if row.computed_at
            else ""
        )
        values["汇总状态"] = summary_state(row)
        rows.append(values)
    return headers, rows
