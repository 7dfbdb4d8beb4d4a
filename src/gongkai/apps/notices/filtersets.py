"""Filters of the notice list: a search, body, year, channel, place, linked or not (the
model's words: ``of_year``, ``linked`` / ``unlinked``)."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.notices.choices import LinkState, NoticeChannel, PlaceKind
from gongkai.apps.notices.models import NoticeQuerySet, OfflineNotice
from gongkai.apps.orgs.models import Body
from gongkai.kernel.filtersets import BaseFilterSet, search_filter

__all__ = ["NoticeFilterSet"]


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else Body.objects.none()


class NoticeFilterSet(BaseFilterSet):
    """/notices/: search, body, year, channel, place, link."""

    q = search_filter(["title", "place_name"], label=_("搜索"), placeholder=_("标题或村（社区）"))
    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("机关"), empty_label=_("全部机关")
    )
    year = django_filters.ChoiceFilter(
        method="filter_year", label=_("年度"), empty_label=_("全部年度")
    )
    channel = django_filters.ChoiceFilter(
        choices=NoticeChannel.choices, label=_("渠道"), empty_label=_("全部渠道")
    )
    place_kind = django_filters.ChoiceFilter(
        choices=PlaceKind.choices, label=_("地点"), empty_label=_("全部地点")
    )
    link = django_filters.ChoiceFilter(
        choices=LinkState.choices, method="filter_link", label=_("目录信息"), empty_label=_("全部")
    )

    class Meta:
        model = OfflineNotice
        fields = ["q", "body", "year", "channel", "place_kind", "link"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = {timezone.localdate().year}
        if self.queryset is not None:
            span = self.queryset.order_by().aggregate(first=Min("posted_on"), last=Max("posted_on"))
            if span["first"] is not None:
                years.update(range(span["first"].year, span["last"].year + 1))
        self.form.fields["year"].choices = [
            (str(y), _("%(year)s 年") % {"year": y}) for y in sorted(years, reverse=True)
        ]

    def filter_year(self, queryset: NoticeQuerySet, name: str, value: str) -> Any:
        return queryset.of_year(int(value))

    def filter_link(self, queryset: NoticeQuerySet, name: str, value: str) -> Any:
        return queryset.linked() if value == LinkState.LINKED else queryset.unlinked()
