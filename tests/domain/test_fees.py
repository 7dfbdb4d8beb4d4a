"""信息处理费 (国办函〔2020〕109号): bands, boundaries, the payment limit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from gongkai.domain.applications.fees import (
    PAYMENT_WORKING_DAYS,
    fee_by_count,
    fee_by_volume,
    payment_due,
)
from gongkai.domain.workdays import default_calendar


@pytest.mark.parametrize(
    ("nth", "fee"),
    [
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (50, 300),
        (51, 400),
        (60, 400),
        (61, 500),
        (100, 800),  # 91–100: the 7th step above 200
        (101, 900),
    ],
)
def test_fee_by_count(nth: int, fee: int) -> None:
    assert fee_by_count(nth) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"),
    [
        (0, 0),
        (1, 0),
        (30, 0),
        (31, 10),
        (100, 700),  # 70 × 10
        (101, 720),  # 700 + 1 × 20
        (200, 2700),  # 700 + 100 × 20
        (201, 2740),  # 2700 + 1 × 40
        (250, 4700),  # 2700 + 50 × 40
    ],
)
def test_fee_by_volume_is_progressive(pages: int, fee: int) -> None:
    assert fee_by_volume(pages) == Decimal(fee)


def test_fee_by_volume_grows_by_the_band_rate() -> None:
    steps = {fee_by_volume(p + 1) - fee_by_volume(p) for p in range(0, 30)}
    assert steps == {Decimal(0)}
    assert {fee_by_volume(p + 1) - fee_by_volume(p) for p in range(30, 100)} == {Decimal(10)}
    assert {fee_by_volume(p + 1) - fee_by_volume(p) for p in range(100, 200)} == {Decimal(20)}
    assert {fee_by_volume(p + 1) - fee_by_volume(p) for p in range(200, 400)} == {Decimal(40)}


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: fee_by_count(0), "不能小于 1"),
        (lambda: fee_by_count(-3), "不能小于 1"),
        (lambda: fee_by_volume(-1), "页数不能小于 0"),
        (lambda: fee_by_volume(True), "应为整数"),
        (lambda: fee_by_count(1.5), "应为整数"),  # type: ignore[arg-type]
    ],
)
def test_bad_input_is_refused_in_chinese(call: object, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()  # type: ignore[operator]


def test_payment_due() -> None:
    assert PAYMENT_WORKING_DAYS == 20
    # notice received on the 中秋 holiday: counting starts the day after
    assert payment_due(date(2026, 9, 25), default_calendar()) == date(2026, 10, 29)
    assert payment_due(date(2026, 3, 9), default_calendar()) == date(2026, 4, 7)  # 清明 off
