"""The letters of an application (issue 12): which letters a case calls for, and what the
context of each states or why it is refused (条例第三十、三十二、三十三、三十六、四十二条)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from gongkai.domain.letters import (
    ApplicationFacts,
    BodyFacts,
    ExtensionFacts,
    LetterKind,
    LetterRefused,
    cn_date,
    cn_date_upper,
    letter_context,
    letters_called_for,
)
from gongkai.domain.letters.samples import SAMPLE_BODY, SAMPLE_ISSUED_ON, sample_application

BARE = ApplicationFacts(
    number="2024-0001",
    applicant_name="王五",
    applicant_type="natural_person",
    received_on=date(2024, 3, 5),
    content="本镇2023年财政预算",
)
FULL = sample_application()


def context(kind: LetterKind, app: ApplicationFacts, body: BodyFacts = SAMPLE_BODY) -> dict:
    return letter_context(kind, app, body, number="示政办信〔2024〕9号", issued_on=SAMPLE_ISSUED_ON)


@pytest.mark.parametrize(
    ("day", "plain", "upper"),
    [
        (date(2024, 3, 5), "2024年3月5日", "二〇二四年三月五日"),
        (date(2020, 10, 31), "2020年10月31日", "二〇二〇年十月三十一日"),
        (date(2026, 12, 20), "2026年12月20日", "二〇二六年十二月二十日"),
        (date(2019, 11, 10), "2019年11月10日", "二〇一九年十一月十日"),
    ],
)
def test_dates_in_chinese_form(day: date, plain: str, upper: str) -> None:
    assert cn_date(day) == plain
    assert cn_date_upper(day) == upper
    assert cn_date(None) == cn_date_upper(None) == ""


def test_kinds_are_the_cli_words_with_chinese_labels() -> None:
    assert [k.value for k in LetterKind] == [
        "correction", "extension", "consultation", "fee", "reply", "delivery"
    ]  # fmt: skip
    assert LetterKind("extension").label == "延期答复告知书"
    assert LetterKind.REPLY.label == "政府信息公开申请答复书"


def test_a_bare_application_calls_for_no_letter() -> None:
    assert letters_called_for(BARE) == []


def test_each_step_calls_for_its_letter() -> None:
    assert letters_called_for(replace(BARE, correction=FULL.correction)) == [LetterKind.CORRECTION]
    assert letters_called_for(replace(BARE, consultations=FULL.consultations)) == [
        LetterKind.CONSULTATION
    ]
    assert letters_called_for(replace(BARE, fee=FULL.fee)) == [LetterKind.FEE]
    assert letters_called_for(replace(BARE, extension=FULL.extension)) == [LetterKind.EXTENSION]
    assert letters_called_for(replace(BARE, outcome="granted")) == [
        LetterKind.REPLY,
        LetterKind.DELIVERY,
    ]
    assert letters_called_for(FULL) == list(LetterKind)


def test_an_extension_not_yet_approved_calls_for_no_notice() -> None:
    requested = replace(BARE, extension=ExtensionFacts(days=10, reason="需要调取档案"))
    assert letters_called_for(requested) == []
    with pytest.raises(LetterRefused, match="^本申请没有经批准的延期，不能生成延期答复告知书$"):
        context(LetterKind.EXTENSION, requested)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        (LetterKind.CORRECTION, "本申请没有发出补正告知，不能生成补正告知书"),
        (LetterKind.EXTENSION, "本申请没有经批准的延期，不能生成延期答复告知书"),
        (LetterKind.CONSULTATION, "本申请没有征求第三方或其他机关的意见，不能生成征求第三方意见书"),
        (LetterKind.FEE, "本申请没有收取信息处理费，不能生成收费通知书"),
        (LetterKind.REPLY, "本申请尚未确定办理结果，不能生成政府信息公开申请答复书"),
        (LetterKind.DELIVERY, "本申请尚未答复，没有需要送达的答复书，不能生成送达回证"),
    ],
)
def test_a_letter_the_case_does_not_call_for_is_refused(kind: LetterKind, message: str) -> None:
    with pytest.raises(LetterRefused) as refused:
        context(kind, BARE)
    assert str(refused.value) == message


def test_the_kind_may_be_given_as_its_word() -> None:
    assert context("correction", FULL)["correction_items"] == "请写明所需信息的具体年份和所在村组。"


def test_correction_notice_states_what_and_by_when() -> None:
    ctx = context(LetterKind.CORRECTION, FULL)
    assert ctx["received_on"] == "2024年3月5日"
    assert ctx["correction_period_days"] == 15
    assert ctx["correction_due_on"] == "2024年3月29日"
    blank = replace(FULL, correction=replace(FULL.correction, items=" "))
    with pytest.raises(LetterRefused, match="缺少需要补正的事项"):
        context(LetterKind.CORRECTION, blank)


def test_extension_notice_states_reason_days_and_new_date() -> None:
    ctx = context(LetterKind.EXTENSION, FULL)
    assert (ctx["extension_days"], ctx["extension_due_on"]) == (20, "2024年5月10日")
    assert ctx["extension_reason"] == "所需信息涉及多个部门，需要汇总核实"
    no_reason = replace(FULL, extension=replace(FULL.extension, reason=""))
    with pytest.raises(LetterRefused, match="缺少延期理由"):
        context(LetterKind.EXTENSION, no_reason)
    too_long = replace(FULL, extension=replace(FULL.extension, days=21))
    with pytest.raises(
        LetterRefused, match="延期21个工作日不符合条例第三十三条第二款（最长20个工作日）"
    ):
        context(LetterKind.EXTENSION, too_long)


def test_consultation_letter_names_the_party_and_its_article() -> None:
    ctx = context(LetterKind.CONSULTATION, FULL)
    assert (ctx["party"], ctx["consultation_article"]) == ("李四", "第三十二条")
    assert ctx["answer_due_on"] == "2024年4月8日"
    other = replace(FULL.consultations[0], party="示例县自然资源局", other_body=True)
    two = replace(FULL, consultations=(*FULL.consultations, other))
    assert context(LetterKind.CONSULTATION, two)["consultation_article"] == "第三十四条"
    picked = letter_context(
        LetterKind.CONSULTATION,
        two,
        SAMPLE_BODY,
        number="1",
        issued_on=SAMPLE_ISSUED_ON,
        party="李四",
    )
    assert picked["party"] == "李四"
    with pytest.raises(LetterRefused, match="本申请没有征求“赵六”的意见"):
        letter_context(
            LetterKind.CONSULTATION,
            two,
            SAMPLE_BODY,
            number="1",
            issued_on=SAMPLE_ISSUED_ON,
            party="赵六",
        )


def test_fee_notice_states_method_amount_period_and_remedies() -> None:
    ctx = context(LetterKind.FEE, FULL)
    assert ctx["fee_detail"] == "按量计收，向您提供的信息共60页"
    assert (ctx["fee_amount"], ctx["pay_by"]) == ("300.00", "2024年5月9日")
    assert "六十日内依法向示例市人民政府申请行政复议" in ctx["remedies"]
    by_count = replace(FULL, fee=replace(FULL.fee, method="by_count", pages=None, nth_in_month=12))
    assert context(LetterKind.FEE, by_count)["fee_detail"] == (
        "按件计收，本申请为您本月向本机关提出的第12件申请"
    )


def test_delivery_receipt_names_the_reply_and_its_number() -> None:
    ctx = context(LetterKind.DELIVERY, FULL)
    assert ctx["document"] == "政府信息公开申请答复书（示政办信〔2024〕7号）"
    assert (ctx["recipient"], ctx["delivery_address"]) == ("张三", "示例县幸福路8号")
    assert context(LetterKind.DELIVERY, replace(FULL, issued=()))["document"] == (
        "政府信息公开申请答复书"
    )


def test_a_letter_dated_before_the_receipt_or_without_number_is_refused() -> None:
    with pytest.raises(
        LetterRefused, match="补正告知书日期2024年3月1日早于收到申请日期2024年3月5日"
    ):
        letter_context(
            LetterKind.CORRECTION, FULL, SAMPLE_BODY, number="1", issued_on=date(2024, 3, 1)
        )
    with pytest.raises(LetterRefused, match="^缺少文号，不能生成补正告知书$"):
        letter_context(
            LetterKind.CORRECTION, FULL, SAMPLE_BODY, number=" ", issued_on=SAMPLE_ISSUED_ON
        )


def test_the_reply_date_must_be_the_date_on_file() -> None:
    with pytest.raises(
        LetterRefused, match="答复书日期2024年4月20日与案卷记录的答复日期2024年4月19日不一致"
    ):
        letter_context(LetterKind.REPLY, FULL, SAMPLE_BODY, number="1", issued_on=date(2024, 4, 20))
    not_yet = replace(FULL, replied_on=None)  # the letter is written on the reply day
    assert context(LetterKind.REPLY, not_yet)["replied_on"] == "2024年4月19日"


@pytest.mark.parametrize("kind", [LetterKind.REPLY, LetterKind.FEE])
def test_remedies_need_the_reconsideration_body_and_the_court(kind: LetterKind) -> None:
    no_court = replace(SAMPLE_BODY, court="")
    with pytest.raises(LetterRefused, match="示例县人民政府办公室尚未设置人民法院（机关设置）"):
        context(kind, FULL, no_court)
    neither = replace(SAMPLE_BODY, court="", reconsideration_body="")
    with pytest.raises(LetterRefused, match="尚未设置复议机关、人民法院"):
        context(kind, FULL, neither)
    assert context(LetterKind.CORRECTION, FULL, neither)["body_name"] == SAMPLE_BODY.name


@pytest.mark.parametrize(
    "outcome",
    [
        "partial",
        "denied.third_party",
        "unable.not_held",
        "not_processed.repeat",
        "other.no_correction",
    ],
)
def test_a_refusal_without_a_reason_cannot_be_generated(outcome: str) -> None:
    app = replace(FULL, outcome=outcome, reasons="  ")
    with pytest.raises(LetterRefused, match="的答复须写明理由") as refused:
        context(LetterKind.REPLY, app)
    assert "\n" not in str(refused.value)


def test_a_grant_needs_no_reason() -> None:
    ctx = context(LetterKind.REPLY, replace(FULL, outcome="granted", reasons="", withheld=""))
    assert (ctx["variant"], ctx["reasons"], ctx["basis_cited"]) == ("granted", "", False)


def test_partial_disclosure_must_say_what_is_withheld() -> None:
    with pytest.raises(LetterRefused, match="缺少不予公开的内容"):
        context(LetterKind.REPLY, replace(FULL, withheld=""))


def test_an_unfilled_prompt_of_the_standard_wording_is_refused() -> None:
    app = replace(
        FULL, outcome="denied.law_forbidden", reasons="属于禁止公开的信息（请写明禁止公开的法律）。"
    )
    with pytest.raises(LetterRefused, match="答复理由中还有未填写的提示“（请写明禁止公开的法律）”"):
        context(LetterKind.REPLY, app)


def test_other_handling_needs_the_clerks_legal_basis() -> None:
    app = replace(FULL, outcome="other.other", reasons="申请人已撤回申请。")
    with pytest.raises(LetterRefused, match="缺少法律依据"):
        context(LetterKind.REPLY, app)
    ctx = context(LetterKind.REPLY, replace(app, legal_basis="《条例》第三十三条"))
    assert ctx["basis"] == "《条例》第三十三条"


def test_the_remedies_of_the_standard_wording_are_not_repeated() -> None:
    wording = "经审查，属于国家秘密。根据条例第十四条、第三十六条第（三）项的规定，决定不予公开。"
    remedies = "如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议。"
    ctx = context(
        LetterKind.REPLY, replace(FULL, outcome="denied.state_secret", reasons=wording + remedies)
    )
    assert ctx["reasons"] == wording
    assert ctx["basis_cited"] is True
    assert ctx["ground"] == "属于国家秘密"
