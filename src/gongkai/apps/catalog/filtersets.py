"""Filters of the catalog item list (django-filter).

Every filter is an indexed comparison, so the list stays fast with a million items: the year is
a range on ``made_on`` (not ``__year``), the art. 26 flag one date comparison
(:meth:`CatalogItemQuerySet.overdue_unpublished`), the search a ``contains`` on three columns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.catalog.choices import CategoryChoice, DisclosureChoice, ValidityChoice
from gongkai.apps.catalog.models import CatalogItem, CatalogNode, overdue_unpublished_q
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import bootstrapify

__all__ = ["CatalogItemFilterSet", "search_items"]

_YES = [("true", _("是"))]


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else []


def _nodes(request: Any) -> Any:
    if request is None:
        return CatalogNode.objects.none()
    return (
        CatalogNode.objects.leaves()
        .filter(body__in=Body.objects.restrict(request.user).values("pk"))
        .select_related("body")
        .order_by("body__path", "order", "pk")
    )


def search_items(queryset: QuerySet[CatalogItem], value: str) -> QuerySet[CatalogItem]:
    """Title, 文号 or 索引号 containing ``value`` (``contains``: Chinese has no case)."""
    value = value.strip()
    if not value:
        return queryset
    return queryset.filter(
        Q(title__contains=value) | Q(doc_number__contains=value) | Q(index_number__contains=value)
    )


class CatalogItemFilterSet(django_filters.FilterSet):  # type: ignore[misc]
    """The filters of /catalog/; the queryset passed in is already restricted."""

    q = django_filters.CharFilter(
        method="search",
        label=_("搜索"),
        widget=forms.TextInput(attrs={"placeholder": _("名称、文号或索引号")}),
    )
    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("机关"), empty_label=_("全部机关")
    )
    year = django_filters.NumberFilter(
        method="filter_year", label=_("成文年度"), widget=forms.NumberInput(attrs={"min": 1990})
    )
    node = django_filters.ModelChoiceFilter(
        queryset=_nodes, label=_("信息分类"), empty_label=_("全部目录")
    )
    category = django_filters.ChoiceFilter(
        choices=CategoryChoice.choices, label=_("信息类别"), empty_label=_("全部类别")
    )
    disclosure = django_filters.ChoiceFilter(
        choices=DisclosureChoice.choices, label=_("公开属性"), empty_label=_("全部")
    )
    validity = django_filters.ChoiceFilter(
        choices=ValidityChoice.choices, label=_("有效性"), empty_label=_("全部")
    )
    overdue = django_filters.ChoiceFilter(
        choices=_YES,
        method="filter_overdue",
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
            "disclosure",
            "validity",
            "overdue",
            "awaiting_review",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.error_messages["invalid_choice"] = _("所选项不在可选范围内。")
        self.form.fields["year"].error_messages["invalid"] = _("年度应为四位数字。")
        bootstrapify(self.form)

    def search(self, queryset: QuerySet[CatalogItem], name: str, value: str) -> Any:
        return search_items(queryset, value)

    def filter_year(self, queryset: QuerySet[CatalogItem], name: str, value: Any) -> Any:
        if value is None:
            return queryset
        year = int(value)
        if not 1900 <= year <= 2200:
            return queryset.none()
        return queryset.filter(made_on__gte=date(year, 1, 1), made_on__lte=date(year, 12, 31))

    def filter_overdue(self, queryset: QuerySet[CatalogItem], name: str, value: str) -> Any:
        if value != "true":
            return queryset
        return queryset.filter(overdue_unpublished_q(timezone.localdate()))

    def filter_awaiting_review(self, queryset: QuerySet[CatalogItem], name: str, value: str) -> Any:
        if value != "true":
            return queryset
        return queryset.filter(
            disclosure=DisclosureChoice.PROACTIVE, published_on__isnull=True, secrecy_conclusion=""
        )
