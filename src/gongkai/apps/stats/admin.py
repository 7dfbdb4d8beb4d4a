"""Admin registration of matter lists, decisions and money records (changes made here are
audit entries, like the pages' and the imports')."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.kernel.admin import AuditedAdmin

__all__ = ["DecisionAdmin", "MatterAdmin", "MoneyRecordAdmin"]


@admin.register(Matter)
class MatterAdmin(AuditedAdmin):
    list_display = ("name", "category", "body", "effective_on", "cancelled_on")
    list_filter = ("category", "body")
    search_fields = ("name",)
    date_hierarchy = "effective_on"
    list_select_related = ("body",)
    readonly_fields = ("version",)


@admin.register(Decision)
class DecisionAdmin(AuditedAdmin):
    list_display = ("matter_name", "category", "body", "decided_on", "count")
    list_filter = ("category", "body")
    search_fields = ("matter_name",)
    date_hierarchy = "decided_on"
    list_select_related = ("body",)
    readonly_fields = ("version",)


@admin.register(MoneyRecord)
class MoneyRecordAdmin(AuditedAdmin):
    list_display = ("item_name", "category", "body", "on", "amount_yuan")
    list_filter = ("category", "body")
    search_fields = ("item_name",)
    date_hierarchy = "on"
    list_select_related = ("body",)
    readonly_fields = ("version",)
