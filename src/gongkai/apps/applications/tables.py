"""The application list table (django-tables2) and the deadline badge shared by the pages.

The days remaining are computed when the page is read (today and the current calendar), never
stored: a stored count would be wrong tomorrow.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.choices import OPEN_STATUSES, Status
from gongkai.apps.applications.models import Application
from gongkai.domain.applications.deadline import Deadline, remaining_working_days
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = ["STATUS_BADGES", "ApplicationTable", "DeadlineBadge", "deadline_badge"]

#: Bootstrap badge classes of the statuses.
STATUS_BADGES: dict[str, str] = {
    Status.REGISTERED: "text-bg-primary",
    Status.AWAITING_CORRECTION: "text-bg-warning",
    Status.CONSULTING: "text-bg-info",
    Status.AWAITING_PAYMENT: "text-bg-warning",
    Status.REPLIED: "text-bg-success",
    Status.DELIVERED: "text-bg-success",
    Status.ARCHIVED: "text-bg-secondary",
}


@dataclass(frozen=True)
class DeadlineBadge:
    """How an application's deadline reads today: ``text`` and a Bootstrap colour."""

    due: date | None
    remaining: int | None  # working days after today up to the due date; negative: overdue
    text: str
    css: str
    provisional: bool
    overdue: bool


def deadline_badge(app: Application, today: date, calendar: WorkingCalendar) -> DeadlineBadge:
    """The deadline of ``app`` as of ``today`` (working days counted with ``calendar``)."""
    due = app.due_on
    provisional = bool(app.deadline_provisional)
    if due is None:
        return DeadlineBadge(None, None, _("无期限"), "text-bg-light", provisional, False)
    if app.status not in OPEN_STATUSES:
        replied = app.replied_on
        if replied is not None and replied > due:
            return DeadlineBadge(due, None, _("逾期答复"), "text-bg-danger", provisional, True)
        return DeadlineBadge(due, None, _("按期答复"), "text-bg-success", provisional, False)
    if app.status == Status.AWAITING_CORRECTION:
        # 条例第三十条: the reply period restarts once the corrected application arrives.
        return DeadlineBadge(
            due, None, _("待补正，收到补正后重新计算"), "text-bg-warning", provisional, False
        )
    remaining = remaining_working_days(
        Deadline(due=due, correction_notice_due=due, provisional=provisional), today, calendar
    )
    if remaining < 0:
        text = _("已超期 %(days)d 个工作日") % {"days": -remaining}
        return DeadlineBadge(due, remaining, text, "text-bg-danger", provisional, True)
    if remaining == 0:
        return DeadlineBadge(due, 0, _("今日到期"), "text-bg-danger", provisional, False)
    text = _("剩余 %(days)d 个工作日") % {"days": remaining}
    css = "text-bg-warning" if remaining <= 3 else "text-bg-light border"
    return DeadlineBadge(due, remaining, text, css, provisional, False)


class ApplicationTable(tables.Table):  # type: ignore[misc]
    """The list of /applications/: a few columns by default, sortable headers."""

    number = tables.Column(
        verbose_name=gettext_lazy("申请编号"),
        linkify=("applications:detail", {"pk": tables.A("pk")}),
        attrs={"td": {"class": "text-nowrap"}},
    )
    received_on = tables.DateColumn(
        verbose_name=gettext_lazy("收到日期"),
        format="Y-m-d",
        attrs={"td": {"class": "text-nowrap"}},
    )
    applicant_name = tables.Column(verbose_name=gettext_lazy("申请人"))
    applicant_type = tables.Column(verbose_name=gettext_lazy("申请人类型"))
    body = tables.Column(verbose_name=gettext_lazy("受理机关"), order_by=("body__path",))
    status = tables.Column(verbose_name=gettext_lazy("办理状态"))
    due_on = tables.Column(verbose_name=gettext_lazy("答复期限"))
    handler = tables.Column(
        verbose_name=gettext_lazy("经办人"), order_by=("handler__username",), default="—"
    )

    class Meta:
        model = Application
        fields = (
            "number",
            "received_on",
            "applicant_name",
            "applicant_type",
            "body",
            "status",
            "due_on",
            "handler",
        )
        order_by = ("-received_on",)
        empty_text = gettext_lazy("没有符合条件的申请。")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def __init__(self, *args: Any, today: date, calendar: WorkingCalendar, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.calendar = calendar

    def render_status(self, record: Application) -> SafeString:
        return format_html(
            '<span class="badge {}">{}</span>',
            STATUS_BADGES.get(record.status, "text-bg-light"),
            record.get_status_display(),
        )

    def render_due_on(self, record: Application) -> SafeString:
        badge = deadline_badge(record, self.today, self.calendar)
        provisional = (
            format_html(' <span class="badge text-bg-secondary">{}</span>', _("临时期限"))
            if badge.provisional
            else ""
        )
        return format_html(
            '<span class="text-nowrap">{}</span>{} <span class="badge {}">{}</span>',
            record.due_on.isoformat() if record.due_on else "—",
            provisional,
            badge.css,
            badge.text,
        )

    def render_handler(self, record: Application) -> str:
        handler = record.handler
        if handler is None:
            return "—"
        return str(handler.get_full_name() or handler.get_username())
