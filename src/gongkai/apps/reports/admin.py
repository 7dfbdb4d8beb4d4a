"""Admin registration of the annual reports (read-only: the workflow, with its audit trail,
lives in the workspace pages)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.reports.models import AnnualReport, ReportCorrection, ReportEvent
from gongkai.kernel.admin import ReadOnlyAdmin, ReadOnlyInline

__all__ = ["AnnualReportAdmin"]


class ReportEventInline(ReadOnlyInline):
    model = ReportEvent
    fields = ("at", "kind", "actor", "status_after", "comment")
    readonly_fields = fields


class ReportCorrectionInline(ReadOnlyInline):
    model = ReportCorrection
    fields = ("published_at", "note", "actor")
    readonly_fields = fields


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ("body", "year", "format", "status", "error_count", "warning_count", "version")
    list_filter = ("status", "year", "format")
    search_fields = ("body__name",)
    list_select_related = ("body",)
    inlines = (ReportEventInline, ReportCorrectionInline)
