"""Receivers of the applications app: stored deadlines follow the calendar."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gongkai.apps.applications.services import recompute_deadlines

__all__ = ["recompute_after_calendar_change"]


def recompute_after_calendar_change(sender: Any, *, years: Iterable[int], **kwargs: Any) -> int:
    """A year's schedule changed (``workcal.signals.calendar_changed``): recompute the stored
    deadlines touching it; the number changed."""
    return sum(recompute_deadlines(year=year) for year in sorted(set(years)))
