"""Admin registration (superusers only; staff work happens in the app's own views)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin  # type: ignore[import-untyped]

from gongkai.apps.reports.models import AnnualReport, ReportCheck, ReportEvent

__all__ = ["AnnualReportAdmin", "ReportCheckAdmin"]

# Generic in the stubs only; Django's ModelAdmin is not subscriptable at runtime.
if TYPE_CHECKING:
    _ReportCheckModelAdmin = admin.ModelAdmin[ReportCheck]
    _AnnualReportAdmin = admin.ModelAdmin[AnnualReport]
    _EventInline = admin.TabularInline[ReportEvent, AnnualReport]
else:
    _ReportCheckModelAdmin = _AnnualReportAdmin = admin.ModelAdmin
    _EventInline = admin.TabularInline


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


class ReportEventInline(_EventInline):
    model = ReportEvent
    extra = 0
    can_delete = False
    fields = ("at", "kind", "actor", "status_after", "comment")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin, _AnnualReportAdmin):  # type: ignore[misc]
    """Read-only here: the workflow (and its audit trail) lives in the workspace pages."""

    list_display = ("body", "year", "format", "status", "error_count", "warning_count", "version")
    list_filter = ("status", "year", "format")
    search_fields = ("body__name",)
    list_select_related = ("body",)
    inlines = (ReportEventInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
