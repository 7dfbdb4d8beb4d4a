"""The notice list (django-tables2)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.translation import gettext_lazy as _

from gongkai.apps.notices.models import OfflineNotice
from gongkai.kernel.tables import BaseTable, DateColumn

__all__ = ["NoticeTable"]


class NoticeTable(BaseTable):
    """/notices/"""

    noun = _("条公示与广播")

    posted_on = DateColumn(verbose_name=_("张贴（播出）日期"))
    channel = tables.Column(verbose_name=_("渠道"), attrs={"td": {"class": "text-nowrap"}})
    place = tables.Column(verbose_name=_("地点"), accessor="place_name", order_by=("place_name",))
    title = tables.Column(
        verbose_name=_("标题"), linkify=True, attrs={"td": {"class": "gk-stack-title"}}
    )
    body = tables.Column(verbose_name=_("机关"), order_by=("body__path",))
    item = tables.Column(verbose_name=_("目录信息"), orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = OfflineNotice
        fields = ("posted_on", "channel", "place", "title", "body", "item")
        # On a phone each row is a card (gongkai.css: .gk-stack), its title first.
        attrs = {"class": f"{BaseTable.Meta.attrs['class']} gk-stack"}
        empty_text = _("没有符合条件的公示或广播。")

    def render_place(self, record: OfflineNotice, **kwargs: Any) -> str:
        return record.place

    def render_item(self, record: OfflineNotice, **kwargs: Any) -> str:
        return str(_("已关联")) if record.item_id else str(_("单独计数"))
