"""sitemap.xml, an index of the ``sitemap-<section>.xml`` pages of the public pages: every
body's 专栏 and 指南, its public catalog, every published 主动公开 item and every published
annual report (nothing else is public)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

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


class CatalogItemSitemap(Sitemap):  # type: ignore[type-arg]
    """Every public item, 5,000 a page (``?p=``): a page is built in well under a second
    however many items there are (the index lists the pages)."""

    changefreq = "monthly"
    limit = 5000

    def items(self) -> QuerySet[CatalogItem]:
        return CatalogItem.objects.public().order_by("pk").only("pk", "published_on")

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


SITEMAPS: dict[str, type[Sitemap]] = {  # type: ignore[type-arg]
    "bodies": BodyPagesSitemap,
    "catalog": CatalogItemSitemap,
    "reports": ReportSitemap,
}
