"""索引号: canonical form, accepted variants, next serial (disclosure-law.md §2)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.domain.catalog.index_number import (
    IndexNumber,
    format_index_number,
    next_serial,
    normalise_code,
    parse_index_number,
)

CREDIT = "11640521MB1234567X"
ORG = "01234567X"


def test_format_canonical() -> None:
    assert format_index_number(CREDIT, 2019, 1) == "11640521MB1234567X/2019-00001"
    assert format_index_number(ORG, 2024, 12345) == "01234567X/2024-12345"
    assert format_index_number("11640521mb1234567x", 2019, 7) == f"{CREDIT}/2019-00007"
    assert format_index_number("01234567-X", 2019, 7) == f"{ORG}/2019-00007"


@pytest.mark.parametrize(
    ("code", "year", "serial", "fragment"),
    [
        ("123", 2019, 1, "机构代码"),
        ("11640521MB1234567I", 2019, 1, "机构代码"),  # I is not used in credit codes
        (CREDIT, 1800, 1, "年份"),
        (CREDIT, 2019, 0, "序号"),
        (CREDIT, 2019, 100_000, "序号"),
    ],
)
def test_format_rejects(code: str, year: int, serial: int, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        format_index_number(code, year, serial)


@pytest.mark.parametrize(
    "text",
    [
        "11640521MB1234567X/2019-00001",
        "11640521MB1234567X／2019-00001",  # full-width slash
        "11640521MB1234567X/2019-1",  # short serial
        "11640521MB1234567X/2019_00001",
        "11640521MB1234567X-2019-00001",
        "11640521MB1234567X_2019_1",
        " 11640521MB1234567X / 2019 - 00001 ",  # spaces
        "11640521mb1234567x/2019-00001",  # lower case
        "１１６４０５２１ＭＢ１２３４５６７Ｘ／２０１９－０００１",  # full width throughout
        "11640521MB1234567X/2019-000001",  # six digits, zero-padded
        "11640521MB1234567X/2019/00001",
    ],
)
def test_parse_variants(text: str) -> None:
    assert parse_index_number(text) == IndexNumber(CREDIT, 2019, 1)
    assert str(parse_index_number(text)) == f"{CREDIT}/2019-00001"


def test_parse_org_code_forms() -> None:
    assert parse_index_number("01234567X/2020-00042") == IndexNumber(ORG, 2020, 42)
    assert parse_index_number("01234567-x/2020-42") == IndexNumber(ORG, 2020, 42)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "无法识别的索引号"),
        ("XT-2019-001", "无法识别的索引号"),
        ("11640521MB1234567X/19-00001", "无法识别的索引号"),
        ("11640521MB1234567X/2019-1234567", "无法识别的索引号"),
        ("11640521MB1234567X/2019-00000", "序号"),
        ("11640521MB1234567X/1899-00001", "年份"),
        ("11640521MB123456IX/2019-00001", "机构代码"),
    ],
)
def test_parse_rejects_with_chinese_message(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_index_number(text)


def test_normalise_code() -> None:
    assert normalise_code(" 11640521mb1234567x ") == CREDIT
    with pytest.raises(ValueError, match="统一社会信用代码"):
        normalise_code("abc")


def test_next_serial() -> None:
    existing = [
        f"{CREDIT}/2019-00003",
        f"{CREDIT.lower()}／2019-7",  # a variant counts
        f"{CREDIT}/2020-00050",  # another year
        f"{ORG}/2019-00090",  # another body
        "XT-2019-99",  # foreign form: ignored
    ]
    assert next_serial(existing, CREDIT, 2019) == 8
    assert next_serial(existing, CREDIT, 2020) == 51
    assert next_serial(existing, CREDIT, 2021) == 1
    assert next_serial([], ORG, 2019) == 1
    with pytest.raises(ValueError, match="已用完"):
        next_serial([f"{CREDIT}/2019-99999"], CREDIT, 2019)


@given(
    code=st.sampled_from([CREDIT, ORG]),
    year=st.integers(1949, 2199),
    serial=st.integers(1, 99_999),
)
def test_round_trip(code: str, year: int, serial: int) -> None:
    text = format_index_number(code, year, serial)
    assert parse_index_number(text) == IndexNumber(code, year, serial)
    if serial < 99_999:
        assert next_serial([text], code, year) == serial + 1
