"""Reading segments against the fixed template grid of a format.

A segment is matched to a template row by the row's words found *last* in its label (the
label of the first row of a table also carries the headers and group labels printed before
it). Segments whose label is lost or mistyped take the free template row between their
matched neighbours; numeric rows that fit nowhere are reported, never guessed.

Cells are fitted to the row's width: surplus blanks are dropped, a digit run is split
only in ways that satisfy the row identity (R1 for 三, R3 for 四), and a short row is
filled left to right only where blanks are visible or the text is cut off after it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import product
from math import comb, prod

from gongkai.domain.parsers.normalize import norm_label
from gongkai.domain.parsers.numbers import Num, splits
from gongkai.domain.parsers.tokens import Cell, CellKind, Segment, Tokens

__all__ = ["Fit", "Matched", "RowSpec", "Values", "fit_cells", "match_segments"]

Values = tuple[Num | None, ...]
Check = Callable[[Sequence[Decimal | None]], bool]

_MAX_CANDIDATES = 6000


@dataclass(frozen=True)
class RowSpec:
    """A template row (or a group label) and the words that identify it."""

    key: str
    width: int
    patterns: tuple[str, ...]  # normalised words, anywhere in the label
    suffixes: tuple[str, ...] = ()  # normalised words that must end the label
    group: str | None = None  # the group a data row belongs to
    is_group: bool = False


@dataclass
class Fit:
    """The cells of one row: ``values`` when certain, else ``candidates`` (or nothing)."""

    values: Values | None = None
    candidates: list[Values] = field(default_factory=list)
    reason: str = ""
    by_rule: bool = False  # a digit run whose split only the row identity decided


def _trim(cells: list[Cell], width: int) -> list[Cell]:
    cells = list(cells)
    while len(cells) > width and cells[-1].kind is CellKind.BLANK:
        cells.pop()
    while len(cells) > width and cells[0].kind is CellKind.BLANK:
        cells.pop(0)
    return cells


def _as_num(cell: Cell) -> Num | None:
    return cell.num if cell.kind is CellKind.NUM else None


def _runnable(cells: list[Cell], explicit_blanks: bool, checked: bool) -> list[int]:
    """Cells that may be several cells run together. Where separators are printed (tabs,
    pipes, blank lines) only a row printed as one single number qualifies; in space-separated
    text, a number glued to a label or the only number of its row, and any number of a row
    that a row identity checks (a flattened row keeps some spaces between its cells at
    random: "230 000023" is 23,0 and 0,0,0,0,23)."""
    runs = [i for i, c in enumerate(cells) if c.num is not None and c.num.is_run]
    if explicit_blanks:
        return runs if len(cells) == 1 else []
    if len(cells) == 1 or checked or any(cells[i].glued for i in runs):
        return runs
    return []


Reading = tuple[Decimal | None, ...]


def _run_readings(
    cells: list[Cell], width: int, explicit_blanks: bool, checked: bool
) -> list[Reading] | None:
    """Every reading of ``cells`` as ``width`` cells where digit runs may be several cells
    (``None``: too many readings to consider)."""
    runs = _runnable(cells, explicit_blanks, checked)
    extra = width - len(cells)
    if not runs or extra <= 0:
        return []
    # Distribute the extra cells over the runs (each run i becomes 1 + k_i cells).
    distributions: list[tuple[int, ...]] = []

    def spread(i: int, left: int, acc: tuple[int, ...]) -> None:
        if i == len(runs) - 1:
            distributions.append((*acc, left))
            return
        for k in range(left + 1):
            spread(i + 1, left - k, (*acc, k))

    spread(0, extra, ())
    ways = sum(
        prod(comb(len(cells[r].digits_or_empty) - 1, k) for r, k in zip(runs, dist, strict=True))
        for dist in distributions
    )
    if ways > _MAX_CANDIDATES:
        return None
    out: list[Reading] = []
    for dist in distributions:
        options: list[list[Reading]] = []
        run_parts = dict(zip(runs, dist, strict=True))
        for i, cell in enumerate(cells):
            num = cell.num if cell.kind is CellKind.NUM else None
            if i in run_parts and num is not None:
                sign = -1 if num.negative else 1
                options.append(
                    [
                        (Decimal(sign * split[0]), *(Decimal(p) for p in split[1:]))
                        for split in splits(num.digits, run_parts[i] + 1)
                    ]
                )
            else:
                options.append([(num.value if num is not None else None,)])
        for combo in product(*options):
            out.append(tuple(v for part in combo for v in part))
    return out


def _as_values(reading: Reading) -> Values:
    return tuple(Num(v, str(abs(v))) if v is not None else None for v in reading)


def fit_cells(
    cells: list[Cell],
    width: int,
    *,
    check: Check | None = None,
    explicit_blanks: bool = True,
    at_end: bool = False,
    last_units: frozenset[str] = frozenset(),
) -> Fit:
    """Fit a segment's cells to a row of ``width`` cells. ``last_units``: the units the row's
    last column is printed with ("元" for 采购总金额): a digit run ending the row with such a
    unit ("政府集中采购00元") may hold the cells before it too, the unit going with the last."""
    cells = _trim(cells, width)
    unit = _last_unit(cells, last_units) if len(cells) < width else ""
    if unit:
        last = cells[-1]
        assert last.num is not None
        bare = [*cells[:-1], replace(last, num=replace(last.num, unit=""))]
        readings = _run_readings(bare, width, explicit_blanks, check is not None)
        if readings is None or readings:
            fit = _fit(bare, width, check, explicit_blanks, at_end)
            fit.values = _with_last_unit(fit.values, unit)
            fit.candidates = [v for c in fit.candidates if (v := _with_last_unit(c, unit))]
            return fit
    return _fit(cells, width, check, explicit_blanks, at_end)


def _last_unit(cells: list[Cell], units: frozenset[str]) -> str:
    """The unit of the row's last printed number when it is one of ``units`` and its digits
    may be a run (no decimal point)."""
    if not units or not cells:
        return ""
    num = cells[-1].num if cells[-1].kind is CellKind.NUM else None
    if num is None or num.unit not in units or "." in num.digits:
        return ""
    return num.unit


def _with_last_unit(values: Values | None, unit: str) -> Values | None:
    if values is None or values[-1] is None:
        return values
    return (*values[:-1], replace(values[-1], unit=unit))


def _fit(
    cells: list[Cell], width: int, check: Check | None, explicit_blanks: bool, at_end: bool
) -> Fit:
    if len(cells) >= width:
        return Fit(values=tuple(_as_num(c) for c in cells[:width]))
    readings = _run_readings(cells, width, explicit_blanks, check is not None)
    if readings is None:
        return Fit(reason="run")
    if readings:
        if len(readings) == 1:
            return Fit(values=_as_values(readings[0]))
        if check is not None:
            readings = [r for r in readings if check(r)]
        if len(readings) == 1:
            return Fit(values=_as_values(readings[0]), by_rule=True)
        if not readings:
            return Fit(reason="run")
        return Fit(candidates=[_as_values(r) for r in readings], reason="run")
    if explicit_blanks or at_end:
        values = [_as_num(c) for c in cells]
        return Fit(values=tuple(values + [None] * (width - len(values))))
    return Fit(reason="short")


def best_match(label: str, specs: Sequence[RowSpec]) -> int | None:
    """Index of the spec whose words end last in ``label`` (ties: the longer word)."""
    best: tuple[int, int] | None = None
    best_index: int | None = None
    for index, spec in enumerate(specs):
        for pattern in spec.patterns:
            pos = label.rfind(pattern)
            if pos >= 0:
                score = (pos + len(pattern), len(pattern))
                if best is None or score > best:
                    best, best_index = score, index
        for suffix in spec.suffixes:
            if label.endswith(suffix):
                score = (len(label), len(suffix))
                if best is None or score > best:
                    best, best_index = score, index
    return best_index


@dataclass
class Matched:
    """Segments matched to data rows, group segments, and numeric segments that fit nowhere."""

    rows: dict[str, Segment] = field(default_factory=dict)
    groups: list[tuple[RowSpec, Segment, bool]] = field(default_factory=list)  # (…, is_last)
    unplaced: list[Segment] = field(default_factory=list)


def match_segments(tokens: Tokens, specs: Sequence[RowSpec]) -> Matched:
    """Assign segments to template rows by label, then by position for damaged labels."""
    data = [s for s in specs if not s.is_group]
    order = {s.key: i for i, s in enumerate(data)}
    result = Matched()
    placed: list[tuple[int, Segment | None, RowSpec | None]] = []
    for segment in tokens.segments:
        index = best_match(norm_label(segment.label), specs)
        spec = specs[index] if index is not None else None
        if spec is not None and spec.is_group:
            result.groups.append((spec, segment, tokens.is_cut_row(segment)))
            first = next((order[s.key] for s in data if s.group == spec.key), None)
            if first is not None:
                placed.append((first - 1, None, spec))
            continue
        if spec is not None:
            previous = result.rows.get(spec.key)
            if previous is None or segment.numbers > previous.numbers:
                result.rows[spec.key] = segment
            placed.append((order[spec.key], segment, spec))
        elif segment.numbers:
            placed.append((-2, segment, None))  # unplaced for now
    # Positional fallback: unmatched numeric segments between two matched rows take the
    # free template rows between them when the counts agree, else a row whose words they
    # resemble; after the last matched row only a resembling next row is taken.
    taken = {order[k] for k in result.rows}
    prev_row = -1
    pending: list[Segment] = []
    seen_match = False

    def settle(upto: int, *, bounded: bool = True) -> None:
        free = [i for i in range(prev_row + 1, upto) if i not in taken]
        if bounded and pending and len(free) == len(pending):
            for i, segment in zip(free, pending, strict=True):
                result.rows[data[i].key] = segment
                taken.add(i)
            pending.clear()
        for segment in pending:
            row = _resembling(segment, [i for i in free if i not in taken], data)
            if row is None:
                result.unplaced.append(segment)
            else:
                result.rows[data[row].key] = segment
                taken.add(row)
        pending.clear()

    for row_index, placed_segment, spec in placed:
        if spec is None and placed_segment is not None:
            if seen_match:
                pending.append(placed_segment)
            continue
        settle(row_index)
        prev_row = max(prev_row, row_index)
        seen_match = True
    settle(min(prev_row + 2, len(data)), bounded=False)
    return result


_MIN_RESEMBLANCE = 0.6


def _lcs(a: str, b: str) -> int:
    previous = [0] * (len(b) + 1)
    for ch in a:
        current = [0]
        for j, other in enumerate(b):
            current.append(previous[j] + 1 if ch == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def _resembling(segment: Segment, free: list[int], data: Sequence[RowSpec]) -> int | None:
    """The free row whose words the segment's (damaged) label resembles most, if any does."""
    label = norm_label(segment.label)
    best: tuple[float, int] | None = None
    for i in free:
        for word in data[i].patterns:
            if len(word) < 4:
                continue
            tail = label[-(len(word) + 6) :]
            ratio = _lcs(word, tail) / len(word)
            if ratio >= _MIN_RESEMBLANCE and (best is None or ratio > best[0]):
                best = (ratio, i)
    return best[1] if best is not None else None
