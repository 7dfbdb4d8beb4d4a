"""The reconsideration and litigation ledger (行政复议、行政诉讼台账, ``ledger-formats.md`` §2).

Same contract as the applications ledger: every error reported with its row and column, rows
returned only when there is none.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass
from datetime import date

from gongkai.domain.applications.counting import (
    CaseFacts,
    CaseKind,
    CaseResult,
    parse_case_kind,
    parse_case_result,
)
from gongkai.domain.ledgers.result import LedgerError, LedgerResult, parse_rows
from gongkai.domain.ledgers.table_io import LedgerTable, RawValue
from gongkai.domain.ledgers.values import parse_date, parse_text

__all__ = [
    "CASE_COLUMNS",
    "REQUIRED_CASE_COLUMNS",
    "CaseRow",
    "case_export_row",
    "parse_case_ledger",
]

NUMBER = "案件编号"
KIND = "类型"
APPLICATION = "关联申请编号"
FILED = "立案日期"
RESULT = "结果"
CLOSED = "结案日期"

CASE_COLUMNS: tuple[str, ...] = (NUMBER, KIND, APPLICATION, FILED, RESULT, CLOSED)
REQUIRED_CASE_COLUMNS: tuple[str, ...] = (NUMBER, KIND, FILED)


@dataclass(frozen=True)
class CaseRow:
    """One checked row of the case ledger (result None = 尚未审结)."""

    number: str
    kind: CaseKind
    application_number: str | None
    filed_on: date
    result: CaseResult | None = None
    closed_on: date | None = None
    row_number: int = 0

    def facts(self) -> CaseFacts:
        """What table 四 counts of this case."""
        return CaseFacts(self.kind, self.filed_on, self.result, self.closed_on)


def _parse_row(
    number: int, values: dict[str, RawValue], known: Set[str] | None
) -> tuple[CaseRow | None, list[LedgerError]]:
    errors: list[LedgerError] = []

    def error(column: str, message: str) -> None:
        errors.append(LedgerError(number, column, message))

    case_number = parse_text(values.get(NUMBER))
    if case_number is None:
        error(NUMBER, "必填，不能为空")
    kind: CaseKind | None = None
    kind_text = parse_text(values.get(KIND))
    if kind_text is None:
        error(KIND, "必填，不能为空")
    else:
        try:
            kind = parse_case_kind(kind_text)
        except ValueError as exc:
            error(KIND, str(exc))
    application = parse_text(values.get(APPLICATION))
    if application is not None and known is not None and application not in known:
        error(APPLICATION, f"申请编号“{application}”不存在")
    filed, problem = parse_date(values.get(FILED))
    if problem:
        error(FILED, problem)
    elif filed is None:
        error(FILED, "必填，不能为空")
    result: CaseResult | None = None
    result_text = parse_text(values.get(RESULT))
    if result_text is not None:
        try:
            result = parse_case_result(result_text)
        except ValueError as exc:
            error(RESULT, str(exc))
    closed, problem = parse_date(values.get(CLOSED))
    if problem:
        error(CLOSED, problem)
    elif closed is None and result_text is not None:
        error(CLOSED, "已填写结果，结案日期必填")
    if closed is not None and result_text is None:
        error(RESULT, "已填写结案日期，应同时填写结果（尚未审结的两者都留空）")
    if closed is not None and filed is not None and closed < filed:
        error(CLOSED, f"{closed} 早于立案日期 {filed}")
    if errors or case_number is None or kind is None or filed is None:
        return None, errors
    return CaseRow(case_number, kind, application, filed, result, closed, number), []


def parse_case_ledger(
    table: LedgerTable, known_application_numbers: Set[str] | None = None
) -> LedgerResult[CaseRow]:
    """Check every row of a case ledger; 关联申请编号 must be known when a set is given."""

    def parse_row(
        number: int, values: dict[str, RawValue]
    ) -> tuple[CaseRow | None, list[LedgerError]]:
        return _parse_row(number, values, known_application_numbers)

    return parse_rows(table, CASE_COLUMNS, REQUIRED_CASE_COLUMNS, parse_row)


def case_export_row(row: CaseRow) -> dict[str, object]:
    """A ledger row with labels (行政复议, 维持 …), re-importable as is."""
    return {
        NUMBER: row.number,
        KIND: row.kind.label,
        APPLICATION: row.application_number,
        FILED: row.filed_on,
        RESULT: row.result.label if row.result else None,
        CLOSED: row.closed_on,
    }
