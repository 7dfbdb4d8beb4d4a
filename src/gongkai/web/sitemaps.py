"""sitemap.xml, an index of the ``sitemap-<section>.xml`` pages of the public pages: every
body's 专栏 and 指南, its public catalog, every published 主动公开 item and every published
annual report (nothing else is public)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport

__all__ = ["SITEMAPS"]


class BodyPagesSitemap(Sitemap):  # type: ignore[type-arg]
    """The 专栏, 指南 and public catalog of every body."""

    changefreq = "weekly"
    _names = ("column:body", "column:guide", "catalog:public")

    def items(self) -> list[tuple[str, int]]:
        pks = Body.objects.order_by("path").values_list("pk", flat=True)
        return [(name, pk) for pk in pks for name in self._names]

    def location(self, item: tuple[str, int]) -> str:
        name, pk = item
        return reverse(name, args=[pk])


@dataclass(frozen=True)
class _Window:
    object_list: list[Any]


class _IdWindows:
    """Django's sitemap paginator, by id windows: page ``p`` lists the public items whose id
    is in ``((p - 1) * limit, p * limit]`` — a primary-key range read, no ``COUNT`` of the
    public items and no ``OFFSET`` (each cost a scan of the whole table at 1,000,000 items).
    A page may hold fewer than ``limit`` addresses (ids of items that are not public, or were
    deleted, leave gaps); the number of pages is read from the highest id."""

    def __init__(self, items: QuerySet[CatalogItem], limit: int) -> None:
        self.items = items
        self.limit = limit

    @cached_property
    def num_pages(self) -> int:
        top = CatalogItem.objects.aggregate(top=Max("pk"))["top"] or 0
        return max(1, -(-top // self.limit))

    def page(self, number: Any) -> _Window:
        try:
            p = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("页码应为整数。")) from None
        if not 1 <= p <= self.num_pages:
            raise EmptyPage(_("没有这一页。"))
        first = (p - 1) * self.limit
        return _Window(list(self.items.filter(pk__gt=first, pk__lte=first + self.limit)))


class CatalogItemSitemap(Sitemap):  # type: ignore[type-arg]
    """Every public item, a page per 1,000 ids (``?p=``, :class:`_IdWindows`): the index and
    every page are a few indexed reads however many items there are
    (``benchmarks/bench_sitemap.py``)."""

    changefreq = "monthly"
    limit = 1000

    def items(self) -> QuerySet[CatalogItem]:
        return CatalogItem.objects.public().order_by("pk").only("pk", "published_on")

    @property
    def paginator(self) -> Any:
        return _IdWindows(self.items(), self.limit)

    def get_latest_lastmod(self) -> Any:
        # Django's default reads lastmod() of every item; the newest publication day is one
        # read of the published_on index.
        return CatalogItem.objects.public().aggregate(last=Max("published_on"))["last"]

    def location(self, item: CatalogItem) -> str:
        return reverse("catalog:public_item", args=[item.pk])

    def lastmod(self, item: CatalogItem) -> date | None:
        return item.published_on


class ReportSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "yearly"

    def items(self) -> QuerySet[AnnualReport]:
        return AnnualReport.objects.published().order_by("body_id", "year")

    def location(self, item: AnnualReport) -> str:
        return reverse("reports:annual_published", args=[item.body_id, item.year])

    def lastmod(self, item: AnnualReport) -> Any:
        return item.published_at

    def get_latest_lastmod(self) -> Any:
        return AnnualReport.objects.published().aggregate(last=Max("published_at"))["last"]


SITEMAPS: dict[str, type[Sitemap]] = {  # type: ignore[type-arg]
    "bodies": BodyPagesSitemap,
    "catalog": CatalogItemSitemap,
    "reports": ReportSitemap,
}
