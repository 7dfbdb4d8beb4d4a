"""Counting the public engagement the annual report narrates (信箱来信, 人大代表建议, 政协提案).

Reading adopted (write-up in ``docs/architecture.md``): the items of year Y are those received
(交办) in Y; ``replied`` are those of them answered by the end of Y (办结), ``published`` those
whose reply was made public by the end of Y. The completion rate (办结率) is replied / received.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

__all__ = ["EngagementItem", "EngagementSummary", "summarise"]


@dataclass(frozen=True)
class EngagementItem:
    """One message, suggestion or proposal: when it came, was answered, was made public."""

    received_on: date
    replied_on: date | None = None
    published_on: date | None = None


@dataclass(frozen=True)
class EngagementSummary:
    received: int = 0
    replied: int = 0
    published: int = 0

    @property
    def pending(self) -> int:
        return self.received - self.replied

    @property
    def completion_rate(self) -> float | None:
        """办结率 as a fraction (None when nothing was received)."""
        return self.replied / self.received if self.received else None

    @property
    def completion_percent(self) -> str:
        """办结率 as the report writes it ("100%", "87.5%"; "—" when nothing was received)."""
        rate = self.completion_rate
        if rate is None:
            return "—"
        text = f"{rate * 100:.1f}".rstrip("0").rstrip(".")
        return f"{text}%"


def summarise(items: Iterable[EngagementItem], year: int) -> EngagementSummary:
    """Count the items received in ``year``, answered and published by its end."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    received = replied = published = 0
    for item in items:
        if not start <= item.received_on <= end:
            continue
        received += 1
        if item.replied_on is not None and item.replied_on <= end:
            replied += 1
            if item.published_on is not None and item.published_on <= end:
                published += 1
    return EngagementSummary(received, replied, published)
