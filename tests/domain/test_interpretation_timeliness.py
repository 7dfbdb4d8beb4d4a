"""政策解读 timeliness (``domain.catalog.interpretation``): working days of the platform's
calendar, across a 调休 weekend and a year end."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.domain.catalog.interpretation import (
    interpretation_due,
    is_timely,
    latest_late_publication,
    working_days_late,
)
from gongkai.domain.workdays import WorkingCalendar, default_calendar

CAL = default_calendar()
D = date


def test_a_makeup_saturday_counts_as_a_working_day() -> None:
    # Friday 2026-10-09; Saturday 10-10 is a 国庆节调休 working day: the 3rd working day is
    # Tuesday 10-13, not Wednesday 10-14 as with an ordinary weekend.
    assert CAL.is_working_day(D(2026, 10, 10))
    assert interpretation_due(D(2026, 10, 9), 3, CAL) == D(2026, 10, 13)
    assert is_timely(D(2026, 10, 9), D(2026, 10, 13), 3, CAL)
    assert not is_timely(D(2026, 10, 9), D(2026, 10, 14), 3, CAL)
    plain = WorkingCalendar([], [2026])  # weekends only
    assert interpretation_due(D(2026, 10, 9), 3, plain) == D(2026, 10, 14)


def test_holidays_do_not_count() -> None:
    # Published on the last working day before 国庆 2026 (Wednesday 09-30): 10-01…10-07 are
    # holidays, so the 1st working day after is Thursday 10-08.
    assert interpretation_due(D(2026, 9, 30), 1, CAL) == D(2026, 10, 8)


def test_across_the_year_end() -> None:
    # Wednesday 2025-12-31; 2026-01-01…03 元旦 holidays, Sunday 01-04 a working day.
    assert interpretation_due(D(2025, 12, 31), 3, CAL) == D(2026, 1, 6)
    assert is_timely(D(2025, 12, 31), D(2026, 1, 6), 3, CAL)
    assert not is_timely(D(2025, 12, 31), D(2026, 1, 7), 3, CAL)
    assert working_days_late(D(2025, 12, 31), 3, D(2026, 1, 6), CAL) == 0
    assert working_days_late(D(2025, 12, 31), 3, D(2026, 1, 9), CAL) == 3


def test_zero_days_means_the_same_day_and_earlier_is_timely() -> None:
    assert interpretation_due(D(2026, 10, 9), 0, CAL) == D(2026, 10, 9)
    assert is_timely(D(2026, 10, 9), D(2026, 10, 9), 0, CAL)
    assert is_timely(D(2026, 10, 9), D(2026, 10, 8), 0, CAL)  # published before the document
    assert not is_timely(D(2026, 10, 9), D(2026, 10, 10), 0, CAL)


def test_unpublished_is_never_timely_and_late_counts_while_missing() -> None:
    assert not is_timely(D(2026, 10, 9), None, 3, CAL)
    assert working_days_late(D(2026, 10, 9), 3, D(2026, 10, 9), CAL) == 0
    assert working_days_late(D(2026, 10, 9), 3, D(2026, 10, 16), CAL) == 3


def test_negative_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="不能为负数"):
        interpretation_due(D(2026, 10, 9), -1, CAL)


@pytest.mark.parametrize("limit", [0, 1, 5, 20])
@pytest.mark.parametrize("today", [date(2026, 10, 9), date(2026, 10, 10), date(2027, 1, 4)])
def test_latest_late_publication_splits_late_from_not_late(limit: int, today: date) -> None:
    cutoff = latest_late_publication(limit, today, CAL)
    # Every publication date of the 60 days before today: late exactly when on or before it.
    for back in range(60):
        published = today - timedelta(days=back)
        late = working_days_late(published, limit, today, CAL) > 0
        assert late == (published <= cutoff), (published, cutoff)
