"""Blank ledger templates to download: the headers, one example row, dropdown lists (.xlsx)."""

from __future__ import annotations

from datetime import date

from gongkai.domain.applications.counting import CaseKind, CaseResult
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType, outcome_label
from gongkai.domain.ledgers.applications import APPLICATION_COLUMNS, CHANNELS
from gongkai.domain.ledgers.cases import CASE_COLUMNS
from gongkai.domain.ledgers.result import EXAMPLE_KEY_PREFIX
from gongkai.domain.ledgers.table_io import write_csv, write_xlsx

__all__ = [
    "APPLICATION_EXAMPLE",
    "APPLICATION_VALIDATIONS",
    "CASE_EXAMPLE",
    "CASE_VALIDATIONS",
    "application_template_csv",
    "application_template_xlsx",
    "case_template_csv",
    "case_template_xlsx",
]

APPLICATION_SHEET = "依申请公开登记台账"
CASE_SHEET = "行政复议、行政诉讼台账"

APPLICATION_VALIDATIONS: dict[str, list[str]] = {
    "申请方式": list(CHANNELS),
    "申请人类型": [t.label for t in ApplicantType],
    "办理结果": [outcome_label(key) for key in OUTCOME_KEYS],
}
CASE_VALIDATIONS: dict[str, list[str]] = {
    "类型": [k.label for k in CaseKind],
    "结果": [r.label for r in CaseResult],
}

APPLICATION_EXAMPLE: dict[str, object] = {
    "申请编号": f"{EXAMPLE_KEY_PREFIX}2024-0001",
    "收到申请日期": date(2024, 3, 4),
    "申请方式": "网络",
    "申请人类型": "自然人",
    "申请人": "张某某",
    "申请内容": "某路段道路拓宽工程的立项批复文件",
    "补正告知日期": None,
    "补正收到日期": None,
    "征求意见日期": date(2024, 3, 8),
    "征求意见回复日期": date(2024, 3, 15),
    "延期工作日": None,
    "办理结果": outcome_label("partial"),
    "答复日期": date(2024, 4, 2),
}
CASE_EXAMPLE: dict[str, object] = {
    "案件编号": f"{EXAMPLE_KEY_PREFIX}复2024-01",
    "类型": CaseKind.RECONSIDERATION.label,
    "关联申请编号": f"{EXAMPLE_KEY_PREFIX}2024-0001",
    "立案日期": date(2024, 5, 6),
    "结果": CaseResult.UPHELD.label,
    "结案日期": date(2024, 7, 1),
}


def application_template_xlsx() -> bytes:
    """The applications ledger template (§1) with dropdowns for 申请方式, 申请人类型, 办理结果."""
    return write_xlsx(
        APPLICATION_COLUMNS,
        [APPLICATION_EXAMPLE],
        sheet_title=APPLICATION_SHEET,
        validations=APPLICATION_VALIDATIONS,
    )


def application_template_csv() -> bytes:
    return write_csv(APPLICATION_COLUMNS, [APPLICATION_EXAMPLE])


def case_template_xlsx() -> bytes:
    """The reconsideration/litigation ledger template (§2) with dropdowns for 类型 and 结果."""
    return write_xlsx(
        CASE_COLUMNS, [CASE_EXAMPLE], sheet_title=CASE_SHEET, validations=CASE_VALIDATIONS
    )


def case_template_csv() -> bytes:
    return write_csv(CASE_COLUMNS, [CASE_EXAMPLE])
