"""The draft narrative: facts stated from records, in sentences rule T1 reads and agrees with."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.domain.parsers import read_report_file
from gongkai.domain.report import samples
from gongkai.domain.report.draft import (
    EMPTY_YEAR_PLACEHOLDER,
    FEE_PLACEHOLDER,
    OTHER_MATTERS_PLACEHOLDER,
    PROBLEMS_PLACEHOLDER,
    DraftFacts,
    draft_narrative,
    meeting_label,
    unfilled_sections,
    year_without_records,
)
from gongkai.domain.report.formats import S3_APPLICANT_COLUMN_KEYS, get_format
from gongkai.domain.report.model import Finding, Report
from gongkai.domain.report.narrative import check_narrative
from gongkai.domain.report.rules import validate
from gongkai.domain.stats.engagement import EngagementSummary
from gongkai.domain.stats.openness import ConsultationSummary, MeetingCount, OpennessFacts
from shared_files import SEED_REPORT

SEED = SEED_REPORT

SEED_FACTS = DraftFacts(
    body="徐套乡人民政府",
    year=2019,
    channels={"政府网站": 0, "政务新媒体": 213, "公示栏": 1087},
    documents_made=120,
    documents_by_disclosure={"主动公开": 85, "依申请公开": 35, "不予公开": 0},
    mailbox=EngagementSummary(received=10, replied=10, published=10),
    mailbox_names=("县长信箱",),
    npc=EngagementSummary(received=1, replied=1, published=1),
    cppcc=EngagementSummary(),
)

SEED_OVERVIEW = (
    "2019年共发布各类信息1300条，其中，政府网站发布信息0条；政务新媒体发布信息213条；"
    "公示栏发布信息1087条。公开行政许可事项5项，比上一年增（减）0项，处理决定34件；"
    "其他对外管理服务事项48项，比上一年增（减）0项，处理决定2833件；"
    "行政处罚事项12项，比上一年增（减）0项，处理决定12件；"
    "行政强制事项9项，比上一年增（减）0项，处理决定21件；"
    "公开行政事业性收费1项，比上一年增（减）0项；"
    "本年新制作规章0件，新公开规章0件，对外公开规章总数0件；"
    "本年新制作规范性文件0件，新公开规范性文件0件，对外公开规范性文件总数0件；"
    "本年无政府集中采购项目。\n\n"
    "2019年共制发文件120份，其中35份的公开属性为依申请公开，其余85份为主动公开。\n\n"
    "2019年共收到县长信箱转办件10件，已全部办结，办结率100%，公开答复10件。"
    "2019年承办人大代表建议1件，年底前已全部办理并答复完毕，办理结果已全部公开。"
    "2019年未承办政协提案。\n\n"
    "2019年度未收到政府信息公开的申请。"
)


def seed_report() -> Report:
    return read_report_file(SEED)


def t1(report: Report) -> list[Finding]:
    """The T1 findings of the full validator (not only ``check_narrative``)."""
    return [f for f in validate(report) if f.rule == "T1"]


def drafted(report: Report, facts: DraftFacts) -> Report:
    report.narrative = draft_narrative(report, facts)
    return report


def facts_for(year: int, **changes: Any) -> DraftFacts:
    base = DraftFacts(
        body="示例区人民政府办公室",
        year=year,
        channels={"政府网站": 300, "政务新媒体": 120},
        documents_made=40,
        documents_by_disclosure={"主动公开": 30, "依申请公开": 8, "不予公开": 2},
        mailbox=EngagementSummary(received=12, replied=11, published=9),
        mailbox_names=("区长信箱", "12345热线"),
        npc=EngagementSummary(received=2, replied=2, published=1),
        cppcc=EngagementSummary(received=3, replied=3, published=3),
        processing_fees_yuan=0,
    )
    return replace(base, **changes)


def set_s3_row(report: Report, row: str, values: dict[str, int]) -> None:
    """One row of table 三: the given applicant columns, the others 0, and the total."""
    for col in S3_APPLICANT_COLUMN_KEYS:
        report.set(f"s3.{row}.{col}", values.get(col, 0))
    report.set(f"s3.{row}.total", sum(values.values()))


def report_2021() -> Report:
    """A consistent 2021 report with applications of several outcomes, carry-overs and cases."""
    report = Report.empty("2021", 2022, "示例区人民政府办公室")
    fmt = get_format("2021")
    for row in fmt.s3_row_keys:
        set_s3_row(report, row, {})
    set_s3_row(report, "new_received", {"natural_person": 20, "commercial": 4, "other_org": 1})
    set_s3_row(report, "carried_over", {"natural_person": 3})
    set_s3_row(report, "granted", {"natural_person": 9, "commercial": 2})
    set_s3_row(report, "partial", {"natural_person": 3})
    set_s3_row(report, "denied.third_party", {"natural_person": 2})
    set_s3_row(report, "denied.process_info", {"commercial": 1})
    set_s3_row(report, "unable.not_held", {"natural_person": 4, "other_org": 1})
    set_s3_row(report, "not_processed.repeat", {"natural_person": 1})
    set_s3_row(report, "other.no_correction", {"natural_person": 1})
    set_s3_row(report, "other.other", {"commercial": 1})
    set_s3_row(report, "total_processed", {"natural_person": 20, "commercial": 4, "other_org": 1})
    set_s3_row(report, "carried_forward", {"natural_person": 3})
    for block, parts in {
        "reconsideration": (2, 1, 0, 1),
        "litigation_direct": (1, 0, 0, 0),
        "litigation_after_reconsideration": (0, 0, 0, 0),
    }.items():
        for col, n in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            report.set(f"s4.{block}.{col}", n)
        report.set(f"s4.{block}.total", sum(parts))
    for key, value in {
        "s2.regulations.issued": 0,
        "s2.regulations.repealed": 0,
        "s2.regulations.in_force": 0,
        "s2.normative_docs.issued": 3,
        "s2.normative_docs.repealed": 1,
        "s2.normative_docs.in_force": 17,
        "s2.licensing.decisions": 512,
        "s2.penalty.decisions": 41,
        "s2.compulsion.decisions": 2,
        "s2.fees.amount_wan": 12.35,
    }.items():
        report.set(key, value)
    return report


# -- the seed (acceptance) --------------------------------------------------------------------


def test_seed_draft_states_the_seed_facts() -> None:
    narrative = draft_narrative(seed_report(), SEED_FACTS)
    assert list(narrative) == ["一", "二", "三", "四", "五", "六"]
    overview = narrative["一"]
    for phrase in (
        "行政许可事项5项",
        "处理决定34件",
        "处理决定2833件",
        "未收到政府信息公开的申请",
        "共制发文件120份",
        "35份",
        "人大代表建议1件",
        "办结率100%",
    ):
        assert phrase in overview, phrase
    assert overview == SEED_OVERVIEW
    assert narrative["三"].startswith("2019年度未收到政府信息公开的申请。")
    assert narrative["四"] == "2019年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    assert "第（九）项" in narrative["二"]  # 2019 format: 政府集中采购 is in table 二
    assert narrative["五"] == PROBLEMS_PLACEHOLDER
    assert "信息处理费" not in narrative["六"]  # 2019 format: not asked
    assert narrative["六"].endswith(OTHER_MATTERS_PLACEHOLDER)


def test_seed_draft_passes_t1() -> None:
    report = drafted(seed_report(), SEED_FACTS)
    assert t1(report) == []
    assert check_narrative(report) == []


def test_seed_draft_is_read_by_t1() -> None:
    """The draft's figures are not just unseen: T1 reads them, so a wrong cell is caught."""
    report = drafted(seed_report(), SEED_FACTS)
    report.set("s2.other_services.decisions", 2832)
    findings = t1(report)
    assert [f.cells for f in findings] == [("s2.other_services.decisions",)]
    assert "处理决定2833件" in findings[0].message


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("s2.licensing.decisions", 35),
        ("s2.licensing.change", 1),  # 5项 = prev + change
        ("s2.fees.prev_items", 2),
        ("s3.new_received.total", 1),  # "未收到…申请" ⇒ 0
        ("s4.reconsideration.total", 1),  # "未发生…行政复议" ⇒ 0
        ("s4.litigation_direct.total", 2),
    ],
)
def test_changing_one_seed_cell_after_drafting_fires_t1(key: str, value: int) -> None:
    report = drafted(seed_report(), SEED_FACTS)
    report.set(key, value)
    assert any(key in f.cells for f in t1(report))


