"""Counting tables 三 and 四 of the annual report of year Y from records.

Each legal reading of ``disclosure-law.md`` §6 is one named function below; the report generator
(:func:`count_table_3`, :func:`count_table_4`, :func:`build_tables_report`) and any validator of
records use the same ones. S1, R1 and R2 hold by construction: the four row predicates partition
the applications, totals are sums of the counted cells.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType, report_row_for
from gongkai.domain.facts import check_not_before, check_together, in_effect_at_end_of, year_end
from gongkai.domain.labels import LabelledEnum
from gongkai.domain.report.formats import S4_BLOCKS, S4_COLUMNS, format_for_year, get_format
from gongkai.domain.report.model import PROVENANCE_READ, Report

__all__ = [
    "PENDING",
    "ApplicationFacts",
    "CaseFacts",
    "CaseKind",
    "CaseResult",
    "build_tables_report",
    "case_result_at_year_end",
    "count_table_3",
    "count_table_4",
    "is_carried_forward",
    "is_carried_over",
    "is_case_filed_in",
    "is_concluded_in",
    "is_new_received",
    "parse_case_kind",
    "parse_case_result",
]

_OUTCOME_KEY_SET = frozenset(OUTCOME_KEYS)


@dataclass(frozen=True)
class ApplicationFacts:
    """What counting needs of one application (one 件, one applicant column).

    ``concluded_on`` is the reply date, whatever the outcome (lapses ``other.no_correction`` and
    ``other.no_fee_payment`` included); outcome and conclusion date go together.
    """

    received_on: date
    applicant_type: ApplicantType
    outcome: str | None = None
    concluded_on: date | None = None

    def __post_init__(self) -> None:
        check_together("办理结果", self.outcome, "答复日期", self.concluded_on)
        if self.outcome is not None and self.outcome not in _OUTCOME_KEY_SET:
            raise ValueError(f"未知的办理结果键：{self.outcome}")
        check_not_before("答复日期", self.concluded_on, "收到申请日期", self.received_on)


def is_new_received(a: ApplicationFacts, year: int) -> bool:
    """§6 ``new_received`` (一、本年新收): received in Y (receipt date of 条例第三十一条)."""
    return a.received_on.year == year


def is_carried_over(a: ApplicationFacts, year: int) -> bool:
    """§6 ``carried_over`` (二、上年结转): received before Y, not concluded by the end of Y−1."""
    return in_effect_at_end_of(a.received_on, a.concluded_on, year - 1)


def is_concluded_in(a: ApplicationFacts, year: int) -> bool:
    """§6 result rows (三、本年度办理结果): concluded (replied) in Y, counted by outcome."""
    return a.concluded_on is not None and a.concluded_on.year == year


def is_carried_forward(a: ApplicationFacts, year: int) -> bool:
    """§6 ``carried_forward`` (四、结转下年度): received by the end of Y, not concluded by then."""
    return in_effect_at_end_of(a.received_on, a.concluded_on, year)


def count_table_3(
    apps: Iterable[ApplicationFacts], year: int, format_id: str | None = None
) -> dict[str, int]:
    """Every ``s3.*`` cell of year Y's format (default: the format of the year), in one pass."""
    fmt = get_format(format_id) if format_id else format_for_year(year)
    row_of = {key: report_row_for(key, fmt.id) for key in OUTCOME_KEYS}
    columns = tuple(ApplicantType)
    counts: dict[str, dict[str, int]] = {row: dict.fromkeys(columns, 0) for row in fmt.s3_row_keys}
    new_received = counts["new_received"]
    carried_over = counts["carried_over"]
    carried_forward = counts["carried_forward"]
    for a in apps:
        column = a.applicant_type
        if is_new_received(a, year):
            new_received[column] += 1
        if is_carried_over(a, year):
            carried_over[column] += 1
        if a.outcome is not None and is_concluded_in(a, year):
            counts[row_of[a.outcome]][column] += 1
        if is_carried_forward(a, year):
            carried_forward[column] += 1
    # R2 by construction: （七）总计 is the sum of the result rows.
    result_rows = [counts[r.key] for r in fmt.s3_result_rows]
    counts["total_processed"] = {c: sum(row[c] for row in result_rows) for c in columns}
    cells: dict[str, int] = {}
    for row_key in fmt.s3_row_keys:
        row = counts[row_key]
        for column in columns:
            cells[f"s3.{row_key}.{column.value}"] = row[column]
        cells[f"s3.{row_key}.total"] = sum(row.values())  # R1 by construction
    return cells


# ---------------------------------------------------------------------------------------------
# Table 四: reconsideration and litigation (条例第五十一条)
# ---------------------------------------------------------------------------------------------

