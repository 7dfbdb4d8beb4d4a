"""The 政策解读 facts of a body's year, counted in the database.

- :func:`interpretation_facts` feeds ``domain.stats.openness.OpennessFacts``
  (``interpretations``, ``interpretations_by_kind``, ``normative_without_interpretation``):
  a 解读 counts in the year it was published; a 规范性文件 published in the year counts as
  without one when no 解读 of it was published by 31 December of that year
  (:meth:`CatalogItemQuerySet.without_interpretation` as of that day).
- :func:`interpretation_coverage` is the superior's 解读 indicator for many bodies at once: per
  body, the 规范性文件 published in the year with a *timely* 解读 (the domain's
  :func:`~gongkai.domain.catalog.interpretation.is_timely`: within the body's
  ``interpretation_days`` working days) out of those published in the year. One grouped query
  over the year's 规范性文件, whatever the number of bodies; the timeliness of each
  (publication day, period, first 解读 day) group is decided in Python with the calendar.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from django.db.models import Count, OuterRef, Subquery

from gongkai.apps.catalog.choices import InterpretationKind
from gongkai.apps.catalog.models import CatalogItem, Interpretation
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.catalog.interpretation import is_timely
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = ["InterpretationFacts", "interpretation_coverage", "interpretation_facts"]

#: (解读 published in the year, kind label → count, 规范性文件 of the year without a 解读)
InterpretationFacts = tuple[int, dict[str, int], int]


def interpretation_facts(body: Body, year: int) -> InterpretationFacts:
    """(解读 of ``body`` published in ``year``, 解读形式 label → count (kinds with none left
    out, the largest first), 规范性文件 published in ``year`` with no 解读 published by 31
    December of ``year``). Three small queries."""
    labels = dict(InterpretationKind.choices)
    rows = (
        Interpretation.objects.filter(body=body)
        .published_in(year)
        .order_by()
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    by_kind = {str(labels.get(kind, kind)): n for kind, n in rows}
    by_kind = dict(sorted(by_kind.items(), key=lambda pair: (-pair[1], pair[0])))
    without = (
        CatalogItem.objects.filter(body=body)
        .published_in(year)
        .without_interpretation(date(year, 12, 31))
        .count()
    )
    return sum(by_kind.values()), by_kind, without


def interpretation_coverage(
    body_ids: Collection[int], year: int, calendar: WorkingCalendar | None = None
) -> dict[int, tuple[int, int]]:
    """Per body of ``body_ids``: (规范性文件 published in ``year`` with a timely 解读,
    规范性文件 published in ``year``). A body without any 规范性文件 of the year is (0, 0).

    One query grouped by (body, publication day, the body's period, the first 解读's
    publication day): a 解读 published after the year's end still counts when it was timely
    (the document of 31 December has its days in January)."""
    calendar = calendar or load_calendar()
    result: dict[int, tuple[int, int]] = dict.fromkeys(body_ids, (0, 0))
    if not result:
        return result
    first_published = (
        Interpretation.objects.filter(item=OuterRef("pk"), published_on__isnull=False)
        .order_by("published_on")
        .values("published_on")[:1]
    )
    rows = (
        CatalogItem.objects.filter(body_id__in=list(result))
        .normative()
        .published_in(year)
        .annotate(first_interpretation=Subquery(first_published))
        .order_by()
        .values_list("body_id", "published_on", "body__interpretation_days", "first_interpretation")
        .annotate(n=Count("pk"))
    )
    for body_id, published_on, days, first, n in rows:
        timely, total = result[body_id]
        if is_timely(published_on, first, days, calendar):
            timely += n
        result[body_id] = (timely, total + n)
    return result
