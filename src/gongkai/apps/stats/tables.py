"""Tables of the 行政事项统计 lists (django-tables2): the matters, decisions and money records,
and the totals of a year (grouped in the database, one row per category or matter)."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongkai.apps.stats.choices import DecisionCategoryChoice
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.kernel.permissions import user_can
from gongkai.kernel.tables import BaseTable, DateColumn, NumberColumn

__all__ = [
    "ChangeLinkColumn",
    "DecisionTable",
    "DecisionTotalsTable",
    "DecisionsByMatterTable",
    "MatterTable",
    "MoneyTable",
    "MoneyTotalsTable",
]


class ChangeLinkColumn(tables.Column):  # type: ignore[misc]
    """The record's name, a link to its form for who may change it (the table's ``user``)."""

    def render(self, record: Any, value: str, table: Any) -> SafeString | str:
        if user_can(table.user, "change", record):
            return format_html('<a href="{}">{}</a>', record.get_absolute_url(), value)
        return value


class _RecordTable(BaseTable):
    """Records of the user's bodies (``user``: who reads the list); the headers are the model
    fields' names."""

    body = tables.Column(order_by=("body__path",))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user


class MatterTable(_RecordTable):
    noun = _("项事项")

    name = ChangeLinkColumn()
    effective_on = DateColumn()
    cancelled_on = DateColumn(default="—")

    class Meta(BaseTable.Meta):
        model = Matter
        fields = ("category", "name", "body", "effective_on", "cancelled_on")
        empty_text = _("没有符合条件的事项。")


class DecisionTable(_RecordTable):
    noun = _("条处理决定记录")

    decided_on = DateColumn()
    matter_name = ChangeLinkColumn()
    count = NumberColumn()

    class Meta(BaseTable.Meta):
        model = Decision
        fields = ("decided_on", "category", "matter_name", "body", "count")
        order_by = ("-decided_on",)
        empty_text = _("没有处理决定。")


class MoneyTable(_RecordTable):
    noun = _("条记录")

    on = DateColumn()
    item_name = ChangeLinkColumn()
    amount_yuan = NumberColumn()

    class Meta(BaseTable.Meta):
        model = MoneyRecord
        fields = ("on", "category", "item_name", "body", "amount_yuan")
        order_by = ("-on",)
        empty_text = _("没有收费或政府集中采购记录。")


# =============================================================================================
# Totals (rows of GROUP BY queries)
# =============================================================================================


class _TotalsTable(BaseTable):
    """The year's records per category: how many rows and their total."""

    label = tables.Column(verbose_name=_("类别"))
    rows = NumberColumn(verbose_name=_("记录"))

    class Meta(BaseTable.Meta):
        orderable = False
        empty_text = _("本年度没有记录。")
        attrs = {"class": "table table-sm w-auto"}


class DecisionTotalsTable(_TotalsTable):
    total = NumberColumn(verbose_name=_("决定数量"))

    class Meta(_TotalsTable.Meta):
        pass


class MoneyTotalsTable(_TotalsTable):
    total = NumberColumn(verbose_name=_("金额（元）"))

    class Meta(_TotalsTable.Meta):
        pass


class DecisionsByMatterTable(BaseTable):
    """The year's decisions per matter, the most first."""

    noun = _("个事项")

    category = tables.Column(verbose_name=_("类别"))
    matter_name = tables.Column(verbose_name=_("事项名称"))
    total = NumberColumn(verbose_name=_("数量"))

    class Meta(BaseTable.Meta):
        orderable = False
        empty_text = _("本年度没有处理决定。")
        attrs = {"class": "table table-sm"}

    def render_category(self, value: str) -> str:
        return str(dict(DecisionCategoryChoice.choices).get(value, value))