def test_blank_cells_leave_their_clause_out() -> None:
    """A blank cell is never stated as 0: its clause goes, the rest stays."""
    report = seed_report()
    report.set("s2.licensing.decisions", None, "missing")
    report.set("s2.penalty.prev_items", None, "missing")
    report.set("s3.new_received.total", None, "missing")
    narrative = draft_narrative(report, SEED_FACTS)
    assert "公开行政许可事项5项，比上一年增（减）0项；" in narrative["一"]
    assert "处理决定34件" not in narrative["一"]
    assert "行政处罚处理决定12件" in narrative["一"]  # items unknown, decisions stated alone
    assert "申请" not in narrative["三"]
    report.narrative = narrative
    assert t1(report) == []


def test_2019_item_changes_give_the_count_at_year_end() -> None:
    report = seed_report()
    report.set("s2.licensing.change", 2)
    report.set("s2.penalty.change", -3)
    narrative = drafted(report, SEED_FACTS).narrative
    assert "公开行政许可事项7项，比上一年增加2项，处理决定34件" in narrative["一"]
    assert "行政处罚事项9项，比上一年减少3项，处理决定12件" in narrative["一"]
    assert t1(report) == []


# -- the 2021 format --------------------------------------------------------------------------


def test_2021_draft_states_applications_outcomes_and_cases() -> None:
    report = drafted(report_2021(), facts_for(2022))
    applications = (
        "2022年度共收到政府信息公开申请25件，其中自然人20件、法人或其他组织5件。"
        "上年结转政府信息公开申请3件。"
        "本年度办结政府信息公开申请25件，其中予以公开11件，部分公开3件，不予公开3件，"
        "无法提供5件，不予处理1件，其他处理2件。"
        "结转下年度继续办理3件。"
    )
    assert applications in report.narrative["一"]
    assert report.narrative["三"] == applications + "具体情况见下表。"
    assert report.narrative["四"] == (
        "2022年度因政府信息公开引起行政复议4件，其中结果维持2件，结果纠正1件，尚未审结1件；"
        "2022年度因政府信息公开未经复议直接提起行政诉讼1件，其中结果维持1件。"
    )
    overview = report.narrative["一"]
    for phrase in (
        "（一）主动公开。",
        "（二）依申请公开。",
        "（三）政府信息管理。",
        "（四）政府信息公开平台建设。",
        "制发行政规范性文件3件，废止行政规范性文件1件，现行有效行政规范性文件17件",
        "行政许可处理决定512件，行政处罚处理决定41件，行政强制处理决定2件",
        "行政事业性收费金额12.35万元",
        "共制发文件40份，其中8份的公开属性为依申请公开，2份的公开属性为不予公开，"
        "其余30份为主动公开。",
        "共收到区长信箱、12345热线转办件12件，办结11件，办结率91.7%，公开答复9件。",
        "承办人大代表建议2件，年底前已全部办理并答复完毕，其中1件办理结果已公开。",
        "承办政协提案3件，年底前已全部办理并答复完毕，办理结果已全部公开。",
    ):
        assert phrase in overview, phrase
    assert "第（九）项" not in report.narrative["二"]
    assert report.narrative["六"].startswith("本年度未收取信息处理费。")
    assert t1(report) == []
    assert not [f for f in validate(report) if f.severity == "error"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("s3.new_received.total", 26),
        ("s3.new_received.natural_person", 19),
        ("s3.carried_over.total", 4),
        ("s3.total_processed.total", 24),
        ("s3.denied.third_party.total", 3),  # 不予公开 is the sum of the eight reasons
        ("s3.other.no_correction.total", 0),  # 其他处理 is the sum of the three 2021 rows
        ("s3.carried_forward.total", 2),
        ("s4.reconsideration.pending", 0),
        ("s4.litigation_direct.upheld", 0),
        ("s2.normative_docs.in_force", 16),
        ("s2.penalty.decisions", 40),
    ],
)
def test_changing_one_2021_cell_after_drafting_fires_t1(key: str, value: int) -> None:
    report = drafted(report_2021(), facts_for(2022))
    assert t1(report) == []
    report.set(key, value)
    assert any(key in f.cells for f in t1(report)), key


