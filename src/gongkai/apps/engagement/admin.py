"""Admin registration of mailbox messages and NPC suggestions / CPPCC proposals (read-only:
changes go through the actions, each with its audit entry)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.kernel.admin import ReadOnlyAdmin

__all__ = ["MailboxMessageAdmin", "ProposalAdmin"]


@admin.register(MailboxMessage)
class MailboxMessageAdmin(ReadOnlyAdmin):
    list_display = ("subject", "mailbox", "body", "received_on", "replied_on", "published_on")
    list_filter = ("mailbox", "body")
    search_fields = ("subject", "content", "reply")
    date_hierarchy = "received_on"
    list_select_related = ("body",)


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "number", "body", "assigned_on", "replied_on", "published_on")
    list_filter = ("kind", "body")
    search_fields = ("title", "number", "proposer", "reply")
    date_hierarchy = "assigned_on"
    list_select_related = ("body",)
