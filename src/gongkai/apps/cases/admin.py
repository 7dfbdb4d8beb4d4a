"""Admin registration of reconsideration and litigation cases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin  # type: ignore[import-untyped]

from gongkai.apps.cases.models import ReviewCase

__all__ = ["ReviewCaseAdmin"]

if TYPE_CHECKING:
    _CaseAdmin = admin.ModelAdmin[ReviewCase]
else:
    _CaseAdmin = admin.ModelAdmin


@admin.register(ReviewCase)
class ReviewCaseAdmin(SimpleHistoryAdmin, _CaseAdmin):  # type: ignore[misc]
    list_display = ("number", "body", "kind", "filed_on", "result", "closed_on", "application")
    list_filter = ("kind", "result", "body")
    search_fields = ("number", "note", "application__number")
    date_hierarchy = "filed_on"
    list_select_related = ("body", "application")
    autocomplete_fields = ("application",)
