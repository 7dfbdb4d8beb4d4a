"""The working-day calendar: seed data, counting after the start day, provisional years."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.domain.workdays import (
    CalendarDay,
    DayKind,
    WorkingCalendar,
    chinese_calendar_days,
    default_calendar,
)

CAL = default_calendar()
D = date


def test_default_calendar_agrees_with_chinese_calendar_every_day() -> None:
    day, disagreements = D(2019, 1, 1), []
    while day <= D(2026, 12, 31):
        if CAL.is_working_day(day) != chinese_calendar.is_workday(day):
            disagreements.append(day)
        day += timedelta(days=1)
    assert disagreements == []
    assert CAL.scheduled_years == frozenset(range(2019, 2027))


@pytest.mark.parametrize(
    ("day", "working", "name"),
    [
        (D(2026, 10, 1), False, "国庆节"),  # Thursday holiday
        (D(2026, 10, 10), True, "国庆节调休"),  # Saturday working day
        (D(2026, 9, 25), False, "中秋节"),
        (D(2026, 2, 14), True, "春节调休"),
        (D(2026, 2, 28), True, "春节调休"),
        (D(2026, 1, 4), True, "元旦调休"),  # Sunday working day
        (D(2024, 2, 4), True, "春节调休"),
        (D(2025, 10, 6), False, "中秋节"),
        (D(2026, 10, 12), True, None),  # an ordinary Monday
        (D(2026, 10, 11), False, None),  # an ordinary Sunday
    ],
)
def test_days(day: date, working: bool, name: str | None) -> None:
    assert CAL.is_working_day(day) is working
    item = CAL.exception(day)
    assert (item.name if item else None) == name


def test_seed_keeps_weekday_holidays_and_weekend_workdays_only() -> None:
    days = chinese_calendar_days([2026])
    assert all(d.day.year == 2026 for d in days)
    assert all((d.kind is DayKind.HOLIDAY) == (d.day.weekday() < 5) for d in days), (
        "holidays on weekdays, makeup days on weekends"
    )
    makeup = [d.day for d in days if d.kind is DayKind.MAKEUP_WORKDAY]
    assert makeup == [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9),
                      D(2026, 9, 20), D(2026, 10, 10)]  # fmt: skip
    names = {d.name for d in chinese_calendar_days([2015])}
    assert "抗战胜利纪念日" in names


def test_seed_refuses_years_the_package_lacks() -> None:
    with pytest.raises(ValueError, match="2027 年"):
        chinese_calendar_days([2026, 2027])
    with pytest.raises(ValueError, match="2003"):
        chinese_calendar_days([2003])


def test_counting_starts_the_day_after() -> None:
    # 民法典第二百零一条: receipt on the 中秋 holiday; find_workday would give 2026-10-30.
    assert CAL.nth_working_day_after(D(2026, 9, 25), 20) == D(2026, 10, 29)
    assert chinese_calendar.find_workday(20, D(2026, 9, 25)) == D(2026, 10, 30)
    assert CAL.nth_working_day_after(D(2026, 9, 25), 0) == D(2026, 9, 25)
    assert CAL.nth_working_day_after(D(2026, 9, 30), 1) == D(2026, 10, 8)
    assert CAL.nth_working_day_after(D(2026, 10, 9), 1) == D(2026, 10, 10)  # makeup Saturday
    assert CAL.nth_working_day_after(D(2026, 12, 31), 1) == D(2027, 1, 1)  # provisional 2027
    with pytest.raises(ValueError, match="负数"):
        CAL.nth_working_day_after(D(2026, 1, 1), -1)


def test_working_days_between() -> None:
    assert CAL.working_days_between(D(2026, 10, 21), D(2026, 10, 28)) == 5
    assert CAL.working_days_between(D(2026, 9, 30), D(2026, 10, 10)) == 3  # 10-08, 09, 10
    assert CAL.working_days_between(D(2026, 10, 28), D(2026, 10, 21)) == 0
    assert CAL.working_days_between(D(2026, 12, 30), D(2027, 1, 4)) == 3  # 12-31, 01-01, 01-04


def test_provisional_years() -> None:
    assert not CAL.is_provisional(D(2026, 12, 31))
    assert CAL.is_provisional(D(2027, 1, 1))
    assert CAL.is_provisional(D(2018, 6, 1))


def test_exceptions_grouped_into_runs() -> None:
    runs = CAL.exceptions_between(D(2026, 9, 30), D(2026, 10, 31))
    assert runs == [
        ("国庆节", D(2026, 10, 1), D(2026, 10, 7), DayKind.HOLIDAY),  # bridges the weekend
        ("国庆节调休", D(2026, 10, 10), D(2026, 10, 10), DayKind.MAKEUP_WORKDAY),
    ]
    runs = CAL.exceptions_between(D(2025, 9, 1), D(2025, 10, 31))
    assert runs[1] == ("国庆节、中秋节", D(2025, 10, 1), D(2025, 10, 8), DayKind.HOLIDAY)
    # the interval is exclusive at the start, inclusive at the end
    assert CAL.exceptions_between(D(2026, 10, 10), D(2026, 10, 10)) == []
    assert CAL.exceptions_between(D(2026, 10, 9), D(2026, 10, 10))[0][1] == D(2026, 10, 10)


def test_an_entered_year_replaces_the_provisional_count() -> None:
    days = [*chinese_calendar_days([2026]), CalendarDay(D(2027, 1, 1), DayKind.HOLIDAY, "元旦")]
    cal = WorkingCalendar(days, [2026, 2027])
    assert cal.nth_working_day_after(D(2026, 12, 15), 20) == D(2027, 1, 13)
    assert not cal.is_provisional(D(2027, 1, 13))
    assert CAL.nth_working_day_after(D(2026, 12, 15), 20) == D(2027, 1, 12)


def test_conflicting_duplicate_days_are_refused() -> None:
    with pytest.raises(ValueError, match="重复"):
        WorkingCalendar(
            [
                CalendarDay(D(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
                CalendarDay(D(2027, 1, 1), DayKind.MAKEUP_WORKDAY, "元旦调休"),
            ],
            [2027],
        )


days_2019_2027 = st.dates(min_value=D(2019, 1, 1), max_value=D(2027, 12, 31))


@given(days_2019_2027, st.integers(min_value=0, max_value=80))
def test_nth_working_day_is_strictly_increasing_and_a_working_day(start: date, n: int) -> None:
    here = CAL.nth_working_day_after(start, n)
    there = CAL.nth_working_day_after(start, n + 1)
    assert there > here
    assert CAL.is_working_day(there)
    assert CAL.working_days_between(start, there) == n + 1
    # nothing between the two is a working day
    assert CAL.working_days_between(here, there - timedelta(days=1)) == 0


@given(days_2019_2027, days_2019_2027)
def test_working_days_between_matches_a_day_by_day_count(a: date, b: date) -> None:
    lo, hi = min(a, b), max(a, b)
    hi = min(hi, lo + timedelta(days=120))
    expected = sum(CAL.is_working_day(lo + timedelta(days=i)) for i in range(1, (hi - lo).days + 1))
    assert CAL.working_days_between(lo, hi) == expected
