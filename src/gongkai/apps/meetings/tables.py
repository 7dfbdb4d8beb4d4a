"""The meeting list (django-tables2) and the badge of the minutes' publication."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongkai.apps.meetings.models import Meeting
from gongkai.kernel.tables import BaseTable, DateColumn

__all__ = ["MeetingTable", "minutes_badge"]


def minutes_badge(meeting: Meeting) -> SafeString:
    """纪要已公开 (green) or 纪要未公开 (amber), as of today."""
    if meeting.minutes_public_on():
        return format_html('<span class="badge text-bg-success">{}</span>', _("纪要已公开"))
    return format_html('<span class="badge text-bg-warning">{}</span>', _("纪要未公开"))


class MeetingTable(BaseTable):
    """/meetings/"""

    noun = _("次会议")

    held_on = DateColumn(verbose_name=_("召开日期"))
    kind = tables.Column(verbose_name=_("会议类别"), attrs={"td": {"class": "text-nowrap"}})
    title = tables.Column(
        verbose_name=_("会议名称"), linkify=True, attrs={"td": {"class": "gk-stack-title"}}
    )
    body = tables.Column(verbose_name=_("机关"), order_by=("body__path",))
    attended = tables.BooleanColumn(verbose_name=_("列席"), yesno=("有,—"))
    minutes = tables.Column(verbose_name=_("纪要"), accessor="pk", orderable=False)

    class Meta(BaseTable.Meta):
        model = Meeting
        fields = ("held_on", "kind", "title", "body", "attended", "minutes")
        # On a phone each row is a card (gongkai.css: .gk-stack), its title first.
        attrs = {"class": f"{BaseTable.Meta.attrs['class']} gk-stack"}
        empty_text = _("没有符合条件的会议。")

    def render_minutes(self, record: Meeting, **kwargs: Any) -> SafeString:
        return minutes_badge(record)
