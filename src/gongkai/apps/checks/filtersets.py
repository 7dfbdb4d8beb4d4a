"""Filters of a user's report checks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.apps.checks.models import ReportCheck
from gongkai.kernel.filtersets import BaseFilterSet, search_filter, year_filter

__all__ = ["ReportCheckFilterSet"]


class ReportCheckFilterSet(BaseFilterSet):
    q = search_filter(["filename", "org"], label=_("搜索"), placeholder=_("文件名或单位"))
    year = year_filter(label=_("年度"))

    class Meta:
        model = ReportCheck
        fields = ["q", "year"]
