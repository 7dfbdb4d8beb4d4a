"""Working days (工作日): Monday–Friday, minus public holidays, plus 调休 working weekends.

The calendar is data the platform owns (``disclosure-law.md`` §4): only the exceptions to the
Monday–Friday rule are stored, one :class:`CalendarDay` each. A year whose State Council notice
(国务院办公厅关于部分节假日安排的通知) has not been entered is *not scheduled*: its days follow
Monday–Friday and every date computed through it is provisional (临时) until the year is entered.

Counting follows 民法典第二百零一条: "the n-th working day after D" is the n-th working day
strictly later than D, whether or not D is itself a working day. (``chinese_calendar.find_workday``
counts differently when D is not a working day; the package only supplies the seed data here.)
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache

__all__ = [
    "DEFAULT_YEARS",
    "HOLIDAY_NAMES",
    "CalendarDay",
    "DayKind",
    "WorkingCalendar",
    "chinese_calendar_days",
    "default_calendar",
]

WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# chinese_calendar's Holiday values (English) → the names of the State Council notices.
HOLIDAY_NAMES: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}
MAKEUP_SUFFIX = "调休"

# The years the platform seeds from chinese_calendar (issue 3: 2019–2026).
DEFAULT_YEARS = range(2019, 2027)


class DayKind(StrEnum):
    """An exception to the Monday–Friday rule."""

    HOLIDAY = "holiday"  # 法定节假日 / 休息日 falling on a weekday
    MAKEUP_WORKDAY = "makeup_workday"  # 调休上班: a weekend day that is a working day


@dataclass(frozen=True)
class CalendarDay:
    day: date
    kind: DayKind
    name: str = ""  # 国庆节, 春节, 国庆节调休 …


def _weekend(d: date) -> bool:
    return d.weekday() >= 5


class WorkingCalendar:
    """Working-day arithmetic over the stored exceptions; fast (bisect over per-year tables)."""

    def __init__(self, days: Iterable[CalendarDay], scheduled_years: Iterable[int]) -> None:
        self._days: dict[date, CalendarDay] = {}
        for item in days:
            known = self._days.get(item.day)
            if known is not None and known != item:
                raise ValueError(f"日历中 {item.day.isoformat()} 重复出现且内容不一致")
            self._days[item.day] = item
        self._scheduled = frozenset(scheduled_years)
        self._exception_ordinals = sorted(d.toordinal() for d in self._days)
        # Per year, built on first use: the sorted ordinals of its working days.
        self._year_cache: dict[int, list[int]] = {}

    # -- the calendar as data -----------------------------------------------------------------

    @property
    def scheduled_years(self) -> frozenset[int]:
        """Years whose State Council schedule has been entered (others are provisional)."""
        return self._scheduled

    @property
    def days(self) -> tuple[CalendarDay, ...]:
        """The stored exceptions, in date order."""
        return tuple(self._days[d] for d in sorted(self._days))

    def exception(self, d: date) -> CalendarDay | None:
        """The stored exception for ``d`` (None for an ordinary day)."""
        return self._days.get(d)

    def is_working_day(self, d: date) -> bool:
        item = self._days.get(d)
        if item is None:
            return not _weekend(d)
        return item.kind is DayKind.MAKEUP_WORKDAY

    def is_provisional(self, d: date) -> bool:
        """True when ``d`` lies in a year without an entered schedule (Monday–Friday assumed)."""
        return d.year not in self._scheduled

    def describe(self, d: date) -> str:
        """``星期五，中秋节，非工作日`` — the day as a clerk reads it in a trace."""
        parts = [WEEKDAY_NAMES[d.weekday()]]
        item = self._days.get(d)
        if item is not None and item.name:
            parts.append(item.name)
        parts.append("工作日" if self.is_working_day(d) else "非工作日")
        return "，".join(parts)

    # -- arithmetic -----------------------------------------------------------------------------

    def _working_ordinals(self, year: int) -> list[int]:
        table = self._year_cache.get(year)
        if table is None:
            first = date(year, 1, 1).toordinal()
            last = date(year, 12, 31).toordinal()
            table = [o for o in range(first, last + 1) if self.is_working_day(date.fromordinal(o))]
            self._year_cache[year] = table
        return table

    def nth_working_day_after(self, start: date, n: int) -> date:
        """The ``n``-th working day strictly after ``start`` (民法典第二百零一条); n=0: start."""
        if n < 0:
            raise ValueError(f"工作日数不能为负数：{n}")
        if n == 0:
            return start
        year = start.year
        table = self._working_ordinals(year)
        index = bisect_right(table, start.toordinal()) + n - 1
        while index >= len(table):
            index -= len(table)
            year += 1
            if year > date.max.year:
                raise ValueError("推算的日期超出可表示的范围")
            table = self._working_ordinals(year)
        return date.fromordinal(table[index])

    def working_days_between(self, after: date, until: date) -> int:
        """The number of working days d with ``after < d <= until`` (0 when until <= after)."""
        if until <= after:
            return 0
        lo, hi = after.toordinal(), until.toordinal()
        total = 0
        for year in range(after.year, until.year + 1):
            table = self._working_ordinals(year)
            total += bisect_right(table, hi) - bisect_right(table, lo)
        return total

    def exceptions_between(self, after: date, until: date) -> list[tuple[str, date, date, DayKind]]:
        """Stored exceptions with ``after < d <= until``, grouped into named runs for a trace.

        A run is consecutive days of one kind; holiday runs also bridge ordinary weekend days
        (a holiday stored on Thu–Fri and Mon–Wed is one 国庆节 run). Adjacent holidays with
        different names form one run named ``国庆节、中秋节`` (as in the 2025 notice).
        """
        ordinals = self._exception_ordinals
        start = bisect_right(ordinals, after.toordinal())
        stop = bisect_right(ordinals, until.toordinal())
        runs: list[tuple[list[str], date, date, DayKind]] = []
        for ordinal in ordinals[start:stop]:
            item = self._days[date.fromordinal(ordinal)]
            name = item.name or ("节假日" if item.kind is DayKind.HOLIDAY else "调休上班")
            if runs and runs[-1][3] is item.kind and self._continues(runs[-1][2], item):
                names, first, _, kind = runs[-1]
                if name not in names:
                    names.append(name)
                runs[-1] = (names, first, item.day, kind)
            else:
                runs.append(([name], item.day, item.day, item.kind))
        return [("、".join(names), first, last, kind) for names, first, last, kind in runs]

    def _continues(self, last: date, item: CalendarDay) -> bool:
        gap = last + timedelta(days=1)
        if item.kind is DayKind.MAKEUP_WORKDAY:
            return gap == item.day
        while gap < item.day:  # only non-working, unstored days may separate holiday days
            if gap in self._days or not _weekend(gap):
                return False
            gap += timedelta(days=1)
        return True


# -- seed data from the chinese_calendar package --------------------------------------------


def _chinese_calendar_tables() -> tuple[dict[date, str], dict[date, str]]:
    # The package ships no type information (no py.typed); its two tables are plain dicts.
    from chinese_calendar import constants  # type: ignore[import-untyped]

    holidays: dict[date, str] = dict(constants.holidays)
    workdays: dict[date, str] = dict(constants.workdays)
    return holidays, workdays


def chinese_calendar_days(years: Iterable[int]) -> list[CalendarDay]:
    """The exceptions of ``years`` from the ``chinese_calendar`` package (2004–2026).

    Holidays are kept on weekdays only (a holiday on a weekend is no exception); 调休 working
    weekend days are named after their holiday (``国庆节调休``).
    """
    wanted = set(years)
    holidays, workdays = _chinese_calendar_tables()
    supported = {d.year for d in holidays}
    missing = sorted(wanted - supported)
    if missing:
        listed = "、".join(str(y) for y in missing)
        raise ValueError(
            f"chinese_calendar 软件包没有 {listed} 年的节假日安排"
            f"（仅有 {min(supported)}—{max(supported)} 年），请按国务院办公厅通知录入"
        )
    result: list[CalendarDay] = []
    for d, name in holidays.items():
        if d.year in wanted and not _weekend(d):
            result.append(CalendarDay(d, DayKind.HOLIDAY, HOLIDAY_NAMES.get(name, name)))
    for d, name in workdays.items():
        if d.year in wanted and _weekend(d):
            label = HOLIDAY_NAMES.get(name, name) + MAKEUP_SUFFIX
            result.append(CalendarDay(d, DayKind.MAKEUP_WORKDAY, label))
    result.sort(key=lambda item: item.day)
    return result


@cache
def default_calendar() -> WorkingCalendar:
    """The calendar seeded from chinese_calendar for 2019–2026 (the platform's default seed)."""
    return WorkingCalendar(chinese_calendar_days(DEFAULT_YEARS), DEFAULT_YEARS)
