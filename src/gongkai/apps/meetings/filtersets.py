"""Filters of the meeting list: a search, body, year, kind, minutes published or not (the
model's words: ``of_year``, ``minutes_published`` / ``unpublished``)."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django.utils.translation import gettext_lazy as _

from gongkai.apps.meetings.choices import MeetingKind, MinutesState
from gongkai.apps.meetings.models import Meeting, MeetingQuerySet
from gongkai.apps.orgs.models import Body
from gongkai.kernel.filtersets import BaseFilterSet, search_filter

__all__ = ["MeetingFilterSet", "year_choices"]


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else Body.objects.none()


def year_choices(queryset: Any, field: str) -> list[tuple[str, str]]:
    """The years from the first to the last record (two index look-ups) and this year."""
    from django.db.models import Max, Min
    from django.utils import timezone

    years = {timezone.localdate().year}
    if queryset is not None:
        span = queryset.order_by().aggregate(first=Min(field), last=Max(field))
        if span["first"] is not None:
            years.update(range(span["first"].year, span["last"].year + 1))
    return [(str(y), _("%(year)s 年") % {"year": y}) for y in sorted(years, reverse=True)]


class MeetingFilterSet(BaseFilterSet):
    """/meetings/: search, body, year, kind, minutes."""

    q = search_filter(
        ["title", "topics", "attendees"], label=_("搜索"), placeholder=_("会议名称或议题")
    )
    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("机关"), empty_label=_("全部机关")
    )
    year = django_filters.ChoiceFilter(
        method="filter_year", label=_("年度"), empty_label=_("全部年度")
    )
    kind = django_filters.ChoiceFilter(
        choices=MeetingKind.choices, label=_("会议类别"), empty_label=_("全部类别")
    )
    minutes = django_filters.ChoiceFilter(
        choices=MinutesState.choices,
        method="filter_minutes",
        label=_("纪要"),
        empty_label=_("全部"),
    )

    class Meta:
        model = Meeting
        fields = ["q", "body", "year", "kind", "minutes"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["year"].choices = year_choices(self.queryset, "held_on")

    def filter_year(self, queryset: MeetingQuerySet, name: str, value: str) -> Any:
        return queryset.of_year(int(value))

    def filter_minutes(self, queryset: MeetingQuerySet, name: str, value: str) -> Any:
        if value == MinutesState.PUBLISHED:
            return queryset.minutes_published()
        return queryset.unpublished()