def test_2021_zero_rows_and_blocks() -> None:
    """No new applications but carried-over ones; no 复议 but 诉讼: each said as T1 reads it."""
    report = report_2021()
    set_s3_row(report, "new_received", {})
    set_s3_row(report, "carried_over", {"natural_person": 25, "commercial": 3})
    for col in ("upheld", "corrected", "other", "pending", "total"):
        report.set(f"s4.reconsideration.{col}", 0)
    drafted(report, facts_for(2022))
    assert (
        "2022年度未收到新的政府信息公开申请。上年结转政府信息公开申请28件。"
        in (report.narrative["三"])
    )
    assert report.narrative["四"] == (
        "2022年度未发生因政府信息公开引起的行政复议案件；"
        "2022年度因政府信息公开未经复议直接提起行政诉讼1件，其中结果维持1件。"
    )
    assert t1(report) == []
    report.set("s4.reconsideration.total", 1)
    assert any("s4.reconsideration.total" in f.cells for f in t1(report))


def n1(report: Report) -> list[str]:
    return [f.message for f in validate(report) if f.rule == "N1"]


def test_processing_fee_sentence_of_section_six() -> None:
    report = report_2021()
    free = draft_narrative(report, facts_for(2022, processing_fees_yuan=0))["六"]
    assert free.startswith("本年度未收取信息处理费。")
    charged = draft_narrative(report, facts_for(2022, processing_fees_yuan=300))["六"]
    assert "收取信息处理费300元" in charged
    assert "国办函〔2020〕109号" in charged
    unknown = draft_narrative(report, facts_for(2022, processing_fees_yuan=None))["六"]
    assert unknown.startswith(FEE_PLACEHOLDER)
    report.narrative = draft_narrative(report, facts_for(2022, processing_fees_yuan=0))
    assert not [m for m in n1(report) if "信息处理费" in m]


