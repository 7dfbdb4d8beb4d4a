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
    InterpretationKind,
    ValidityChoice,
)
from gongkai.apps.catalog.models import (
    CatalogItem,
    CatalogItemQuerySet,
    CatalogNode,
    Interpretation,
    InterpretationQuerySet,
)
from gongkai.apps.catalog.search import MAX_QUERY_LENGTH, search_public, search_terms
from gongkai.apps.orgs.models import Body
from gongkai.kernel.filtersets import BaseFilterSet, search_filter, year_filter

__all__ = [
    "CatalogItemFilterSet",
    "InterpretationFilterSet",
    "PublicItemFilterSet",
    "SearchFilterSet",
]

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


class _BodyField(django_filters.fields.ModelChoiceField):  # type: ignore[misc]
    """A body in the tree's order, indented by its depth (the select reads as the tree)."""

    def label_from_instance(self, obj: Body) -> str:
        return "\u3000" * obj.depth + obj.name


class _BodyFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]
    field_class = _BodyField


class SearchFilterSet(BaseFilterSet):
    """The search page (/catalog/search/): the words and the filters, read by
    :func:`gongkai.apps.catalog.search.search_public`, which starts from the same public items
    (:meth:`CatalogItemQuerySet.public`) as the view; ``below`` widens the 机关 to its subtree
    (:meth:`BodyQuerySet.subtree`). No words: no search (the page says what to type)."""

    q = django_filters.CharFilter(
        method="filter_nothing",
        label=_("检索词"),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": _("名称、文号、索引号或机关名称中的文字"),
                "maxlength": MAX_QUERY_LENGTH,
                "enterkeyhint": "search",
            }
        ),
        error_messages={
            "null_characters_not_allowed": _("检索词含有不可见的空字符，请删除后再检索。")
        },
    )
    body = _BodyFilter(
        queryset=Body.objects.order_by("path"),
        method="filter_nothing",
        label=_("机关"),
        empty_label=_("全部机关"),
    )
    below = django_filters.BooleanFilter(
        method="filter_nothing", label=_("含下级机关"), widget=forms.CheckboxInput
    )
    year = year_filter(
        method="filter_nothing",
        label=_("成文年度"),
        widget=forms.NumberInput(attrs={"min": 1990, "inputmode": "numeric"}),
    )
    category = django_filters.ChoiceFilter(
        choices=CategoryChoice.choices,
        method="filter_nothing",
        label=_("信息类别"),
        empty_label=_("全部类别"),
    )
    validity = django_filters.ChoiceFilter(
        choices=ValidityChoice.choices,
        method="filter_nothing",
        label=_("有效性"),
        empty_label=_("全部"),
    )

    class Meta:
        model = CatalogItem
        fields = ["q", "body", "below", "year", "category", "validity"]

    @property
    def terms(self) -> str:
        """The words searched (whitespace folded, bounded); empty before a valid search."""
        if not self.is_valid():
            return ""
        return search_terms(self.form.cleaned_data.get("q") or "")

    def filter_nothing(self, queryset: Any, name: str, value: Any) -> Any:
        return queryset  # every field is read at once by filter_queryset

    def filter_queryset(self, queryset: CatalogItemQuerySet) -> Any:
        if not self.terms:
            return queryset.none()
        data = self.form.cleaned_data
        body: Body | None = data.get("body")
        bodies: Any = None
        if body is not None and data.get("below"):
            # The subtree's ids read first (a jurisdiction has at most a few hundred bodies): a
            # subquery steered SQLite away from the body index (4× slower, docs/search.md).
            bodies = list(Body.objects.subtree(body).values_list("pk", flat=True))
        elif body is not None:
            bodies = body
        return search_public(
            self.terms,
            bodies=bodies,
            year=data.get("year"),
            category=data.get("category") or None,
            validity=data.get("validity") or None,
        ).with_files()


class InterpretationFilterSet(BaseFilterSet):
    """The filters of /catalog/interpretations/: a search, body, form, published or draft, the
    year published (:meth:`InterpretationQuerySet.published_in`)."""

    q = search_filter(["title", "item__title"], label=_("搜索"), placeholder=_("解读或文件名称"))
    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("机关"), empty_label=_("全部机关")
    )
    kind = django_filters.ChoiceFilter(
        choices=InterpretationKind.choices, label=_("解读形式"), empty_label=_("全部形式")
    )
    state = django_filters.ChoiceFilter(
        choices=[("published", _("已发布")), ("draft", _("未发布"))],
        method="filter_state",
        label=_("发布情况"),
        empty_label=_("全部"),
    )
    year = year_filter(method="filter_year", label=_("发布年度"))

    class Meta:
        model = Interpretation
        fields = ["q", "body", "kind", "state", "year"]

    def filter_state(
        self, queryset: InterpretationQuerySet, name: str, value: str
    ) -> InterpretationQuerySet:
        return queryset.drafts() if value == "draft" else queryset.published()

    def filter_year(
        self, queryset: InterpretationQuerySet, name: str, value: int | None
    ) -> InterpretationQuerySet:
        return queryset if value is None else queryset.published_in(value)
