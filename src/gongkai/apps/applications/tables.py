"""Tables of the applications pages (django-tables2) and the deadline badge they share.

The days remaining are computed when the page is read (today and the current calendar), never
stored: a stored count would be wrong tomorrow. Whether an application is overdue is its
model's reading (:meth:`Application.is_overdue`), the same as the list filter's, the
workbench's and the daily run's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.choices import NotificationStatus, Status
from gongkai.apps.applications.models import Application, Notification
from gongkai.domain.applications.deadline import Deadline, remaining_working_days
from gongkai.domain.workdays.calendar import WorkingCalendar
from gongkai.kernel.tables import BadgeColumn, BaseTable, DateColumn, NumberColumn, UserColumn

__all__ = [
    "STATUS_BADGES",
    "ApplicationTable",
    "ClerkLoadTable",
    "DeadlineBadge",
    "NotificationTable",
    "ReminderTable",
    "WorkbenchTable",
    "deadline_badge",
]

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
    if app.replied_on is not None:
        if app.is_replied_late:
            return DeadlineBadge(due, None, _("逾期答复"), "text-bg-danger", provisional, False)
        return DeadlineBadge(due, None, _("按期答复"), "text-bg-success", provisional, False)
    if app.status == Status.AWAITING_CORRECTION:
        # 条例第三十条: the reply period restarts once the corrected application arrives.
        return DeadlineBadge(
            due, None, _("待补正，收到补正后重新计算"), "text-bg-warning", provisional, False
        )
    if app.is_overdue(today):
        remaining = remaining_working_days(Deadline(due, due, provisional), today, calendar)
        text = _("已超期 %(days)d 个工作日") % {"days": -remaining}
        return DeadlineBadge(due, remaining, text, "text-bg-danger", provisional, True)
    remaining = remaining_working_days(Deadline(due, due, provisional), today, calendar)
    if remaining == 0:
        return DeadlineBadge(due, 0, _("今日到期"), "text-bg-danger", provisional, False)
    text = _("剩余 %(days)d 个工作日") % {"days": remaining}
    css = "text-bg-warning" if remaining <= 3 else "text-bg-light border"
    return DeadlineBadge(due, remaining, text, css, provisional, False)


class DeadlineColumn(tables.Column):  # type: ignore[misc]
    """The due date with its badge as of the table's ``today``."""

    def render(self, record: Application, table: Any) -> SafeString:
        badge = deadline_badge(record, table.today, table.calendar)
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


