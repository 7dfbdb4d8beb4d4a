"""The computed indicators' facts, counted from the records: one function per metric, each over
a set of body ids and a year, each a bounded query (``GROUP BY`` body over the whole set, never
one query per body). The scoring of the facts is the domain's
(:mod:`gongkai.domain.assessment`); the words counted are the owning apps':

- 按期答复率: applications replied in the year (``replied_on`` in it), of which late
  (``Application.objects.replied_late()``, 逾期答复) — on time = replied − late;
- 超期公开: 主动公开 items published in the year after their art. 26 due date
  (``CatalogItem.is_published_late``), and those still unpublished past it at the end of the
  year (``CatalogItem.objects.publication_overdue(1 January of the next year)``);
- 年报差错: the error and warning findings of the year's annual report as the 上级 saw them at
  its first submission (the first ``ReportEvent`` 提交上级 keeps them);
- 解读覆盖率: ``catalog.reporting.interpretation_coverage`` — 规范性文件 published in the year
  with a timely 解读, of those published in the year;
- 意见反馈公开: ``engagement.reporting.consultation_feedback`` — consultations whose period
  ended in the year with their feedback published by its deadline, of those.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from datetime import date
from typing import Any

from django.db.models import Count
from django.utils import timezone

from gongkai.apps.applications.models import Application
from gongkai.apps.catalog import reporting as catalog_reporting
from gongkai.apps.catalog.choices import DisclosureChoice
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.engagement import reporting as engagement_reporting
from gongkai.apps.reports.choices import ReportEventChoice
from gongkai.apps.reports.models import ReportEvent
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain import assessment as rules
from gongkai.domain.assessment import CountFacts, Facts, RateFacts, ReportFacts

__all__ = [
    "METRIC_FACTS",
    "catalog_overdue",
    "consultation_feedback",
    "interpretation_coverage",
    "metric_facts",
    "on_time_reply",
    "report_errors",
]

BodyIds = Collection[int]


def _year_range(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def on_time_reply(body_ids: BodyIds, year: int) -> dict[int, Facts]:
    """按期答复 n / replied in ``year``, per body (two GROUP BY queries)."""
    replied = Application.objects.filter(
        body_id__in=list(body_ids), replied_on__range=_year_range(year)
    ).order_by()
    totals = dict(replied.values_list("body_id").annotate(n=Count("pk")))
    late = dict(replied.replied_late().values_list("body_id").annotate(n=Count("pk")))
    return {
        pk: RateFacts(totals.get(pk, 0) - late.get(pk, 0), totals.get(pk, 0), "件", "按期答复")
        for pk in body_ids
    }


def catalog_overdue(body_ids: BodyIds, year: int) -> dict[int, Facts]:
    """Items published late in ``year`` and items overdue unpublished at its end, per body.

    The late publications are read per distinct (body, 成文日期, 发布日期) — a GROUP BY — with
    the item's own word (``is_published_late``, the working-day calendar)."""
    ids = list(body_ids)
    calendar = load_calendar()
    published = (
        CatalogItem.objects.filter(
            body_id__in=ids,
            disclosure=DisclosureChoice.PROACTIVE,
            published_on__range=_year_range(year),
        )
        .order_by()
        .values_list("body_id", "made_on", "published_on")
        .annotate(n=Count("pk"))
    )
    late: Counter[int] = Counter()
    # The word is asked once per (成文日期, 发布日期): a province's year has about 16,000 such
    # pairs among its 600,000 groups (the calendar's reading of each took 18 s).
    verdicts: dict[tuple[date | None, date | None], bool] = {}
    for body_id, made_on, published_on, n in published:
        verdict = verdicts.get((made_on, published_on))
        if verdict is None:
            item = CatalogItem(
                disclosure=DisclosureChoice.PROACTIVE, made_on=made_on, published_on=published_on
            )
            verdict = verdicts[made_on, published_on] = item.is_published_late(calendar)
        if verdict:
            late[body_id] += n
    as_of = min(date(year + 1, 1, 1), timezone.localdate())
    unpublished = dict(
        CatalogItem.objects.filter(body_id__in=ids)
        .publication_overdue(as_of, calendar)
        .order_by()
        .values_list("body_id")
        .annotate(n=Count("pk"))
    )
    return {
        pk: CountFacts((("超期发布", late[pk]), ("年末超期未发布", unpublished.get(pk, 0))))
        for pk in ids
    }


def report_errors(body_ids: BodyIds, year: int) -> dict[int, Facts]:
    """The error findings of each body's report of ``year`` at its first submission (one
    query over the submissions, oldest first)."""
    submissions = (
        ReportEvent.objects.filter(
            report__body_id__in=list(body_ids),
            report__year=year,
            kind=ReportEventChoice.SUBMITTED,
        )
        .order_by("at", "pk")
        .values_list("report__body_id", "findings")
    )
    first: dict[int, list[Any]] = {}
    for body_id, findings in submissions:
        first.setdefault(body_id, findings or [])
    return {pk: _report_facts(first[pk]) if pk in first else ReportFacts(False) for pk in body_ids}


def _report_facts(findings: list[Any]) -> ReportFacts:
    severities = Counter(f.get("severity") for f in findings if isinstance(f, dict))
    return ReportFacts(True, severities["error"], severities["warning"])


def interpretation_coverage(body_ids: BodyIds, year: int) -> dict[int, Facts | None]:
    """解读覆盖率 (``catalog.reporting.interpretation_coverage``: one grouped query)."""
    found = catalog_reporting.interpretation_coverage(list(body_ids), year)
    return _rates(found, body_ids, "按期解读", "件")


def consultation_feedback(body_ids: BodyIds, year: int) -> dict[int, Facts | None]:
    """意见反馈公开 (``engagement.reporting.consultation_feedback``: one GROUP BY query)."""
    found = engagement_reporting.consultation_feedback(list(body_ids), year)
    return _rates(found, body_ids, "按期公布反馈", "次")


def _rates(
    found: Mapping[int, Any], body_ids: BodyIds, what: str, noun: str
) -> dict[int, Facts | None]:
    """A source's per-body (done, total) as :class:`RateFacts`."""
    result: dict[int, Facts | None] = {}
    for pk in body_ids:
        value = found.get(pk)
        done, total = (value if value is not None else (0, 0))[:2]
        result[pk] = RateFacts(int(done), int(total), noun, what)
    return result


#: metric key → the function counting its facts.
METRIC_FACTS: dict[str, Callable[[BodyIds, int], Mapping[int, Facts | None]]] = {
    rules.ON_TIME_REPLY: on_time_reply,
    rules.CATALOG_OVERDUE: catalog_overdue,
    rules.REPORT_ERRORS: report_errors,
    rules.INTERPRETATION_COVERAGE: interpretation_coverage,
    rules.CONSULTATION_FEEDBACK: consultation_feedback,
}


def metric_facts(metric: str, body_ids: BodyIds, year: int) -> Mapping[int, Facts | None]:
    """The facts of ``metric`` for each of ``body_ids`` in ``year``."""
    return METRIC_FACTS[metric](body_ids, year)
