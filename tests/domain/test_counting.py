"""Counting tables 三 and 四 from records (disclosure-law.md §6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.domain.applications.counting import (
    ApplicationFacts,
    CaseFacts,
    CaseKind,
    CaseResult,
    build_tables_report,
    case_result_at_year_end,
    count_table_3,
    count_table_4,
    is_carried_forward,
    is_carried_over,
    is_concluded_in,
    is_new_received,
    parse_case_kind,
    parse_case_result,
)
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType
from gongkai.domain.report.formats import S3_COLUMN_KEYS, get_format
from gongkai.domain.report.model import PROVENANCE_MISSING, PROVENANCE_READ
from gongkai.domain.report.rules import validate

P = ApplicantType.NATURAL_PERSON
C = ApplicantType.COMMERCIAL


def app(
    received: str, outcome: str | None = None, replied: str | None = None, kind: ApplicantType = P
) -> ApplicationFacts:
    return ApplicationFacts(
        date.fromisoformat(received),
        kind,
        outcome,
        date.fromisoformat(replied) if replied else None,
    )


def test_year_end_application_is_carried_forward_then_carried_over() -> None:
    a = app("2023-12-31", "granted", "2024-01-02")
    assert is_new_received(a, 2023)
    assert not is_concluded_in(a, 2023)
    assert is_carried_forward(a, 2023)
    assert not is_carried_over(a, 2023)
    assert is_carried_over(a, 2024)
    assert is_concluded_in(a, 2024)
    assert not is_new_received(a, 2024)
    assert not is_carried_forward(a, 2024)
    t23, t24 = count_table_3([a], 2023), count_table_3([a], 2024)
    assert t23["s3.new_received.natural_person"] == 1
    assert t23["s3.carried_forward.natural_person"] == 1
    assert t23["s3.total_processed.total"] == 0
    assert t24["s3.carried_over.natural_person"] == 1
    assert t24["s3.granted.natural_person"] == 1
    assert t24["s3.carried_forward.total"] == 0


def test_replied_on_the_last_day_of_the_year_is_concluded_that_year() -> None:
    a = app("2023-12-01", "partial", "2023-12-31")
    assert is_concluded_in(a, 2023)
    assert not is_carried_forward(a, 2023)
    assert not is_carried_over(a, 2024)
    assert not any(count_table_3([a], 2024).values())


def test_received_on_new_years_day_counts_only_from_that_year() -> None:
    a = app("2024-01-01")
    assert not any(count_table_3([a], 2023).values())
    assert not is_carried_over(a, 2024)
    assert count_table_3([a], 2024)["s3.new_received.total"] == 1


def test_open_application_is_carried_over_every_year_until_replied() -> None:
    a = app("2021-06-01")
    for year in (2022, 2023, 2024):
        assert is_carried_over(a, year) and is_carried_forward(a, year)
        assert not is_new_received(a, year) and not is_concluded_in(a, year)


def test_lapses_count_in_their_own_row_2021_and_in_other_2019() -> None:
    apps = [
        app("2020-03-02", "other.no_correction", "2020-04-01"),
        app("2020-03-02", "other.no_fee_payment", "2020-05-01", C),
        app("2022-03-02", "other.no_correction", "2022-04-01"),
        app("2022-03-02", "other.no_fee_payment", "2022-05-01", C),
        app("2022-03-02", "other.other", "2022-05-01", C),
    ]
    t2020 = count_table_3(apps, 2020)
    assert t2020["s3.other.natural_person"] == 1
    assert t2020["s3.other.commercial"] == 1
    assert t2020["s3.other.total"] == 2
    assert "s3.other.no_correction.total" not in t2020
    t2022 = count_table_3(apps, 2022)
    assert t2022["s3.other.no_correction.natural_person"] == 1
    assert t2022["s3.other.no_fee_payment.commercial"] == 1
    assert t2022["s3.other.other.commercial"] == 1
    assert t2022["s3.total_processed.total"] == 3
    assert "s3.other.total" not in t2022


def test_every_cell_of_the_format_is_returned() -> None:
    for year, fmt in ((2020, "2019"), (2021, "2021")):
        cells = count_table_3([], year)
        assert set(cells) == set(get_format(fmt).keys_of_section("s3"))
        assert set(cells.values()) == {0}
    # an explicit format overrides the year's
    assert set(count_table_3([], 2022, "2019")) == set(get_format("2019").keys_of_section("s3"))


def test_hand_made_table_3() -> None:
    apps = [
        app("2023-11-20", "granted", "2023-12-10"),  # concluded before Y: not in 2024
        app("2023-12-20", "denied.third_party", "2024-01-15", C),  # carried over
        app("2023-12-28"),  # carried over and forward
        app("2024-02-01", "granted", "2024-02-20"),
        app("2024-03-01", "partial", "2024-03-29", C),
        app("2024-12-30", "granted", "2025-01-06"),  # carried forward
        app("2025-01-02"),  # later year: nowhere
    ]
    t = count_table_3(apps, 2024)
    assert t["s3.new_received.natural_person"] == 2
    assert t["s3.new_received.commercial"] == 1
    assert t["s3.new_received.total"] == 3
    assert t["s3.carried_over.total"] == 2
    assert t["s3.granted.natural_person"] == 1
    assert t["s3.partial.commercial"] == 1
    assert t["s3.denied.third_party.commercial"] == 1
    assert t["s3.total_processed.total"] == 3
    assert t["s3.total_processed.commercial"] == 2
    assert t["s3.carried_forward.natural_person"] == 2
    assert t["s3.carried_forward.total"] == 2


def test_inconsistent_facts_are_refused() -> None:
    with pytest.raises(ValueError, match="同时"):
        ApplicationFacts(date(2024, 1, 1), P, "granted", None)
    with pytest.raises(ValueError, match="同时"):
        ApplicationFacts(date(2024, 1, 1), P, None, date(2024, 1, 2))
    with pytest.raises(ValueError, match="早于"):
        ApplicationFacts(date(2024, 1, 5), P, "granted", date(2024, 1, 2))
    with pytest.raises(ValueError, match="未知的办理结果键"):
        ApplicationFacts(date(2024, 1, 1), P, "other", date(2024, 1, 2))
    with pytest.raises(ValueError, match="同时"):
        CaseFacts(CaseKind.RECONSIDERATION, date(2024, 1, 1), CaseResult.UPHELD, None)
    with pytest.raises(ValueError, match="早于"):
        CaseFacts(CaseKind.RECONSIDERATION, date(2024, 1, 5), CaseResult.UPHELD, date(2024, 1, 1))


# ---------------------------------------------------------------------------------------------
# Table 四
# ---------------------------------------------------------------------------------------------


def case(
    kind: CaseKind, filed: str, result: CaseResult | None = None, closed: str = ""
) -> CaseFacts:
    return CaseFacts(
        kind, date.fromisoformat(filed), result, date.fromisoformat(closed) if closed else None
    )


def test_case_result_known_at_year_end() -> None:
    c = case(CaseKind.LITIGATION_DIRECT, "2023-11-01", CaseResult.CORRECTED, "2024-01-10")
    assert case_result_at_year_end(c, 2023) == "pending"
    assert case_result_at_year_end(c, 2024) == "corrected"
    d = case(CaseKind.RECONSIDERATION, "2023-11-01", CaseResult.UPHELD, "2023-12-31")
    assert case_result_at_year_end(d, 2023) == "upheld"


def test_count_table_4() -> None:
    R, D, A = (
        CaseKind.RECONSIDERATION,
        CaseKind.LITIGATION_DIRECT,
        CaseKind.LITIGATION_AFTER_RECONSIDERATION,
    )
    cases = [
        case(R, "2024-01-05", CaseResult.UPHELD, "2024-03-01"),
        case(R, "2024-02-05", CaseResult.CORRECTED, "2024-04-01"),
        case(R, "2024-12-20", CaseResult.UPHELD, "2025-02-01"),  # pending at the end of 2024
        case(D, "2024-06-01", CaseResult.OTHER, "2024-09-01"),
        case(A, "2024-07-01"),
        case(R, "2023-12-30", CaseResult.UPHELD, "2024-01-20"),  # filed in 2023: not in 2024
    ]
    t = count_table_4(cases, 2024)
    assert len(t) == 15
    assert t["s4.reconsideration.upheld"] == 1
    assert t["s4.reconsideration.corrected"] == 1
    assert t["s4.reconsideration.pending"] == 1
    assert t["s4.reconsideration.total"] == 3
    assert t["s4.litigation_direct.other"] == 1
    assert t["s4.litigation_direct.total"] == 1
    assert t["s4.litigation_after_reconsideration.pending"] == 1
    assert t["s4.litigation_after_reconsideration.total"] == 1
    assert count_table_4(cases, 2023)["s4.reconsideration.pending"] == 1


def test_case_kind_and_result_parsers() -> None:
    assert parse_case_kind("行政复议") is CaseKind.RECONSIDERATION
    assert parse_case_kind("行政诉讼（未经复议直接起诉）") is CaseKind.LITIGATION_DIRECT
    assert parse_case_kind("行政诉讼(复议后起诉)") is CaseKind.LITIGATION_AFTER_RECONSIDERATION
    assert parse_case_kind("litigation_direct") is CaseKind.LITIGATION_DIRECT
    assert [k.label for k in CaseKind] == [
        "行政复议",
        "行政诉讼（未经复议直接起诉）",
        "行政诉讼（复议后起诉）",
    ]
    with pytest.raises(ValueError, match="无法识别的案件类型“行政诉讼”"):
        parse_case_kind("行政诉讼")  # ambiguous: direct or after reconsideration
    assert [r.label for r in CaseResult] == ["维持", "纠正", "其他"]
    assert parse_case_result("维持") is CaseResult.UPHELD
    assert parse_case_result("结果纠正") is CaseResult.CORRECTED
    assert parse_case_result("other") is CaseResult.OTHER
    with pytest.raises(ValueError, match="尚未审结的留空"):
        parse_case_result("驳回")


# ---------------------------------------------------------------------------------------------
# The report and the rules
# ---------------------------------------------------------------------------------------------

TABLE_RULES = {"S1", "R1", "R2", "R3"}


def test_build_tables_report_passes_the_table_rules() -> None:
    apps = [
        app("2023-12-31", "granted", "2024-01-02"),
        app("2024-03-01", "other.no_fee_payment", "2024-05-01", C),
        app("2024-12-31"),
    ]
    cases = [case(CaseKind.RECONSIDERATION, "2024-05-01", CaseResult.UPHELD, "2024-06-01")]
    report = build_tables_report(apps, cases, 2024, "某某区人民政府办公室")
    assert report.format == "2021" and report.year == 2024
    assert report.org == "某某区人民政府办公室"
    assert report.cells["s3.carried_over.total"] == 1
    assert report.cells["s3.other.no_fee_payment.commercial"] == 1
    assert report.cells["s4.reconsideration.upheld"] == 1
    for key in report.spec.keys_of_section("s3") + report.spec.keys_of_section("s4"):
        assert report.provenance[key] == PROVENANCE_READ
    for key in report.spec.keys_of_section("s2"):
        assert report.cells[key] is None
        assert report.provenance[key] == PROVENANCE_MISSING
    assert report.narrative == {}
    assert [f for f in validate(report) if f.rule in TABLE_RULES] == []
    assert report.to_dict()["cells"]["s3.new_received.total"] == 2


def test_build_tables_report_2019_format() -> None:
    apps = [app("2020-03-01", "other.no_correction", "2020-05-01")]
    report = build_tables_report(apps, [], 2020, None)
    assert report.format == "2019"
    assert report.cells["s3.other.total"] == 1
    assert [f for f in validate(report) if f.rule in TABLE_RULES | {"R5"}] == []


YEARS = (2019, 2020, 2021, 2022, 2023)


@st.composite
def applications(draw: st.DrawFn) -> ApplicationFacts:
    received = draw(st.dates(date(2018, 6, 1), date(2023, 12, 31)))
    kind = draw(st.sampled_from(list(ApplicantType)))
    if draw(st.booleans()):
        return ApplicationFacts(received, kind)
    delay = draw(st.integers(min_value=0, max_value=500))
    return ApplicationFacts(
        received, kind, draw(st.sampled_from(OUTCOME_KEYS)), received + timedelta(days=delay)
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(applications(), max_size=60))
def test_tables_balance_and_carry_over_for_random_records(apps: list[ApplicationFacts]) -> None:
    tables = {year: count_table_3(apps, year) for year in YEARS}
    for year, cells in tables.items():
        report = build_tables_report(apps, [], year, "某单位")
        assert [f for f in validate(report) if f.rule in TABLE_RULES] == []
        fmt = report.spec
        for col in S3_COLUMN_KEYS:
            # S1, R2 (and R1 below) computed independently of the rules module
            assert (
                cells[f"s3.new_received.{col}"] + cells[f"s3.carried_over.{col}"]
                == cells[f"s3.total_processed.{col}"] + cells[f"s3.carried_forward.{col}"]
            )
            assert cells[f"s3.total_processed.{col}"] == sum(
                cells[f"s3.{r.key}.{col}"] for r in fmt.s3_result_rows
            )
        for row in fmt.s3_row_keys:
            assert cells[f"s3.{row}.total"] == sum(
                cells[f"s3.{row}.{c}"] for c in S3_COLUMN_KEYS[:-1]
            )
        if year + 1 in tables:  # X1, across the 2020 → 2021 format change too
            for col in S3_COLUMN_KEYS:
                assert (
                    cells[f"s3.carried_forward.{col}"] == tables[year + 1][f"s3.carried_over.{col}"]
                )
    # each application is counted once as concluded, in the year of its reply
    concluded = sum(tables[y]["s3.total_processed.total"] for y in YEARS)
    assert concluded == sum(
        1 for a in apps if a.concluded_on is not None and a.concluded_on.year in YEARS
    )


@settings(max_examples=200, deadline=None)
@given(applications(), st.sampled_from(YEARS))
def test_carried_over_is_last_years_carried_forward(a: ApplicationFacts, year: int) -> None:
    # X1 holds application by application: both read "in effect at the end of the year".
    assert is_carried_over(a, year) == is_carried_forward(a, year - 1)


def test_case_kinds_and_results_carry_their_ledger_labels() -> None:
    assert CaseKind("litigation_direct") is CaseKind.LITIGATION_DIRECT
    assert CaseKind.LITIGATION_DIRECT.label == "行政诉讼（未经复议直接起诉）"
    assert [r.label for r in CaseResult] == ["维持", "纠正", "其他"]
    assert f"{CaseResult.UPHELD}" == "upheld" and CaseResult.UPHELD == "upheld"