_S4_BLOCK_LABELS = dict(S4_BLOCKS)


class CaseKind(LabelledEnum):
    """The three blocks of table 四 (values: the ``s4.<block>`` keys; labels: the ledger's 类型,
    ``ledger-formats.md`` §2)."""

    RECONSIDERATION = "reconsideration", "行政复议"
    LITIGATION_DIRECT = "litigation_direct", "行政诉讼（未经复议直接起诉）"
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration", "行政诉讼（复议后起诉）"


class CaseResult(LabelledEnum):
    """A decided case's result (values: the ``s4.*.<column>`` keys)."""

    UPHELD = "upheld", "维持"
    CORRECTED = "corrected", "纠正"
    OTHER = "other", "其他"


PENDING = "pending"  # the 尚未审结 column


def _norm(text: str) -> str:
    table = str.maketrans({"（": "(", "）": ")"})
    return "".join(text.split()).translate(table).lower()


_CASE_KIND_ALIASES: dict[str, CaseKind] = {
    _norm(spelling): kind
    for kind in CaseKind
    for spelling in (kind.value, kind.label, _S4_BLOCK_LABELS[kind.value])
} | {_norm("复议"): CaseKind.RECONSIDERATION, _norm("直接起诉"): CaseKind.LITIGATION_DIRECT}
_CASE_RESULT_ALIASES: dict[str, CaseResult] = {
    _norm(spelling): result for result in CaseResult for spelling in (result.value, result.label)
} | {_norm(c.label): CaseResult(c.key) for c in S4_COLUMNS if c.key in set(CaseResult)}


def parse_case_kind(text: str) -> CaseKind:
    """A case type from its ledger label (行政复议 …), its table 四 block label or its key."""
    try:
        return _CASE_KIND_ALIASES[_norm(text)]
    except KeyError:
        allowed = " / ".join(k.label for k in CaseKind)
        raise ValueError(f"无法识别的案件类型“{text.strip()}”：应为 {allowed}") from None


def parse_case_result(text: str) -> CaseResult:
    """A case result from 维持 / 纠正 / 其他 (or 结果维持 …, or the key)."""
    try:
        return _CASE_RESULT_ALIASES[_norm(text)]
    except KeyError:
        allowed = " / ".join(r.label for r in CaseResult)
        raise ValueError(
            f"无法识别的结果“{text.strip()}”：应为 {allowed}，尚未审结的留空"
        ) from None


@dataclass(frozen=True)
class CaseFacts:
    """What counting needs of one 行政复议 application or lawsuit."""

    kind: CaseKind
    filed_on: date
    result: CaseResult | None = None
    closed_on: date | None = None

    def __post_init__(self) -> None:
        check_together("结果", self.result, "结案日期", self.closed_on)
        check_not_before("结案日期", self.closed_on, "立案日期", self.filed_on)


def is_case_filed_in(c: CaseFacts, year: int) -> bool:
    """§6 table 四: a case counts in the report of the year it was filed."""
    return c.filed_on.year == year


def case_result_at_year_end(c: CaseFacts, year: int) -> str:
    """§6 table 四: the result known at the end of Y (a column key), else ``pending``."""
    if c.result is not None and c.closed_on is not None and c.closed_on <= year_end(year):
        return c.result.value
    return PENDING


def count_table_4(cases: Iterable[CaseFacts], year: int) -> dict[str, int]:
    """Every ``s4.*`` cell: cases filed in Y by type and result at the end of Y."""
    counts = {(block, col.key): 0 for block, _label in S4_BLOCKS for col in S4_COLUMNS}
    for c in cases:
        if is_case_filed_in(c, year):
            counts[(c.kind.value, case_result_at_year_end(c, year))] += 1
            counts[(c.kind.value, "total")] += 1  # R3 by construction
    return {f"s4.{block}.{col}": n for (block, col), n in counts.items()}


def build_tables_report(
    apps: Iterable[ApplicationFacts],
    cases: Iterable[CaseFacts],
    year: int,
    org: str | None,
    format_id: str | None = None,
) -> Report:
    """Year Y's report with tables 三 and 四 counted from records (provenance ``read``).

    Table 二 and the narrative are left missing/empty for the caller to fill.
    """
    fmt = get_format(format_id) if format_id else format_for_year(year)
    report = Report.empty(fmt.id, year, org)
    for key, value in count_table_3(apps, year, fmt.id).items():
        report.set(key, value, PROVENANCE_READ)
    for key, value in count_table_4(cases, year).items():
        report.set(key, value, PROVENANCE_READ)
    return report
