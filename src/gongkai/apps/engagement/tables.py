"""Tables of the mailbox and proposal lists (django-tables2) and the badge of a record's state
(未答复 / 已答复 / 已公开), shared with the record's page."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from gongkai.apps.engagement.choices import ReplyState
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.kernel.tables import BaseTable, DateColumn

__all__ = ["STATE_BADGES", "MailboxMessageTable", "ProposalTable", "StateColumn"]

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
