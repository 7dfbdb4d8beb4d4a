"""Admin pages of the calendar: edit single days, and enter a year's schedule from the notice.

Every change is an audit entry (:class:`gongkai.kernel.admin.AuditedAdmin`; a year's schedule
entered from the notice: ``workcal.enter_year``) and recomputes the stored deadlines of the
years it touches (:func:`~gongkai.apps.workcal.services.recompute_for_years`, which sends
:data:`~gongkai.apps.workcal.signals.calendar_changed` to the apps storing deadlines).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.apps.workcal.models import CalendarDay, CalendarYear
from gongkai.apps.workcal.services import (
    CalendarError,
    enter_year_schedule,
    parse_schedule_text,
    recompute_for_years,
    validate_schedule,
)
from gongkai.kernel.admin import AuditedAdmin

__all__ = ["CalendarDayAdmin", "CalendarYearAdmin", "CalendarYearForm"]

if TYPE_CHECKING:
    _YearForm = forms.ModelForm[CalendarYear]
else:
    _YearForm = forms.ModelForm


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedAdmin):
    list_display = ("day", "kind", "name", "source", "note")
    list_filter = ("kind", "source")
    search_fields = ("name", "note")
    date_hierarchy = "day"

    def save_model(self, request: HttpRequest, obj: CalendarDay, form: Any, change: bool) -> None:
        years = {obj.day.year}
        if change and "day" in form.changed_data and form.initial.get("day"):
            years.add(form.initial["day"].year)
        super().save_model(request, obj, form, change)
        recompute_for_years(years)

    def delete_model(self, request: HttpRequest, obj: CalendarDay) -> None:
        year = obj.day.year
        super().delete_model(request, obj)
        recompute_for_years({year})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[CalendarDay]) -> None:
        years = {d.year for d in queryset.values_list("day", flat=True)}
        super().delete_queryset(request, queryset)
        recompute_for_years(years)


class CalendarYearForm(_YearForm):
    """A year, plus the notice's holidays and 调休 days as text (replaces the year's days)."""

    holidays_text = forms.CharField(
        label=_("节假日安排"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("每行一段：2027-10-01~2027-10-07 国庆节。填写后将替换该年全部节假日与调休。"),
    )
    makeup_text = forms.CharField(
        label=_("调休上班日"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一天：2027-09-26 国庆节调休。"),
    )

    class Meta:
        model = CalendarYear
        fields = ("year", "status", "source_note")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            self.schedule = parse_schedule_text(
                data.get("holidays_text", ""), data.get("makeup_text", "")
            )
            if data.get("year") and any(self.schedule):
                validate_schedule(data["year"], *self.schedule)
        except CalendarError as exc:
            raise ValidationError(str(exc)) from exc
        return data


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedAdmin):
    form = CalendarYearForm
    list_display = ("year", "status", "source_note", "entered_by", "entered_at")
    list_filter = ("status",)
    readonly_fields = ("entered_by", "entered_at")

    def save_model(self, request: HttpRequest, obj: CalendarYear, form: Any, change: bool) -> None:
        holidays, makeups = getattr(form, "schedule", ([], []))
        if holidays or makeups:
            saved = enter_year_schedule(
                obj.year, holidays, makeups, acting_user=request.user, source_note=obj.source_note
            )
            obj.pk = saved.pk
            obj.refresh_from_db()
            messages.success(
                request,
                gettext("%(year)s 年节假日安排已录入，相关申请的答复期限已重新计算。")
                % {"year": obj.year},
            )
            return
        super().save_model(request, obj, form, change)
        recompute_for_years({obj.year})
