"""The table of the case list (django-tables2)."""

from __future__ import annotations

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.models import ReviewCase
from gongkai.kernel.tables import BaseTable, DateColumn

__all__ = ["CaseTable"]


class CaseTable(BaseTable):
    """/cases/: number, type, body, linked application, filing date, result."""

    noun = _("件案件")

    number = tables.Column(
        verbose_name=_("案件编号"), linkify=True, attrs={"td": {"class": "text-nowrap"}}
    )
    kind = tables.Column(verbose_name=_("类型"))
    body = tables.Column(verbose_name=_("被申请机关"), order_by=("body__path",))
    application = tables.Column(
        verbose_name=_("关联申请"), linkify=True, attrs={"td": {"class": "text-nowrap"}}
    )
    filed_on = DateColumn(verbose_name=_("立案日期"))
    result = tables.TemplateColumn(
        template_name="cases/_result.html",
        verbose_name=_("结果"),
        order_by=("result", "closed_on"),
        empty_values=(),
    )

    class Meta(BaseTable.Meta):
        model = ReviewCase
        fields = ("number", "kind", "body", "application", "filed_on", "result")
        order_by = ("-filed_on",)
        empty_text = _("没有符合条件的案件。")

    def render_application(self, value: Application) -> str:
        return value.number
