"""Signals of the calendar app: the apps above it learn of a changed schedule without the
calendar importing them (layers: workcal < the feature apps)."""

from __future__ import annotations

from django.dispatch import Signal

__all__ = ["calendar_changed"]

#: Sent with ``years`` (sorted ints) after the working-day schedule of those years changed;
#: a receiver recomputes what it derived from the calendar and returns how many it changed.
calendar_changed = Signal()
