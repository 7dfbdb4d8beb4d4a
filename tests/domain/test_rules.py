"""Consistency rules: hand-written cases per rule and a property test over random tables."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.domain.report import samples
from gongkai.domain.report.draft import DraftFacts
from gongkai.domain.report.formats import ValueKind
from gongkai.domain.report.model import Report
from gongkai.domain.report.rules import check, validate
from gongkai.domain.stats.engagement import EngagementSummary
from gongkai.domain.stats.openness import MeetingCount, OpennessFacts

FORMATS = ("2019", "2021")


def consistent_report(format_id: str, draw: st.DrawFn | None = None, seed: int = 0) -> Report:
    """A consistent random report; values drawn by hypothesis when ``draw`` is given."""
    if draw is None:
        return samples.consistent_report(format_id, seed=seed)

    def number(upper: int) -> int:
        return draw(st.integers(min_value=0, max_value=upper))

    return samples.consistent_report(format_id, number=number)


def errors(report: Report) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.rule, f.cells) for f in validate(report) if f.severity == "error"]


# ---------------------------------------------------------------------------------------------
# Property: consistent tables give no error; every single-cell change is caught
# ---------------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), format_id=st.sampled_from(FORMATS))
def test_consistent_tables_have_no_errors(data: st.DataObject, format_id: str) -> None:
    report = consistent_report(format_id, data.draw)
    assert errors(report) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), format_id=st.sampled_from(FORMATS))
def test_every_single_cell_change_in_tables_3_and_4_is_caught(
    data: st.DataObject, format_id: str
) -> None:
    report = consistent_report(format_id, data.draw)
    fmt = report.spec
    keys = fmt.keys_of_section("s3") + fmt.keys_of_section("s4")
    key = data.draw(st.sampled_from(keys))
    delta = data.draw(st.integers(min_value=-20, max_value=20).filter(lambda d: d != 0))
    report.cells[key] = (report.cells[key] or 0) + delta
    caught = [rule for rule, cells in errors(report) if key in cells]
    assert caught, f"change of {key} by {delta} not named by any error"


@settings(max_examples=60, deadline=None)
@given(data=st.data(), format_id=st.sampled_from(FORMATS))
def test_invalid_values_in_table_2_are_caught(data: st.DataObject, format_id: str) -> None:
    """Table 二 cells are independent numbers: rules can catch only impossible values there."""
    report = consistent_report(format_id, data.draw)
    fmt = report.spec
    key = data.draw(st.sampled_from(list(fmt.keys_of_section("s2"))))
    kind = fmt.kind(key)
    if kind is ValueKind.SIGNED:
        report.cells[key] = 1.5
    elif kind is ValueKind.COUNT:
        report.cells[key] = data.draw(st.sampled_from([-1, 2.5]))
    else:
        report.cells[key] = -0.5
    assert ("R4", (key,)) in errors(report)


# ---------------------------------------------------------------------------------------------
# Each rule on a small hand-made case
# ---------------------------------------------------------------------------------------------


def test_r2_names_column_total_and_changed_cell_with_clerk_message() -> None:
    report = consistent_report("2021", seed=3)
    key = "s3.granted.natural_person"
    before = report.cells["s3.total_processed.natural_person"]
    report.cells[key] = (report.cells[key] or 0) + 6
    r2 = [f for f in validate(report) if f.rule == "R2"]
    assert len(r2) == 1
    assert r2[0].cells[0] == "s3.total_processed.natural_person"
    assert key in r2[0].cells
    assert r2[0].message == f"（七）总计 自然人 栏为 {before}，但各办理结果之和为 {before + 6}"
    rules = {f.rule for f in validate(report) if f.severity == "error"}
    assert rules == {"R1", "R2"}  # S1 still holds: only a result cell moved


def test_s1_message_and_cells() -> None:
    report = consistent_report("2019", seed=1)
    report.cells["s3.carried_over.commercial"] = (
        report.cells["s3.carried_over.commercial"] or 0
    ) + 1
    s1 = [f for f in validate(report) if f.rule == "S1"]
    assert [f.cells for f in s1] == [
        (
            "s3.new_received.commercial",
            "s3.carried_over.commercial",
            "s3.total_processed.commercial",
            "s3.carried_forward.commercial",
        )
    ]
    assert s1[0].message.startswith("表三 商业企业 栏：")


def test_r3_total_zero_under_nonzero_parts() -> None:
    report = consistent_report("2021", seed=2)
    report.set("s4.reconsideration.upheld", 2)
    report.set("s4.reconsideration.corrected", 0)
    report.set("s4.reconsideration.other", 0)
    report.set("s4.reconsideration.pending", 1)
    report.set("s4.reconsideration.total", 0)
    r3 = [f for f in validate(report) if f.rule == "R3"]
    assert len(r3) == 1 and r3[0].cells[0] == "s4.reconsideration.total"
    assert "总计 为 0" in r3[0].message and "之和为 3" in r3[0].message


def test_missing_cells_are_not_taken_as_zero() -> None:
    report = consistent_report("2021", seed=4)
    report.set("s3.granted.research", None, "missing")
    found = validate(report)
    assert not [f for f in found if f.severity == "error"]
    m1 = [f for f in found if f.rule == "M1"]
    assert len(m1) == 1 and m1[0].cells == ("s3.granted.research",)


def test_known_parts_exceeding_total_are_an_error_even_with_a_missing_part() -> None:
    report = consistent_report("2021", seed=5)
    report.set("s3.granted.research", None, "missing")
    report.set("s3.granted.total", 0)
    report.set("s3.granted.natural_person", 3)
    assert any(f.rule == "R1" for f in validate(report))


def test_r4_counts_and_signed_changes() -> None:
    report = consistent_report("2019", seed=6)
    report.set("s2.licensing.change", -4)  # 减4 is fine
    report.set("s2.licensing.decisions", -1)
    found = [(f.rule, f.cells) for f in validate(report) if f.rule == "R4"]
    assert found == [("R4", ("s2.licensing.decisions",))]


def test_r5_year_format_mismatch_and_foreign_rows() -> None:
    report = consistent_report("2019", seed=7)
    report.year = 2022
    report.set("s3.other.no_correction.total", 1)
    r5 = [f for f in validate(report) if f.rule == "R5"]
    assert len(r5) == 2
    assert "2022 年度报告应使用 2021 年版格式" in r5[0].message
    assert r5[1].cells == ("s3.other.no_correction.total",)


def test_x1_x3_across_years() -> None:
    before = consistent_report("2021", seed=8)
    before.year = 2022
    now = consistent_report("2021", seed=9)
    now.year = 2023
    for col in ("natural_person", "total"):
        now.set(f"s3.carried_over.{col}", before.cells[f"s3.carried_forward.{col}"])
    now.set("s2.regulations.in_force", (before.cells["s2.regulations.in_force"] or 0) + 100)
    rules = {(f.rule, f.cells[0]) for f in validate(now, before) if f.cells}
    assert ("X1", "s3.carried_over.natural_person") not in rules
    assert ("X3", "s2.regulations.in_force") in rules
    # Not consecutive years: no cross-year comparison at all.
    before.year = 2020
    assert not [f for f in validate(now, before) if f.rule.startswith("X")]


def test_x2_and_x4_in_2019_format() -> None:
    before = consistent_report("2019", seed=10)
    before.year = 2019
    now = consistent_report("2019", seed=11)
    now.year = 2020
    expected = (before.cells["s2.penalty.prev_items"] or 0) + (
        before.cells["s2.penalty.change"] or 0
    )
    now.set("s2.penalty.prev_items", expected + 1)
    now.set("s2.regulations.total_published", 0)
    now.set("s2.regulations.new_published", 2)
    rules = {(f.rule, f.cells[0]) for f in validate(now, before) if f.cells}
    assert ("X2", "s2.penalty.prev_items") in rules
    assert ("X4", "s2.regulations.total_published") in rules


def test_check_keeps_reader_findings_and_replaces_rule_findings() -> None:
    from gongkai.domain.report.model import Finding

    report = consistent_report("2021", seed=12)
    report.findings = [
        Finding("L1", "warning", (), "本地增设行"),
        Finding("S1", "error", (), "stale"),
    ]
    check(report)
    assert [f.rule for f in report.findings if f.rule in {"L1", "S1"}] == ["L1"]


# ---------------------------------------------------------------------------------------------
# T1 against the year's facts (issue 14): only when validate() is given them
# ---------------------------------------------------------------------------------------------


def test_t1_checks_the_openness_facts_only_when_given() -> None:
    report = consistent_report("2019", seed=3)
    report.narrative = {"一": "本年共召开乡党委会议25次，均通过会议纪要的形式将内容进行了公开。"}
    facts = DraftFacts(
        body="徐套乡人民政府",
        year=report.year or 2019,
        channels={"政府网站": 3},
        documents_made=1,
        documents_by_disclosure={},
        mailbox=EngagementSummary(),
        mailbox_names=(),
        npc=EngagementSummary(),
        cppcc=EngagementSummary(),
        openness=OpennessFacts(meetings=(MeetingCount("党委会议", 24, 24),)),
    )
    (finding,) = [f for f in validate(report, facts=facts) if f.rule == "T1"]
    assert finding.severity == "warning" and finding.cells == ()
    assert finding.message == (
        "正文称“召开乡党委会议25次，均通过会议纪要的形式将内容进行了公开”，"
        "但平台记录为24次（会议公开登记：党委会议）"
    )
    assert [f for f in validate(report) if f.rule == "T1"] == []
    report.narrative["一"] = report.narrative["一"].replace("25次", "24次")
    assert [f for f in validate(report, facts=facts) if f.rule == "T1"] == []
