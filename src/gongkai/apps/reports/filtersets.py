"""Filters of the annual report lists: the year and a body's name."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.annual import FIRST_YEAR, report_year
from gongkai.apps.reports.models import AnnualReport
from gongkai.kernel.filtersets import BaseFilterSet, search_filter

__all__ = ["AnnualIndexFilterSet", "PublishedReportFilterSet"]


class AnnualIndexFilterSet(BaseFilterSet):
    """The user's bodies: by name; ``year`` chooses which year's reports the table shows (the
    view reads it, the bodies are not filtered by it)."""

    q = search_filter(["name"], label=_("机关名称"), placeholder=_("机关名称"))
    year = django_filters.ChoiceFilter(label=_("年度"), empty_label=None, method="report_year")

    class Meta:
        model = Body
        fields = ["q", "year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = range(report_year(None) + 1, FIRST_YEAR - 1, -1)
        self.form.fields["year"].choices = [(str(y), str(y)) for y in years]

    def report_year(self, queryset: QuerySet[Body], name: str, value: Any) -> QuerySet[Body]:
        return queryset


class PublishedReportFilterSet(BaseFilterSet):
    q = search_filter(["body__name"], label=_("机关名称"), placeholder=_("机关名称"))
    year = django_filters.ChoiceFilter(label=_("年度"), empty_label=_("全部"))

    class Meta:
        model = AnnualReport
        fields = ["q", "year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = (
            AnnualReport.objects.published()
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        )
        self.form.fields["year"].choices = [(str(y), str(y)) for y in years]
