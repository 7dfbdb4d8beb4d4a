"""Admin registration of matter lists, decisions and money records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin  # type: ignore[import-untyped]

from gongkai.apps.stats.models import Decision, Matter, MoneyRecord

__all__ = ["DecisionAdmin", "MatterAdmin", "MoneyRecordAdmin"]

if TYPE_CHECKING:
    _MatterAdmin = admin.ModelAdmin[Matter]
    _DecisionAdmin = admin.ModelAdmin[Decision]
    _MoneyRecordAdmin = admin.ModelAdmin[MoneyRecord]
else:
    _MatterAdmin = _DecisionAdmin = _MoneyRecordAdmin = admin.ModelAdmin


@admin.register(Matter)
class MatterAdmin(SimpleHistoryAdmin, _MatterAdmin):  # type: ignore[misc]
    list_display = ("name", "category", "body", "effective_on", "cancelled_on")
    list_filter = ("category", "body")
    search_fields = ("name",)
    date_hierarchy = "effective_on"
    list_select_related = ("body",)


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin, _DecisionAdmin):  # type: ignore[misc]
    list_display = ("matter_name", "category", "body", "decided_on", "count")
    list_filter = ("category", "body")
    search_fields = ("matter_name",)
    date_hierarchy = "decided_on"
    list_select_related = ("body",)


@admin.register(MoneyRecord)
class MoneyRecordAdmin(SimpleHistoryAdmin, _MoneyRecordAdmin):  # type: ignore[misc]
    list_display = ("item_name", "category", "body", "on", "amount_yuan")
    list_filter = ("category", "body")
    search_fields = ("item_name",)
    date_hierarchy = "on"
    list_select_related = ("body",)
