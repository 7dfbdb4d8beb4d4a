"""Filters of the staff list of 网上申请."""

from __future__ import annotations

import django_filters  # type: ignore[import-untyped]
from django.utils.translation import gettext_lazy as _

from gongkai.apps.online.choices import OnlineRequestStatus
from gongkai.apps.online.models import OnlineRequest
from gongkai.kernel.filtersets import BaseFilterSet, search_filter

__all__ = ["OnlineRequestFilterSet"]


class OnlineRequestFilterSet(BaseFilterSet):
    q = search_filter(
        ["tracking_code", "applicant_name", "content"],
        label=_("搜索"),
        placeholder=_("查询编号、申请人或申请内容"),
    )
    status = django_filters.ChoiceFilter(
        choices=OnlineRequestStatus.choices, label=_("确认状态"), empty_label=_("全部")
    )

    class Meta:
        model = OnlineRequest
        fields = ["q", "status"]
