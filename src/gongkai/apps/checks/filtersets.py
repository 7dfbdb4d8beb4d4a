"""Filters of a user's report checks, and of the files of a batch check."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from gongkai.apps.checks.models import BatchReport, BatchRuleCount, ReportCheck
from gongkai.domain.render.layout import SEVERITY_LABELS
from gongkai.kernel.filtersets import BaseFilterSet, search_filter, year_filter

__all__ = ["BatchReportFilterSet", "ReportCheckFilterSet"]


class ReportCheckFilterSet(BaseFilterSet):
    q = search_filter(["filename", "org"], label=_("搜索"), placeholder=_("文件名或单位"))
    year = year_filter(label=_("年度"))

    class Meta:
        model = ReportCheck
        fields = ["q", "year"]


def _kept(queryset: QuerySet[Any], _name: str, _value: str) -> QuerySet[Any]:
    return queryset  # rule and severity are applied together (filter_queryset)


class BatchReportFilterSet(BaseFilterSet):
    """The files of one batch (the queryset given), narrowed to a body, and to the reports
    with a finding of a rule and/or a severity. The bodies and rules offered are those of the
    batch (two queries on its summary rows)."""

    org = django_filters.ChoiceFilter(label=_("机关"), empty_label=_("全部"))
    rule = django_filters.ChoiceFilter(label=_("规则"), empty_label=_("全部"), method=_kept)
    severity = django_filters.ChoiceFilter(
        label=_("级别"), empty_label=_("全部"), choices=list(SEVERITY_LABELS.items()), method=_kept
    )

    class Meta:
        model = BatchReport
        fields = ["org", "rule", "severity"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = self.queryset
        orgs = rows.exclude(org="").order_by("org").values_list("org", flat=True).distinct()
        rules = (
            BatchRuleCount.objects.filter(report__in=rows.values("pk"))
            .order_by("rule")
            .values_list("rule", flat=True)
            .distinct()
        )
        self.form.fields["org"].choices = [("", _("全部")), *((org, org) for org in orgs)]
        self.form.fields["rule"].choices = [("", _("全部")), *((rule, rule) for rule in rules)]

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        rule, severity = self.form.cleaned_data.get("rule"), self.form.cleaned_data.get("severity")
        if not rule and not severity:
            return queryset
        counts = BatchRuleCount.objects.filter(report=OuterRef("pk"))
        if rule:
            counts = counts.filter(rule=rule)
        if severity:
            counts = counts.filter(severity=severity)
        return queryset.filter(Exists(counts))
