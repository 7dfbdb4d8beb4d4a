"""The meeting facts of a body's annual report of year Y, counted in the database.

The reading is the domain's (:func:`gongkai.domain.openness.meetings.count_meetings`): the
meetings held in Y by kind, those whose minutes were public by 31 December of Y, those with
列席. One ``GROUP BY kind`` query over the rows of Y (the ``(body, held_on)`` index serves it);
``tests/web/test_meetings.py`` checks it against the domain count on the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Count, Q

from gongkai.apps.meetings.choices import MeetingKind
from gongkai.apps.meetings.models import Meeting, MeetingQuerySet, minutes_published_q
from gongkai.apps.orgs.models import Body
from gongkai.domain.openness.meetings import MeetingRow, ordered
from gongkai.domain.stats.openness import MeetingCount

__all__ = ["count_by_kind", "meeting_counts", "meeting_facts", "meeting_rows"]


def count_by_kind(meetings: MeetingQuerySet, year: int) -> tuple[MeetingCount, ...]:
    """:class:`MeetingCount` per kind of the meetings of ``year`` among ``meetings``, in the
    report's order of kinds (one query)."""
    end = date(year, 12, 31)
    rows = (
        meetings.of_year(year)
        .order_by()
        .values("kind")
        .annotate(
            held=Count("pk"),
            published=Count("pk", filter=minutes_published_q(end)),
            attended=Count("pk", filter=Q(attended=True)),
        )
        .values_list("kind", "held", "published", "attended")
    )
    counts = {}
    for kind, held, published, attended in rows:
        label = str(MeetingKind(kind).label)
        counts[label] = MeetingCount(label, held, published, attended)
    return ordered(counts)


def meeting_facts(body: Body, year: int) -> tuple[MeetingCount, ...]:
    """The meetings ``body`` held in ``year`` by kind, with their minutes published by the end
    of the year (``OpennessFacts.meetings``)."""
    return count_by_kind(Meeting.objects.filter(body=body), year)


def meeting_counts(body_ids: Iterable[int], year: int) -> dict[str, int]:
    """Kind label → meetings held in ``year`` by the bodies ``body_ids`` (for charts)."""
    facts = count_by_kind(Meeting.objects.filter(body_id__in=list(body_ids)), year)
    return {m.kind: m.held for m in facts}


def meeting_rows(meetings: MeetingQuerySet) -> list[MeetingRow]:
    """The rows as the domain reads them (tests compare the two counts)."""
    return [
        MeetingRow(str(m.get_kind_display()), m.held_on, m.minutes_date, m.attended)
        for m in meetings.select_related("minutes_item")
    ]
