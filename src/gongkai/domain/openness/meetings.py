"""会议公开: which meetings of a year count, and whose minutes count as published.

A meeting counts in the year it was held; its minutes (or decisions) count as published when
they were made public by 31 December of that year (:mod:`gongkai.domain.stats.openness`). The
minutes are published either by a catalog item (its publication date, when it is 主动公开) or
by a date typed in (a publication outside the catalog: a newspaper, a WeChat account).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.domain.stats.openness import MeetingCount

__all__ = ["MEETING_KINDS", "MeetingRow", "count_meetings", "minutes_published_by", "ordered"]

#: The kinds of meetings, as the annual report writes them, in the order it states them.
MEETING_KINDS: tuple[str, ...] = (
    "党委会议",
    "政府常务会议",
    "政府全体会议",
    "专题会议",
    "听证会",
    "座谈会",
    "其他会议",
)


@dataclass(frozen=True)
class MeetingRow:
    """One meeting as the count reads it: its kind label, the day it was held, the day its
    minutes were made public (None: not yet) and whether citizens or others attended (列席)."""

    kind: str
    held_on: date
    minutes_published_on: date | None = None
    attended: bool = False


def minutes_published_by(row: MeetingRow, day: date) -> bool:
    """Were the meeting's minutes (or decisions) public on ``day``?"""
    return row.minutes_published_on is not None and row.minutes_published_on <= day


def ordered(counts: Mapping[str, MeetingCount]) -> tuple[MeetingCount, ...]:
    """The counts in the report's order of kinds (:data:`MEETING_KINDS`), unknown labels last
    (by name); kinds with no meeting left out."""
    rank = {label: i for i, label in enumerate(MEETING_KINDS)}
    keys = sorted(counts, key=lambda k: (rank.get(k, len(rank)), k))
    return tuple(counts[k] for k in keys if counts[k].held)


def count_meetings(rows: Iterable[MeetingRow], year: int) -> tuple[MeetingCount, ...]:
    """The meetings held in ``year`` by kind: held, published by the end of the year, attended
    (the reading the database count of ``meetings.reporting`` follows)."""
    end = date(year, 12, 31)
    held: dict[str, list[int]] = {}
    for row in rows:
        if row.held_on.year != year:
            continue
        tally = held.setdefault(row.kind, [0, 0, 0])
        tally[0] += 1
        tally[1] += minutes_published_by(row, end)
        tally[2] += row.attended
    return ordered({k: MeetingCount(k, h, p, a) for k, (h, p, a) in held.items()})
