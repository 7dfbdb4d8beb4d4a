"""Numbers as printed in report cells, and the splitting of digit runs.

Cells carry units ("251000元", "160.5964万元"), signs ("+19", "-8", "减4", "增3") and
thousands separators. Flattened tables sometimes lose the separator between cells
("713000074"): :func:`splits` lists every way to cut such a run into cells; the caller keeps
the ones that satisfy the table's identities.

A digit string longer than :data:`gongkai.domain.limits.MAX_DIGIT_RUN` is not a number (the
report reader refuses such a text before reading it); converting it would cost time
quadratic in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from gongkai.domain.limits import MAX_DIGIT_RUN

__all__ = ["Num", "parse_number", "splits", "to_value"]

_NUMBER_RE = re.compile(
    r"^(?P<sign>[+＋\-－−—–]|增加?|减少?)?\s*"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万元|元|件|项|个|条|次|人次)?$"
)
_BLANK_CELLS = frozenset({"", "/", "／", "无", "空", "\\"})
_RULE_RE = re.compile(r"^[-－—–=:：\s]*$")  # "-", "——", and markdown rules "|---|:--:|"


@dataclass(frozen=True)
class Num:
    """A printed number. ``digits`` is the bare digit string (for run splitting)."""

    value: Decimal
    digits: str
    signed: bool = False
    unit: str = ""
    # The table identity (rule id, "R1") that decided where a digit run was cut to give
    # this cell; empty when the cell was printed on its own (or the run cuts only one way).
    rule: str = ""

    @property
    def is_run(self) -> bool:
        """A digit string that may be several cells run together (a sign goes with the
        first of them: "-1495" may be -1, 495)."""
        return not self.unit and "." not in self.digits and len(self.digits) > 1

    @property
    def negative(self) -> bool:
        return self.value < 0


def is_blank_cell(text: str) -> bool:
    text = text.strip()
    return text in _BLANK_CELLS or _RULE_RE.match(text) is not None


def parse_number(text: str) -> Num | None:
    """A cell's number, or ``None`` when the cell is not a number."""
    match = _NUMBER_RE.match(text.strip())
    if match is None:
        return None
    raw = match.group("num").replace(",", "")
    if len(raw) > MAX_DIGIT_RUN:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the regex admits only decimals
        return None
    sign = match.group("sign") or ""
    negative = sign.startswith("减") or sign in ("-", "－", "−", "—", "–")
    if negative:
        value = -value
    return Num(value, raw, signed=bool(sign), unit=match.group("unit") or "")


def to_value(value: Decimal) -> int | float:
    """JSON-friendly number: integral values become ``int``."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def splits(digits: str, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut a digit run into ``parts`` non-negative integers written without
    leading zeros ("0" itself is a cell)."""
    n = len(digits)
    if parts <= 0 or parts > n:
        return

    def cut(start: int, left: int) -> Iterator[tuple[int, ...]]:
        if left == 1:
            if digits[start] != "0" or start == n - 1:
                yield (int(digits[start:]),)
            return
        longest = 1 if digits[start] == "0" else n - start - left + 1
        for length in range(1, longest + 1):
            head = int(digits[start : start + length])
            for tail in cut(start + length, left - 1):
                yield (head, *tail)

    yield from cut(0, parts)
