"""The tables of a user's report checks and of the files of a batch check."""

from __future__ import annotations

import django_tables2 as tables  # type: ignore[import-untyped]
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongkai.apps.checks.models import BatchReport, ReportCheck
from gongkai.kernel.tables import BaseTable

__all__ = ["BatchReportTable", "CountColumn", "ReportCheckTable"]


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


class BatchReportTable(BaseTable):
    """The files of a batch: each read report linked to its page, or why it was not read."""

    noun = _("个文件")

    file = tables.Column(
        verbose_name=_("文件"),
        linkify=lambda record: (
            reverse("checks:batch_report", kwargs={"pk": record.job_id, "number": record.number})
            if record.read
            else None
        ),
        attrs={"td": {"class": "text-break"}},
    )
    org = tables.Column(verbose_name=_("机关"), default="—")
    year = tables.Column(verbose_name=_("年度"), default="—")
    format = tables.Column(verbose_name=_("格式"), default="—")
    error_count = CountColumn(verbose_name=_("错误"), badge="text-bg-danger")
    warning_count = CountColumn(verbose_name=_("警告"), badge="text-bg-warning")
    error = tables.Column(
        verbose_name=_("无法读取的原因"), default="", attrs={"td": {"class": "text-danger"}}
    )

    class Meta(BaseTable.Meta):
        model = BatchReport
        fields = ("file", "org", "year", "format", "error_count", "warning_count", "error")
        order_by = ("number",)
        row_attrs = {"data-testid": "batch-row"}
        empty_text = _("没有符合筛选条件的年报。")

    def render_format(self, value: str) -> str:
        return _("%(format)s 年版") % {"format": value}

    def render_error_count(self, value: int, record: BatchReport) -> SafeString | int | str:
        return self.columns["error_count"].column.render(value) if record.read else ""

    def render_warning_count(self, value: int, record: BatchReport) -> SafeString | int | str:
        return self.columns["warning_count"].column.render(value) if record.read else ""