def test_placeholders_keep_n1_warning_until_replaced() -> None:
    """五 and an unknown fee are not stated by the draft: N1 still says so, T1 stays quiet."""
    report = drafted(report_2021(), facts_for(2022, processing_fees_yuan=None))
    messages = n1(report)
    assert any("存在的主要问题" in m and "过于简单" in m for m in messages)
    assert any("信息处理费" in m for m in messages)
    assert t1(report) == []
    report.narrative["五"] = (
        "主要问题：一是政策解读形式较为单一；二是依申请公开答复质量有待提高。"
        "改进措施：增加图解和视频解读，每季度开展一次答复文书评查。"
    )
    report.narrative["六"] = "本年度未收取信息处理费。"
    assert n1(report) == []


# -- facts not in the tables ------------------------------------------------------------------


def test_documents_without_other_attributes_omit_the_clause() -> None:
    facts = facts_for(2022, documents_by_disclosure={"主动公开": 40, "依申请公开": 0})
    overview = draft_narrative(report_2021(), facts)["一"]
    assert "2022年共制发文件40份。" in overview
    assert "公开属性" not in overview


def test_engagement_without_items() -> None:
    facts = facts_for(
        2022,
        mailbox=EngagementSummary(),
        npc=EngagementSummary(),
        cppcc=EngagementSummary(),
        mailbox_names=(),
        channels={},
    )
    overview = draft_narrative(report_2021(), facts)["一"]
    assert "2022年未收到网上信箱转办件。" in overview
    assert "2022年未承办人大代表建议。" in overview
    assert "2022年未承办政协提案。" in overview
    assert "发布各类信息" not in overview


