"""The platform's working-day calendar: the exceptions to Monday–Friday, and the years entered.

Only exceptions are stored (a holiday on a weekday, a 调休 working weekend day), as in
:mod:`gongkai.domain.workdays.calendar`. A year without a ``CalendarYear`` of status
``scheduled`` is provisional: its dates follow Monday–Friday and every deadline computed
through it is marked provisional until the year's notice is entered.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.apps.workcal.choices import DayKindChoice, DaySource, YearStatus

__all__ = ["CalendarDay", "CalendarYear", "CalendarYearQuerySet"]


class CalendarDay(models.Model):
    """One exception to the Monday–Friday rule: a weekday holiday or a 调休 working weekend."""

    day = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKindChoice.choices)
    name = models.CharField(
        _("名称"), max_length=50, blank=True, help_text=_("如：国庆节、国庆节调休")
    )
    source = models.CharField(
        _("来源"), max_length=20, choices=DaySource.choices, default=DaySource.MANUAL
    )
    note = models.CharField(_("备注"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DayKindChoice.values),
                name="calendarday_kind_known",
                violation_error_message=_("日期类型只能是节假日或调休上班。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name or self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        if self.day is None:
            return
        weekend = self.day.weekday() >= 5
        if self.kind == DayKindChoice.MAKEUP_WORKDAY and not weekend:
            raise ValidationError({"kind": _("调休上班日应是周六或周日。")})
        if self.kind == DayKindChoice.HOLIDAY and weekend:
            raise ValidationError({"kind": _("周末本来就不上班，不必登记为节假日。")})


class CalendarYearQuerySet(models.QuerySet["CalendarYear"]):
    def scheduled(self) -> CalendarYearQuerySet:
        """The years whose State Council notice is entered (every other year is provisional)."""
        return self.filter(status=YearStatus.SCHEDULED)


class CalendarYear(models.Model):
    """Whether a year's State Council holiday notice has been entered."""

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=YearStatus.choices, default=YearStatus.PROVISIONAL
    )
    source_note = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("如：国办发明电〔2025〕7号")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("录入人"),
    )
    entered_at = models.DateTimeField(_("录入时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True, db_index=True)

    objects = CalendarYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=YearStatus.values),
                name="calendaryear_status_known",
                violation_error_message=_("未知的年度状态。"),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1990, year__lte=2200),
                name="calendaryear_year_range",
                violation_error_message=_("年份应在 1990 至 2200 之间。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} 年（{self.get_status_display()}）"
