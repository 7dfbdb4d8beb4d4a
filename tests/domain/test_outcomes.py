"""Applicant types and outcomes: the table 三 columns and result rows, parsed from ledgers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.domain.applications.outcomes import (
    OUTCOME_KEYS,
    ApplicantType,
    outcome_choices,
    outcome_label,
    parse_applicant_type,
    parse_outcome,
    report_row_for,
)
from gongkai.domain.report.formats import S3_APPLICANT_COLUMN_KEYS, get_format


def test_applicant_types_are_the_table_3_columns() -> None:
    assert tuple(t.value for t in ApplicantType) == S3_APPLICANT_COLUMN_KEYS
    assert [t.label for t in ApplicantType] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("自然人", ApplicantType.NATURAL_PERSON),
        (" 商业企业 ", ApplicantType.COMMERCIAL),
        ("科 研 机 构", ApplicantType.RESEARCH),
        ("社会公益组织", ApplicantType.PUBLIC_WELFARE),
        ("社会组织", ApplicantType.PUBLIC_WELFARE),
        ("法律服务机构", ApplicantType.LEGAL_SERVICE),
        ("其他", ApplicantType.OTHER_ORG),
        ("natural_person", ApplicantType.NATURAL_PERSON),
        ("OTHER_ORG", ApplicantType.OTHER_ORG),
    ],
)
def test_parse_applicant_type(text: str, expected: ApplicantType) -> None:
    assert parse_applicant_type(text) is expected


def test_unknown_applicant_type_lists_the_allowed_values() -> None:
    with pytest.raises(ValueError, match="个体工商户") as info:
        parse_applicant_type("个体工商户")
    assert "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他" in str(info.value)


def test_outcome_keys_are_the_2021_result_rows() -> None:
    assert tuple(r.key for r in get_format("2021").s3_result_rows) == OUTCOME_KEYS
    assert len(OUTCOME_KEYS) == 21
    assert OUTCOME_KEYS[0] == "granted"
    assert OUTCOME_KEYS[-1] == "other.other"
    assert [k for k, _ in outcome_choices()] == list(OUTCOME_KEYS)


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("granted", "予以公开"),
        ("partial", "部分公开"),
        ("denied.third_party", "不予公开-4.保护第三方合法权益"),
        ("denied.three_security_one_stability", "不予公开-3.危及“三安全一稳定”"),
        ("unable.not_held", "无法提供-1.本机关不掌握相关政府信息"),
        ("not_processed.repeat", "不予处理-2.重复申请"),
        ("other.other", "其他处理-3.其他"),
    ],
)
def test_outcome_label(key: str, label: str) -> None:
    assert outcome_label(key) == label


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every spelling ledger-formats.md §1 lists
        ("予以公开", "granted"),
        ("（一）予以公开", "granted"),
        ("(一)予以公开", "granted"),
        ("(二)部分公开", "partial"),
        ("（二）部分公开", "partial"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partial"),
        ("4.保护第三方合法权益", "denied.third_party"),
        ("4．保护第三方合法权益", "denied.third_party"),
        ("4、保护第三方合法权益", "denied.third_party"),
        ("保护第三方合法权益", "denied.third_party"),
        ("不予公开-保护第三方合法权益", "denied.third_party"),
        ("不予公开－4.保护第三方合法权益", "denied.third_party"),
        ("（三）不予公开—4.保护第三方合法权益", "denied.third_party"),
        ("不予公开：4", "denied.third_party"),
        ("无法提供-本机关不掌握相关政府信息", "unable.not_held"),
        ("denied.third_party", "denied.third_party"),
        (" Denied.Third_Party ", "denied.third_party"),
        ("3.危及“三安全一稳定”", "denied.three_security_one_stability"),
        ("危及三安全一稳定", "denied.three_security_one_stability"),
        ("不予处理 - 5.要求行政机关确认或重新出具已获取信息", "not_processed.confirm_or_reissue"),
        ("信访举报投诉类申请", "not_processed.petition"),
        ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other.no_correction"),
        ("其他处理-2", "other.no_fee_payment"),
        # 2019 row key and label, and the ambiguous bare 其他
        ("other", "other.other"),
        ("其他处理", "other.other"),
        ("（六）其他处理", "other.other"),
        ("其他", "other.other"),
        ("3.其他", "other.other"),
    ],
)
def test_parse_outcome_spellings(text: str, expected: str) -> None:
    assert parse_outcome(text) == expected


@pytest.mark.parametrize("key", OUTCOME_KEYS)
def test_every_key_and_label_parses_back(key: str) -> None:
    row = get_format("2021").s3_row(key)
    assert parse_outcome(key) == key
    assert parse_outcome(outcome_label(key)) == key
    assert parse_outcome(row.label) == key


@pytest.mark.parametrize("text", ["", "   ", "同意", "不予公开-9", "部分", "denied.secret"])
def test_unknown_outcome_is_a_chinese_error(text: str) -> None:
    with pytest.raises(ValueError, match="无法识别的办理结果"):
        parse_outcome(text)


@pytest.mark.parametrize("group", ["不予公开", "（四）无法提供", "不予处理"])
def test_a_group_label_alone_is_incomplete(group: str) -> None:
    with pytest.raises(ValueError, match="不完整"):
        parse_outcome(group)


@given(st.text(max_size=30))
def test_parse_outcome_returns_a_key_or_raises_value_error(text: str) -> None:
    try:
        key = parse_outcome(text)
    except ValueError:
        return
    assert key in OUTCOME_KEYS


def test_report_row_for_each_format() -> None:
    for key in OUTCOME_KEYS:
        assert report_row_for(key, "2021") == key
        expected_2019 = "other" if key.startswith("other.") else key
        assert report_row_for(key, "2019") == expected_2019
        assert get_format("2019").has_key(f"s3.{report_row_for(key, '2019')}.total")
    with pytest.raises(ValueError, match="未知的办理结果键"):
        report_row_for("other", "2021")
    with pytest.raises(ValueError, match="未知的年报格式"):
        report_row_for("granted", "2020")