def test_proposals_pending_at_year_end() -> None:
    facts = facts_for(2022, npc=EngagementSummary(received=4, replied=3, published=0))
    overview = draft_narrative(report_2021(), facts)["一"]
    assert "承办人大代表建议4件，年底前已办理并答复3件，1件正在办理。" in overview


def test_year_of_facts_must_match_the_report() -> None:
    with pytest.raises(ValueError, match="年度"):
        draft_narrative(report_2021(), facts_for(2021))


# -- property: any consistent tables, any blank cells -----------------------------------------


@settings(max_examples=120, deadline=None)
@given(
    format_id=st.sampled_from(("2019", "2021")),
    seed=st.integers(min_value=0, max_value=10_000),
    blanks=st.sets(st.integers(min_value=0, max_value=400), max_size=40),
    zero_s4=st.booleans(),
)
def test_draft_of_any_consistent_report_passes_t1(
    format_id: str, seed: int, blanks: set[int], zero_s4: bool
) -> None:
    report = samples.consistent_report(format_id, seed=seed)
    keys = list(report.cells)
    for i in blanks:
        if i < len(keys):
            report.set(keys[i], None, "missing")
    if zero_s4:
        for key in keys:
            if key.startswith("s4.reconsideration."):
                report.set(key, 0)
    assert report.year is not None
    drafted(report, facts_for(report.year))
    assert check_narrative(report) == []


# -- a year without records (issue 10) --------------------------------------------------------


def _empty_facts(year: int) -> DraftFacts:
    return DraftFacts(
        body="某某镇人民政府",
        year=year,
        channels={"政府网站": 0, "政务新媒体": 0},
        documents_made=0,
        documents_by_disclosure={"主动公开": 0, "依申请公开": 0, "不予公开": 0},
        mailbox=EngagementSummary(),
        mailbox_names=(),
        npc=EngagementSummary(),
        cppcc=EngagementSummary(),
        processing_fees_yuan=0,
    )


def _zero_report(format_id: str, year: int) -> Report:
    report = Report.empty(format_id, year, "某某镇人民政府")
    for key in report.spec.cell_keys:
        report.set(key, 0)
    return report


@pytest.mark.parametrize(("format_id", "year"), [("2019", 2020), ("2021", 2024)])
def test_year_without_records_drafts_no_zero_figures_and_warns(format_id: str, year: int) -> None:
    report = _zero_report(format_id, year)
    facts = _empty_facts(year)
    assert year_without_records(report, facts)
    narrative = draft_narrative(report, facts)
    assert narrative["一"] == EMPTY_YEAR_PLACEHOLDER
    assert "0条" not in "".join(narrative.values())
    assert "发布各类信息" not in "".join(narrative.values())
    assert unfilled_sections(narrative)[0] == "一"  # cannot be submitted as it is
    report.narrative = narrative
    (e1,) = [f for f in validate(report, facts=facts) if f.rule == "E1"]
    assert e1.severity == "warning"
    assert e1.message.startswith(f"平台中没有某某镇人民政府{year}年的任何记录")
    assert not [f for f in validate(report) if f.rule == "E1"]  # only with the year's facts


