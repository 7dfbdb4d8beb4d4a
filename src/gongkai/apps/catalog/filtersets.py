"""Filters of the catalog lists (django-filter).

Every filter is an indexed comparison, so the list stays fast with a million items: the year is
a range on ``made_on`` (not ``__year``), 超过第二十六条期限未发布 one date comparison
(:meth:`CatalogItemQuerySet.publication_overdue`, as on the 超期未发布 list and the badges), the
search a ``contains`` on three columns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.choices import (
    CONTENT_CHOICES,
    CategoryChoice,
    DisclosureChoice,
    ValidityChoice,
)
from gongkai.apps.catalog.models import CatalogItem, CatalogItemQuerySet, CatalogNode
from gongkai.apps.orgs.models import Body
from gongkai.kernel.filtersets import BaseFilterSet, search_filter, year_filter

__all__ = ["CatalogItemFilterSet", "PublicItemFilterSet"]

_YES = [("true", _("是"))]


def _item_search() -> Any:
    return search_filter(
        ["title", "doc_number", "index_number"],
        label=_("搜索"),
        placeholder=_("名称、文号或索引号"),
    )


def _content_filter() -> Any:
    """条例第二十条、第二十一条的公开内容 (an equality on the indexed ``content``)."""
    return django_filters.ChoiceFilter(
        choices=CONTENT_CHOICES,
        label=_("公开内容"),
        empty_label=_("全部公开内容"),
        null_label=_("未标明公开内容"),
    )


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else Body.objects.none()


def _nodes(request: Any) -> Any:
    if request is None:
        return CatalogNode.objects.none()
    return (
        CatalogNode.objects.leaves()
        .filter(body__in=Body.objects.restrict(request.user).values("pk"))
        .select_related("body")
        .order_by("body__path", "order", "pk")
    )


class CatalogItemFilterSet(BaseFilterSet):
    """The filters of /catalog/; the queryset passed in is already restricted."""

    q = _item_search()
    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("机关"), empty_label=_("全部机关")
    )
    year = year_filter(
        method="filter_year",
        label=_("成文年度"),
        first=1900,
        widget=forms.NumberInput(attrs={"min": 1990}),
    )
    node = django_filters.ModelChoiceFilter(
        queryset=_nodes, label=_("信息分类"), empty_label=_("全部目录")
    )
    category = django_filters.ChoiceFilter(
        choices=CategoryChoice.choices, label=_("信息类别"), empty_label=_("全部类别")
    )
    content = _content_filter()
    disclosure = django_filters.ChoiceFilter(
        choices=DisclosureChoice.choices, label=_("公开属性"), empty_label=_("全部")
    )
    validity = django_filters.ChoiceFilter(
        choices=ValidityChoice.choices, label=_("有效性"), empty_label=_("全部")
    )
    publication_overdue = django_filters.ChoiceFilter(
        choices=_YES,
        method="filter_publication_overdue",
        label=_("超过第二十六条期限未发布"),
        empty_label=_("全部"),
    )
    awaiting_review = django_filters.ChoiceFilter(
        choices=_YES,
        method="filter_awaiting_review",
        label=_("待保密审查"),
        empty_label=_("全部"),
    )

    class Meta:
        model = CatalogItem
        fields = [
            "q",
            "body",
            "year",
            "node",
            "category",
            "content",
            "disclosure",
            "validity",
            "publication_overdue",
            "awaiting_review",
        ]

    def filter_year(self, queryset: CatalogItemQuerySet, name: str, value: int | None) -> Any:
        if value is None:
            return queryset
        return queryset.filter(made_on__gte=date(value, 1, 1), made_on__lte=date(value, 12, 31))

    def filter_publication_overdue(
        self, queryset: CatalogItemQuerySet, name: str, value: str
    ) -> Any:
        return queryset.publication_overdue(timezone.localdate()) if value == "true" else queryset

    def filter_awaiting_review(self, queryset: CatalogItemQuerySet, name: str, value: str) -> Any:
        return queryset.awaiting_secrecy_review() if value == "true" else queryset


class PublicItemFilterSet(BaseFilterSet):
    """The search of a body's public catalog."""

    q = _item_search()
    content = _content_filter()

    class Meta:
        model = CatalogItem
        fields = ["q", "content"]
