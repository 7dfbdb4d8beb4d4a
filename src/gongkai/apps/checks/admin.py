"""Admin registration of the report checks (read-only: a check is made by an upload)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.checks.models import ReportCheck
from gongkai.kernel.admin import ReadOnlyAdmin

__all__ = ["ReportCheckAdmin"]


@admin.register(ReportCheck)
class ReportCheckAdmin(ReadOnlyAdmin):
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
