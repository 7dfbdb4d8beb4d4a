"""Checking a ledger: parsed rows, or every error with its row and column.

:meth:`LedgerFormat.parse` is the one row loop of every ledger (§1–§4 of ``ledger-formats.md``):
it checks the header, skips the template's example row, reads each row through a
:class:`RowChecker`, and returns rows only when no row has an error, so that the caller imports
all or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from gongkai.domain.facts import not_before_problem
from gongkai.domain.ledgers.table_io import LedgerTable, RawValue, TableRow, header_form
from gongkai.domain.ledgers.values import parse_choice, parse_date, parse_int_range, parse_text

__all__ = [
    "EXAMPLE_KEY_PREFIX",
    "LedgerError",
    "LedgerFormat",
    "LedgerResult",
    "RowChecker",
    "check_columns",
]

T = TypeVar("T")
V = TypeVar("V")
K = TypeVar("K")

# Keys of the templates' example rows start with this (see templates.py).
EXAMPLE_KEY_PREFIX = "示例-"
REQUIRED = "必填，不能为空"


@dataclass(frozen=True)
class LedgerError:
    """One problem: spreadsheet row (1-based), column header (may be empty), message."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return f"第 {self.row} 行，“{self.column}”列：{self.message}"
        return f"第 {self.row} 行：{self.message}"


