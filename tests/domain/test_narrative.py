"""Narrative figures against the tables (T1) and the narrative sections (N1)."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest

from gongkai.domain.parsers import read_report_file
from gongkai.domain.report.draft import DraftFacts
from gongkai.domain.report.model import Report
from gongkai.domain.report.narrative import (
    NarrativeFact,
    check_narrative,
    check_openness,
    check_sections,
    extract_facts,
    extract_openness,
    normalise_text,
    problem_phrases,
)
from gongkai.domain.report.rules import validate
from gongkai.domain.stats.engagement import EngagementSummary
from gongkai.domain.stats.openness import ConsultationSummary, MeetingCount, OpennessFacts
from shared_files import SEED_REPORT

SEED = SEED_REPORT

# The section titles as printed (and their seen variants); table rows such as
# "一、本年新收政府信息公开申请数量" also start with a numeral, so match the titles themselves.
_TITLE = re.compile(
    r"(?m)^([一二三四五六])、(?:总体情况|主动公开|收到和处理|政府信息公开行政|存在的主要问题"
    r"|政府信息公开工作存在|其他需要报告)[^\n]*\n"
)


def split_sections(text: str) -> dict[str, str]:
    """A tiny splitter for the tests (the real parser lives elsewhere)."""
    parts = _TITLE.split(text)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts), 2)}


def seed_report() -> Report:
    """The seed report, with the numbers its tables print (table 三 stops after 不予公开 2.)."""
    report = Report.empty("2019", 2019, "徐套乡人民政府")
    s2 = {
        "regulations": (0, 0, 0),
        "normative_docs": (0, 0, 0),
    }
    for row, (made, published, total) in s2.items():
        report.set(f"s2.{row}.new_made", made)
        report.set(f"s2.{row}.new_published", published)
        report.set(f"s2.{row}.total_published", total)
    matters = {
        "licensing": (5, 0, 34),
        "other_services": (48, 0, 2833),
        "penalty": (12, 0, 12),
        "compulsion": (9, 0, 21),
    }
    for row, (prev, change, decisions) in matters.items():
        report.set(f"s2.{row}.prev_items", prev)
        report.set(f"s2.{row}.change", change)
        report.set(f"s2.{row}.decisions", decisions)
    report.set("s2.fees.prev_items", 1)
    report.set("s2.fees.change", 0)
    report.set("s2.procurement.projects", 0)
    report.set("s2.procurement.amount_yuan", 0)
    for row in ("new_received", "carried_over", "granted", "partial"):
        for col in (
            "natural_person",
            "commercial",
            "research",
            "public_welfare",
            "legal_service",
            "other_org",
            "total",
        ):
            report.set(f"s3.{row}.{col}", 0)
    for row in ("denied.state_secret", "denied.law_forbidden"):
        for col in (
            "natural_person",
            "commercial",
            "research",
            "public_welfare",
            "legal_service",
            "other_org",
            "total",
        ):
            report.set(f"s3.{row}.{col}", 0)
    for key in report.spec.keys_of_section("s4"):
        report.set(key, 0)
    report.narrative = split_sections(SEED.read_text(encoding="utf-8"))
    return report


def triples(facts: list[NarrativeFact]) -> set[tuple[str, int | float, tuple[str, ...]]]:
    return {(f.kind, f.value, f.cells) for f in facts}


# ---------------------------------------------------------------------------------------------
# The seed
# ---------------------------------------------------------------------------------------------


def test_seed_sections_split() -> None:
    report = seed_report()
    # the seed lost the title of section 四 (its table header is damaged)
    assert list(report.narrative) == ["一", "二", "三", "五", "六"]


def test_seed_facts_are_exactly_the_section_two_sentences_and_no_applications() -> None:
    facts = extract_facts(seed_report().narrative, "2019", 2019)
    assert triples(facts) == {
        ("s2_items", 5, ("s2.licensing.prev_items", "s2.licensing.change")),
        ("s2_change", 0, ("s2.licensing.change",)),
        ("s2_decisions", 34, ("s2.licensing.decisions",)),
        ("s2_items", 48, ("s2.other_services.prev_items", "s2.other_services.change")),
        ("s2_change", 0, ("s2.other_services.change",)),
        ("s2_decisions", 2833, ("s2.other_services.decisions",)),
        ("s2_items", 12, ("s2.penalty.prev_items", "s2.penalty.change")),
        ("s2_change", 0, ("s2.penalty.change",)),
        ("s2_decisions", 12, ("s2.penalty.decisions",)),
        ("s2_items", 9, ("s2.compulsion.prev_items", "s2.compulsion.change")),
        ("s2_change", 0, ("s2.compulsion.change",)),
        ("s2_decisions", 21, ("s2.compulsion.decisions",)),
        ("s2_items", 1, ("s2.fees.prev_items", "s2.fees.change")),
        ("s2_change", 0, ("s2.fees.change",)),
        ("received", 0, ("s3.new_received.total",)),
    }
    quotes = {f.quote for f in facts}
    assert "行政许可事项5项，比上一年增（减）0项，处理决定34件" in quotes
    assert "未收到政府信息公开的申请" in quotes
    assert all(f.section == "一" for f in facts)


def test_seed_narrative_agrees_with_its_tables() -> None:
    assert check_narrative(seed_report()) == []


def test_seed_sections_are_complete() -> None:
    # 四 has no title in the seed, but its cells are known; 六 says 无其他需要报告的事项 (2019).
    assert check_sections(seed_report()) == []


def test_seed_changed_decisions_are_named() -> None:
    report = seed_report()
    report.set("s2.licensing.decisions", 35)
    findings = check_narrative(report)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.severity) == ("T1", "warning")
    assert finding.cells == ("s2.licensing.decisions",)
    assert "处理决定34件" in finding.message
    assert "表二 行政许可 处理决定数量 为 35" in finding.message


def test_seed_changed_item_count_is_named() -> None:
    report = seed_report()
    report.set("s2.penalty.change", 2)
    findings = check_narrative(report)
    assert [f.cells for f in findings] == [("s2.penalty.prev_items", "s2.penalty.change")]
    assert "本年增/减 为 2" in findings[0].message
    assert "合计为 14" in findings[0].message


def test_seed_no_applications_but_table_has_three() -> None:
    report = seed_report()
    report.set("s3.new_received.total", 3)
    findings = check_narrative(report)
    assert len(findings) == 1
    assert findings[0].cells == ("s3.new_received.total",)
    assert findings[0].message == (
        "正文称“未收到政府信息公开的申请”，但表三 一、本年新收政府信息公开申请数量 总计 为 3"
    )


def test_seed_check_is_fast() -> None:
    report = seed_report()
    check_narrative(report)
    start = time.perf_counter()
    for _ in range(10):
        check_narrative(report)
        check_sections(report)
    assert (time.perf_counter() - start) / 10 < 0.05


# ---------------------------------------------------------------------------------------------
# Real-report sentences (fixtures 001, 005, 009)
# ---------------------------------------------------------------------------------------------

TEXT_009 = (
    "市政府办公厅代表市政府共受理政府信息公开申请859件，申请数量较去年回落12.3%；答复政府信息"
    "公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复），均在法定"
    "期限内予以答复。予以公开及部分公开258件，占33.9%；不予公开35件，占4.34%；因本机关不掌握等"
    "原因无法提供265件，占32.9%；不予处理158件，占19.6%；其他处理0件。信息公开类行政复议7件，"
    "诉讼9件，均获维持，继续保持了省级政府零败诉的记录。"
)


def report_009() -> Report:
    """Cells of fixture 009: the 总计 of the result rows and many applicant cells are blank."""
    report = Report.empty("2019", 2019, "上海市人民政府办公厅")
    values = {
        "s3.new_received.total": 859,
        "s3.carried_over.total": 18,
        "s3.total_processed.total": 805,
        "s3.carried_forward.total": 72,
        "s3.granted.natural_person": 258,
        "s3.granted.commercial": 12,
        "s3.granted.legal_service": 1,
        "s3.granted.other_org": 1,
        "s3.partial.natural_person": 3,
        "s3.denied.state_secret.natural_person": 14,
        "s3.denied.internal_affairs.natural_person": 5,
        "s3.denied.process_info.natural_person": 3,
        "s3.denied.process_info.commercial": 1,
        "s3.unable.not_held.natural_person": 252,
        "s3.unable.not_held.commercial": 12,
        "s3.unable.not_held.legal_service": 1,
        "s3.unable.needs_creation.natural_person": 44,
        "s3.unable.needs_creation.commercial": 3,
        "s3.unable.unclear_after_correction.natural_person": 25,
        "s3.not_processed.petition.natural_person": 148,
        "s3.not_processed.petition.commercial": 1,
        "s4.reconsideration.upheld": 5,
        "s4.reconsideration.pending": 2,
        "s4.reconsideration.total": 7,
        "s4.litigation_direct.upheld": 8,
        "s4.litigation_direct.pending": 1,
        "s4.litigation_direct.total": 9,
    }
    for key, value in values.items():
        report.set(key, value)
    report.narrative = {"一": TEXT_009}
    return report


def test_009_facts() -> None:
    facts = extract_facts({"一": TEXT_009}, "2019", 2019)
    got = {(f.kind, f.value) for f in facts}
    assert got == {
        ("received", 859),
        ("processed", 805),
        ("carried_over", 18),
        ("carried_forward", 72),
        ("granted_or_partial", 258),
        ("denied", 35),
        ("unable", 265),
        ("not_processed", 158),
        ("other_processed", 0),
        ("reconsideration", 7),
        ("litigation", 9),
        ("all_upheld", 0),
    }
    litigation = next(f for f in facts if f.kind == "litigation")
    assert litigation.cells == (
        "s4.litigation_direct.total",
        "s4.litigation_after_reconsideration.total",
    )


def test_009_findings_match_the_fixture() -> None:
    findings = check_narrative(report_009())
    assert [f.cells for f in findings] == [
        (
            "s3.granted.natural_person",
            "s3.granted.commercial",
            "s3.granted.legal_service",
            "s3.granted.other_org",
            "s3.partial.natural_person",
        ),
        (
            "s3.unable.not_held.natural_person",
            "s3.unable.not_held.commercial",
            "s3.unable.not_held.legal_service",
            "s3.unable.needs_creation.natural_person",
            "s3.unable.needs_creation.commercial",
            "s3.unable.unclear_after_correction.natural_person",
        ),
        ("s4.reconsideration.pending", "s4.litigation_direct.pending"),
    ]
    assert all(f.rule == "T1" and f.severity == "warning" for f in findings)
    granted, unable, upheld = (f.message for f in findings)
    assert granted.startswith("正文称“予以公开及部分公开258件”，但表三")
    assert "275" in granted
    assert "因本机关不掌握等原因无法提供265件" in unable and "337" in unable
    assert upheld == (
        "正文称“行政复议7件，诉讼9件，均获维持”，但表四 行政复议 尚未审结 为 2、"
        "表四 未经复议直接起诉 尚未审结 为 1"
    )


def test_blank_cells_below_the_stated_figure_are_left_to_m1() -> None:
    report = report_009()
    # 不予公开35件: the filled cells add up to 23 only, the blanks may hold the rest.
    assert not any("不予公开" in f.message for f in check_narrative(report))
    report.set("s3.granted.natural_person", 200)  # 200+12+1+1+3 = 217 ≤ 258: no longer provable
    assert not any("258" in f.message for f in check_narrative(report))


TEXT_005 = (
    "同时，不断完善依申请公开登记、审核、办理、答复、归档等环节工作程序。2022年，全区收到政府"
    "信息公开申请75件，涉及自然人72件、商业企业3件，均在法定期限内予以答复，办结率100%。2022年，"
    "全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。"
)


def report_005() -> Report:
    report = Report.empty("2021", 2022, "平潭综合实验区")
    for key, value in {
        "s3.new_received.natural_person": 71,
        "s3.new_received.commercial": 3,
        "s3.new_received.total": 74,
        "s4.reconsideration.corrected": 1,
        "s4.reconsideration.other": 1,
        "s4.reconsideration.pending": 0,
        "s4.reconsideration.total": 2,
        "s4.litigation_direct.upheld": 1,
        "s4.litigation_direct.pending": 0,
        "s4.litigation_direct.total": 1,
        "s4.litigation_after_reconsideration.pending": 0,
        "s4.litigation_after_reconsideration.total": 0,
    }.items():
        report.set(key, value)
    report.narrative = {"一": TEXT_005}
    return report


def test_005_received_with_applicant_breakdown_is_one_finding() -> None:
    findings = check_narrative(report_005())
    assert len(findings) == 1
    assert findings[0].cells == ("s3.new_received.total", "s3.new_received.natural_person")
    assert findings[0].message == (
        "正文称“收到政府信息公开申请75件，涉及自然人72件、商业企业3件”，但表三 一、本年新收政府"
        "信息公开申请数量 总计 为 74；表三 一、本年新收政府信息公开申请数量 自然人 为 71"
    )


def test_005_all_closed() -> None:
    facts = extract_facts({"一": TEXT_005}, "2021", 2022)
    closed = [f for f in facts if f.kind == "all_closed"]
    assert len(closed) == 1
    assert set(closed[0].cells) == {
        "s4.litigation_direct.pending",
        "s4.litigation_after_reconsideration.pending",
        "s4.reconsideration.pending",
    }
    report = report_005()
    report.set("s4.reconsideration.pending", 1)
    assert any(
        f.cells == ("s4.reconsideration.pending",) and "均已结案" in f.message
        for f in check_narrative(report)
    )


# fixture 001 as extracted from its PDF: line breaks inside words, page numbers, spaces
TEXT_001 = """（二）依申请公开情况。定期对政府信息公开申请集中的领
域和热点问题进行研判。2024 年，全市共受理政府信息公开申请 3,119 件，答
复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度
答复），均在法定期限内予以答复。政府信息公开行政复议 351
- 2 -
件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚
未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25
件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。
"""


def report_001() -> Report:
    report = Report.empty("2021", 2024, "淮安市人民政府")
    for key, value in {
        "s3.new_received.total": 3119,
        "s3.carried_over.total": 34,
        "s3.total_processed.total": 3050,
        "s3.carried_forward.total": 103,
    }.items():
        report.set(key, value)
    blocks = {
        "reconsideration": (72, 64, 178, 37, 351),
        "litigation_direct": (13, 4, 8, 1, 26),
        "litigation_after_reconsideration": (12, 1, 1, 6, 20),
    }
    for block, values in blocks.items():
        for col, value in zip(
            ("upheld", "corrected", "other", "pending", "total"), values, strict=True
        ):
            report.set(f"s4.{block}.{col}", value)
    report.narrative = {"一": TEXT_001}
    return report


def test_001_facts_from_pdf_text() -> None:
    facts = extract_facts({"一": TEXT_001}, "2021", 2024)
    assert triples(facts) == {
        ("received", 3119, ("s3.new_received.total",)),
        ("processed", 3050, ("s3.total_processed.total",)),
        ("carried_over", 34, ("s3.carried_over.total",)),
        ("carried_forward", 103, ("s3.carried_forward.total",)),
        ("reconsideration", 351, ("s4.reconsideration.total",)),
        ("s4_result", 72, ("s4.reconsideration.upheld",)),
        ("s4_result", 64, ("s4.reconsideration.corrected",)),
        ("s4_result", 178, ("s4.reconsideration.other",)),
        ("s4_result", 37, ("s4.reconsideration.pending",)),
        (
            "litigation",
            46,
            ("s4.litigation_direct.total", "s4.litigation_after_reconsideration.total"),
        ),
        (
            "s4_result",
            25,
            ("s4.litigation_direct.upheld", "s4.litigation_after_reconsideration.upheld"),
        ),
        (
            "s4_result",
            5,
            ("s4.litigation_direct.corrected", "s4.litigation_after_reconsideration.corrected"),
        ),
        (
            "s4_result",
            9,
            ("s4.litigation_direct.other", "s4.litigation_after_reconsideration.other"),
        ),
        (
            "s4_result",
            7,
            ("s4.litigation_direct.pending", "s4.litigation_after_reconsideration.pending"),
        ),
    }


def test_001_agrees_and_a_changed_breakdown_is_caught() -> None:
    report = report_001()
    assert check_narrative(report) == []
    report.set("s4.litigation_after_reconsideration.pending", 5)
    findings = check_narrative(report)
    assert [f.cells for f in findings] == [
        ("s4.litigation_direct.pending", "s4.litigation_after_reconsideration.pending")
    ]
    assert findings[0].message.startswith("正文称“行政诉讼46件，其中结果维持25件，")
    assert "合计为 6" in findings[0].message


def test_missing_cells_give_no_t1() -> None:
    report = Report.empty("2021", 2024)
    report.narrative = {"一": TEXT_001}
    assert check_narrative(report) == []


# ---------------------------------------------------------------------------------------------
# More true positives
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value", "cells"),
    [
        (
            "本年度没有收到公民、法人或者其他组织提出的政府信息公开申请。",
            "received",
            0,
            ("s3.new_received.total",),
        ),
        ("全年无依申请公开事项。", "received", 0, ("s3.new_received.total",)),
        ("本年新收政府信息公开申请数量为12件。", "received", 12, ("s3.new_received.total",)),
        ("共收到政府信息公开申请两件，均已按时答复。", "received", 2, ("s3.new_received.total",)),
        ("收到政府信息公開申請5件。", "received", 5, ("s3.new_received.total",)),
        (
            "本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
            "litigation",
            0,
            ("s4.litigation_direct.total", "s4.litigation_after_reconsideration.total"),
        ),
        (
            "本年度未发生因政府信息公开引起的行政复议、行政诉讼。",
            "reconsideration",
            0,
            ("s4.reconsideration.total",),
        ),
        (
            "因政府信息公开被申请行政复议2起，被提起行政诉讼1起，均已审结。",
            "litigation",
            1,
            ("s4.litigation_direct.total", "s4.litigation_after_reconsideration.total"),
        ),
        (
            "收到政府信息公开申请10件，已答复8件，尚未答复2件。",
            "processed",
            8,
            ("s3.total_processed.total",),
        ),
        (
            "收到政府信息公开申请20件，结转下年度继续办理3件。",
            "carried_forward",
            3,
            ("s3.carried_forward.total",),
        ),
        (
            "收到政府信息公开申请20件，其中自然人18件，法人或其他组织2件。",
            "applicant",
            2,
            (
                "s3.new_received.commercial",
                "s3.new_received.research",
                "s3.new_received.public_welfare",
                "s3.new_received.legal_service",
                "s3.new_received.other_org",
            ),
        ),
        (
            "收到政府信息公开申请20件，予以公开12件，部分公开3件。",
            "partial",
            3,
            ("s3.partial.total",),
        ),
        ("行政许可处理决定1200件。", "s2_decisions", 1200, ("s2.licensing.decisions",)),
        ("本年度制发的规范性文件88件。", "normative_made", 88, ("s2.normative_docs.issued",)),
        (
            "集中公开现行有效行政规范性文件698件。",
            "normative_in_force",
            698,
            ("s2.normative_docs.in_force",),
        ),
    ],
)
def test_true_positives(text: str, kind: str, value: int, cells: tuple[str, ...]) -> None:
    facts = extract_facts({"一": text}, "2021", 2021)
    assert (kind, value, cells) in triples(facts)


def test_zero_litigation_against_a_table_with_a_case() -> None:
    report = Report.empty("2021", 2023)
    for key in report.spec.keys_of_section("s4"):
        report.set(key, 0)
    report.set("s4.litigation_direct.pending", 1)
    report.set("s4.litigation_direct.total", 1)
    report.narrative = {"四": "本年度未发生因政府信息公开引起的行政复议、行政诉讼。"}
    findings = check_narrative(report)
    assert len(findings) == 1
    assert findings[0].cells == ("s4.litigation_direct.total",)
    assert "未经复议直接起诉 总计 为 1" in findings[0].message


def test_other_processed_needs_the_format() -> None:
    text = "收到政府信息公开申请20件，其他处理2件。"
    assert "other_processed" not in {f.kind for f in extract_facts({"一": text})}
    (f2021,) = [f for f in extract_facts({"一": text}, "2021") if f.kind == "other_processed"]
    assert f2021.cells == (
        "s3.other.no_correction.total",
        "s3.other.no_fee_payment.total",
        "s3.other.other.total",
    )
    (f2019,) = [f for f in extract_facts({"一": text}, "2019") if f.kind == "other_processed"]
    assert f2019.cells == ("s3.other.total",)


def test_figures_of_another_year_are_skipped() -> None:
    text = "2018年收到政府信息公开申请50件，2019年收到政府信息公开申请60件。"
    assert [(f.kind, f.value) for f in extract_facts({"一": text}, "2019", 2019)] == [
        ("received", 60)
    ]


def test_cells_of_the_other_format_are_not_checked() -> None:
    report = Report.empty("2021", 2021)
    report.narrative = {"一": "公开行政许可事项5项，比上一年增（减）0项，处理决定34件。"}
    report.set("s2.licensing.decisions", 34)
    assert check_narrative(report) == []  # prev_items/change do not exist in 2021


# ---------------------------------------------------------------------------------------------
# False-positive guards: none of these states a table cell
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2019年共发布各类信息1340余条，其中，政府网站发布信息0条；政府新媒体平台发布信息200余条。",
        "2019年，共制发文件120份，其中35份的公开属性为依申请公开。",
        "2019年，共办理各类民生业务3498件；发放临时救助90.79万元。",
        "中宁县人大常委会转交承办的人大代表建议 1 件，2019 年年底前已全部办理并答复完毕。",
        "共收到县长信箱”转办件、《人民网地方领导留言板》网民留言共计10余件，办结率100%。",
        "2019年共脱贫退出建档立卡户脱贫576户1516人。",
        "全年共办理行政复议案件120件，行政诉讼案件35件。",  # not about 信息公开
        "本年度收到行政复议申请3件。",
        "较上年收到政府信息公开申请增加10件。",
        "其中，市本级收到政府信息公开申请20件。",
        "收到政府信息公开申请约30件。",
        "未发生被行政复议纠错、行政诉讼败诉的情况。",
        "政府信息公开行政复议、行政诉讼共3件，均获维持。",  # a combined figure
        "依法不予公开的信息，均按规定告知理由。",
        "自然人申请60件，其中予以公开30件。",
        "因本机关不掌握相关信息无法提供5件。",  # one reason only, not the whole （四）
        "公开行政处罚信息1200条，行政许可信息3000条。",
        "主动公开规章13件，行政规范性文件60件，市政府其他文件162件。",
        "刊登政府规章、规范性文件等112件，部门规范性文件45件，政策解读83件。",
        "统一受理平台接入53个部门2261项事项。",
        "通过“中国上海”门户网站发布政策解读共132件。",
        "全年组织4次政府信息公开栏目全覆盖检查。",
        "2022年，无收取信息处理费情况。",
        "无法提供的原因主要是本机关不掌握。",
        "一是完善政府信息公开工作领导小组；二是建章立制。",
    ],
)
def test_no_false_facts(text: str) -> None:
    assert extract_facts({"一": text}, "2019", 2019) == []


def test_flattened_tables_in_the_narrative_give_no_facts() -> None:
    text = (
        "第二十条第（五）项信息内容本年处理决定数量行政许可10690第二十条第（六）项信息内容本年处理"
        "决定数量行政处罚2113行政强制0 一、本年新收政府信息公开申请数量 713000074二、上年结转政府"
        "信息公开申请数量 1000001三、本年度办理结果 （一）予以公开 210000021（二）部分公开"
    )
    assert extract_facts({"三": text}, "2021", 2022) == []


def test_normalise_text() -> None:
    assert normalise_text("答\n复 3050 件\n- 2 -\n（含） ３ 件") == "答复3050件（含）3件"
    assert normalise_text("3001 53 0") == "3001 53 0"


# ---------------------------------------------------------------------------------------------
# N1
# ---------------------------------------------------------------------------------------------

FIVE_2019 = (
    "主要问题：一是对新《条例》和上级政府信息公开规定的学习、掌握还不够；二是依法公开、主动公开"
    "意识有待进一步加强；三是政府信息主动公开的深度还有待进一步拓展。\n改进措施：一是加强监督和督办；"
    "二是围绕中心工作，公开公众普遍关注的热点难点问题。"
)


def full_report(format_id: str = "2021", year: int = 2022) -> Report:
    report = Report.empty(format_id, year)
    for key in report.cells:
        report.set(key, 0)
    report.narrative = {
        "一": "本年度政府信息公开工作总体情况……",
        "五": (
            "存在的问题：一是政务新媒体更新不够及时；二是政策解读形式单一。改进措施：一是加强政务"
            "新媒体日常巡查；二是丰富图解、视频等解读形式。"
        ),
        "六": "本年度未收取信息处理费。",
    }
    return report


def test_complete_sections_pass() -> None:
    assert check_sections(full_report()) == []


def n1_messages(report: Report, previous: Report | None = None) -> list[str]:
    findings = check_sections(report, previous)
    assert all(f.rule == "N1" and f.severity == "warning" and f.cells == () for f in findings)
    return [f.message for f in findings]


def test_missing_and_empty_sections() -> None:
    report = full_report()
    del report.narrative["一"]
    report.narrative["五"] = "  \n"
    assert n1_messages(report) == [
        "年报缺少“一、总体情况”部分",
        "年报的“五、存在的主要问题及改进情况”部分没有内容",
    ]


def test_table_sections_need_text_only_without_cells() -> None:
    report = full_report()
    assert check_sections(report) == []  # 二/三/四 have cells, no text needed
    for key in report.spec.keys_of_section("s3"):
        report.set(key, None)
    assert n1_messages(report) == [
        "年报缺少“三、收到和处理政府信息公开申请情况”部分（既没有文字，也没有表格数字）"
    ]


@pytest.mark.parametrize("text", ["无", "无。", "暂无", " 暂无。 ", "没有"])
def test_five_just_none(text: str) -> None:
    report = full_report()
    report.narrative["五"] = text
    (message,) = n1_messages(report)
    assert message.startswith("“五、存在的主要问题及改进情况”只写了")


def test_five_too_short() -> None:
    report = full_report()
    report.narrative["五"] = "工作还有不足，将继续改进。"
    (message,) = n1_messages(report)
    assert "内容过于简单" in message


def test_six_must_report_processing_fees_in_2021() -> None:
    report = full_report()
    report.narrative["六"] = "无其他需要报告的事项。"
    (message,) = n1_messages(report)
    assert "信息处理费" in message
    report.narrative["六"] = "本年度收取信息处理费3940元。"
    assert check_sections(report) == []
    old = full_report("2019", 2020)
    old.narrative["六"] = "无其他需要报告的事项。"
    assert check_sections(old) == []


def test_problem_phrases() -> None:
    assert problem_phrases(FIVE_2019) == [
        "对新《条例》和上级政府信息公开规定的学习、掌握还不够",
        "依法公开、主动公开意识有待进一步加强",
        "政府信息主动公开的深度还有待进一步拓展",
    ]


def test_last_years_problems_not_reported_on() -> None:
    previous = full_report("2019", 2019)
    previous.narrative["五"] = FIVE_2019
    report = full_report("2019", 2020)
    (message,) = n1_messages(report, previous)
    assert message.startswith("2019年年报在“五、存在的主要问题及改进情况”中列出的问题")
    assert "对新《条例》和上级政府信息公开规定的学习" in message


@pytest.mark.parametrize(
    "five",
    [
        "针对上年度报告中指出的问题，本年度组织了专题学习。新的问题：一是政务新媒体更新不够及时。",
        "去年提出的问题已逐项整改。存在的问题：一是政策解读形式单一；二是队伍不稳定。",
        "一是主动公开意识仍需增强，个别科室重视不够；二是政务新媒体更新不及时。改进：加强培训。",
    ],
)
def test_last_years_problems_reported_on(five: str) -> None:
    previous = full_report("2019", 2019)
    previous.narrative["五"] = FIVE_2019
    report = full_report("2019", 2020)
    report.narrative["五"] = five
    assert check_sections(report, previous) == []


def test_previous_without_named_problems_is_not_compared() -> None:
    previous = full_report("2019", 2019)
    previous.narrative["五"] = "本年度各项工作运行良好，将持续巩固提升工作成效，加大培训力度。"
    assert check_sections(full_report("2019", 2020), previous) == []


# -- T1 against the year's openness facts (issue 14) ------------------------------------------

SEED_MEETINGS = "共召开乡党委会议24次，均通过会议纪要的形式将内容进行了公开。"
OPENNESS = OpennessFacts(
    interpretations=3,
    interpretations_by_kind={"文字解读": 2, "图文解读": 1},
    consultation=ConsultationSummary(
        consultations=2,
        comments=30,
        adopted=10,
        partly_adopted=5,
        not_adopted=15,
        feedback_published=1,
    ),
    meetings=(MeetingCount("党委会议", 24, 24, 3), MeetingCount("政府常务会议", 12, 10)),
    offline_notices={"公示栏": 800, "广播": 40},
)


def openness_t1(text: str, openness: OpennessFacts = OPENNESS, **channels: int) -> list[str]:
    report = Report.empty("2019", 2019, "徐套乡人民政府")
    report.narrative = {"一": text}
    return [f.message for f in check_openness(report, openness, channels)]


def test_seed_meetings_agree_with_24_published_meetings() -> None:
    assert openness_t1(SEED_MEETINGS) == []
    (claim, every) = extract_openness({"一": SEED_MEETINGS}, 2019)
    assert (claim.kind, claim.value, claim.subject) == ("meetings_held", 24, "乡党委会议")
    assert every.kind == "minutes_all"


def test_seed_meetings_changed_to_25_is_a_finding() -> None:
    (message,) = openness_t1(SEED_MEETINGS.replace("24次", "25次"))
    assert message.startswith("正文称“召开乡党委会议25次")
    assert "平台记录为24次（会议公开登记：党委会议）" in message


def test_all_minutes_published_but_the_records_say_23() -> None:
    meetings = (MeetingCount("党委会议", 24, 23),)
    (message,) = openness_t1(SEED_MEETINGS, replace(OPENNESS, meetings=meetings))
    assert "24次会议只有23次的会议纪要（决定）已公开" in message


def test_the_whole_seed_report_with_its_facts() -> None:
    """The seed as published, checked against the records of its year (the acceptance case)."""
    report = read_report_file(SEED)
    facts = DraftFacts(
        body="徐套乡人民政府",
        year=2019,
        channels={"政府网站": 0, "政务新媒体": 213, "公示栏": 1087},
        documents_made=120,
        documents_by_disclosure={"主动公开": 85, "依申请公开": 35},
        mailbox=EngagementSummary(received=10, replied=10, published=10),
        mailbox_names=("县长信箱",),
        npc=EngagementSummary(),
        cppcc=EngagementSummary(),
        openness=OpennessFacts(
            meetings=(MeetingCount("党委会议", 24, 24),),
            offline_notices={"公示栏": 600, "广播": 30},
            interpretations=1,
        ),
    )
    t1 = [f for f in validate(report, facts=facts) if f.rule == "T1"]
    assert [f for f in t1 if "会议" in f.message or "解读" in f.message] == []
    report.narrative["一"] = report.narrative["一"].replace("乡党委会议24次", "乡党委会议25次")
    (finding,) = [f for f in validate(report, facts=facts) if "会议公开登记" in f.message]
    assert finding.rule == "T1" and finding.severity == "warning"
    assert "正文称“召开乡党委会议25次" in finding.message
    # read back without facts (the reader, batch checks): no facts, no facts check
    assert not [f for f in validate(report) if "登记" in f.message]


@pytest.mark.parametrize(
    "text",
    [
        "共召开乡党委会议约25次，均通过会议纪要的形式将内容进行了公开。",
        "共召开乡党委会议近30次。",
        "共召开乡党委会议20余次。",
        "2018年共召开乡党委会议20次。",
        "去年召开乡党委会议20次。",
        "全年召开会议40次，其中召开乡党委会议20次。",  # a subset
        "共召开乡党委会议和政府常务会议30次。",  # two kinds at once
        "共召开村民代表大会8次。",  # a kind the records do not know
        "发布政策解读约10篇。",
        "转载上级政策解读12篇。",
        "全年共编发公报24期，刊登政府规章、规范性文件等112件，政策解读83件。",  # 009
        "收到意见40余条。",
        "通过广播电视台、宣传栏等形式公开信息1000余条。",
        "通过宣传栏等公开信息300条。",
        "通过电子屏公开信息300条。",  # a channel without notices
    ],
)
def test_what_t1_does_not_read_against_the_facts(text: str) -> None:
    assert openness_t1(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共召开乡党委会议24次，其中24次的会议纪要（决定）已公开、3次邀请群众列席。", []),
        (
            "共召开乡党委会议24次，其中20次的会议纪要（决定）已公开。",
            ["会议纪要（决定）已公开的为24次"],
        ),
        ("召开党委会议24次，其中5次邀请群众列席。", ["邀请群众列席的为3次"]),
        ("召开镇党委会24次。", []),
        ("共召开各类会议36次。", []),
        ("共召开各类会议40次。", ["平台记录为36次"]),
        ("召开政府常务会议12次，公开会议纪要10次。", []),
        ("召开政府常务会议12次，会议纪要均已公开。", ["12次会议只有10次"]),
        ("全年发布政策解读3篇，其中图文解读1篇。", []),
        ("全年发布政策解读4篇。", ["平台记录为3篇（政策解读登记）"]),
        ("开展重大决策预公开（意见征集）2次，收到意见30条，采纳10条、部分采纳5条。", []),
        ("开展意见征集3次。", ["平台记录意见征集2次"]),
        ("公开征集意见2次，收到意见31条。", ["平台记录收到意见30条"]),
        ("开展意见征集2次，采纳15条。", []),  # 采纳 and 部分采纳 together
        ("开展意见征集2次，采纳10条。", []),  # 采纳 alone
        ("开展意见征集2次，采纳12条。", ["平台记录采纳意见10条"]),
        ("开展意见征集2次，采纳15条、部分采纳5条。", ["平台记录采纳意见10条"]),
        ("开展意见征集2次，不予采纳15条，已公布意见采纳情况2次。", ["公布意见采纳情况1次"]),
        ("通过公示栏公示800条、通过广播播报40次。", []),
        ("通过公示栏发布信息1087条。", []),  # the channel's publications
        ("通过公示栏公示801条。", ["平台记录通过公示栏公开800条（次）"]),
        ("通过广播播报4次。", ["通过广播公开40条（次）"]),
    ],
)
def test_figures_read_against_the_facts(text: str, expected: list[str]) -> None:
    messages = openness_t1(text, 公示栏=1087)
    assert len(messages) == len(expected), messages
    for message, part in zip(messages, expected, strict=True):
        assert part in message
        assert message.startswith("正文称“")


def test_areas_without_records_are_not_checked() -> None:
    text = "共召开乡党委会议24次。发布政策解读5篇。开展意见征集3次。通过广播播报9次。"
    assert openness_t1(text, OpennessFacts()) == []