def test_stocks_of_earlier_years_do_not_count_as_records_of_the_year() -> None:
    report = _zero_report("2021", 2024)
    report.set("s2.normative_docs.in_force", 12)  # made in earlier years, still in force
    assert year_without_records(report, _empty_facts(2024))


@pytest.mark.parametrize(
    "change",
    [
        {"cell": "s3.carried_over.total"},  # an application of last year still being handled
        {"cell": "s2.normative_docs.issued"},
        {"cell": "s4.reconsideration.pending"},
        {"facts": {"documents_made": 1}},
        {"facts": {"channels": {"政府网站": 1}}},
        {"facts": {"mailbox": EngagementSummary(received=1)}},
        {"facts": {"processing_fees_yuan": 20}},
        {"blank": "s3.new_received.total"},  # a blank cell is not known to be 0
    ],
)
def test_any_record_of_the_year_makes_it_a_year_with_records(change: dict[str, Any]) -> None:
    report = _zero_report("2021", 2024)
    facts = _empty_facts(2024)
    if "cell" in change:
        report.set(change["cell"], 1)
    if "blank" in change:
        report.set(change["blank"], None, "missing")
    if "facts" in change:
        facts = replace(facts, **change["facts"])
    assert not year_without_records(report, facts)
    assert not [f for f in validate(report, facts=facts) if f.rule == "E1"]
    assert draft_narrative(report, facts)["一"] != EMPTY_YEAR_PLACEHOLDER


def test_nothing_published_states_no_channel_sentence() -> None:
    facts = facts_for(2022, channels={"政府网站": 0, "政务新媒体": 0})
    overview = draft_narrative(report_2021(), facts)["一"]
    assert "发布各类信息" not in overview and "发布信息0条" not in overview
    assert "2022年共制发文件40份" in overview  # the rest of the year's facts are stated


# -- the openness facts (issue 14) ------------------------------------------------------------

OPENNESS = OpennessFacts(
    interpretations=3,
    interpretations_by_kind={"文字解读": 1, "图文解读": 1, "新闻发布会": 1},
    normative_without_interpretation=2,
    consultation=ConsultationSummary(
        consultations=2,
        comments=30,
        adopted=10,
        partly_adopted=5,
        not_adopted=15,
        feedback_published=1,
        feedback_overdue=1,
    ),
    meetings=(MeetingCount("党委会议", 24, 24, 3), MeetingCount("政府常务会议", 12, 10, 2)),
    offline_notices={"公示栏": 800, "广播": 40},
)


def t1_with_facts(report: Report, facts: DraftFacts) -> list[Finding]:
    return [f for f in validate(report, facts=facts) if f.rule == "T1"]


def test_seed_draft_states_the_meetings_from_records() -> None:
    facts = replace(
        SEED_FACTS, openness=OpennessFacts(meetings=(MeetingCount("党委会议", 24, 24),))
    )
    report = drafted(seed_report(), facts)
    assert (
        "2019年共召开乡党委会议24次，均通过会议纪要的形式将内容进行了公开。"
        in (report.narrative["一"])
    )
    assert t1_with_facts(report, facts) == []
    changed = replace(facts, openness=OpennessFacts(meetings=(MeetingCount("党委会议", 25, 25),)))
    (finding,) = t1_with_facts(report, changed)
    assert "平台记录为25次（会议公开登记：党委会议）" in finding.message


def test_one_meeting_is_not_said_to_be_all_of_them() -> None:
    facts = replace(
        SEED_FACTS, openness=OpennessFacts(meetings=(MeetingCount("政府全体会议", 1, 1),))
    )
    report = drafted(seed_report(), facts)
    assert "共召开政府全体会议1次，已通过会议纪要的形式将内容进行了公开。" in report.narrative["一"]
    assert t1_with_facts(report, facts) == []


