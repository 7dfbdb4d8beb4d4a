"""Admin registration of reconsideration and litigation cases.

Cases are recorded and closed through the actions; the admin may correct a case (a mistyped
number, a note) with an audit entry (``admin.change``) in the case's trail.
"""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.cases.models import ReviewCase
from gongkai.kernel.admin import AuditedAdmin

__all__ = ["ReviewCaseAdmin"]


@admin.register(ReviewCase)
class ReviewCaseAdmin(AuditedAdmin):
    list_display = ("number", "body", "kind", "filed_on", "result", "closed_on", "application")
    list_filter = ("kind", "result", "body")
    search_fields = ("number", "note", "application__number")
    date_hierarchy = "filed_on"
    list_select_related = ("body", "application")
    autocomplete_fields = ("application",)
