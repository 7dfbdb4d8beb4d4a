"""Choice lists of the workcal app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DayKindChoice", "DaySource", "YearStatus"]


class DayKindChoice(models.TextChoices):
    """An exception to Monday–Friday (values of :class:`gongkai.domain.workdays.DayKind`)."""

    HOLIDAY = "holiday", _("节假日（不上班）")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班")


class DaySource(models.TextChoices):
    CHINESE_CALENDAR = "chinese_calendar", _("chinese_calendar 软件包")
    STATE_COUNCIL = "state_council", _("国务院通知")
    MANUAL = "manual", _("手工录入")


class YearStatus(models.TextChoices):
    """A year is scheduled once the State Council notice is entered; until then provisional."""

    SCHEDULED = "scheduled", _("已按国务院通知录入")
    PROVISIONAL = "provisional", _("暂按周一至周五计算")
