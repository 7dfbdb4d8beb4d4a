"""The outcome of checking a ledger: parsed rows, or every error with its row and column."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from gongkai.domain.ledgers.table_io import LedgerTable, RawValue
from gongkai.domain.ledgers.values import parse_choice, parse_date, parse_text

__all__ = [
    "EXAMPLE_KEY_PREFIX",
    "LedgerError",
    "LedgerResult",
    "RowChecker",
    "check_columns",
    "parse_rows",
]

T = TypeVar("T")


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


# Keys of the templates' example rows start with this (see templates.py).
EXAMPLE_KEY_PREFIX = "示例-"


def parse_rows(
    table: LedgerTable,
    columns: Sequence[str],
    required: Sequence[str],
    parse_row: Callable[[int, dict[str, RawValue]], tuple[T | None, list[LedgerError]]],
    *,
    computed: Sequence[str] = (),
) -> LedgerResult[T]:
    """Check the header, then every row (the first column is the key, unique in the file).

    Every error of every row is collected; rows are returned only when there is no error.
    """
    errors, column_warnings = check_columns(table, columns, required, computed)
    warnings = [*table.warnings, *column_warnings]
    if errors:
        return LedgerResult(errors=errors, warnings=warnings)
    key_column = columns[0]
    rows: list[T] = []
    first_seen: dict[str, int] = {}
    for table_row in table.rows:
        key = parse_text(table_row.values.get(key_column))
        if key is not None and key.startswith(EXAMPLE_KEY_PREFIX):
            # The downloaded template's example row: a clerk fills rows below it and imports
            # the file as it is, so the example must never become a record.
            warnings.append(f"第 {table_row.number} 行是模板示例行（{key}），已跳过")
            continue
        row, row_errors = parse_row(table_row.number, table_row.values)
        errors += row_errors
        if key is not None and key in first_seen:
            errors.append(
                LedgerError(
                    table_row.number,
                    key_column,
                    f"{key_column}“{key}”与第 {first_seen[key]} 行重复",
                )
            )
        elif key is not None:
            first_seen[key] = table_row.number
        if row is not None:
            rows.append(row)
    if errors:
        return LedgerResult(errors=errors, warnings=warnings)
    return LedgerResult(rows=rows, warnings=warnings)


class RowChecker:
    """Collects the values and the errors of one ledger row (every §1–§4 ledger)."""

    def __init__(self, number: int, values: dict[str, RawValue]) -> None:
        self.number = number
        self.values = values
        self.errors: list[LedgerError] = []

    def error(self, column: str, message: str) -> None:
        self.errors.append(LedgerError(self.number, column, message))

    def text(self, column: str, required: bool = False) -> str | None:
        value = parse_text(self.values.get(column))
        if value is None and required:
            self.error(column, "必填，不能为空")
        return value

    def day(self, column: str, required: bool = False) -> date | None:
        value, problem = parse_date(self.values.get(column))
        if problem:
            self.error(column, problem)
        elif value is None and required:
            self.error(column, "必填，不能为空")
        return value

    def choice(self, column: str, choices: Sequence[str], required: bool = False) -> str | None:
        value, problem = parse_choice(self.values.get(column), choices)
        if problem:
            self.error(column, problem)
        elif value is None and required:
            self.error(column, "必填，不能为空")
        return value

    def not_before(
        self, column: str, value: date | None, other_column: str, other: date | None
    ) -> None:
        if value is not None and other is not None and value < other:
            self.error(column, f"{value} 早于{other_column} {other}")

    def needs(self, column: str, value: object, other_column: str, other: object) -> None:
        if value is not None and other is None:
            self.error(column, f"填写了{column}时，应同时填写{other_column}")
