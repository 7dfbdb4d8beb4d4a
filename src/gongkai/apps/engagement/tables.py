"""Tables of the mailbox and proposal lists (django-tables2) and the badge of a record's state
(未答复 / 已答复 / 已公开), shared with the record's page."""

from __future__ import annotations

from datetime import date
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongkai.apps.engagement.choices import Decision, PeriodStatus, ReplyState
from gongkai.apps.engagement.models import Comment, Consultation, MailboxMessage, Proposal
from gongkai.kernel.tables import BaseTable, DateColumn

__all__ = [
    "STATE_BADGES",
    "STATUS_BADGES",
    "CommentTable",
    "ConsultationTable",
    "MailboxMessageTable",
    "ProposalTable",
    "StateColumn",
    "status_badge",
]

#: Bootstrap badge classes of the states.
STATE_BADGES: dict[str, str] = {
    ReplyState.PENDING: "text-bg-warning",
    ReplyState.REPLIED: "text-bg-primary",
    ReplyState.PUBLISHED: "text-bg-success",
}


class StateColumn(tables.Column):  # type: ignore[misc]
    """The record's state today (:attr:`EngagementRecord.reply_state`) as a badge."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("verbose_name", _("办理情况"))
        super().__init__(accessor="reply_state", orderable=False, **kwargs)

    def render(self, value: ReplyState) -> SafeString:
        return format_html('<span class="badge {}">{}</span>', STATE_BADGES[value], value.label)


def _body_column() -> Any:
    return tables.Column(verbose_name=_("承办机关"), order_by=("body__path",))


class MailboxMessageTable(BaseTable):
    """/engagement/mailbox/"""

    noun = _("件来信")

    received_on = DateColumn(verbose_name=_("收到日期"))
    mailbox = tables.Column(verbose_name=_("信箱"))
    subject = tables.Column(verbose_name=_("主题"), linkify=True)
    body = _body_column()
    replied_on = DateColumn(verbose_name=_("答复日期"))
    state = StateColumn()

    class Meta(BaseTable.Meta):
        model = MailboxMessage
        fields = ("received_on", "mailbox", "subject", "body", "replied_on", "state")
        empty_text = _("没有符合条件的来信。")


class ProposalTable(BaseTable):
    """/engagement/proposals/"""

    noun = _("件建议提案")

    assigned_on = DateColumn(verbose_name=_("交办日期"))
    kind = tables.Column(verbose_name=_("类别"), attrs={"td": {"class": "text-nowrap"}})
    number = tables.Column(verbose_name=_("编号"), attrs={"td": {"class": "text-nowrap"}})
    title = tables.Column(verbose_name=_("标题"), linkify=True)
    proposer = tables.Column(verbose_name=_("代表/委员"))
    body = _body_column()
    replied_on = DateColumn(verbose_name=_("答复日期"))
    state = StateColumn()

    class Meta(BaseTable.Meta):
        model = Proposal
        fields = (
            "assigned_on",
            "kind",
            "number",
            "title",
            "proposer",
            "body",
            "replied_on",
            "state",
        )
        empty_text = _("没有符合条件的建议提案。")


#: Badge classes of a consultation's period status.
STATUS_BADGES: dict[str, str] = {
    PeriodStatus.NOT_STARTED: "text-bg-secondary",
    PeriodStatus.OPEN: "text-bg-primary",
    PeriodStatus.CLOSED: "text-bg-light border",
}


def status_badge(consultation: Consultation, today: date) -> SafeString:
    """未开始 / 征集中 / 已结束, and 已反馈 or 逾期未反馈 (the one rule of
    :meth:`Consultation.is_feedback_overdue`)."""
    status = consultation.status_on(today)
    html = format_html('<span class="badge {}">{}</span>', STATUS_BADGES[status], status.label)
    if consultation.feedback_published_on is not None:
        html += format_html(' <span class="badge text-bg-success">{}</span>', _("已反馈"))
    elif consultation.is_feedback_overdue(today):
        html += format_html(
            ' <span class="badge text-bg-danger" data-testid="overdue">{}</span>',
            _("逾期未反馈"),
        )
    return html


class ConsultationTable(BaseTable):
    """/engagement/consultations/"""

    noun = _("次意见征集")

    starts_on = DateColumn(verbose_name=_("开始日期"))
    ends_on = DateColumn(verbose_name=_("截止日期"))
    title = tables.Column(verbose_name=_("标题"), linkify=True)
    body = _body_column()
    n_comments = tables.Column(verbose_name=_("意见数"), orderable=False, empty_values=())
    feedback_due_on = DateColumn(verbose_name=_("反馈期限"))
    status = tables.Column(verbose_name=_("状态"), orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = Consultation
        fields = (
            "starts_on",
            "ends_on",
            "title",
            "body",
            "n_comments",
            "feedback_due_on",
            "status",
        )
        empty_text = _("没有符合条件的意见征集。")

    def render_n_comments(self, record: Consultation) -> int:
        return int(getattr(record, "n_comments", 0))

    def render_status(self, record: Consultation) -> SafeString:
        return status_badge(record, timezone.localdate())


class CommentTable(BaseTable):
    """The comments of one consultation (staff of its body only: personal data)."""

    noun = _("条意见")

    received_at = tables.DateTimeColumn(verbose_name=_("收到时间"), format="Y-m-d H:i")
    name = tables.Column(verbose_name=_("姓名"), default="—")
    contact = tables.Column(verbose_name=_("联系方式"))
    text = tables.Column(verbose_name=_("意见内容"), attrs={"td": {"class": "gk-pre"}})
    decision = tables.Column(verbose_name=_("处理结果"))
    reason = tables.Column(verbose_name=_("理由"), default="—")
    operate = tables.Column(verbose_name=_("操作"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = Comment
        fields = ("received_at", "name", "contact", "text", "decision", "reason", "operate")
        empty_text = _("尚未收到意见。")

    def render_decision(self, record: Comment) -> SafeString:
        badge = "text-bg-warning" if record.decision == Decision.PENDING else "text-bg-success"
        return format_html('<span class="badge {}">{}</span>', badge, record.get_decision_display())

    def render_operate(self, record: Comment) -> SafeString:
        if record.consultation.feedback_published_on is not None:
            return format_html("{}", "—")
        url = reverse("engagement:comment_decide", kwargs={"pk": record.pk})
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>', url, _("处理")
        )
