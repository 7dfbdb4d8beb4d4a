"""Counting table 二 (主动公开政府信息情况) of the annual report of year Y from records.

Each reading of ``disclosure-law.md`` §6 is one named function below; :func:`count_table_2`
applies them to give every ``s2.*`` cell of the format (``report-format.md`` §2).

Readings the law leaves open, chosen here (one place each):

- **制发 / 新制作** (2021 ``issued``, 2019 ``new_made``): a document counts in the year of its
  成文日期 (:func:`is_issued_in`), whatever its 公开属性 — the cells count the documents the body
  made, not what it published.
- **废止** (2021 ``repealed``): the year of the 废止日期 (失效 is recorded the same way).
- **现行有效** (2021 ``in_force``): made by the end of Y and not repealed by then
  (:func:`is_in_force_at_end_of`); X3 holds by construction since a document is never repealed
  before it is made.
- **新公开 / 对外公开总数** (2019 ``new_published`` / ``total_published``): only 主动公开 documents
  count as published (依申请公开 and 不予公开 ones are not published, even if a date is recorded);
  ``new_published`` = published in Y, ``total_published`` = published by the end of Y,
  cumulatively — documents repealed since stay counted (they were published). X4 holds.
- **事项清单** (2019 ``prev_items`` / ``change``): a matter is on the list at the end of a year
  when it took effect by then and was not cancelled by then (:func:`is_on_list_at_end_of`);
  ``prev_items`` = on the list at the end of Y−1, ``change`` = end of Y minus that, so X2 holds.
- **处理决定** (``decisions``): decisions dated in Y, a counted row adding its 数量.
- **收费金额** (2021 ``fees.amount_wan``): the fees collected in Y, in 万元 rounded half-up to
  4 decimals.
- **政府集中采购** (2019 ``procurement``): one record = one project; ``projects`` = records dated
  in Y, ``amount_yuan`` = their amounts in 元.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal, get_args

from gongkai.domain.facts import check_not_before, in_effect_at_end_of, year_end
from gongkai.domain.report.formats import format_for_year, get_format

__all__ = [
    "DECISION_CATEGORIES",
    "DOCUMENT_ROWS",
    "MATTER_CATEGORIES",
    "PROACTIVE",
    "DecisionCategory",
    "DecisionFacts",
    "Disclosure",
    "DocumentCategory",
    "DocumentFacts",
    "MatterCategory",
    "MatterFacts",
    "MoneyCategory",
    "MoneyFacts",
    "amount_wan",
    "count_table_2",
    "is_decided_in",
    "is_in_force_at_end_of",
    "is_issued_in",
    "is_on_list_at_end_of",
    "is_paid_in",
    "is_published_by_end_of",
    "is_published_in",
    "is_repealed_in",
    "yuan_number",
]

DocumentCategory = Literal["regulation", "normative", "other"]
Disclosure = Literal["主动公开", "依申请公开", "不予公开"]
DecisionCategory = Literal["licensing", "other_services", "penalty", "compulsion"]
MatterCategory = Literal["licensing", "other_services", "penalty", "compulsion", "fees"]
MoneyCategory = Literal["fees", "procurement"]

PROACTIVE: Disclosure = "主动公开"
# s2 row keys of the document categories counted in (一)
DOCUMENT_ROWS: dict[str, str] = {"regulation": "regulations", "normative": "normative_docs"}
DECISION_CATEGORIES: tuple[DecisionCategory, ...] = get_args(DecisionCategory)
MATTER_CATEGORIES: tuple[MatterCategory, ...] = get_args(MatterCategory)
_WAN = Decimal(10_000)
_FOUR_PLACES = Decimal("0.0001")


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"未知的{what}“{value}”：应为 {' / '.join(allowed)} 之一")


@dataclass(frozen=True)
class DocumentFacts:
    """A document of the catalog: 信息类别, 成文日期, 发布日期, 废止日期, 公开属性."""

    category: DocumentCategory
    made_on: date
    published_on: date | None = None
    repealed_on: date | None = None
    disclosure: Disclosure = PROACTIVE

    def __post_init__(self) -> None:
        _check_choice(self.category, get_args(DocumentCategory), "信息类别")
        _check_choice(self.disclosure, get_args(Disclosure), "公开属性")
        check_not_before("发布日期", self.published_on, "成文日期", self.made_on)
        check_not_before("废止日期", self.repealed_on, "成文日期", self.made_on)


@dataclass(frozen=True)
class DecisionFacts:
    """One decision, or ``count`` decisions of a period (dated on the period's last day)."""

    category: DecisionCategory
    decided_on: date
    count: int = 1

    def __post_init__(self) -> None:
        _check_choice(self.category, DECISION_CATEGORIES, "决定类别")
        if self.count < 1:
            raise ValueError(f"处理决定数量 {self.count} 应为不小于 1 的整数")


@dataclass(frozen=True)
class MatterFacts:
    """A matter on a list (事项清单) from ``effective_on`` until ``cancelled_on`` (exclusive)."""

    category: MatterCategory
    effective_on: date
    cancelled_on: date | None = None

    def __post_init__(self) -> None:
        _check_choice(self.category, MATTER_CATEGORIES, "事项类别")
        check_not_before("取消日期", self.cancelled_on, "生效日期", self.effective_on)


@dataclass(frozen=True)
class MoneyFacts:
    """Fees collected or a central procurement project, with its date and amount in 元."""

    category: MoneyCategory
    on: date
    amount_yuan: Decimal

    def __post_init__(self) -> None:
        _check_choice(self.category, get_args(MoneyCategory), "类别")
        if not self.amount_yuan.is_finite() or self.amount_yuan < 0:
            raise ValueError(f"金额 {self.amount_yuan} 应为不小于 0 的数")


# ---------------------------------------------------------------------------------------------
# The readings of §6
# ---------------------------------------------------------------------------------------------


def is_issued_in(d: DocumentFacts, year: int) -> bool:
    """2021 本年制发 / 2019 本年新制作: the document's 成文日期 is in Y."""
    return d.made_on.year == year


def is_repealed_in(d: DocumentFacts, year: int) -> bool:
    """2021 本年废止: the document was repealed (or expired) in Y."""
    return d.repealed_on is not None and d.repealed_on.year == year


def is_in_force_at_end_of(d: DocumentFacts, year: int) -> bool:
    """2021 现行有效: made by the end of Y and not repealed by then."""
    return in_effect_at_end_of(d.made_on, d.repealed_on, year)


def is_published_in(d: DocumentFacts, year: int) -> bool:
    """2019 本年新公开: a 主动公开 document published in Y."""
    return d.disclosure == PROACTIVE and d.published_on is not None and d.published_on.year == year


def is_published_by_end_of(d: DocumentFacts, year: int) -> bool:
    """2019 对外公开总数量: a 主动公开 document published by the end of Y (cumulative)."""
    return (
        d.disclosure == PROACTIVE
        and d.published_on is not None
        and d.published_on <= year_end(year)
    )


def is_on_list_at_end_of(m: MatterFacts, year: int) -> bool:
    """2019 事项清单: in effect by the end of Y and not cancelled by then."""
    return in_effect_at_end_of(m.effective_on, m.cancelled_on, year)


def is_decided_in(d: DecisionFacts, year: int) -> bool:
    """处理决定数量: decisions dated in Y."""
    return d.decided_on.year == year


def is_paid_in(m: MoneyFacts, year: int) -> bool:
    """收费金额 / 政府集中采购: money collected or a project dated in Y."""
    return m.on.year == year


def amount_wan(yuan: Decimal) -> float:
    """元 → 万元, rounded half-up to 4 decimals (as the 2021 form prints)."""
    return float((yuan / _WAN).quantize(_FOUR_PLACES, rounding=ROUND_HALF_UP))


def yuan_number(yuan: Decimal) -> int | float:
    """An amount in 元 as a cell or ledger number: an int for whole 元, else a float."""
    return int(yuan) if yuan == yuan.to_integral_value() else float(yuan)


# ---------------------------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------------------------


def count_table_2(
    documents: Iterable[DocumentFacts],
    decisions: Iterable[DecisionFacts],
    matters: Iterable[MatterFacts],
    money: Iterable[MoneyFacts],
    year: int,
    format_id: str | None = None,
) -> dict[str, int | float]:
    """Every ``s2.*`` cell of year Y's format (default: the format of the year)."""
    fmt = get_format(format_id) if format_id else format_for_year(year)
    doc_counts = {
        row: dict.fromkeys(
            ("issued", "repealed", "in_force", "new_published", "total_published"), 0
        )
        for row in DOCUMENT_ROWS.values()
    }
    for d in documents:
        row = DOCUMENT_ROWS.get(d.category)
        if row is None:
            continue
        counts = doc_counts[row]
        counts["issued"] += is_issued_in(d, year)
        counts["repealed"] += is_repealed_in(d, year)
        counts["in_force"] += is_in_force_at_end_of(d, year)
        counts["new_published"] += is_published_in(d, year)
        counts["total_published"] += is_published_by_end_of(d, year)

    decided = dict.fromkeys(DECISION_CATEGORIES, 0)
    for dec in decisions:
        if is_decided_in(dec, year):
            decided[dec.category] += dec.count

    on_list = dict.fromkeys(MATTER_CATEGORIES, 0)
    on_prev_list = dict.fromkeys(MATTER_CATEGORIES, 0)
    for m in matters:
        on_list[m.category] += is_on_list_at_end_of(m, year)
        on_prev_list[m.category] += is_on_list_at_end_of(m, year - 1)

    fees = Decimal(0)
    procurement = Decimal(0)
    projects = 0
    for pay in money:
        if not is_paid_in(pay, year):
            continue
        if pay.category == "fees":
            fees += pay.amount_yuan
        else:
            procurement += pay.amount_yuan
            projects += 1

    cells: dict[str, int | float] = {}
    if fmt.id == "2021":
        for row, counts in doc_counts.items():
            cells[f"s2.{row}.issued"] = counts["issued"]
            cells[f"s2.{row}.repealed"] = counts["repealed"]
            cells[f"s2.{row}.in_force"] = counts["in_force"]
        for cat in ("licensing", "penalty", "compulsion"):
            cells[f"s2.{cat}.decisions"] = decided[cat]
        cells["s2.fees.amount_wan"] = amount_wan(fees)
    else:
        for row, counts in doc_counts.items():
            cells[f"s2.{row}.new_made"] = counts["issued"]
            cells[f"s2.{row}.new_published"] = counts["new_published"]
            cells[f"s2.{row}.total_published"] = counts["total_published"]
        for cat in MATTER_CATEGORIES:
            cells[f"s2.{cat}.prev_items"] = on_prev_list[cat]
            cells[f"s2.{cat}.change"] = on_list[cat] - on_prev_list[cat]
            if cat != "fees":
                cells[f"s2.{cat}.decisions"] = decided[cat]
        cells["s2.procurement.projects"] = projects
        cells["s2.procurement.amount_yuan"] = yuan_number(procurement)
    # Every cell of the format, and nothing else.
    assert set(cells) == set(fmt.keys_of_section("s2")), "table 二 cells out of step with format"
    return {key: cells[key] for key in fmt.keys_of_section("s2")}
