"""The one reader of query parameters (``gongkai.kernel.params``, issue 9 finding 7)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gongkai.kernel.params import (
    MAX_PAGE,
    MAX_PER_PAGE,
    page_number,
    page_size,
    parse_record_id,
    parse_year,
)


def test_only_plain_ascii_numbers_in_range_are_read() -> None:
    assert parse_year("2024") == 2024
    for odd in ("²", "٢٠٢٤", " 2024", "2024\x00", "-2024", "+2024", "2_024", "1e3", "", None):
        assert parse_year(odd) is None, odd
    assert parse_year("1989") is None and parse_year("2201") is None
    assert parse_record_id("1") == 1
    assert parse_record_id("0") is None
    assert parse_record_id(str(2**63)) is None
    assert parse_record_id("99999999999999999999") is None


def test_page_and_page_size_fall_back_or_are_bounded() -> None:
    assert page_number({}) == 1
    assert page_number({"page": "²"}) == 1
    assert page_number({"page": "0"}) == 1
    assert page_number({"page": "99999999999999999999"}) == 1  # not a number we read
    assert page_number({"page": "9999999999"}) == MAX_PAGE
    assert page_size({"per_page": "100000"}, 25) == MAX_PER_PAGE
    assert page_size({"per_page": "-1"}, 25) == 25
    assert page_size({"per_page": "-2147483649"}, 25) == 25
    assert page_size({"per_page": "0"}, 25) == 1
    assert page_size({"per_page": "5000"}, 1000) == 1000  # a view's own longer page


@given(st.text(max_size=30))
def test_any_text_is_read_without_error_and_within_bounds(text: str) -> None:
    assert 1 <= page_number({"page": text}) <= MAX_PAGE
    assert 1 <= page_size({"per_page": text}, 25) <= MAX_PER_PAGE
    year = parse_year(text)
    assert year is None or 1990 <= year <= 2200
