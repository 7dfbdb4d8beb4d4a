"""Enforcement and service ledgers (行政执法与服务事项台账, ``ledger-formats.md`` §4).

Three ledgers, each with its columns, a checked row type with ``.facts()`` for table 二, a parser
that reports every error (row and column named) and returns rows only when there is none, and
an export row:

- decisions (处理决定): one row per decision, or one row per matter and period with 数量;
  rows have no natural key (two identical rows are two decisions);
- matter lists (事项清单): key 类别 + 事项名称 + 生效日期 (a matter re-listed after a
  cancellation has a new 生效日期);
- fees collected and central procurement (收费、政府集中采购): 政府集中采购 rows are projects,
  keyed by 类别 + 项目名称 + 日期; fee rows have no natural key (several payments a day).

A template's example row is the one whose 事项名称 / 项目名称 starts with 示例-.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from gongkai.domain.ledgers.result import LedgerFormat, RowChecker
from gongkai.domain.ledgers.table_io import RawValue
from gongkai.domain.ledgers.values import parse_text
from gongkai.domain.stats.table2 import (
    DecisionCategory,
    DecisionFacts,
    MatterCategory,
    MatterFacts,
    MoneyCategory,
    MoneyFacts,
    yuan_number,
)

__all__ = [
    "DECISION_CATEGORY_LABELS",
    "DECISION_COLUMNS",
    "DECISION_LEDGER",
    "MATTER_CATEGORY_LABELS",
    "MATTER_COLUMNS",
    "MATTER_LEDGER",
    "MAX_DECISION_COUNT",
    "MONEY_CATEGORY_LABELS",
    "MONEY_COLUMNS",
    "MONEY_LEDGER",
    "DecisionRow",
    "MatterRow",
    "MoneyRow",
    "decision_export_row",
    "matter_export_row",
    "money_export_row",
    "parse_amount",
    "parse_decision_ledger",
    "parse_matter_ledger",
    "parse_money_ledger",
]

CATEGORY = "类别"
MATTER_NAME = "事项名称"
DECIDED = "决定日期"
COUNT = "数量"
EFFECTIVE = "生效日期"
CANCELLED = "取消日期"
PROJECT_NAME = "项目名称"
ON = "日期"
AMOUNT = "金额（元）"

DECISION_COLUMNS: tuple[str, ...] = (CATEGORY, MATTER_NAME, DECIDED, COUNT)
MATTER_COLUMNS: tuple[str, ...] = (CATEGORY, MATTER_NAME, EFFECTIVE, CANCELLED)
MONEY_COLUMNS: tuple[str, ...] = (CATEGORY, PROJECT_NAME, ON, AMOUNT)

DECISION_CATEGORY_LABELS: dict[DecisionCategory, str] = {
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "compulsion": "行政强制",
}
MATTER_CATEGORY_LABELS: dict[MatterCategory, str] = {
    "licensing": "行政许可",
    "other_services": "其他对外管理服务事项",
    "penalty": "行政处罚",
    "compulsion": "行政强制",
    "fees": "行政事业性收费",
}
MONEY_CATEGORY_LABELS: dict[MoneyCategory, str] = {
    "fees": "行政事业性收费",
    "procurement": "政府集中采购",
}
MAX_DECISION_COUNT = 10_000_000
K = TypeVar("K", bound=str)
MAX_AMOUNT = Decimal("1e13")  # 十万亿元: anything larger is a typing error


def _by_label(labels: Mapping[K, str]) -> dict[str, K]:
    return {label: key for key, label in labels.items()}


def parse_amount(raw: RawValue) -> tuple[Decimal | None, str | None]:
    """An amount in 元 ≥ 0, at most 2 decimals; "1,234.5", "1234.5元" and numeric cells accepted."""
    if raw is None:
        return None, None
    problem = "应为不小于 0 的金额（元），最多两位小数，如 1234.50"
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        return None, f"“{parse_text(raw)}”不是金额：{problem}"
    if isinstance(raw, float):
        text = repr(raw)
    else:
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw)))
        text = text.replace(",", "").removesuffix("元")
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f"“{parse_text(raw)}”不是金额：{problem}"
    if not value.is_finite() or value < 0 or value >= MAX_AMOUNT:
        return None, f"“{parse_text(raw)}”超出范围：{problem}"
    if value != value.quantize(Decimal("0.01")):
        return None, f"“{parse_text(raw)}”小数位过多：{problem}"
    return value.quantize(Decimal("0.01")) if value.as_tuple().exponent != 0 else value, None


# ---------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecisionRow:
    """One checked row of the decisions ledger (a decision, or ``count`` of a period)."""

    category: DecisionCategory
    matter: str
    decided_on: date
    count: int = 1
    row_number: int = 0

    def facts(self) -> DecisionFacts:
        return DecisionFacts(self.category, self.decided_on, self.count)


def _read_decision_row(c: RowChecker) -> DecisionRow | None:
    category = c.pick(CATEGORY, _by_label(DECISION_CATEGORY_LABELS), required=True)
    matter = c.text(MATTER_NAME, required=True)
    decided = c.day(DECIDED, required=True)
    count = c.integer(COUNT, 1, MAX_DECISION_COUNT)
    if c.errors or category is None or matter is None or decided is None:
        return None
    return DecisionRow(category, matter, decided, count or 1, c.number)


DECISION_LEDGER: LedgerFormat[DecisionRow] = LedgerFormat(
    DECISION_COLUMNS,
    (CATEGORY, MATTER_NAME, DECIDED),
    _read_decision_row,
    lambda r: (DECISION_CATEGORY_LABELS[r.category], r.matter, r.decided_on, r.count),
    example_column=MATTER_NAME,
)
parse_decision_ledger = DECISION_LEDGER.parse
decision_export_row = DECISION_LEDGER.export_row


# ---------------------------------------------------------------------------------------------
# Matter lists
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatterRow:
    """One checked row of a matter list (事项清单)."""

    category: MatterCategory
    matter: str
    effective_on: date
    cancelled_on: date | None = None
    row_number: int = 0

    def facts(self) -> MatterFacts:
        return MatterFacts(self.category, self.effective_on, self.cancelled_on)


def _read_matter_row(c: RowChecker) -> MatterRow | None:
    category = c.pick(CATEGORY, _by_label(MATTER_CATEGORY_LABELS), required=True)
    matter = c.text(MATTER_NAME, required=True)
    effective = c.day(EFFECTIVE, required=True)
    cancelled = c.day(CANCELLED)
    c.not_before(CANCELLED, cancelled, EFFECTIVE, effective)
    if c.errors or category is None or matter is None or effective is None:
        return None
    label = MATTER_CATEGORY_LABELS[category]
    c.unique(
        MATTER_NAME,
        f"{label}事项“{matter}”（{EFFECTIVE} {effective}）",
        (category, matter, effective),
    )
    return MatterRow(category, matter, effective, cancelled, c.number)


MATTER_LEDGER: LedgerFormat[MatterRow] = LedgerFormat(
    MATTER_COLUMNS,
    (CATEGORY, MATTER_NAME, EFFECTIVE),
    _read_matter_row,
    lambda r: (MATTER_CATEGORY_LABELS[r.category], r.matter, r.effective_on, r.cancelled_on),
    example_column=MATTER_NAME,
)
parse_matter_ledger = MATTER_LEDGER.parse
matter_export_row = MATTER_LEDGER.export_row


# ---------------------------------------------------------------------------------------------
# Fees collected and central procurement
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MoneyRow:
    """One checked row of the fees / procurement ledger."""

    category: MoneyCategory
    name: str
    on: date
    amount_yuan: Decimal
    row_number: int = 0

    def facts(self) -> MoneyFacts:
        return MoneyFacts(self.category, self.on, self.amount_yuan)


def _read_money_row(c: RowChecker) -> MoneyRow | None:
    category = c.pick(CATEGORY, _by_label(MONEY_CATEGORY_LABELS), required=True)
    name = c.text(PROJECT_NAME, required=True)
    on = c.day(ON, required=True)
    amount = c.cell(AMOUNT, parse_amount, required=True)
    if c.errors or category is None or name is None or on is None or amount is None:
        return None
    if category == "procurement":
        c.unique(PROJECT_NAME, f"采购项目“{name}”（{ON} {on}）", (category, name, on))
    return MoneyRow(category, name, on, amount, c.number)


MONEY_LEDGER: LedgerFormat[MoneyRow] = LedgerFormat(
    MONEY_COLUMNS,
    MONEY_COLUMNS,
    _read_money_row,
    lambda r: (MONEY_CATEGORY_LABELS[r.category], r.name, r.on, yuan_number(r.amount_yuan)),
    example_column=PROJECT_NAME,
)
parse_money_ledger = MONEY_LEDGER.parse
money_export_row = MONEY_LEDGER.export_row
