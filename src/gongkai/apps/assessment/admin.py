"""Admin registration of assessments (read-only: changes go through the actions, each with its
audit entry)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.assessment.models import Assessment, Indicator, Score
from gongkai.kernel.admin import ReadOnlyAdmin

__all__ = ["AssessmentAdmin", "IndicatorAdmin", "ScoreAdmin"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ("title", "body", "year", "status", "published_at")
    list_filter = ("status", "year")
    list_select_related = ("body",)


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("label", "assessment", "kind", "metric", "weight", "order")
    list_select_related = ("assessment",)


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("body", "indicator", "value", "updated_at")
    list_select_related = ("body", "indicator")
