"""What the records counted in the report tables share: the report year's bounds, "in effect at
the end of the year", and the checks of a record's dates (``disclosure-law.md`` §6)."""

from __future__ import annotations

from datetime import date

__all__ = [
    "check_not_before",
    "check_together",
    "in_effect_at_end_of",
    "not_before_problem",
    "year_end",
]


def year_end(year: int) -> date:
    return date(year, 12, 31)


def in_effect_at_end_of(start: date, stop: date | None, year: int) -> bool:
    """Started by 31 December of Y and not stopped by then (``stop`` is the first day out)."""
    end = year_end(year)
    return start <= end and (stop is None or stop > end)


def not_before_problem(value: date | None, other_label: str, other: date | None) -> str | None:
    """Why ``value`` may not stand before ``other`` (None: both known and in order, or either
    blank)."""
    if value is not None and other is not None and value < other:
        return f"{value} 早于{other_label} {other}"
    return None


def check_not_before(label: str, value: date | None, other_label: str, other: date) -> None:
    """ValueError unless ``value`` (when known) is on or after ``other``."""
    problem = not_before_problem(value, other_label, other)
    if problem:
        raise ValueError(f"{label} {problem}")


def check_together(label: str, value: object, other_label: str, other: object) -> None:
    """ValueError unless both are given or both are blank (a result and its date)."""
    if (value is None) != (other is None):
        raise ValueError(f"{label}与{other_label}应同时填写或同时为空")
