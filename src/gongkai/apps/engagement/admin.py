"""Admin registration of mailbox messages and NPC suggestions / CPPCC proposals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin  # type: ignore[import-untyped]

from gongkai.apps.engagement.models import MailboxMessage, Proposal

__all__ = ["MailboxMessageAdmin", "ProposalAdmin"]

if TYPE_CHECKING:
    _MailboxMessageAdmin = admin.ModelAdmin[MailboxMessage]
    _ProposalAdmin = admin.ModelAdmin[Proposal]
else:
    _MailboxMessageAdmin = _ProposalAdmin = admin.ModelAdmin


@admin.register(MailboxMessage)
class MailboxMessageAdmin(SimpleHistoryAdmin, _MailboxMessageAdmin):  # type: ignore[misc]
    list_display = ("subject", "mailbox", "body", "received_on", "replied_on", "published_on")
    list_filter = ("mailbox", "body")
    search_fields = ("subject", "content", "reply")
    date_hierarchy = "received_on"
    list_select_related = ("body",)


@admin.register(Proposal)
class ProposalAdmin(SimpleHistoryAdmin, _ProposalAdmin):  # type: ignore[misc]
    list_display = ("title", "kind", "number", "body", "assigned_on", "replied_on", "published_on")
    list_filter = ("kind", "body")
    search_fields = ("title", "number", "proposer", "reply")
    date_hierarchy = "assigned_on"
    list_select_related = ("body",)
