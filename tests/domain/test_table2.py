"""Table 二 from records (disclosure-law.md §6, report-format.md §2), both formats."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.domain.report.formats import get_format
from gongkai.domain.stats.table2 import (
    MATTER_CATEGORIES,
    DecisionFacts,
    DocumentFacts,
    MatterCategory,
    MatterFacts,
    MoneyFacts,
    amount_wan,
    count_table_2,
    is_in_force_at_end_of,
    is_issued_in,
    is_on_list_at_end_of,
    is_published_by_end_of,
    is_published_in,
    is_repealed_in,
)

D = date


# ---------------------------------------------------------------------------------------------
# Readings at the year boundary
# ---------------------------------------------------------------------------------------------


def test_document_readings_at_year_boundary() -> None:
    made_last_day = DocumentFacts("normative", D(2023, 12, 31), D(2024, 1, 2))
    assert is_issued_in(made_last_day, 2023)
    assert not is_issued_in(made_last_day, 2024)
    assert is_in_force_at_end_of(made_last_day, 2023)
    assert not is_published_in(made_last_day, 2023)
    assert is_published_in(made_last_day, 2024)
    assert not is_published_by_end_of(made_last_day, 2023)
    assert is_published_by_end_of(made_last_day, 2030)

    repealed_new_year = DocumentFacts("regulation", D(2020, 5, 1), repealed_on=D(2024, 1, 1))
    assert is_in_force_at_end_of(repealed_new_year, 2023)
    assert not is_in_force_at_end_of(repealed_new_year, 2024)
    assert is_repealed_in(repealed_new_year, 2024)
    assert not is_repealed_in(repealed_new_year, 2023)

    repealed_last_day = DocumentFacts("regulation", D(2020, 5, 1), repealed_on=D(2023, 12, 31))
    assert not is_in_force_at_end_of(repealed_last_day, 2023)
    assert is_repealed_in(repealed_last_day, 2023)


def test_only_proactive_documents_count_as_published() -> None:
    on_request = DocumentFacts("normative", D(2019, 3, 1), D(2019, 3, 5), disclosure="依申请公开")
    withheld = DocumentFacts("normative", D(2019, 3, 1), D(2019, 3, 5), disclosure="不予公开")
    for d in (on_request, withheld):
        assert is_issued_in(d, 2019)
        assert not is_published_in(d, 2019)
        assert not is_published_by_end_of(d, 2019)


def test_matter_list_at_year_boundary() -> None:
    cancelled_jan_first = MatterFacts("licensing", D(2017, 1, 1), D(2019, 1, 1))
    assert is_on_list_at_end_of(cancelled_jan_first, 2018)
    assert not is_on_list_at_end_of(cancelled_jan_first, 2019)
    effective_dec_31 = MatterFacts("penalty", D(2019, 12, 31))
    assert not is_on_list_at_end_of(effective_dec_31, 2018)
    assert is_on_list_at_end_of(effective_dec_31, 2019)


def test_facts_reject_impossible_records() -> None:
    with pytest.raises(ValueError, match="早于成文日期"):
        DocumentFacts("normative", D(2020, 1, 2), repealed_on=D(2020, 1, 1))
    with pytest.raises(ValueError, match="早于成文日期"):
        DocumentFacts("normative", D(2020, 1, 2), published_on=D(2020, 1, 1))
    with pytest.raises(ValueError, match="早于生效日期"):
        MatterFacts("fees", D(2020, 1, 2), D(2020, 1, 1))
    with pytest.raises(ValueError, match="不小于 1"):
        DecisionFacts("penalty", D(2020, 1, 2), 0)
    with pytest.raises(ValueError, match="不小于 0"):
        MoneyFacts("fees", D(2020, 1, 2), Decimal("-1"))
    with pytest.raises(ValueError, match="信息类别"):
        DocumentFacts("law", D(2020, 1, 2))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Format 2021
# ---------------------------------------------------------------------------------------------


def test_format_2021_hand_made() -> None:
    documents = [
        DocumentFacts("normative", D(2023, 12, 31), D(2024, 1, 3)),  # issued 2023
        DocumentFacts("normative", D(2024, 1, 1), D(2024, 1, 5)),  # issued 2024
        DocumentFacts("normative", D(2024, 6, 1), repealed_on=D(2024, 11, 30)),  # both in 2024
        DocumentFacts("normative", D(2018, 6, 1), repealed_on=D(2024, 12, 31)),  # repealed 2024
        DocumentFacts("normative", D(2018, 6, 1), repealed_on=D(2025, 1, 1)),  # in force 2024
        DocumentFacts("regulation", D(2024, 3, 1), disclosure="依申请公开"),
        DocumentFacts("other", D(2024, 3, 1), D(2024, 3, 2)),  # not in (一)
    ]
    decisions = [
        DecisionFacts("licensing", D(2024, 1, 1)),
        DecisionFacts("licensing", D(2024, 12, 31), 10),
        DecisionFacts("licensing", D(2023, 12, 31), 99),
        DecisionFacts("licensing", D(2025, 1, 1), 99),
        DecisionFacts("penalty", D(2024, 7, 1), 3),
        DecisionFacts("other_services", D(2024, 7, 1), 500),  # no cell in 2021
    ]
    money = [
        MoneyFacts("fees", D(2024, 1, 1), Decimal("12345.67")),
        MoneyFacts("fees", D(2024, 12, 31), Decimal("0.50")),
        MoneyFacts("fees", D(2023, 12, 31), Decimal("99999")),
        MoneyFacts("procurement", D(2024, 5, 1), Decimal("251000")),  # no cell in 2021
    ]
    cells = count_table_2(documents, decisions, [], money, 2024)
    assert set(cells) == set(get_format("2021").keys_of_section("s2"))
    assert cells == {
        "s2.regulations.issued": 1,
        "s2.regulations.repealed": 0,
        "s2.regulations.in_force": 1,
        "s2.normative_docs.issued": 2,
        "s2.normative_docs.repealed": 2,
        "s2.normative_docs.in_force": 3,
        "s2.licensing.decisions": 11,
        "s2.penalty.decisions": 3,
        "s2.compulsion.decisions": 0,
        "s2.fees.amount_wan": 1.2346,
    }


def test_amount_wan_rounds_half_up() -> None:
    assert amount_wan(Decimal("160596.4")) == 16.0596
    assert amount_wan(Decimal("0.5")) == 0.0001  # 0.00005 万元 rounds up
    assert amount_wan(Decimal("0.49")) == 0.0
    assert amount_wan(Decimal("0")) == 0.0


# ---------------------------------------------------------------------------------------------
# Format 2019
# ---------------------------------------------------------------------------------------------


def test_format_2019_hand_made() -> None:
    documents = [
        DocumentFacts("normative", D(2018, 12, 31), D(2019, 1, 2)),  # made 2018, published 2019
        DocumentFacts("normative", D(2019, 12, 30), D(2020, 1, 2)),  # made 2019, published 2020
        DocumentFacts("normative", D(2017, 1, 1), D(2017, 1, 2), D(2018, 1, 1)),  # repealed
        DocumentFacts("normative", D(2019, 2, 1), D(2019, 2, 2), disclosure="不予公开"),
        DocumentFacts("regulation", D(2019, 2, 1), D(2019, 2, 2)),
    ]
    matters = [
        MatterFacts("licensing", D(2015, 1, 1)),
        MatterFacts("licensing", D(2015, 1, 1), D(2019, 1, 1)),  # cancelled on 2019-01-01
        MatterFacts("licensing", D(2019, 12, 31)),  # added on 2019-12-31
        MatterFacts("licensing", D(2019, 3, 1)),  # added
        MatterFacts("penalty", D(2015, 1, 1), D(2018, 12, 31)),  # gone before the end of 2018
        MatterFacts("fees", D(2016, 1, 1), D(2019, 6, 1)),
        MatterFacts("compulsion", D(2020, 1, 1)),  # not yet
    ]
    decisions = [
        DecisionFacts("other_services", D(2019, 1, 31), 200),
        DecisionFacts("other_services", D(2018, 12, 31), 5),
        DecisionFacts("compulsion", D(2019, 12, 31)),
    ]
    money = [
        MoneyFacts("procurement", D(2019, 4, 1), Decimal("251000")),
        MoneyFacts("procurement", D(2019, 9, 1), Decimal("0.5")),
        MoneyFacts("procurement", D(2018, 9, 1), Decimal("7")),
        MoneyFacts("fees", D(2019, 9, 1), Decimal("7")),  # no cell in 2019
    ]
    cells = count_table_2(documents, decisions, matters, money, 2019)
    assert set(cells) == set(get_format("2019").keys_of_section("s2"))
    assert cells["s2.normative_docs.new_made"] == 2
    assert cells["s2.normative_docs.new_published"] == 1
    assert cells["s2.normative_docs.total_published"] == 2
    assert cells["s2.regulations.new_made"] == 1
    assert cells["s2.regulations.new_published"] == 1
    assert cells["s2.regulations.total_published"] == 1
    assert (cells["s2.licensing.prev_items"], cells["s2.licensing.change"]) == (2, 1)
    assert (cells["s2.penalty.prev_items"], cells["s2.penalty.change"]) == (0, 0)
    assert (cells["s2.fees.prev_items"], cells["s2.fees.change"]) == (1, -1)
    assert (cells["s2.compulsion.prev_items"], cells["s2.compulsion.change"]) == (0, 0)
    assert cells["s2.other_services.decisions"] == 200
    assert cells["s2.compulsion.decisions"] == 1
    assert cells["s2.procurement.projects"] == 2
    assert cells["s2.procurement.amount_yuan"] == 251000.5


def test_format_override() -> None:
    cells = count_table_2([], [], [], [], 2024, format_id="2019")
    assert set(cells) == set(get_format("2019").keys_of_section("s2"))
    assert cells["s2.procurement.amount_yuan"] == 0
    assert isinstance(cells["s2.procurement.amount_yuan"], int)


# ---------------------------------------------------------------------------------------------
# The seed: 徐套乡人民政府's 2019 report, reproduced from itemised records
# ---------------------------------------------------------------------------------------------

SEED_S2_2019: dict[str, int | float] = {
    "s2.regulations.new_made": 0,
    "s2.regulations.new_published": 0,
    "s2.regulations.total_published": 0,
    "s2.normative_docs.new_made": 0,
    "s2.normative_docs.new_published": 0,
    "s2.normative_docs.total_published": 0,
    "s2.licensing.prev_items": 5,
    "s2.licensing.change": 0,
    "s2.licensing.decisions": 34,
    "s2.other_services.prev_items": 48,
    "s2.other_services.change": 0,
    "s2.other_services.decisions": 2833,
    "s2.penalty.prev_items": 12,
    "s2.penalty.change": 0,
    "s2.penalty.decisions": 12,
    "s2.compulsion.prev_items": 9,
    "s2.compulsion.change": 0,
    "s2.compulsion.decisions": 21,
    "s2.fees.prev_items": 1,
    "s2.fees.change": 0,
    "s2.procurement.projects": 0,
    "s2.procurement.amount_yuan": 0,
}


def _spread(n: int, year: int) -> list[date]:
    """n dates spread over the year (day 0 … day 364)."""
    return [date(year, 1, 1) + timedelta(days=(i * 365) // n) for i in range(n)]


def seed_records() -> tuple[
    list[DocumentFacts], list[DecisionFacts], list[MatterFacts], list[MoneyFacts]
]:
    # 120 documents of 2019, all 其他 (no 规章, no 规范性文件), 35 of them 依申请公开.
    documents = [
        DocumentFacts(
            "other",
            day,
            None if i < 35 else day,
            disclosure="依申请公开" if i < 35 else "主动公开",
        )
        for i, day in enumerate(_spread(120, 2019))
    ]
    # Matter lists unchanged through 2019: 5 licensing, 48 other services, 12 penalty,
    # 9 compulsion, 1 fee item — plus one cancelled long ago and one added in 2020.
    lists: list[tuple[MatterCategory, int]] = [
        ("licensing", 5),
        ("other_services", 48),
        ("penalty", 12),
        ("compulsion", 9),
        ("fees", 1),
    ]
    matters = [
        MatterFacts(category, date(2016, 1, 1) + timedelta(days=i))
        for category, n in lists
        for i in range(n)
    ]
    matters += [
        MatterFacts("penalty", date(2015, 1, 1), date(2017, 6, 30)),
        MatterFacts("licensing", date(2020, 1, 1)),
    ]
    # Decisions: one row each for licensing, penalty and compulsion; other services kept as
    # monthly counted rows (dated on the month's last day) — 2,833 in all.
    decisions = [DecisionFacts("licensing", day) for day in _spread(34, 2019)]
    decisions += [DecisionFacts("penalty", day) for day in _spread(12, 2019)]
    decisions += [DecisionFacts("compulsion", day) for day in _spread(21, 2019)]
    monthly = [236] * 11 + [2833 - 236 * 11]
    month_ends = [date(2019, m + 1, 1) - timedelta(days=1) for m in range(1, 12)]
    month_ends.append(date(2019, 12, 31))
    decisions += [
        DecisionFacts("other_services", end, n) for end, n in zip(month_ends, monthly, strict=True)
    ]
    decisions += [
        DecisionFacts("licensing", date(2018, 12, 31), 40),
        DecisionFacts("other_services", date(2020, 1, 31), 250),
    ]
    # No procurement in 2019 (one in 2018); fees collected do not show in the 2019 format.
    money = [
        MoneyFacts("procurement", date(2018, 11, 5), Decimal("251000")),
        MoneyFacts("fees", date(2019, 5, 5), Decimal("120")),
    ]
    return documents, decisions, matters, money


def test_seed_2019_table_2_from_records() -> None:
    documents, decisions, matters, money = seed_records()
    assert len(documents) == 120
    assert sum(d.disclosure == "依申请公开" for d in documents) == 35
    assert count_table_2(documents, decisions, matters, money, 2019) == SEED_S2_2019


# ---------------------------------------------------------------------------------------------
# Cross-year rules X2 and X3 hold by construction
# ---------------------------------------------------------------------------------------------

YEARS = st.integers(2016, 2024)


@st.composite
def days(draw: st.DrawFn) -> date:
    return date(2016, 1, 1) + timedelta(days=draw(st.integers(0, 9 * 365)))


@st.composite
def documents_st(draw: st.DrawFn) -> DocumentFacts:
    made = draw(days())
    published = draw(st.none() | st.integers(0, 400).map(lambda n: made + timedelta(days=n)))
    repealed = draw(st.none() | st.integers(0, 2000).map(lambda n: made + timedelta(days=n)))
    return DocumentFacts(
        draw(st.sampled_from(["regulation", "normative", "other"])),
        made,
        published,
        repealed,
        draw(st.sampled_from(["主动公开", "依申请公开", "不予公开"])),
    )


@st.composite
def matters_st(draw: st.DrawFn) -> MatterFacts:
    effective = draw(days())
    cancelled = draw(st.none() | st.integers(0, 2000).map(lambda n: effective + timedelta(days=n)))
    category = draw(st.sampled_from(MATTER_CATEGORIES))
    return MatterFacts(category, effective, cancelled)


@settings(max_examples=200)
@given(st.lists(documents_st(), max_size=30), YEARS)
def test_x3_in_force_carries(documents: list[DocumentFacts], year: int) -> None:
    this = count_table_2(documents, [], [], [], year, "2021")
    last = count_table_2(documents, [], [], [], year - 1, "2021")
    for row in ("regulations", "normative_docs"):
        assert this[f"s2.{row}.in_force"] == (
            last[f"s2.{row}.in_force"] + this[f"s2.{row}.issued"] - this[f"s2.{row}.repealed"]
        )


@settings(max_examples=200)
@given(st.lists(documents_st(), max_size=30), st.lists(matters_st(), max_size=30), YEARS)
def test_x2_prev_items_carry_and_x4(
    documents: list[DocumentFacts], matters: list[MatterFacts], year: int
) -> None:
    this = count_table_2(documents, [], matters, [], year, "2019")
    last = count_table_2(documents, [], matters, [], year - 1, "2019")
    for row in ("licensing", "other_services", "penalty", "compulsion", "fees"):
        assert this[f"s2.{row}.prev_items"] == (
            last[f"s2.{row}.prev_items"] + last[f"s2.{row}.change"]
        )
    for row in ("regulations", "normative_docs"):
        assert this[f"s2.{row}.total_published"] >= this[f"s2.{row}.new_published"]
        assert this[f"s2.{row}.total_published"] == (
            last[f"s2.{row}.total_published"] + this[f"s2.{row}.new_published"]
        )
