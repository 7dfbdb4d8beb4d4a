"""A flattened table as a stream of segments: a label followed by its cells.

Whatever the layout — tab- or ``|``-separated rows, one cell per line, ``\\n|\\n``
separators, space-separated PDF text or cells run together — a table region becomes a list
of :class:`Segment`: the label text and the number/blank cells printed after it. Rows are
then found by their labels (``grid``), so the layout matters only here.

Blank cells are explicit in tab and pipe layouts and, in one-cell-per-line text, as extra
empty lines; in space-separated text they cannot be seen (``explicit_blanks`` is false).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum

from gongkai.domain.parsers.normalize import strip_notes
from gongkai.domain.parsers.numbers import Num, is_blank_cell, parse_number

__all__ = ["Cell", "CellKind", "Segment", "Tokens", "tokenize"]


class CellKind(Enum):
    TEXT = "text"
    NUM = "num"
    BLANK = "blank"


@dataclass(frozen=True)
class Cell:
    kind: CellKind
    text: str = ""
    num: Num | None = None
    glued: bool = False  # printed against a label with no separator ("规章000")

    @property
    def digits_or_empty(self) -> str:
        return self.num.digits if self.num is not None else ""


BLANK = Cell(CellKind.BLANK)


@dataclass
class Segment:
    """A label (texts printed next to each other, joined) and the cells that follow it."""

    label: str
    cells: list[Cell] = field(default_factory=list)

    @property
    def numbers(self) -> int:
        return sum(1 for c in self.cells if c.kind is CellKind.NUM)


@dataclass(frozen=True)
class Tokens:
    segments: list[Segment]
    explicit_blanks: bool
    cut_off: bool = False  # the text ends inside this table

    def is_cut_row(self, segment: Segment) -> bool:
        """The last row of a table the text stops in: its missing cells were cut off."""
        return self.cut_off and bool(self.segments) and self.segments[-1] is segment


_PIPE_SEP_RE = re.compile(r"\n?[ \t]*[|｜][ \t]*\n?|\n")
_TAB_SEP_RE = re.compile(r"\t|\n")
_WS_RE = re.compile(r"\s+")
# A number inside a run-together token. A last digit followed by "." / "、" and a
# non-digit is a row enumerator ("00000002.其他法律…" is 0000000 then "2.其他法律…").
_EMBEDDED_NUM_RE = re.compile(r"[+\-－−]?\d+(?:\.\d+)?(?:万元|元)?")
_ENUMERATOR_AFTER_RE = re.compile(r"[.、．](?!\d)")


def _cell(text: str) -> Cell:
    text = text.strip()
    if is_blank_cell(text):
        return BLANK
    num = parse_number(text)
    if num is not None:
        return Cell(CellKind.NUM, text, num)
    return Cell(CellKind.TEXT, text)


def _split_run_together(token: str) -> list[Cell]:
    """Split a whitespace-free token into text and number pieces."""
    num = parse_number(token)
    if num is not None:
        return [Cell(CellKind.NUM, token, num)]
    if is_blank_cell(token):
        return [BLANK]
    out: list[Cell] = []
    pos = 0
    glued = not token.isdigit()
    for match in _EMBEDDED_NUM_RE.finditer(token):
        start, end = match.span()
        digits = match.group(0)
        if digits[-1].isdigit() and "." not in digits and _ENUMERATOR_AFTER_RE.match(token, end):
            end -= 1  # the last digit is the next row's enumerator: keep it with the label
            digits = digits[:-1]
        parsed = parse_number(digits) if digits else None
        if parsed is None:
            continue
        if start > pos:
            out.append(Cell(CellKind.TEXT, token[pos:start]))
        out.append(Cell(CellKind.NUM, digits, parsed, glued=glued))
        pos = end
    if pos < len(token):
        out.append(Cell(CellKind.TEXT, token[pos:]))
    return out


def _pipe_cells(region: str) -> list[Cell]:
    return [_cell(piece) for piece in _PIPE_SEP_RE.split(region)]


def _tab_cells(region: str) -> list[Cell]:
    return [_cell(piece) for piece in _TAB_SEP_RE.split(region)]


def _ws_cells(region: str) -> tuple[list[Cell], bool]:
    """Space/line separated text. In double-spaced text (one empty line between cells) each
    further empty line is a blank cell."""
    lines = region.split("\n")
    gaps: list[int] = []
    run = 0
    seen = False
    for line in lines:
        if line.strip():
            if seen:
                gaps.append(run)
            seen = True
            run = 0
        else:
            run += 1
    base = Counter(gaps).most_common(1)[0][0] if gaps else 0
    double_spaced = base >= 1
    out: list[Cell] = []
    run = 0
    seen = False
    for line in lines:
        stripped = line.strip()
        if not stripped:
            run += 1
            continue
        if seen and double_spaced and run > base:
            out.extend([BLANK] * (run - base))
        seen = True
        run = 0
        for token in _WS_RE.split(stripped):
            out.extend(_split_run_together(token))
    return out, double_spaced


def _segments(cells: list[Cell]) -> list[Segment]:
    segments: list[Segment] = []
    current: Segment | None = None
    for cell in cells:
        if cell.kind is CellKind.TEXT:
            if current is not None and not current.cells:
                current.label += cell.text
            else:
                current = Segment(cell.text)
                segments.append(current)
        else:
            if current is None:
                current = Segment("")
                segments.append(current)
            current.cells.append(cell)
    return segments


def tokenize(region: str, *, cut_off: bool = False) -> Tokens:
    """Segments of a table region (simplified text); ``cut_off`` when the text ends in it."""
    region = strip_notes(region)
    pipes = region.count("|") + region.count("｜")
    tabs = region.count("\t")
    if pipes >= 3 and pipes >= tabs:
        return Tokens(_segments(_pipe_cells(region)), True, cut_off)
    if tabs >= 3:
        return Tokens(_segments(_tab_cells(region)), True, cut_off)
    cells, explicit = _ws_cells(region)
    return Tokens(_segments(cells), explicit, cut_off)
