"""Pagination without ``COUNT(*)``: a page reads ``per_page + 1`` rows to know whether another
page follows. Used by lists that may hold a million rows (the catalog), where counting every
matching row on each page view costs more than reading the page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

__all__ = ["LitePage", "lite_page"]

MAX_PAGE = 100_000


@dataclass(frozen=True)
class LitePage:
    number: int
    object_list: Sequence[Any]
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def lite_page(queryset: QuerySet[Any], page: str | None, per_page: int) -> LitePage:
    """The ``page``-th page (1 for anything that is not a positive number)."""
    number = int(page) if page and page.isdigit() and 0 < int(page) <= MAX_PAGE else 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return LitePage(number, rows[:per_page], len(rows) > per_page)
