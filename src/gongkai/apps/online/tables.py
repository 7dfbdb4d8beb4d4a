"""The table of the staff list of 网上申请."""

from __future__ import annotations

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.translation import gettext_lazy as _

from gongkai.apps.online.choices import OnlineRequestStatus
from gongkai.apps.online.models import OnlineRequest
from gongkai.kernel.tables import BadgeColumn, BaseTable

__all__ = ["OnlineRequestTable"]

_BADGES = {
    OnlineRequestStatus.PENDING: "text-bg-warning",
    OnlineRequestStatus.ACCEPTED: "text-bg-success",
    OnlineRequestStatus.REJECTED: "text-bg-secondary",
}


class OnlineRequestTable(BaseTable):
    noun = _("件网上申请")

    submitted_at = tables.DateTimeColumn(
        verbose_name=_("提交时间"), format="Y-m-d H:i", attrs={"td": {"class": "text-nowrap"}}
    )
    body = tables.Column(verbose_name=_("受理机关"), order_by=("body__path",))
    tracking_code = tables.Column(
        verbose_name=_("查询编号"), linkify=True, attrs={"td": {"class": "font-monospace"}}
    )
    applicant_name = tables.Column(verbose_name=_("申请人"))
    content = tables.Column(verbose_name=_("申请内容"), orderable=False)
    status = BadgeColumn(verbose_name=_("确认状态"), badges=_BADGES)
    application = tables.Column(verbose_name=_("登记的申请"), linkify=True, orderable=False)

    class Meta(BaseTable.Meta):
        model = OnlineRequest
        fields = (
            "submitted_at",
            "body",
            "tracking_code",
            "applicant_name",
            "content",
            "status",
            "application",
        )
        empty_text = _("没有网上申请。")

    def render_content(self, value: str) -> str:
        return value if len(value) <= 60 else value[:59] + "…"

    def render_application(self, value: OnlineRequest) -> str:
        return str(getattr(value, "number", value))
