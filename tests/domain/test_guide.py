"""The generated 政府信息公开指南 (条例第十二条): contacts, channels, deadlines and fees as the
rules that own them state them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gongkai.domain.applications.deadline import MAX_EXTENSION_WORKING_DAYS, REPLY_WORKING_DAYS
from gongkai.domain.applications.fees import COUNT_FREE, PAYMENT_WORKING_DAYS
from gongkai.domain.applications.guide import (
    GuideFacts,
    GuideSection,
    deadline_example,
    generate_guide,
    guide_channels,
    guide_text,
    parse_guide,
)
from gongkai.domain.letters.facts import BodyFacts
from gongkai.domain.letters.samples import SAMPLE_BODY
from gongkai.domain.workdays.calendar import CalendarDay, DayKind, WorkingCalendar

BODY = replace(SAMPLE_BODY, fax="0955-7654321", email="gk@example.org")


def _text(facts: GuideFacts) -> str:
    return "".join(p for s in generate_guide(facts) for p in (s.title, *s.paragraphs))


def test_the_guide_states_contacts_channels_deadlines_fees_and_remedies() -> None:
    facts = GuideFacts(
        BODY,
        publication_working_days=20,
        hours="工作日 8:30—12:00",
        correction_working_days=10,
        online_url="/apply/7/",
    )
    text = _text(facts)
    for part in (
        "受理机构：示例县人民政府办公室政务公开科",
        "办公地址：示例县人民路1号",
        "办公时间：工作日 8:30—12:00",
        "网上申请：通过本平台在线提交（/apply/7/）",
        "传真申请：传真至0955-7654321",
        "电子邮件申请：发送至gk@example.org",
        f"自收到申请之日起{REPLY_WORKING_DAYS}个工作日内答复",
        f"最长不超过{MAX_EXTENSION_WORKING_DAYS}个工作日",
        "申请人应在10个工作日内补正",
        f"累计申请{COUNT_FREE}件以下（含）的不收费",
        "1—30页免费；31—100页每页10元；101—200页每页20元；201页以上每页40元",
        f"收到收费通知次日起{PAYMENT_WORKING_DAYS}个工作日内缴费",
        "缴费方式：请通过非税收入缴款书缴纳",
        "向示例市人民政府申请行政复议",
        "向示例县人民法院提起行政诉讼",
    ):
        assert part in text, part


def test_a_channel_appears_only_with_the_contact_it_needs() -> None:
    bare = GuideFacts(BodyFacts(name="某乡人民政府"), publication_working_days=20)
    assert guide_channels(bare) == ()
    text = _text(bare)
    assert "受理机构：某乡人民政府" in text
    assert "请来电咨询" in text
    assert "申请行政复议" in text and "向某" not in text
    only_fax = GuideFacts(BodyFacts(name="某乡", fax="123"), publication_working_days=20)
    assert guide_channels(only_fax) == ("传真申请：传真至123，请注明“政府信息公开申请”字样。",)


def test_the_edited_text_reads_back_as_the_same_sections() -> None:
    sections = generate_guide(GuideFacts(BODY, publication_working_days=20, online_url="/a/"))
    assert parse_guide(guide_text(sections)) == sections
    edited = "前言一句\n\n一、新的一节\n第一段\n  \n第二段\n二、另一节\n"
    assert parse_guide(edited) == (
        GuideSection("", ("前言一句",)),
        GuideSection("一、新的一节", ("第一段", "第二段")),
        GuideSection("二、另一节", ()),
    )


def test_the_worked_example_counts_working_days_on_the_calendar() -> None:
    # 2024: 国庆节 1–7 October off, 9月29日 (Sunday) and 10月12日 (Saturday) worked.
    holidays = [CalendarDay(date(2024, 10, d), DayKind.HOLIDAY, "国庆节") for d in range(1, 8)] + [
        CalendarDay(date(2024, 9, 29), DayKind.MAKEUP_WORKDAY, "国庆节调休"),
        CalendarDay(date(2024, 10, 12), DayKind.MAKEUP_WORKDAY, "国庆节调休"),
    ]
    calendar = WorkingCalendar(holidays, [2024])
    facts = GuideFacts(
        BODY,
        publication_working_days=20,
        calendar=calendar,
        example_received=date(2024, 9, 27),
    )
    example = deadline_example(facts)
    # Working days after Friday 27 September: 29 Sep (worked Sunday), 30 Sep, 8–11 Oct,
    # 12 Oct (worked Saturday) is the 7th; the 20th is Wednesday 30 October.
    assert "例如：2024年9月27日收到的申请" in example
    assert "应在2024年10月12日前一次性告知" in example
    assert "应在2024年10月30日前答复" in example
    assert "暂按周一至周五推算" not in example
    assert example in _text(facts)
    # Without a calendar no example; a year with no schedule says so.
    assert deadline_example(replace(facts, calendar=None)) == ""
    unscheduled = replace(facts, calendar=WorkingCalendar([], []))
    assert "暂按周一至周五推算" in deadline_example(unscheduled)
