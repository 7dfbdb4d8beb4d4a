"""The table of a user's report checks."""

from __future__ import annotations

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongkai.apps.checks.models import ReportCheck
from gongkai.kernel.tables import BaseTable

__all__ = ["CountColumn", "ReportCheckTable"]


class CountColumn(tables.Column):  # type: ignore[misc]
    """A number of findings: a coloured badge when there are any (``badge``: its class)."""

    def __init__(self, *args: object, badge: str, **kwargs: object) -> None:
        kwargs.setdefault("attrs", {"td": {"class": "text-center"}})
        super().__init__(*args, **kwargs)
        self.badge = badge

    def render(self, value: int) -> SafeString | int:
        if not value:
            return 0
        return format_html('<span class="badge {}">{}</span>', self.badge, value)


class ReportCheckTable(BaseTable):
    noun = _("条检查记录")

    filename = tables.Column(
        verbose_name=_("文件"), linkify=True, attrs={"td": {"class": "text-break"}}
    )
    org = tables.Column(verbose_name=_("单位"), default="—")
    year = tables.Column(verbose_name=_("年度"), default="—")
    error_count = CountColumn(verbose_name=_("错误"), badge="text-bg-danger")
    warning_count = CountColumn(verbose_name=_("警告"), badge="text-bg-warning")
    uploaded_at = tables.DateTimeColumn(
        verbose_name=_("上传时间"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}}
    )

    class Meta(BaseTable.Meta):
        model = ReportCheck
        fields = ("filename", "org", "year", "error_count", "warning_count", "uploaded_at")
        empty_text = _("还没有检查记录。上传一份年度报告试试。")
