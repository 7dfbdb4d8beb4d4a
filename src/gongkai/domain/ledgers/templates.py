"""Blank ledger templates to download: the headers, one example row, dropdown lists (.xlsx).

Templates of §1 and §2 here, of §3 and §4 in ``templates_records.py``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.domain.applications.counting import CaseKind, CaseResult
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType, outcome_label
from gongkai.domain.ledgers.applications import APPLICATION_COLUMNS, CHANNELS
from gongkai.domain.ledgers.cases import CASE_COLUMNS
from gongkai.domain.ledgers.result import EXAMPLE_KEY_PREFIX
from gongkai.domain.ledgers.table_io import write_csv, write_xlsx

__all__ = [
    "APPLICATION_EXAMPLE",
    "APPLICATION_SHEET",
    "APPLICATION_TEMPLATE",
    "APPLICATION_VALIDATIONS",
    "CASE_EXAMPLE",
    "CASE_SHEET",
    "CASE_TEMPLATE",
    "CASE_VALIDATIONS",
    "LedgerTemplate",
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


@dataclass(frozen=True)
class LedgerTemplate:
    """A blank ledger to download: its sheet, columns, dropdown lists (.xlsx) and example row."""

    sheet: str
    columns: Sequence[str]
    validations: Mapping[str, Sequence[str]]
    example: Mapping[str, object]

    def xlsx(self) -> bytes:
        return write_xlsx(
            self.columns, [self.example], sheet_title=self.sheet, validations=self.validations
        )

    def csv(self) -> bytes:
        return write_csv(self.columns, [self.example])


APPLICATION_TEMPLATE = LedgerTemplate(
    APPLICATION_SHEET, APPLICATION_COLUMNS, APPLICATION_VALIDATIONS, APPLICATION_EXAMPLE
)
CASE_TEMPLATE = LedgerTemplate(CASE_SHEET, CASE_COLUMNS, CASE_VALIDATIONS, CASE_EXAMPLE)
application_template_xlsx = APPLICATION_TEMPLATE.xlsx
application_template_csv = APPLICATION_TEMPLATE.csv
case_template_xlsx = CASE_TEMPLATE.xlsx
case_template_csv = CASE_TEMPLATE.csv
