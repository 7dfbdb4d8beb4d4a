"""政策解读 (policy interpretations): when a 解读 is timely, and how late a missing one is.

国办发〔2016〕80号 asks that a 规范性文件's 解读 be published together with it; a body sets how
many working days after the document it allows at most (``Body.interpretation_days``, 0 = the
same day). The one reading, used by the item page, the staff lists, the year's coverage and the
superior's assessment alike:

- the 解读 is **due** on the ``limit_days``-th working day after the document's publication date
  (:meth:`WorkingCalendar.nth_working_day_after`: 0 is the publication day itself; a 调休
  working Saturday counts, a holiday does not);
- a 解读 is **timely** when it is published on or before its due date (one published before the
  document, e.g. at a press conference the same morning, is timely too);
- a document still without a 解读 is **late** by the working days after its due date up to
  ``today`` (0 while the period runs); :func:`latest_late_publication` is the latest
  publication date that is late on ``today`` (lateness only falls as the date moves forward,
  so "late" is one date comparison per limit in a query).

Pure Python: no Django; the calendar comes from the caller (``workcal.services.load_calendar``).
"""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = ["interpretation_due", "is_timely", "latest_late_publication", "working_days_late"]


def interpretation_due(
    document_published_on: date, limit_days: int, calendar: WorkingCalendar
) -> date:
    """The last day a 解读 of a document published on ``document_published_on`` is timely."""
    if limit_days < 0:
        raise ValueError(f"解读时限不能为负数：{limit_days}")
    return calendar.nth_working_day_after(document_published_on, limit_days)


def is_timely(
    document_published_on: date,
    interpretation_published_on: date | None,
    limit_days: int,
    calendar: WorkingCalendar,
) -> bool:
    """Whether a 解读 published on ``interpretation_published_on`` (None: not published) is
    timely for a document published on ``document_published_on``."""
    if interpretation_published_on is None:
        return False
    return interpretation_published_on <= interpretation_due(
        document_published_on, limit_days, calendar
    )


def working_days_late(
    document_published_on: date, limit_days: int, today: date, calendar: WorkingCalendar
) -> int:
    """How many working days after its due date a document still without a 解读 is on
    ``today`` (0 while the period runs, including the due date itself)."""
    due = interpretation_due(document_published_on, limit_days, calendar)
    return calendar.working_days_between(due, today)


#: How far back :func:`latest_late_publication` looks (a limit is a few working days; ten
#: years is far beyond any).
_SEARCH_DAYS = 3660


def latest_late_publication(limit_days: int, today: date, calendar: WorkingCalendar) -> date:
    """The latest document publication date whose missing 解读 is late on ``today``
    (:func:`working_days_late` > 0): a document published on or before it and still without a
    解读 is late, one published after it is not (yet)."""
    published = today
    for _step in range(_SEARCH_DAYS):
        if working_days_late(published, limit_days, today, calendar) > 0:
            return published
        published -= timedelta(days=1)
    return published