@dataclass
class LedgerResult(Generic[T]):
    """Rows of a ledger that passed every check; empty as soon as there is one error."""

    rows: list[T] = field(default_factory=list)
    errors: list[LedgerError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _with_declared_headers(table: LedgerTable, columns: Sequence[str]) -> LedgerTable:
    """The table with headers renamed to the declared column names they stand for."""
    renames = {header_form(c): c for c in columns if header_form(c) != c and c not in table.headers}
    renames = {k: v for k, v in renames.items() if k in table.headers}
    if not renames:
        return table
    return LedgerTable(
        table.filename,
        [renames.get(h, h) for h in table.headers],
        [
            TableRow(r.number, {renames.get(k, k): v for k, v in r.values.items()})
            for r in table.rows
        ],
        table.header_row,
        list(table.warnings),
    )


def check_columns(
    table: LedgerTable,
    columns: Sequence[str],
    required: Sequence[str],
    computed: Sequence[str] = (),
) -> tuple[list[LedgerError], list[str]]:
    """Missing required columns (errors); unknown and absent optional columns (warnings).

    ``computed`` columns (written by export, e.g. 答复期限) are ignored without a warning.
    """
    present = set(table.headers)
    errors = [
        LedgerError(table.header_row, name, "表头缺少此必填列")
        for name in required
        if name not in present
    ]
    warnings = [
        f"未知的列“{name}”已忽略" for name in table.headers if name not in {*columns, *computed}
    ]
    warnings += [
        f"文件中没有“{name}”列，按空白处理"
        for name in columns
        if name not in present and name not in required
    ]
    return errors, warnings


@dataclass(frozen=True)
class LedgerFormat(Generic[T]):
    """One ledger of ``ledger-formats.md``: its columns and how one row is read.

    ``read_row`` reads a row through its :class:`RowChecker` and returns it, or None; keys it
    declares with :meth:`RowChecker.unique` are unique in the file. ``cells`` gives a row's
    values in the order of ``columns`` (labels, not keys), to write it back. A row whose
    ``example_column`` (default: the first column) starts with 示例- is the template's example
    row. ``computed`` columns are written by export and ignored on import.
    """

    columns: tuple[str, ...]
    required: tuple[str, ...]
    read_row: Callable[[RowChecker], T | None]
    cells: Callable[[T], tuple[object, ...]]
    example_column: str | None = None
    computed: tuple[str, ...] = ()

    def export_row(self, row: T) -> dict[str, object]:
        """A ledger row to write back, re-importable as it is."""
        return dict(zip(self.columns, self.cells(row), strict=True))

    def parse(self, table: LedgerTable) -> LedgerResult[T]:
        """Check the header, then every row; every error, and rows only if there is none."""
        table = _with_declared_headers(table, self.columns)
        errors, column_warnings = check_columns(table, self.columns, self.required, self.computed)
        warnings = [*table.warnings, *column_warnings]
        if errors:
            return LedgerResult(errors=errors, warnings=warnings)
        marker_column = self.example_column or self.columns[0]
        rows: list[T] = []
        first_seen: dict[Hashable, int] = {}
        for table_row in table.rows:
            marker = parse_text(table_row.values.get(marker_column))
            if marker is not None and marker.startswith(EXAMPLE_KEY_PREFIX):
                # The downloaded template's example row: a clerk fills rows below it and
                # imports the file as it is, so the example must never become a record.
                warnings.append(f"第 {table_row.number} 行是模板示例行（{marker}），已跳过")
                continue
            checker = RowChecker(table_row.number, table_row.values, first_seen)
            row = self.read_row(checker)
            errors += checker.errors
            if row is not None and not checker.errors:
                rows.append(row)
        if errors:
            return LedgerResult(errors=errors, warnings=warnings)
        return LedgerResult(rows=rows, warnings=warnings)


class RowChecker:
    """Reads the cells of one ledger row and collects its errors (every §1–§4 ledger).

    Each reader names the column in its error: a cell that cannot be read, or a ``required``
    one left blank (必填，不能为空); it returns the value, or None.
    """

    def __init__(
        self,
        number: int,
        values: Mapping[str, RawValue],
        first_seen: dict[Hashable, int] | None = None,
    ) -> None:
        self.number = number
        self.values = values
        self.errors: list[LedgerError] = []
        self._first_seen: dict[Hashable, int] = {} if first_seen is None else first_seen

    def error(self, column: str, message: str) -> None:
        self.errors.append(LedgerError(self.number, column, message))

    def filled(self, column: str) -> bool:
        """The cell holds something (valid or not)."""
        return parse_text(self.values.get(column)) is not None

    def cell(
        self,
        column: str,
        read: Callable[[RawValue], tuple[V | None, str | None]],
        required: bool = False,
    ) -> V | None:
        """The cell read by ``read`` (a :mod:`~gongkai.domain.ledgers.values` reader)."""
        value, problem = read(self.values.get(column))
        if problem:
            self.error(column, problem)
        elif value is None and required:
            self.error(column, REQUIRED)
        return value

    def text(self, column: str, required: bool = False) -> str | None:
        return self.cell(column, lambda raw: (parse_text(raw), None), required)

    def day(self, column: str, required: bool = False) -> date | None:
        return self.cell(column, parse_date, required)

    def integer(self, column: str, low: int, high: int) -> int | None:
        return self.cell(column, lambda raw: parse_int_range(raw, low, high))

    def choice(self, column: str, choices: Sequence[str], required: bool = False) -> str | None:
        """One of ``choices``, as spelled there."""
        return self.cell(column, lambda raw: parse_choice(raw, choices), required)

    def pick(self, column: str, options: Mapping[str, K], required: bool = False) -> K | None:
        """The value of the option spelled in the cell (``options``: spelling → value)."""
        spelled = self.choice(column, tuple(options), required)
        return None if spelled is None else options[spelled]

    def parsed(self, column: str, parse: Callable[[str], V], required: bool = False) -> V | None:
        """The cell's text read by ``parse``, whose ValueError is the cell's error."""
        text = self.text(column, required)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.error(column, str(exc))
            return None

    def not_before(
        self, column: str, value: date | None, other_column: str, other: date | None
    ) -> None:
        problem = not_before_problem(value, other_column, other)
        if problem:
            self.error(column, problem)

    def needs(self, column: str, value: object, other_column: str, other: object) -> None:
        if value is not None and other is None:
            self.error(column, f"填写了{column}时，应同时填写{other_column}")

    def together(
        self, result_column: str, date_column: str, closed: date | None, pending: str
    ) -> None:
        """A result and the date it was reached are filled together; ``pending`` (the rows
        still open, e.g. 未办结的申请) leave both blank."""
        has_result = self.filled(result_column)
        if has_result and closed is None and not self.filled(date_column):
            self.error(date_column, f"已填写{result_column}，{date_column}必填")
        if closed is not None and not has_result:
            self.error(
                result_column,
                f"已填写{date_column}，应同时填写{result_column}（{pending}两者都留空）",
            )

    def unique(self, column: str, text: str, key: Hashable) -> None:
        """Declare the row's natural key; a key an earlier row has is an error here, naming
        the key by ``text``."""
        first = self._first_seen.setdefault(key, self.number)
        if first != self.number:
            self.error(column, f"{text}与第 {first} 行重复")
