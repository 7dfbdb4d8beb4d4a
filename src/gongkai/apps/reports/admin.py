"""Admin registration (superusers only; staff work happens in the app's own views)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from gongkai.apps.reports.models import ReportCheck

__all__ = ["ReportCheckAdmin"]

# Generic in the stubs only; Django's ModelAdmin is not subscriptable at runtime.
if TYPE_CHECKING:
    _ReportCheckModelAdmin = admin.ModelAdmin[ReportCheck]
else:
    _ReportCheckModelAdmin = admin.ModelAdmin


@admin.register(ReportCheck)
class ReportCheckAdmin(_ReportCheckModelAdmin):
    list_display = (
        "filename",
        "org",
        "year",
        "format",
        "error_count",
        "warning_count",
        "owner",
        "uploaded_at",
    )
    list_filter = ("format", "year", "uploaded_at")
    search_fields = ("filename", "org", "owner__username")
    date_hierarchy = "uploaded_at"
    list_select_related = ("owner",)
    readonly_fields = (
        "owner",
        "uploaded_at",
        "filename",
        "size",
        "format",
        "year",
        "org",
        "error_count",
        "warning_count",
        "result",
        "source_text",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Checks are created by uploading a report, never typed in.
        return False
