"""Decoding a report's bytes: cleanly when they allow it, else tolerating a few damaged bytes.

A published report is UTF-8 or GB18030 (GB2312/GBK pages are GB18030 in practice). A clean
decode decides between them (:func:`clean_decode`). A file damaged in transit (a crawl, a
mail gateway, a bad sector: a handful of bytes changed) decodes cleanly in neither, yet is
readable almost everywhere: refusing it would throw away a whole report for one character.
:func:`damaged_decode` then takes the encoding in which the fewest byte sequences are invalid,
replaces those by U+FFFD, and says how many there were — only when they are few
(:data:`MAX_DAMAGE_RATIO` of the bytes). The two encodings are far apart on real texts: the
seed report (14 KB of UTF-8) with 20 bytes changed has 29 invalid sequences as UTF-8 and 360
as GB18030; the same text in GB18030 has ~6,000 as UTF-8. A file that is neither is still
refused. The reader reports a damaged decode as an M1 warning (:func:`damage_finding`): the
characters replaced may have been digits of a cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gongkai.domain.report.model import Finding

__all__ = [
    "MAX_DAMAGE_RATIO",
    "Decoded",
    "clean_decode",
    "damage_finding",
    "damaged_decode",
]

#: At most one invalid byte sequence per this many bytes is tolerated (0.5 %).
MAX_DAMAGE_RATIO = 200

_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030"}


@dataclass(frozen=True)
class Decoded:
    """A decoded text; ``damaged`` byte sequences (the first at byte ``first_damage``) were
    invalid in ``encoding`` and replaced by U+FFFD."""

    text: str
    encoding: str = ""
    damaged: int = 0
    first_damage: int = 0


def clean_decode(data: bytes, encoding: str) -> str | None:
    """``data`` decoded without error, else ``None``; a file cut off inside its last
    character (a crawl or a download stopped short) decodes up to that character."""
    try:
        return data.decode(encoding)
    except LookupError:
        return None
    except UnicodeDecodeError as exc:
        if exc.end < len(data) or exc.start < len(data) - 3:
            return None
        cut = exc.start
    try:
        return data[:cut].decode(encoding)
    except UnicodeDecodeError:
        return None


def damaged_decode(data: bytes, encodings: Sequence[str]) -> Decoded | None:
    """``data`` decoded in the encoding of ``encodings`` with the fewest invalid byte
    sequences (the first on a tie), when they are at most one in :data:`MAX_DAMAGE_RATIO`
    bytes; else ``None``."""
    best: Decoded | None = None
    for encoding in encodings:
        try:
            data.decode(encoding)
        except LookupError:
            continue
        except UnicodeDecodeError as exc:
            first = exc.start
        else:  # clean after all: the caller's clean decode said otherwise only for a cut end
            return Decoded(data.decode(encoding), encoding)
        text = data.decode(encoding, errors="replace")
        damaged = text.count("\ufffd")
        if best is None or damaged < best.damaged:
            best = Decoded(text, encoding, damaged, first)
    if best is None or best.damaged * MAX_DAMAGE_RATIO > max(len(data), MAX_DAMAGE_RATIO):
        return None
    return best


def damage_finding(decoded: Decoded) -> Finding | None:
    """The M1 warning of a damaged decode (``None`` for a clean one): how many sequences
    were replaced and where the first is, so the clerk can look at the file."""
    if not decoded.damaged:
        return None
    name = _NAMES.get(decoded.encoding, decoded.encoding)
    return Finding(
        "M1",
        "warning",
        (),
        f"文件中有 {decoded.damaged} 处字节不是有效的 {name} 编码（第一处在第 "
        f"{decoded.first_damage + 1:,} 个字节），已用“\ufffd”代替后读取；"
        "这些地方的文字或数字可能缺失，请核对原文件",
    )
