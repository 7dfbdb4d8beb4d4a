"""Filters of the case list (django-filter): a search over the case and application numbers,
the type, 尚未审结/已审结 (the model's words, ``ReviewCaseQuerySet.pending`` / ``closed``), the
filing date range."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django.utils.translation import gettext_lazy as _

from gongkai.apps.cases.choices import CaseKindChoice
from gongkai.apps.cases.models import ReviewCase, ReviewCaseQuerySet
from gongkai.kernel.filtersets import (
    BaseFilterSet,
    date_from_filter,
    date_to_filter,
    search_filter,
)

__all__ = ["CaseFilterSet"]

PENDING, CLOSED = "pending", "closed"


class CaseFilterSet(BaseFilterSet):
    """The filters of /cases/; the queryset passed in is already restricted."""

    q = search_filter(
        ["number", "application__number"],
        label=_("搜索"),
        placeholder=_("案件编号或关联申请编号"),
    )
    kind = django_filters.ChoiceFilter(
        choices=CaseKindChoice.choices, label=_("类型"), empty_label=_("全部类型")
    )
    state = django_filters.ChoiceFilter(
        choices=[(PENDING, _("尚未审结")), (CLOSED, _("已审结"))],
        method="filter_state",
        label=_("审结情况"),
        empty_label=_("全部"),
    )
    filed_after = date_from_filter("filed_on", _("立案日期自"))
    filed_before = date_to_filter("filed_on", _("立案日期至"))

    class Meta:
        model = ReviewCase
        fields = ["q", "kind", "state", "filed_after", "filed_before"]

    def filter_state(self, queryset: ReviewCaseQuerySet, name: str, value: str) -> Any:
        if value == PENDING:
            return queryset.pending()
        if value == CLOSED:
            return queryset.closed()
        return queryset
