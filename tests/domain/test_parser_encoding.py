"""Decoding a report's bytes: a few damaged bytes are replaced and reported, never the whole
report refused for them; a text in another encoding, or binary, is still refused."""

from __future__ import annotations

import random

import pytest

from gongkai.domain.parsers import ReportReadError, read_report_bytes, read_report_text
from gongkai.domain.parsers.encoding import MAX_DAMAGE_RATIO, damaged_decode
from gongkai.domain.render.html import render_html_document
from shared_files import SEED_REPORT

SEED_TEXT = SEED_REPORT.read_text(encoding="utf-8")


def _damage(data: bytes, count: int, seed: int, *, avoid_digits: bool = True) -> bytes:
    """``count`` bytes of ``data`` replaced by bytes invalid where they land (0xFF is never
    part of UTF-8 nor of GB18030); bytes of ASCII digits left alone so that every cell of
    the seed stays printed."""
    rng = random.Random(seed)
    out = bytearray(data)
    places = [i for i, b in enumerate(out) if not (avoid_digits and 0x30 <= b <= 0x39)]
    for at in rng.sample(places, count):
        out[at] = 0xFF
    return bytes(out)


def _damage_warnings(messages: list[str]) -> list[str]:
    return [m for m in messages if "不是有效的" in m]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
@pytest.mark.parametrize("count", [1, 5, 20])
def test_a_text_with_a_few_damaged_bytes_is_read_and_says_so(encoding: str, count: int) -> None:
    clean = read_report_text(SEED_TEXT)
    data = _damage(SEED_TEXT.encode(encoding), count, seed=count)
    report = read_report_bytes(data, "年报.txt")
    warnings = _damage_warnings([f.message for f in report.findings if f.rule == "M1"])
    assert len(warnings) == 1, report.findings
    name = "UTF-8" if encoding == "utf-8" else "GB18030"
    assert f"不是有效的 {name} 编码" in warnings[0]
    # Nothing wrong is read: every cell equals the clean reading or is missing.
    wrong = {k: v for k, v in report.cells.items() if v is not None and v != clean.cells.get(k)}
    assert wrong == {}
    read = sum(1 for v in report.cells.values() if v is not None)
    assert read >= 79 - 2 * count  # a damaged label may cost its row, no more


def test_the_first_damaged_byte_is_named() -> None:
    data = bytearray(SEED_TEXT.encode("utf-8"))
    data[5000] = 0xFF
    report = read_report_bytes(bytes(data), "年报.txt")
    (warning,) = _damage_warnings([f.message for f in report.findings])
    assert "第一处在第 5,001 个字节" in warning


def test_a_web_page_with_a_damaged_byte_is_read_and_says_so() -> None:
    seed = read_report_text(SEED_TEXT)
    page = render_html_document(seed).encode("gb18030")
    page = page.replace(b'charset="utf-8"', b'charset="gb2312"')
    damaged = _damage(page, 3, seed=7)
    report = read_report_bytes(damaged, "年报.html")
    (warning,) = _damage_warnings([f.message for f in report.findings])
    assert "GB18030" in warning
    assert sum(1 for v in report.cells.values() if v is not None) >= 73


def test_a_clean_file_has_no_damage_warning() -> None:
    report = read_report_bytes(SEED_TEXT.encode("gb18030"), "年报.txt")
    assert _damage_warnings([f.message for f in report.findings]) == []


def test_too_much_damage_is_still_refused() -> None:
    data = SEED_TEXT.encode("utf-8")
    count = len(data) // MAX_DAMAGE_RATIO + 5
    with pytest.raises(ReportReadError, match="不是文本"):
        read_report_bytes(_damage(data, count, seed=1, avoid_digits=False), "年报.txt")


def test_a_text_in_another_encoding_is_not_taken_for_damaged_utf8() -> None:
    """Big5 (Traditional Chinese) is not UTF-8: far more than a few sequences are invalid.
    Its byte pairs are mostly valid GB18030, but what they spell is no report: refused
    rather than read as garbage."""
    data = SEED_TEXT.encode("big5", errors="replace")
    assert damaged_decode(data, ("utf-8",)) is None
    with pytest.raises(ReportReadError):
        read_report_bytes(data, "年报.txt")


def test_the_damage_warning_survives_the_check() -> None:
    """The reader's M1 is kept by the validator (rules.check), so a batch or the web shows it."""
    from gongkai.domain.report.rules import check

    data = bytearray(SEED_TEXT.encode("utf-8"))
    data[300] = 0xFF
    report = check(read_report_bytes(bytes(data), "年报.txt"))
    assert len(_damage_warnings([f.message for f in report.findings])) == 1
