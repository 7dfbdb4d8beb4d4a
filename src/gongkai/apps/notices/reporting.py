"""The offline-channel facts of a body's annual report of year Y, counted in the database.

The rule is the domain's (:func:`gongkai.domain.openness.offline.channel_publications`): a
notice counts in the year it was posted, under the catalog channel its channel maps to, unless
it is linked to a catalog item (that item counts already). One ``GROUP BY channel`` query over
the rows of Y (``OfflineNotice.objects.channel_publications(year)``); the tests compare it with
the domain's count on the same rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count

from gongkai.apps.notices.choices import NoticeChannel
from gongkai.apps.notices.models import NoticeQuerySet, OfflineNotice
from gongkai.apps.orgs.models import Body
from gongkai.domain.openness.offline import NoticeRow, by_catalog_channel

__all__ = [
    "by_notice_channel",
    "channel_publications",
    "notice_facts",
    "notice_rows",
    "offline_counts",
]


def by_notice_channel(notices: NoticeQuerySet, year: int) -> dict[str, int]:
    """Offline channel label (公示栏, 广播 …) → notices of ``year`` among ``notices`` that count
    as channel publications (one query)."""
    rows = (
        notices.channel_publications(year)
        .order_by()
        .values("channel")
        .annotate(n=Count("pk"))
        .values_list("channel", "n")
    )
    found = dict(rows)
    return {str(c.label): found[c.value] for c in NoticeChannel if found.get(c.value)}


def notice_facts(body: Body, year: int) -> dict[str, int]:
    """Offline channel label (公示栏, 宣传栏, 广播, 电视, LED屏, 其他) → the notices ``body``
    posted (aired) in ``year`` that are not linked to a catalog item
    (``OpennessFacts.offline_notices``)."""
    return by_notice_channel(OfflineNotice.objects.filter(body=body), year)


def channel_publications(body: Body, year: int) -> dict[str, int]:
    """Catalog channel label (公开栏, 广播电视, 其他) → the same notices under the catalog
    channel their channel maps to: what to add to the catalog's publications per channel (the
    linked notices are left out, their items count already)."""
    return by_catalog_channel(notice_facts(body, year))


def offline_counts(body_ids: Iterable[int], year: int) -> dict[str, int]:
    """Offline channel label → counted notices of ``year`` of the bodies ``body_ids`` (charts)."""
    return by_notice_channel(OfflineNotice.objects.filter(body_id__in=list(body_ids)), year)


def notice_rows(notices: NoticeQuerySet) -> list[NoticeRow]:
    """The rows as the domain reads them (tests compare the two counts)."""
    return [
        NoticeRow(str(n.get_channel_display()), n.posted_on, n.item_id is not None) for n in notices
    ]
