"""索引号 (index numbers) of catalog items, ``disclosure-law.md`` §2.

Canonical form: ``<code>/<YYYY>-<NNNNN>`` where ``code`` is the body's 9-character organisation
code (组织机构代码) or its 18-character unified social credit code (统一社会信用代码), ``YYYY`` the
year of publication and ``NNNNN`` a five-digit serial (00001 …) per body and year.

Real sites write variants; :func:`parse_index_number` accepts these (and only these):

- full-width characters (``／``, ``－``, full-width digits and letters) — NFKC-normalised;
- spaces anywhere;
- lower-case letters in the code;
- an organisation code written with its hyphen (``12345678-9``);
- ``/``, ``-``, ``_`` or ``\\`` between code and year; ``-``, ``_`` or ``/`` between year
  and serial;
- a serial with fewer than five digits (``2019-1``), or zero-padded to six (``2019-000001``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "MAX_SERIAL",
    "IndexNumber",
    "format_index_number",
    "next_serial",
    "normalise_code",
    "parse_index_number",
]

MAX_SERIAL = 99_999
MIN_YEAR = 1949
MAX_YEAR = 2199

# 统一社会信用代码 (GB 32100-2015): digits and upper-case letters except I, O, Z, S, V.
_CREDIT_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}")
# 组织机构代码 (GB 11714): eight digits or letters and a check character (digit or X).
_ORG_CODE = re.compile(r"[0-9A-Z]{8}[0-9X]")
_ORG_CODE_HYPHEN = re.compile(r"([0-9A-Z]{8})-([0-9X])")
_INDEX = re.compile(
    r"(?P<code>[0-9A-Z]{8}-[0-9X]|[0-9A-Z]{9}|[0-9A-Z]{18})"
    r"[/\\_-]"
    r"(?P<year>\d{4})"
    r"[-_/]"
    r"(?P<serial>\d{1,6})"
)
_CANONICAL_HINT = "应为“机构代码/年份-序号”，如 11640521MB1234567X/2019-00001"


@dataclass(frozen=True, order=True)
class IndexNumber:
    """A parsed 索引号; ``str()`` gives the canonical form."""

    code: str
    year: int
    serial: int

    def __str__(self) -> str:
        return format_index_number(self.code, self.year, self.serial)


def normalise_code(code: str) -> str:
    """A body's code in canonical form (upper case, no spaces, no hyphen); ValueError if invalid."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", code)).upper()
    hyphen = _ORG_CODE_HYPHEN.fullmatch(text)
    if hyphen:
        text = hyphen.group(1) + hyphen.group(2)
    if _CREDIT_CODE.fullmatch(text) or _ORG_CODE.fullmatch(text):
        return text
    raise ValueError(f"“{code}”不是有效的机构代码：应为 9 位组织机构代码或 18 位统一社会信用代码")


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"索引号中的年份 {year} 不合理：应为 {MIN_YEAR} 到 {MAX_YEAR} 之间")


def _check_serial(serial: int) -> None:
    if not 1 <= serial <= MAX_SERIAL:
        raise ValueError(f"索引号中的序号 {serial} 超出范围：应为 1 到 {MAX_SERIAL}")


def format_index_number(code: str, year: int, serial: int) -> str:
    """The canonical 索引号 ``code/YYYY-NNNNN`` (code normalised); ValueError if out of range."""
    canonical = normalise_code(code)
    _check_year(year)
    _check_serial(serial)
    return f"{canonical}/{year:04d}-{serial:05d}"


def parse_index_number(text: str) -> IndexNumber:
    """A 索引号 in the canonical form or one of the accepted variants (see module docstring)."""
    cleaned = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()
    match = _INDEX.fullmatch(cleaned)
    if not match:
        raise ValueError(f"无法识别的索引号“{text.strip()}”：{_CANONICAL_HINT}")
    code = normalise_code(match.group("code"))
    year, serial = int(match.group("year")), int(match.group("serial"))
    _check_year(year)
    _check_serial(serial)
    return IndexNumber(code, year, serial)


def next_serial(existing: Iterable[str], code: str, year: int) -> int:
    """The serial for a new item of ``code`` in ``year``: one more than the highest in use.

    Index numbers that do not parse, or belong to another body or year, are ignored (a body's
    catalog may hold imported numbers in foreign forms). ValueError when the year is full.
    """
    canonical = normalise_code(code)
    highest = 0
    for text in existing:
        try:
            number = parse_index_number(text)
        except ValueError:
            continue
        if number.code == canonical and number.year == year:
            highest = max(highest, number.serial)
    if highest >= MAX_SERIAL:
        raise ValueError(f"机构 {canonical} 在 {year} 年的索引号序号已用完（最大 {MAX_SERIAL}）")
    return highest + 1