class ApplicationTable(BaseTable):
    """The list of /applications/: a few columns by default, sortable headers."""

    noun = gettext_lazy("件申请")

    number = tables.Column(
        verbose_name=gettext_lazy("申请编号"),
        linkify=True,
        attrs={"td": {"class": "text-nowrap"}},
    )
    received_on = DateColumn(verbose_name=gettext_lazy("收到日期"))
    applicant_name = tables.Column(verbose_name=gettext_lazy("申请人"))
    applicant_type = tables.Column(verbose_name=gettext_lazy("申请人类型"))
    body = tables.Column(verbose_name=gettext_lazy("受理机关"), order_by=("body__path",))
    status = BadgeColumn(verbose_name=gettext_lazy("办理状态"), badges=STATUS_BADGES)
    due_on = DeadlineColumn(verbose_name=gettext_lazy("答复期限"))
    handler = UserColumn(verbose_name=gettext_lazy("经办人"), order_by=("handler__username",))

    class Meta(BaseTable.Meta):
        model = Application
        fields: tuple[str, ...] = (
            "number",
            "received_on",
            "applicant_name",
            "applicant_type",
            "body",
            "status",
            "due_on",
            "handler",
        )
        order_by: tuple[str, ...] = ("-received_on",)
        empty_text = gettext_lazy("没有符合条件的申请。")

    def __init__(self, *args: Any, today: date, calendar: WorkingCalendar, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.calendar = calendar


class WorkbenchTable(ApplicationTable):
    """A section of the 工作台: the most urgent first, not sortable, not paged."""

    class Meta(ApplicationTable.Meta):
        fields = ("number", "applicant_name", "status", "due_on", "handler")
        exclude = ("received_on", "applicant_type")
        orderable = False
        order_by = ()


class ReminderTable(BaseTable):
    """The deadline reminders of the last days on the 工作台."""

    sent_on = DateColumn(verbose_name=gettext_lazy("提醒日期"))
    application = tables.Column(
        verbose_name=gettext_lazy("申请编号"), linkify=True, attrs={"td": {"class": "text-nowrap"}}
    )
    kind = BadgeColumn(
        verbose_name=gettext_lazy("提醒类型"),
        badges={"overdue": "text-bg-danger", "due_soon": "text-bg-warning"},
    )
    due_on = DateColumn(verbose_name=gettext_lazy("答复期限"))
    emailed = tables.BooleanColumn(verbose_name=gettext_lazy("已发送邮件"), yesno="是,否")

    class Meta(BaseTable.Meta):
        fields = ("sent_on", "application", "kind", "due_on", "emailed")
        orderable = False
        empty_text = gettext_lazy("近期没有期限提醒。")
        row_attrs = {"data-testid": "reminder"}

    def render_application(self, value: Application) -> str:
        return value.number


NOTIFICATION_BADGES: dict[str, str] = {
    NotificationStatus.PENDING: "text-bg-warning",
    NotificationStatus.SENT: "text-bg-success",
    NotificationStatus.FAILED: "text-bg-danger",
}


class NotificationTable(BaseTable):
    """The applicant's notifications (the outbox) of the user's bodies: sent, waiting, failed."""

    noun = gettext_lazy("条通知")

    created_at = tables.DateTimeColumn(
        verbose_name=gettext_lazy("生成时间"),
        format="Y-m-d H:i",
        attrs={"td": {"class": "text-nowrap"}},
    )
    application = tables.Column(
        verbose_name=gettext_lazy("申请编号"),
        linkify=True,
        order_by=("application__number",),
        attrs={"td": {"class": "text-nowrap"}},
    )
    kind = tables.Column(verbose_name=gettext_lazy("事项"))
    channel = tables.Column(verbose_name=gettext_lazy("方式"))
    status = BadgeColumn(verbose_name=gettext_lazy("发送状态"), badges=NOTIFICATION_BADGES)
    attempts = NumberColumn(verbose_name=gettext_lazy("尝试次数"))
    sent_at = tables.DateTimeColumn(verbose_name=gettext_lazy("发送时间"), format="Y-m-d H:i")
    last_error = tables.Column(verbose_name=gettext_lazy("最近一次错误"), orderable=False)

    class Meta(BaseTable.Meta):
        model = Notification
        fields = (
            "created_at",
            "application",
            "kind",
            "channel",
            "status",
            "attempts",
            "sent_at",
            "last_error",
        )
        empty_text = gettext_lazy("没有给申请人的通知。")
        row_attrs = {"data-testid": "notification", "data-status": lambda record: record.status}

    def render_application(self, value: Application) -> str:
        return value.number


class ClerkLoadTable(BaseTable):
    """Open applications by 经办人: how many, overdue, due soon, waiting for a 补正."""

    handler = tables.Column(verbose_name=gettext_lazy("经办人"), empty_values=())
    total = NumberColumn(verbose_name=gettext_lazy("办理中"))
    overdue = NumberColumn(verbose_name=gettext_lazy("已超期"))
    due_soon = NumberColumn(verbose_name=gettext_lazy("3 个工作日内到期"))
    waiting = NumberColumn(verbose_name=gettext_lazy("待补正"))

    class Meta(BaseTable.Meta):
        orderable = False
        empty_text = gettext_lazy("没有办理中的申请。")

    def render_handler(self, record: dict[str, Any]) -> SafeString:
        if not record["handler"]:
            return format_html('<span class="text-body-secondary">{}</span>', _("（未指定）"))
        url = reverse("applications:list") + f"?handler={record['handler']}"
        name = record["handler__first_name"] or record["handler__username"]
        return format_html('<a href="{}">{}</a>', url, name)

    def render_overdue(self, value: int) -> SafeString | int:
        return format_html('<span class="badge text-bg-danger">{}</span>', value) if value else 0

    def render_due_soon(self, value: int) -> SafeString | int:
        return format_html('<span class="badge text-bg-warning">{}</span>', value) if value else 0
