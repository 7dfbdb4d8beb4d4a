"""The working-day calendar (工作日): holidays, 调休 working weekends, provisional years."""

from gongkai.domain.workdays.calendar import (
    CalendarDay,
    DayKind,
    WorkingCalendar,
    chinese_calendar_days,
    default_calendar,
)

__all__ = [
    "CalendarDay",
    "DayKind",
    "WorkingCalendar",
    "chinese_calendar_days",
    "default_calendar",
]