def test_openness_sentences_of_section_one_and_five() -> None:
    facts = replace(SEED_FACTS, openness=OPENNESS)
    narrative = draft_narrative(seed_report(), facts)
    overview = narrative["一"]
    for sentence in (
        "2019年共召开乡党委会议24次，均通过会议纪要的形式将内容进行了公开，其中3次邀请群众列席。"
        "共召开政府常务会议12次，其中10次的会议纪要（决定）已公开、2次邀请群众列席。",
        "2019年发布政策解读3篇，其中文字解读1篇、图文解读1篇、新闻发布会1次。",
        "2019年开展重大决策预公开（意见征集）2次，收到意见30条，采纳10条、部分采纳5条，"
        "已公布意见采纳情况1次。",
        "2019年线下公开中，通过公示栏公示800条、通过广播播报40次。",
    ):
        assert sentence in overview, sentence
    assert narrative["五"] == (
        "2019年有2件规范性文件尚未发布政策解读。2019年有1次意见征集未按期公布意见采纳情况。"
        + PROBLEMS_PLACEHOLDER
    )
    assert unfilled_sections(narrative) == ["五", "六"]  # the clerk still writes 五's improvements


def test_openness_draft_gives_no_t1_finding_on_itself() -> None:
    for report, facts in (
        (seed_report(), replace(SEED_FACTS, openness=OPENNESS)),
        (report_2021(), facts_for(2022, openness=OPENNESS)),
    ):
        drafted(report, facts)
        assert t1_with_facts(report, facts) == []
        assert check_narrative(report) == []


def test_2021_draft_states_openness_under_its_topics() -> None:
    narrative = draft_narrative(report_2021(), facts_for(2022, openness=OPENNESS))
    active, platform = narrative["一"].split("（二）")[0], narrative["一"].split("（四）")[-1]
    assert "共召开党委会议24次" in active  # not a township: the plain label
    assert "发布政策解读3篇" in active and "意见征集）2次" in active
    assert "通过公示栏公示800条" in platform


def test_offline_channel_stated_by_the_channel_sentence_is_not_repeated() -> None:
    openness = OpennessFacts(offline_notices={"公示栏": 1087, "广播": 40})
    overview = draft_narrative(seed_report(), replace(SEED_FACTS, openness=openness))["一"]
    assert "公示栏发布信息1087条" in overview
    assert "2019年线下公开中，通过广播播报40次。" in overview
    assert "公示栏公示" not in overview


def test_empty_openness_figures_are_not_stated() -> None:
    openness = OpennessFacts(
        meetings=(MeetingCount("党委会议", 0),),
        consultation=ConsultationSummary(),
        interpretations_by_kind={"图文解读": 0},
    )
    narrative = draft_narrative(seed_report(), replace(SEED_FACTS, openness=openness))
    text = "".join(narrative.values())
    for word in ("会议", "政策解读", "意见征集", "线下公开"):
        assert word not in text, word
    assert narrative["五"] == PROBLEMS_PLACEHOLDER


def test_meetings_without_published_minutes_and_consultation_without_comments() -> None:
    openness = OpennessFacts(
        meetings=(MeetingCount("党委会议", 6, 0, 2),),
        consultation=ConsultationSummary(consultations=1),
    )
    facts = replace(SEED_FACTS, openness=openness)
    report = drafted(seed_report(), facts)
    assert "2019年共召开乡党委会议6次，其中2次邀请群众列席。" in report.narrative["一"]
    assert "2019年开展重大决策预公开（意见征集）1次，未收到意见。" in report.narrative["一"]
    assert t1_with_facts(report, facts) == []


@pytest.mark.parametrize(
    ("kind", "body", "label"),
    [
        ("党委会议", "徐套乡人民政府", "乡党委会议"),
        ("党委会议", "某某镇人民政府", "镇党委会议"),
        ("党委会议", "某某县人民政府", "党委会议"),
        ("党委会议", "某某街道办事处", "党委会议"),
        ("政府常务会议", "徐套乡人民政府", "政府常务会议"),
    ],
)
def test_meeting_label(kind: str, body: str, label: str) -> None:
    assert meeting_label(kind, body) == label


