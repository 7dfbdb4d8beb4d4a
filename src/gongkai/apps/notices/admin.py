"""Admin registration of notices (read-only: changes go through the actions)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.notices.models import OfflineNotice
from gongkai.kernel.admin import ReadOnlyAdmin

__all__ = ["OfflineNoticeAdmin"]


@admin.register(OfflineNotice)
class OfflineNoticeAdmin(ReadOnlyAdmin):
    list_display = ("title", "channel", "place_kind", "place_name", "body", "posted_on")
    list_filter = ("channel", "place_kind", "body")
    search_fields = ("title", "place_name")
    date_hierarchy = "posted_on"
    list_select_related = ("body",)
