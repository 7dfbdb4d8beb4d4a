"""Filters of the 行政事项统计 lists (django-filter): the matters on the lists on a date, the
decisions and the money records of a year (this year unless another is asked), by body,
category and name."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_filters  # type: ignore[import-untyped]
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.choices import (
    DecisionCategoryChoice,
    MatterCategoryChoice,
    MoneyCategoryChoice,
)
from gongkai.apps.stats.models import (
    Decision,
    DecisionQuerySet,
    Matter,
    MatterQuerySet,
    MoneyRecord,
    MoneyRecordQuerySet,
)
from gongkai.kernel.filtersets import BaseFilterSet, search_filter, year_filter
from gongkai.kernel.forms import DateInput

__all__ = ["DecisionFilterSet", "MatterFilterSet", "MoneyFilterSet"]


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else Body.objects.none()


def _body_filter() -> Any:
    return django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("机关"), empty_label=_("全部机关")
    )


def _category_filter(choices: Any) -> Any:
    return django_filters.ChoiceFilter(choices=choices, label=_("类别"), empty_label=_("全部类别"))


class MatterFilterSet(BaseFilterSet):
    """The 事项清单: by name, body, category, and the matters on a list on a date."""

    q = search_filter(["name"], label=_("事项名称"), placeholder=_("事项名称"))
    on = django_filters.DateFilter(
        method="filter_listed_on",
        label=_("在清单上的日期"),
        widget=DateInput(),
        help_text=_("只列出该日在清单上的事项（已生效、未取消）。"),
    )
    category = _category_filter(MatterCategoryChoice.choices)
    body = _body_filter()

    class Meta:
        model = Matter
        fields = ["q", "on", "category", "body"]

    def filter_listed_on(self, queryset: MatterQuerySet, name: str, value: date) -> Any:
        return queryset.listed_on(value)

    def listed_on(self) -> date | None:
        """The date asked for (None: every matter, whenever listed)."""
        if not self.is_valid():
            return None
        day: date | None = self.form.cleaned_data.get("on")
        return day


class _YearFilterSet(BaseFilterSet):
    """The records of one year: ``year`` (this year when not given), then body and category."""

    year = year_filter(label=_("年度"), method="filter_year")
    body = _body_filter()

    def __init__(self, data: QueryDict | None = None, *args: Any, **kwargs: Any) -> None:
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("year"):
            data["year"] = str(timezone.localdate().year)
        super().__init__(data, *args, **kwargs)

    def filter_year(
        self, queryset: DecisionQuerySet | MoneyRecordQuerySet, name: str, value: int
    ) -> Any:
        return queryset.of_year(int(value))

    def shown_year(self) -> int:
        """The year listed (this year while the filter is invalid)."""
        if self.is_valid():
            return int(self.form.cleaned_data["year"])
        return timezone.localdate().year


class DecisionFilterSet(_YearFilterSet):
    q = search_filter(["matter_name"], label=_("事项名称"), placeholder=_("事项名称"))
    category = _category_filter(DecisionCategoryChoice.choices)

    class Meta:
        model = Decision
        fields = ["q", "year", "category", "body"]


class MoneyFilterSet(_YearFilterSet):
    q = search_filter(["item_name"], label=_("项目名称"), placeholder=_("项目名称"))
    category = _category_filter(MoneyCategoryChoice.choices)

    class Meta:
        model = MoneyRecord
        fields = ["q", "year", "category", "body"]
