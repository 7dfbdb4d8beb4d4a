"""Admin registration of 网上申请 (read-only: requests are decided on the staff pages)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.online.models import OnlineRequest
from gongkai.kernel.admin import ReadOnlyAdmin

__all__ = ["OnlineRequestAdmin"]


@admin.register(OnlineRequest)
class OnlineRequestAdmin(ReadOnlyAdmin):
    list_display = ("tracking_code", "body", "applicant_name", "submitted_at", "status")
    list_filter = ("status", "body")
    search_fields = ("tracking_code", "applicant_name")
    list_select_related = ("body",)
    exclude = ("query_code_hash",)
