"""The one reader of query parameters (``?page=``, ``?per_page=``, ``?year=``, ``?application=``)
and of the numbers typed into list filters: ASCII digits only, bounded, never an exception.

``str.isdigit`` and ``int()`` accept more than a person types: ``"²".isdigit()`` is true and
``int("²")`` fails; ``int("٢٠٢٤")`` is 2024; ``int("-2147483649")`` reaches the database as an
``OFFSET`` it refuses. A value that is not a plain number in range is treated as absent: the
caller falls back to its default (the first page, the default page size, last year) or shows
the filter form's "筛选条件有误" message — a request never fails with a 500 because of it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_PAGE",
    "MAX_PER_PAGE",
    "MAX_RECORD_ID",
    "page_number",
    "page_size",
    "parse_choice",
    "parse_code",
    "parse_int",
    "parse_record_id",
    "parse_year",
]

#: The most rows a visitor may ask one page of a list for (``?per_page=``); a view whose own
#: page is longer (a catalogue tree of 1,000 nodes) keeps its own size as the bound.
MAX_PER_PAGE = 100
#: The highest page number read (beyond it, the last page: 1,000,000 pages of 100 rows).
MAX_PAGE = 1_000_000
#: The range of a record's primary key (``BigAutoField``: a signed 64-bit integer).
MAX_RECORD_ID = 2**63 - 1
#: The years a page or filter may be about (a year outside is no year).
FIRST_YEAR = 1990
LAST_YEAR = 2200

#: A plain number as people type it: ASCII digits, at most 19 of them (a BigAutoField).
_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_int(text: Any, *, minimum: int, maximum: int) -> int | None:
    """``text`` as an integer in ``minimum..maximum``, or None: only ASCII digits (no sign, no
    spaces, no ``²`` or ``٢``), at most 19 of them."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    elif isinstance(text, str) and _DIGITS.fullmatch(text):
        value = int(text)
    else:
        return None
    return value if minimum <= value <= maximum else None


def parse_year(text: Any, *, first: int = FIRST_YEAR, last: int = LAST_YEAR) -> int | None:
    """A year (``first..last``), or None."""
    return parse_int(text, minimum=first, maximum=last)


def parse_choice(text: Any, choices: Collection[str]) -> str | None:
    """One of ``choices`` exactly as written (a key such as ``denied.third_party``), or None."""
    return text if isinstance(text, str) and text in choices else None


def parse_record_id(text: Any) -> int | None:
    """A record's primary key (a positive 64-bit integer), or None."""
    return parse_int(text, minimum=1, maximum=MAX_RECORD_ID)


def page_number(query: Mapping[str, Any], name: str = "page") -> int:
    """``?page=``: 1 when absent or not a page number; at most :data:`MAX_PAGE`."""
    text = query.get(name)
    if isinstance(text, str) and _DIGITS.fullmatch(text):
        return max(1, min(int(text), MAX_PAGE))
    return 1


def page_size(query: Mapping[str, Any], default: int, name: str = "per_page") -> int:
    """``?per_page=``: ``default`` when absent or not a number; else brought within 1 and
    :data:`MAX_PER_PAGE` (or ``default`` when the view's own page is longer)."""
    text = query.get(name)
    if isinstance(text, str) and _DIGITS.fullmatch(text):
        return max(1, min(int(text), max(MAX_PER_PAGE, default)))
    return default


def parse_code(text: Any, *, alphabet: str, length: int) -> str | None:
    """A code of exactly ``length`` characters of ``alphabet`` (upper-cased, spaces and
    dashes dropped, as people copy it), or None."""
    if not isinstance(text, str) or len(text) > 4 * length:
        return None
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != length or any(c not in alphabet for c in code):
        return None
    return code
