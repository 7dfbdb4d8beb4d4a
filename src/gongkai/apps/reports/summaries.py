"""Stored summaries of each body's year (issue 15): what the supervisor's overview, the roll-up
tables 三/四 and the charts of a subtree read, so that a province of thousands of bodies is
never recomputed at read time.

- :func:`compute` — one body's year from its records, with the very functions its own report
  uses (:func:`~gongkai.apps.reports.annual.build_annual_report`, the published report's
  :func:`~gongkai.apps.reports.annual.undocumented_differences`): never a second reading.
- Every change to a record in :data:`TRACKED` raises the body's records version in its own
  transaction (:mod:`gongkai.apps.orgs.changes`); a summary computed from another version is
  stale (:func:`stale_pairs`). :func:`refresh` recomputes the stale ones — the job
  :func:`gongkai.apps.reports.jobs.refresh_summaries`, queued after every change, and
  ``gongkai summaries refresh``; :func:`verify` recomputes and compares without writing
  (``gongkai summaries check``: the proof that the stored summaries equal the records).
- No figure depends on the day it is computed: every count of year *Y* is taken as of 31
  December of *Y* (意见反馈逾期 ``feedback_overdue(31 December)``, 解读 and meeting minutes
  published by then …), so a summary stays equal to its recomputation on any later day
  without a record change (``tests/web/test_summaries_demo.py``). What the date alone makes
  due is the summaries of a year that has just begun: :func:`due_today`, run by
  ``gongkai daily``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.utils import timezone

from gongkai.apps.orgs.models import Body, RecordsVersion
from gongkai.apps.reports.annual import (
    FIRST_YEAR,
    build_annual_report,
    facts_to_json,
    undocumented_differences,
)
from gongkai.apps.reports.models import AnnualReport, YearSummary

__all__ = [
    "FIGURES",
    "TRACKED",
    "Mismatch",
    "SummaryValues",
    "compute",
    "due_today",
    "refresh",
    "stale_pairs",
    "summary_years",
    "track_records",
    "verify",
]

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

#: The records a body's annual figures are counted from (``app_label.Model``, the lookup of
#: the body's id): every save and delete of one of them marks the body's summaries stale.
#: A test checks that every table the report build reads is here.
TRACKED: tuple[tuple[str, str], ...] = (
    ("orgs.Body", "id"),
    ("applications.Application", "body_id"),
    ("applications.ApplicationEvent", "application__body_id"),
    ("applications.Extension", "application__body_id"),
    ("applications.FeeNotice", "application__body_id"),
    ("applications.Consultation", "application__body_id"),
    ("catalog.CatalogNode", "body_id"),
    ("catalog.CatalogItem", "body_id"),
    ("catalog.Interpretation", "body_id"),
    ("cases.ReviewCase", "body_id"),
    ("stats.Matter", "body_id"),
    ("stats.Decision", "body_id"),
    ("stats.MoneyRecord", "body_id"),
    ("engagement.MailboxMessage", "body_id"),
    ("engagement.Proposal", "body_id"),
    ("engagement.Consultation", "body_id"),
    ("engagement.Comment", "consultation__body_id"),
    ("meetings.Meeting", "body_id"),
    ("notices.OfflineNotice", "body_id"),
    ("reports.AnnualReport", "body_id"),
    ("reports.ReportCorrection", "report__body_id"),
)


def track_records() -> None:
    """Connect :data:`TRACKED` (the app's ``ready``)."""
    from django.apps import apps

    from gongkai.apps.orgs.changes import on_changed, track

    for label, body in TRACKED:
        track(apps.get_model(label), body)
    on_changed(_schedule_refresh, when=_auto_refresh)


def _auto_refresh() -> bool:
    return bool(getattr(settings, "GONGKAI_SUMMARIES_AUTO_REFRESH", True))


def _schedule_refresh() -> None:
    if _auto_refresh():
        from gongkai.apps.reports.jobs import schedule_refresh

        schedule_refresh()


def summary_years(today: date | None = None) -> range:
    """The years a summary is kept for: the current formats' first year to this year."""
    today = today or timezone.localdate()
    return range(FIRST_YEAR, today.year + 1)


def due_today(today: date | None = None) -> int:
    """The daily step (``gongkai daily``): how many bodies lack the summary of ``today``'s
    year — on 1 January every body (the new year's), else the bodies made since the last
    refresh — and queue the refresh for them (when :data:`GONGKAI_SUMMARIES_AUTO_REFRESH`).

    Nothing else is due by the date (the module's note), so no body's records are marked
    changed: one query, whatever the number of bodies and records."""
    today = today or timezone.localdate()
    missing = Body.objects.exclude(year_summaries__year=today.year).count()
    if missing:
        _schedule_refresh()
    return missing


@dataclass(frozen=True)
class SummaryValues:
    cells: dict[str, int | float]
    errors: int
    warnings: int
    figures: dict[str, int | float | None]
    changed: int
    facts: dict[str, Any]

    FIELDS = ("cells", "errors", "warnings", "figures", "changed", "facts")

    @classmethod
    def of(cls, summary: YearSummary) -> SummaryValues:
        return cls(**{name: getattr(summary, name) for name in cls.FIELDS})

    def as_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.FIELDS}