@pytest.mark.parametrize(
    "openness",
    [
        OpennessFacts(interpretations=1),
        OpennessFacts(normative_without_interpretation=1),
        OpennessFacts(consultation=ConsultationSummary(consultations=1)),
        OpennessFacts(meetings=(MeetingCount("党委会议", 1),)),
        OpennessFacts(offline_notices={"公示栏": 1}),
    ],
)
def test_an_openness_record_makes_it_a_year_with_records(openness: OpennessFacts) -> None:
    report = _zero_report("2021", 2024)
    facts = replace(_empty_facts(2024), openness=openness)
    assert not year_without_records(report, facts)
    assert draft_narrative(report, facts)["一"] != EMPTY_YEAR_PLACEHOLDER


_counts = st.integers(min_value=0, max_value=400)


@st.composite
def openness_facts(draw: st.DrawFn) -> OpennessFacts:
    meetings = []
    for kind in draw(
        st.lists(
            st.sampled_from(["党委会议", "政府常务会议", "村民代表会议"]), unique=True, max_size=3
        )
    ):
        held = draw(_counts)
        meetings.append(
            MeetingCount(kind, held, draw(st.integers(0, held)), draw(st.integers(0, held)))
        )
    by_kind = draw(
        st.dictionaries(
            st.sampled_from(["文字解读", "图文解读", "视频解读", "新闻发布会"]), _counts, max_size=4
        )
    )
    comments = draw(_counts)
    adopted = draw(st.integers(0, comments))
    partly = draw(st.integers(0, comments - adopted))
    return OpennessFacts(
        interpretations=sum(by_kind.values()) if draw(st.booleans()) else draw(_counts),
        interpretations_by_kind=by_kind,
        normative_without_interpretation=draw(_counts),
        consultation=ConsultationSummary(
            consultations=draw(_counts),
            comments=comments,
            adopted=adopted,
            partly_adopted=partly,
            not_adopted=comments - adopted - partly,
            feedback_published=draw(_counts),
            feedback_overdue=draw(_counts),
        ),
        meetings=tuple(meetings),
        offline_notices=draw(
            st.dictionaries(st.sampled_from(["公示栏", "广播", "宣传栏"]), _counts)
        ),
    )


@settings(max_examples=120, deadline=None)
@given(
    openness=openness_facts(),
    body=st.sampled_from(["徐套乡人民政府", "某某镇人民政府", "示例区人民政府办公室"]),
    format_id=st.sampled_from(("2019", "2021")),
)
def test_draft_of_any_openness_facts_passes_t1(
    openness: OpennessFacts, body: str, format_id: str
) -> None:
    report = samples.consistent_report(format_id, seed=1)
    assert report.year is not None
    facts = facts_for(report.year, body=body, openness=openness)
    drafted(report, facts)
    assert t1_with_facts(report, facts) == []


def test_t1_reads_the_kinds_of_interpretation_and_the_documents_without_one() -> None:
    facts = replace(SEED_FACTS, openness=OPENNESS)
    report = drafted(seed_report(), facts)
    kinds = OPENNESS.interpretations_by_kind
    kind, n = next((k, v) for k, v in kinds.items() if v)
    said = f"{kind}{n}"
    assert said in report.narrative["一"]
    assert "2件规范性文件尚未发布政策解读" in report.narrative["五"]
    assert t1_with_facts(report, facts) == []

    report.narrative["一"] = report.narrative["一"].replace(said, f"{kind}{n + 1}", 1)
    report.narrative["五"] = report.narrative["五"].replace("2件规范性文件", "1件规范性文件", 1)
    messages = [f.message for f in t1_with_facts(report, facts)]
    assert any(f"平台记录{kind}为{n}篇" in m for m in messages), messages
    assert any("未发布政策解读的规范性文件为2件" in m for m in messages), messages
