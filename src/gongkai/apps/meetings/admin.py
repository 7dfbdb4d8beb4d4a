"""Admin registration of meetings (read-only: changes go through the actions)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.meetings.models import Meeting
from gongkai.kernel.admin import ReadOnlyAdmin

__all__ = ["MeetingAdmin"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "body", "held_on", "attended", "minutes_published_on")
    list_filter = ("kind", "body")
    search_fields = ("title", "topics")
    date_hierarchy = "held_on"
    list_select_related = ("body",)