def compute(body: Body, year: int, report: AnnualReport | None = None) -> SummaryValues:
    """``body``'s year as the overview shows it: tables 二/三/四 from the records; the errors,
    warnings and figures of the published report once published (and how many of today's
    differences from it no correction notice states), else of the report the records and the
    workspace's narrative give today."""
    built = build_annual_report(body, year, report.narrative if report else None)
    # Only the cells with a figure: most of a small body's cells are 0, and an overview of a
    # province reads 3,000 of these (a cell not stored is 0).
    cells = _json_round_trip({k: v for k, v in built.report.cells.items() if v})
    if report is not None and report.is_published:
        shown = report.published_report()
        errors, warnings = report.error_count, report.warning_count
        changed = len(undocumented_differences(report))
    else:
        shown = built.report
        errors, warnings = len(built.report.errors), len(built.report.warnings)
        changed = 0
    figures = {key: shown.get(key) if shown else None for key, _label in FIGURES}
    return SummaryValues(
        cells=cells,
        errors=errors,
        warnings=warnings,
        figures=_json_round_trip(figures),
        changed=changed,
        facts=_json_round_trip(facts_to_json(built.facts)),
    )


def _json_round_trip(value: Any) -> Any:
    """As the JSON column gives it back (tuples → lists, keys → text): stored == computed."""
    import json

    return json.loads(json.dumps(value, ensure_ascii=False))


def _versions(body_ids: Iterable[int] | None) -> dict[int, int]:
    rows = RecordsVersion.objects.all()
    if body_ids is not None:
        rows = rows.filter(body_id__in=list(body_ids))
    return dict(rows.values_list("body_id", "version"))


def stale_pairs(
    body_ids: Iterable[int] | None = None, years: Iterable[int] | None = None
) -> list[tuple[int, int]]:
    """The (body, year) pairs whose summary is missing or was computed from another version
    of the body's records, by body path and year."""
    bodies = Body.objects.order_by("path")
    if body_ids is not None:
        body_ids = list(body_ids)
        bodies = bodies.filter(pk__in=body_ids)
    ids = list(bodies.values_list("pk", flat=True))
    years = list(years) if years is not None else list(summary_years())
    versions = _versions(body_ids)
    stored = {
        (b, y): v
        for b, y, v in YearSummary.objects.filter(year__in=years)
        .filter(**({"body_id__in": body_ids} if body_ids is not None else {}))
        .values_list("body_id", "year", "records_version")
    }
    return [
        (pk, year) for pk in ids for year in years if stored.get((pk, year)) != versions.get(pk, 0)
    ]


Progress = Callable[[int, int], None]


def refresh(
    body_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
    *,
    everything: bool = False,
    progress: Progress | None = None,
) -> int:
    """Recompute the stale summaries (``everything``: all of them) of ``body_ids`` (default:
    every body) and ``years`` (default :func:`summary_years`); returns how many were written.

    Each is read at the body's current version *before* its records are counted, so a change
    committed meanwhile leaves it stale for the next run rather than lost."""
    if everything:
        bodies = Body.objects.order_by("path")
        if body_ids is not None:
            bodies = bodies.filter(pk__in=list(body_ids))
        year_list = list(years) if years is not None else list(summary_years())
        pairs = [(pk, year) for pk in bodies.values_list("pk", flat=True) for year in year_list]
    else:
        pairs = stale_pairs(body_ids, years)
    total = len(pairs)
    if progress:
        progress(0, total)
    body: Body | None = None
    for done, (pk, year) in enumerate(pairs, 1):
        if body is None or body.pk != pk:
            body = Body.objects.get(pk=pk)
        version = _versions([pk]).get(pk, 0)
        report = AnnualReport.objects.filter(body=body, year=year).first()
        values = compute(body, year, report)
        # One statement (INSERT … ON CONFLICT DO UPDATE): two workers refreshing the same
        # summary at once both succeed, the later write wins.
        YearSummary.objects.bulk_create(
            [
                YearSummary(
                    body=body,
                    year=year,
                    records_version=version,
                    computed_at=timezone.now(),
                    **values.as_fields(),
                )
            ],
            update_conflicts=True,
            unique_fields=["body", "year"],
            update_fields=["records_version", "computed_at", *SummaryValues.FIELDS],
        )
        if progress:
            progress(done, total)
    return total


@dataclass(frozen=True)
class Mismatch:
    body: str
    year: int
    fields: tuple[str, ...]  # the fields that differ; ("missing",) when there is no summary


def verify(
    body_ids: Iterable[int] | None = None,
    years: Iterable[int] | None = None,
    *,
    progress: Progress | None = None,
) -> tuple[list[Mismatch], int]:
    """Recompute every summary of ``body_ids`` × ``years`` from the records and compare it with
    the stored one (nothing written): the mismatches, and how many were compared."""
    bodies = list(
        Body.objects.order_by("path").filter(
            **({"pk__in": list(body_ids)} if body_ids is not None else {})
        )
    )
    year_list = list(years) if years is not None else list(summary_years())
    stored = {
        (s.body_id, s.year): s
        for s in YearSummary.objects.filter(body__in=bodies, year__in=year_list)
    }
    reports = {
        (r.body_id, r.year): r
        for r in AnnualReport.objects.filter(body__in=bodies, year__in=year_list)
    }
    found: list[Mismatch] = []
    total = len(bodies) * len(year_list)
    done = 0
    for body in bodies:
        for year in year_list:
            summary = stored.get((body.pk, year))
            values = compute(body, year, reports.get((body.pk, year)))
            if summary is None:
                found.append(Mismatch(body.name, year, ("missing",)))
            else:
                kept = SummaryValues.of(summary)
                differ = tuple(
                    name
                    for name in SummaryValues.FIELDS
                    if getattr(kept, name) != getattr(values, name)
                )
                if differ:
                    found.append(Mismatch(body.name, year, differ))
            done += 1
            if progress:
                progress(done, total)
    return found, total
