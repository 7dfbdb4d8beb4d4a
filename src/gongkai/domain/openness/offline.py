"""Offline channels (公示栏, 宣传栏, 广播, 电视, LED屏 …): how a notice posted offline counts.

The catalog counts its items' publications by channel (``CATALOG_CHANNELS`` of
:mod:`gongkai.domain.ledgers.catalog`: 政府网站, 政务新媒体, 公开栏, 广播电视, 便民手册, 其他).
An offline notice is counted under the catalog channel its own channel maps to
(:data:`CATALOG_CHANNEL_OF`, the one mapping), in the year it was posted (aired) — **unless it
is linked to a catalog item**: that item already counts in the catalog's channel figures, and
the notice is its evidence (a photo of the board), not a second publication.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS

__all__ = [
    "CATALOG_CHANNEL_OF",
    "NOTICE_CHANNELS",
    "NoticeRow",
    "by_catalog_channel",
    "channel_publications",
    "counts_as_channel_publication",
    "offline_publications",
]

#: The offline channels a notice is posted (aired) on, as the register names them.
NOTICE_CHANNELS: tuple[str, ...] = ("公示栏", "宣传栏", "广播", "电视", "LED屏", "其他")

#: Offline channel → the catalog channel it counts under (written once).
CATALOG_CHANNEL_OF: dict[str, str] = {
    "公示栏": "公开栏",
    "宣传栏": "公开栏",
    "LED屏": "公开栏",  # an electronic board beside the 公开栏
    "广播": "广播电视",
    "电视": "广播电视",
    "其他": "其他",
}
assert set(CATALOG_CHANNEL_OF) == set(NOTICE_CHANNELS)
assert set(CATALOG_CHANNEL_OF.values()) <= set(CATALOG_CHANNELS)


@dataclass(frozen=True)
class NoticeRow:
    """One offline notice as the count reads it."""

    channel: str  # a label of NOTICE_CHANNELS
    posted_on: date
    linked_to_item: bool = False


def counts_as_channel_publication(row: NoticeRow, year: int) -> bool:
    """The counting rule: a notice posted in ``year`` and not linked to a catalog item."""
    return row.posted_on.year == year and not row.linked_to_item


def by_catalog_channel(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts by offline channel → counts by catalog channel (in the catalog's order; channels
    with none left out; an unknown label counts under 其他)."""
    merged: dict[str, int] = {}
    for channel, n in counts.items():
        target = CATALOG_CHANNEL_OF.get(channel, "其他")
        merged[target] = merged.get(target, 0) + n
    return {c: merged[c] for c in CATALOG_CHANNELS if merged.get(c)}


def offline_publications(rows: Iterable[NoticeRow], year: int) -> dict[str, int]:
    """Offline channel label (公示栏, 广播 …) → the notices of ``year`` that count as channel
    publications (``OpennessFacts.offline_notices``; in the order of :data:`NOTICE_CHANNELS`)."""
    counts: dict[str, int] = {}
    for row in rows:
        if counts_as_channel_publication(row, year):
            counts[row.channel] = counts.get(row.channel, 0) + 1
    return {c: counts[c] for c in NOTICE_CHANNELS if counts.get(c)}


def channel_publications(rows: Iterable[NoticeRow], year: int) -> dict[str, int]:
    """Catalog channel label (公开栏, 广播电视, 其他) → the notices of ``year`` to add to the
    catalog's publications of that channel."""
    return by_catalog_channel(offline_publications(rows, year))
