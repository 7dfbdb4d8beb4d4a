"""信息处理费 (information processing fee), 《政府信息公开信息处理费管理办法》国办函〔2020〕109号.

Two methods, one per application, never both (``disclosure-law.md`` §5):

- 按件 (per application): by the application's rank among the same applicant's applications to
  the body in one calendar month — 1–10 free; 11–30: 100 元 each; from the 31st, in steps of
  10, each step 100 元 more (31–40: 200 元, 41–50: 300 元 …).
- 按量 (per volume): by the pages provided for one application. 109号 prices "的部分" — the
  pages *within* each band — so the fee is progressive like a tax bracket: pages 1–30 free,
  pages 31–100 at 10 元, pages 101–200 at 20 元, pages from 201 at 40 元. 250 pages cost
  70 × 10 + 100 × 20 + 50 × 40 = 4700 元.

The applicant pays within 20 working days counted from the day after receiving the fee notice,
else the application is treated as abandoned.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = [
    "COUNT_FREE",
    "PAYMENT_WORKING_DAYS",
    "VOLUME_BANDS",
    "fee_by_count",
    "fee_by_volume",
    "payment_due",
]

PAYMENT_WORKING_DAYS = 20

COUNT_FREE = 10  # applications 1–10 in a calendar month are free
_COUNT_FIRST_BAND_END = 30  # 11–30: 100 元 each
_COUNT_STEP = 10  # from the 31st: +100 元 every 10 applications
_COUNT_UNIT = Decimal(100)

# (first page of the band, last page or None, 元 per page)
VOLUME_BANDS: tuple[tuple[int, int | None, Decimal], ...] = (
    (1, 30, Decimal(0)),
    (31, 100, Decimal(10)),
    (101, 200, Decimal(20)),
    (201, None, Decimal(40)),
)


def _check_int(value: int, what: str, minimum: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{what}应为整数，收到：{value!r}")
    if value < minimum:
        raise ValueError(f"{what}不能小于 {minimum}，收到：{value}")


def fee_by_count(nth_in_month: int) -> Decimal:
    """按件收费: the fee for the applicant's ``nth_in_month``-th application this month (元)."""
    _check_int(nth_in_month, "本月第几件申请", 1)
    if nth_in_month <= COUNT_FREE:
        return Decimal(0)
    if nth_in_month <= _COUNT_FIRST_BAND_END:
        return _COUNT_UNIT
    step = (nth_in_month - _COUNT_FIRST_BAND_END - 1) // _COUNT_STEP
    return _COUNT_UNIT * (2 + step)


def fee_by_volume(pages: int) -> Decimal:
    """按量收费: the fee for ``pages`` pages provided for one application (元, progressive)."""
    _check_int(pages, "页数", 0)
    total = Decimal(0)
    for first, last, rate in VOLUME_BANDS:
        if pages < first:
            break
        top = pages if last is None else min(pages, last)
        total += rate * (top - first + 1)
    return total


def payment_due(notice_received: date, calendar: WorkingCalendar) -> date:
    """The last day to pay: the 20th working day after the fee notice was received."""
    return calendar.nth_working_day_after(notice_received, PAYMENT_WORKING_DAYS)
