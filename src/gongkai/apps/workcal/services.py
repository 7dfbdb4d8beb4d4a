"""The working-day calendar as a service: the domain calendar from the table, and entering a
year's State Council schedule (admin page, CLI and tests call :func:`enter_year_schedule`).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.orgs.changes import mark_all_changed
from gongkai.apps.workcal.choices import DayKindChoice, DaySource, YearStatus
from gongkai.apps.workcal.models import CalendarDay, CalendarYear
from gongkai.apps.workcal.signals import calendar_changed
from gongkai.domain.workdays.calendar import CalendarDay as DomainDay
from gongkai.domain.workdays.calendar import DayKind, WorkingCalendar
from gongkai.kernel.actions import user_or_none
from gongkai.kernel.audit import (
    changes_between,
    initial_changes,
    log,
    log_many,
    register_actions,
    snapshot,
)

__all__ = [
    "CalendarError",
    "HolidayRange",
    "MakeupDay",
    "calendar_fingerprint",
    "enter_year_schedule",
    "load_calendar",
    "parse_schedule_text",
    "recompute_for_years",
    "validate_schedule",
]

HolidayRange = tuple[date, date, str]
MakeupDay = tuple[date, str]

#: The audit action of entering a year's schedule (on the year and on each day it changes).
ENTER_YEAR = "workcal.enter_year"
register_actions({ENTER_YEAR: gettext_lazy("录入节假日安排")})


class CalendarError(ValueError):
    """A schedule that cannot be entered; ``str(exc)`` is a Chinese sentence."""


# =============================================================================================
# Loading the calendar (cached per process, invalidated when the table changes)
# =============================================================================================

_lock = threading.Lock()
_cached: tuple[tuple[Any, ...], WorkingCalendar] | None = None


def calendar_fingerprint() -> tuple[Any, ...]:
    """A version key of the calendar tables: row counts and last change times.

    Every save stamps ``updated_at`` (auto_now), and every deletion changes a count, so the
    key changes whenever the calendar does — in this process, in another worker, or after a
    rolled-back test transaction.
    """
    days = CalendarDay.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    years = CalendarYear.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
    scheduled = CalendarYear.objects.scheduled().count()
    return (days["n"], days["last"], years["n"], years["last"], scheduled)


def load_calendar() -> WorkingCalendar:
    """The domain :class:`WorkingCalendar` built from the calendar table."""
    global _cached
    key = calendar_fingerprint()
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    days = [
        DomainDay(day, DayKind(kind), name)
        for day, kind, name in CalendarDay.objects.values_list("day", "kind", "name")
    ]
    scheduled = CalendarYear.objects.scheduled().values_list("year", flat=True)
    calendar = WorkingCalendar(days, list(scheduled))
    with _lock:
        _cached = (key, calendar)
    return calendar


# =============================================================================================
# Entering a year's schedule
# =============================================================================================


def _check_in_window(year: int, day: date, what: str) -> None:
    # A notice for year Y may start 元旦 in late December of Y−1 or end in January of Y+1.
    if not date(year - 1, 12, 1) <= day <= date(year + 1, 1, 31):
        raise CalendarError(
            _("%(what)s %(day)s 不属于 %(year)s 年的节假日安排。")
            % {"what": what, "day": day.isoformat(), "year": year}
        )


def validate_schedule(
    year: int, holidays: Sequence[HolidayRange], makeup_days: Sequence[MakeupDay]
) -> tuple[dict[date, str], dict[date, str]]:
    """The days to store (weekday holidays, weekend 调休 days) or :class:`CalendarError`."""
    if not 1990 <= year <= 2200:
        raise CalendarError(_("年份 %(year)s 不在 1990 至 2200 之间。") % {"year": year})
    holiday_days: dict[date, str] = {}
    for first, last, name in holidays:
        _check_in_window(year, first, _("假期开始日"))
        _check_in_window(year, last, _("假期结束日"))
        if last < first:
            raise CalendarError(
                _("假期“%(name)s”的结束日 %(last)s 早于开始日 %(first)s。")
                % {"name": name, "last": last.isoformat(), "first": first.isoformat()}
            )
        if (last - first).days > 31:
            raise CalendarError(_("假期“%(name)s”超过 31 天，请核对日期。") % {"name": name})
        day = first
        while day <= last:
            if day.weekday() < 5:
                holiday_days[day] = name.strip()
            day += timedelta(days=1)
    makeups: dict[date, str] = {}
    for day, name in makeup_days:
        _check_in_window(year, day, _("调休上班日"))
        if day.weekday() < 5:
            raise CalendarError(_("调休上班日 %(day)s 不是周六或周日。") % {"day": day.isoformat()})
        makeups[day] = name.strip()
    clash = sorted(set(holiday_days) & set(makeups))
    if clash:
        raise CalendarError(
            _("%(day)s 同时被登记为节假日和调休上班日。") % {"day": clash[0].isoformat()}
        )

    return holiday_days, makeups


def enter_year_schedule(
    year: int,
    holidays: Sequence[HolidayRange],
    makeup_days: Sequence[MakeupDay],
    *,
    acting_user: Any = None,
    source: str = DaySource.STATE_COUNCIL,
    source_note: str = "",
) -> CalendarYear:
    """Replace ``year``'s holidays and 调休 days and mark the year scheduled.

    ``holidays`` are ``(first, last, name)`` ranges as printed in the notice (weekend days in a
    range are not stored: they are no exception); ``makeup_days`` are ``(day, name)`` working
    weekend days. ``acting_user`` is who entered it (None: the system, e.g. the command line),
    recorded on the year (``entered_by``) and in the audit log.

    All or nothing, with the audit entry ``workcal.enter_year`` on the year (and on each day
    removed or added). It runs inside the caller's transaction when there is one (the admin
    saves its form in one). Afterwards every stored deadline touching the year is recomputed
    (:func:`recompute_for_years`).
    """
    holiday_days, makeups = validate_schedule(year, holidays, makeup_days)
    entered_by = user_or_none(acting_user)
    # The admin's save is already a transaction (and the action joins it); elsewhere this
    # is the one transaction of the action.
    with transaction.atomic():
        stored = CalendarYear.objects.select_for_update().filter(year=year).first()
        before = snapshot(stored) if stored is not None else {}
        outside = [d for d in [*holiday_days, *makeups] if d.year != year]
        replaced = CalendarDay.objects.filter(Q(day__year=year) | Q(day__in=outside))
        log_many(
            ((day, ENTER_YEAR, {"deleted": str(day)}) for day in replaced.order_by("day")),
            entered_by,
        )
        replaced.delete()
        rows = [(d, DayKindChoice.HOLIDAY, n) for d, n in holiday_days.items()] + [
            (d, DayKindChoice.MAKEUP_WORKDAY, n) for d, n in makeups.items()
        ]
        days = CalendarDay.objects.bulk_create(
            CalendarDay(day=day, kind=kind, name=name, source=source)
            for day, kind, name in sorted(rows)
        )
        log_many(
            ((day, ENTER_YEAR, {"changes": initial_changes(day)}) for day in days),
            entered_by,
        )
        calendar_year = stored or CalendarYear(year=year)
        calendar_year.status = YearStatus.SCHEDULED
        calendar_year.source_note = source_note
        calendar_year.entered_by = entered_by
        calendar_year.entered_at = timezone.now()
        calendar_year.save()
        changes = (
            initial_changes(calendar_year)
            if stored is None
            else changes_between(CalendarYear, before, snapshot(calendar_year))
        )
        facts = {"holidays": len(holiday_days), "makeup_days": len(makeups)}
        log(calendar_year, ENTER_YEAR, entered_by, facts, changes=changes)
        recompute_for_years({year, *(d.year for d in outside)})
    return calendar_year


def recompute_for_years(years: Iterable[int]) -> int:
    """Tell the apps that store deadlines that ``years`` changed (``calendar_changed``); the
    number of stored deadlines they changed.

    Every body's records count as changed (:func:`gongkai.apps.orgs.changes.mark_all_changed`):
    a figure may be counted with working days, so every stored summary is recomputed (the
    schedule is entered about once a year). Every change of the calendar comes through here
    (:func:`enter_year_schedule`, the admin's pages)."""
    mark_all_changed()
    answers = calendar_changed.send(sender=CalendarYear, years=sorted(set(years)))
    return sum(int(result or 0) for _receiver, result in answers)


# =============================================================================================
# Text form of a schedule (admin page, command line)
# =============================================================================================

_DATE = r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
_RANGE_RE = re.compile(rf"^{_DATE}\s*(?:[~～至到—–-]+\s*{_DATE})?\s*(.*)$")


def _line_date(groups: Sequence[str | None], line_no: int) -> date:
    try:
        return date(int(groups[0] or 0), int(groups[1] or 0), int(groups[2] or 0))
    except ValueError:
        raise CalendarError(_("第 %(line)s 行的日期无效。") % {"line": line_no}) from None


def _schedule_lines(
    text: str, unreadable: str, *, one_day: bool = False
) -> Iterator[tuple[int, tuple[str | None, ...]]]:
    """The line numbers and date groups of the non-empty lines of ``text``; a line that is
    no date (or, with ``one_day``, a range) is :class:`CalendarError` ``unreadable``."""
    for line_no, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _RANGE_RE.match(line)
        if match is None or (one_day and match.group(4)):
            raise CalendarError(unreadable % {"line": line_no, "text": line})
        yield line_no, match.groups()


def parse_schedule_text(
    holidays_text: str, makeup_text: str
) -> tuple[list[HolidayRange], list[MakeupDay]]:
    """Parse ``2027-10-01~2027-10-07 国庆节`` lines and ``2027-09-26 国庆节调休`` lines."""
    holidays: list[HolidayRange] = []
    for line_no, groups in _schedule_lines(
        holidays_text,
        _("节假日第 %(line)s 行“%(text)s”无法识别：应为“2027-10-01~2027-10-07 国庆节”。"),
    ):
        first = _line_date(groups[0:3], line_no)
        last = _line_date(groups[3:6], line_no) if groups[3] else first
        holidays.append((first, last, (groups[6] or "").strip()))
    makeups: list[MakeupDay] = [
        (_line_date(groups[0:3], line_no), (groups[6] or "").strip())
        for line_no, groups in _schedule_lines(
            makeup_text,
            _("调休上班第 %(line)s 行“%(text)s”无法识别：应为“2027-09-26 国庆节调休”。"),
            one_day=True,
        )
    ]
    return holidays, makeups
