"""Cell values of a ledger: each helper returns ``(value, error message or None)``.

A blank cell is ``(None, None)``; whether it may be blank is the caller's rule. Messages are in
Chinese and name the bad value, not the row or column (the caller adds those).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from gongkai.domain.ledgers.table_io import RawValue

__all__ = ["parse_choice", "parse_date", "parse_int_range", "parse_text"]

_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
# a time of day after the date (CSV written by other systems): 2024-03-05 00:00:00
_TIME_SUFFIX = re.compile(r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_EXCEL_EPOCH = date(1899, 12, 30)
# Excel serial numbers of 1954-10-03 … 2119-01-19: a date cell that lost its date format
_EXCEL_SERIALS = range(20000, 80000)
_DATE_HINT = "应为 YYYY-MM-DD 格式的日期，如 2024-03-15"


def _clean(raw: str) -> str:
    return unicodedata.normalize("NFKC", raw).strip()


def parse_text(raw: RawValue) -> str | None:
    """A cell as text: numbers without a spurious ``.0`` (2024001.0 → "2024001")."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime):
        return raw.date().isoformat() if raw.time() == datetime.min.time() else raw.isoformat()
    if isinstance(raw, date):
        return raw.isoformat()
    text = str(raw).strip()
    return text or None


def parse_date(raw: RawValue) -> tuple[date | None, str | None]:
    """YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, YYYYMMDD, or an Excel date cell."""
    if raw is None:
        return None, None
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if float(raw).is_integer() and int(raw) in _EXCEL_SERIALS:
            return _EXCEL_EPOCH + timedelta(days=int(raw)), None
        return None, f"“{parse_text(raw)}”不是日期：{_DATE_HINT}"
    text = _clean(str(raw))
    if not text:
        return None, None
    body = _TIME_SUFFIX.sub("", text, count=1)
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(body)
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day), None
            except ValueError:
                return None, f"“{text}”不是有效日期（该日期不存在）"
    return None, f"“{text}”不是日期：{_DATE_HINT}"


def parse_int_range(raw: RawValue, low: int, high: int) -> tuple[int | None, str | None]:
    """An integer low…high (a numeric cell or digits; 5.0 is 5)."""
    if raw is None:
        return None, None
    problem = f"应为 {low} 到 {high} 之间的整数"
    value: int | None = None
    if isinstance(raw, bool):
        value = None
    elif isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        value = int(raw) if raw.is_integer() else None
    elif isinstance(raw, str):
        text = _clean(raw)
        if not text:
            return None, None
        if re.fullmatch(r"[+-]?\d+(?:\.0+)?", text):
            value = int(float(text))
    if value is None:
        return None, f"“{parse_text(raw)}”不是整数：{problem}"
    if not low <= value <= high:
        return None, f"{value} 超出范围：{problem}"
    return value, None


def parse_choice(raw: RawValue, choices: Sequence[str]) -> tuple[str | None, str | None]:
    """One of ``choices`` (spaces and character width ignored)."""
    text = parse_text(raw)
    if text is None:
        return None, None
    wanted = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for choice in choices:
        if re.sub(r"\s+", "", unicodedata.normalize("NFKC", choice)) == wanted:
            return choice, None
    return None, f"“{text}”不是可选值：应为 {' / '.join(choices)} 之一"
