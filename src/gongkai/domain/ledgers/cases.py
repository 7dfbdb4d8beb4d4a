"""The reconsideration and litigation ledger (行政复议、行政诉讼台账, ``ledger-formats.md`` §2).

Same contract as the applications ledger: every error reported with its row and column, rows
returned only when there is none.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import dataclass, replace
from datetime import date

from gongkai.domain.applications.counting import (
    CaseFacts,
    CaseKind,
    CaseResult,
    parse_case_kind,
    parse_case_result,
)
from gongkai.domain.ledgers.result import LedgerFormat, LedgerResult, RowChecker
from gongkai.domain.ledgers.table_io import LedgerTable

__all__ = [
    "CASE_COLUMNS",
    "CASE_LEDGER",
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


def _read_row(c: RowChecker, known: Set[str] | None) -> CaseRow | None:
    case_number = c.text(NUMBER, required=True)
    kind = c.parsed(KIND, parse_case_kind, required=True)
    application = c.text(APPLICATION)
    if application is not None and known is not None and application not in known:
        c.error(APPLICATION, f"申请编号“{application}”不存在")
    filed = c.day(FILED, required=True)
    result = c.parsed(RESULT, parse_case_result)
    closed = c.day(CLOSED)
    c.together(RESULT, CLOSED, closed, pending="尚未审结的")
    c.not_before(CLOSED, closed, FILED, filed)
    if case_number is not None:
        c.unique(NUMBER, f"{NUMBER}“{case_number}”", case_number)
    if c.errors or case_number is None or kind is None or filed is None:
        return None
    return CaseRow(case_number, kind, application, filed, result, closed, c.number)


CASE_LEDGER: LedgerFormat[CaseRow] = LedgerFormat(
    CASE_COLUMNS,
    REQUIRED_CASE_COLUMNS,
    lambda c: _read_row(c, None),
    lambda r: (
        r.number,
        r.kind.label,
        r.application_number,
        r.filed_on,
        r.result.label if r.result else None,
        r.closed_on,
    ),
)
case_export_row = CASE_LEDGER.export_row


def parse_case_ledger(
    table: LedgerTable, known_application_numbers: Set[str] | None = None
) -> LedgerResult[CaseRow]:
    """Check every row of a case ledger; 关联申请编号 must be known when a set is given."""
    ledger = replace(CASE_LEDGER, read_row=lambda c: _read_row(c, known_application_numbers))
    return ledger.parse(table)
