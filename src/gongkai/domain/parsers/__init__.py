"""Reading published annual reports: report JSON, plain text (pasted, crawled, extracted),
PDF, Word (.docx) and web pages (.html/.htm).

A PDF's text layer (``pdf``), a .docx's body as text (``docx``: paragraphs as lines, table
rows as tab-separated cells) and a web page's text (``html``: the same, its tables laid out on
their grid, the site around the report left out) go through the same plain-text reader.
:func:`read_report_bytes` is the one entry point for any supported file (it tells the format
by the bytes, and by the name only between text and HTML); :data:`REPORT_SUFFIXES` are the
file names it is meant for. Other binary files
(old .doc, images, other archives, a scanned PDF without text) are refused with a message
saying so, rather than being read as garbage.

Every file is first held to the limits of :mod:`gongkai.domain.limits` (the size of its text,
its digit runs, a PDF's pages, a .docx's parts), so a hostile file is refused with one Chinese
sentence before any costly work. The web reads uploads through
:func:`gongkai.domain.sandbox.read_and_check_isolated`, in a child process with CPU-time and
memory limits.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from gongkai.domain.limits import (
    MAX_TEXT_CHARS,
    FileLimitError,
    check_digit_runs,
    check_text_size,
)
from gongkai.domain.parsers.docx import DocxReadError, docx_text, is_docx
from gongkai.domain.parsers.encoding import (
    Decoded,
    clean_decode,
    damage_finding,
    damaged_decode,
)
from gongkai.domain.parsers.html import HTML_SUFFIXES, HtmlReadError, html_text, is_html
from gongkai.domain.parsers.pdf import PdfReadError, pdf_text
from gongkai.domain.parsers.text import NotRecognisedError, parse_text
from gongkai.domain.report.model import Report, ReportDataError

__all__ = [
    "REPORT_SUFFIXES",
    "Decoded",
    "ReportReadError",
    "decode_report",
    "decode_report_bytes",
    "parse_text",
    "read_decoded",
    "read_report_bytes",
    "read_report_file",
    "read_report_text",
]


class ReportReadError(Exception):
    """A file that cannot be read as a report (one-line message in Chinese)."""


_PDF_MAGIC = b"%PDF"
_ZIP_MAGIC = b"PK\x03\x04"
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (_ZIP_MAGIC, "ZIP 压缩包（Excel .xlsx 等），不是 Word .docx"),
    (b"\xd0\xcf\x11\xe0", "旧版 Office 文件（.doc/.xls）"),
    (b"{\\rtf", "RTF 文件"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"\x1f\x8b", "GZIP 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
)
_ONLY_TEXT = "目前只能读取 PDF、Word（.docx）、网页（.html/.htm）、文本或年报 JSON 文件"
#: The file names a report is read from (the upload forms accept these, a folder given to
#: ``gongkai report batch`` is searched for these); :func:`read_report_bytes` reads any of them.
REPORT_SUFFIXES: tuple[str, ...] = (".pdf", ".docx", *HTML_SUFFIXES, ".txt", ".json")
_ENCODINGS = ("utf-8", "gb18030")
_MAX_CONTROL_RATIO = 0.05


def _label(filename: str) -> str:
    return f"“{filename}”" if filename else "文件"


def decode_report_bytes(data: bytes, filename: str = "") -> str:
    """The text of an uploaded report file (a PDF's text layer, a .docx body as text);
    other binary files, and files over the limits of :mod:`gongkai.domain.limits`, are
    refused with a Chinese reason."""
    return decode_report(data, filename).text


def decode_report(data: bytes, filename: str = "") -> Decoded:
    """:func:`decode_report_bytes`, saying also whether a few damaged bytes were replaced
    (:mod:`gongkai.domain.parsers.encoding`)."""
    try:
        decoded = _decode(data, filename)
        check_text_size(len(decoded.text))
    except FileLimitError as exc:
        raise ReportReadError(f"无法读取{_label(filename)}：{exc}") from None
    return decoded


def _decode(data: bytes, filename: str) -> Decoded:
    if data.startswith(_PDF_MAGIC):
        try:
            return Decoded(pdf_text(data))
        except PdfReadError as exc:
            raise ReportReadError(f"无法读取{_label(filename)}：{exc}") from None
    if data.startswith(_ZIP_MAGIC):
        try:
            if is_docx(data):
                return Decoded(docx_text(data))
        except DocxReadError as exc:
            raise ReportReadError(f"无法读取{_label(filename)}：{exc}") from None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise ReportReadError(f"无法读取{_label(filename)}：这是{kind}，{_ONLY_TEXT}")
    if is_html(data, filename):
        try:
            return html_text(data)
        except HtmlReadError as exc:
            raise ReportReadError(f"无法读取{_label(filename)}：{exc}") from None
    # A text file over the limit is refused before decoding (at most 4 bytes a character).
    if len(data) > 4 * MAX_TEXT_CHARS:
        raise FileLimitError(
            f"文本文件有 {len(data) / 1_048_576:.1f} MB，超过了 {MAX_TEXT_CHARS:,} 个字符的上限"
            "（年报通常不到 5 万字）"
        )
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise ReportReadError(
            f"无法读取{_label(filename)}：文件不是文本（看起来是二进制文件），{_ONLY_TEXT}"
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    decoded: Decoded | None = None
    for encoding in _ENCODINGS:
        text = clean_decode(data, encoding)
        if text is not None:
            decoded = Decoded(text, encoding)
            break
    else:
        decoded = damaged_decode(data, _ENCODINGS)
    if decoded is not None and not _mostly_controls(decoded.text):
        return decoded
    raise ReportReadError(
        f"无法读取{_label(filename)}：文件不是文本（看起来是二进制文件），{_ONLY_TEXT}"
    )


def _mostly_controls(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bool(text) and controls / len(text) > _MAX_CONTROL_RATIO


def read_report_text(text: str, filename: str = "") -> Report:
    """A report from decoded text: report JSON, or a published report's plain text (a text
    over the size or digit-run limits of :mod:`gongkai.domain.limits`, or in which nothing of
    an annual report is found, is refused)."""
    stripped = text.lstrip("\ufeff \t\r\n")
    try:
        check_text_size(len(stripped))
        if not stripped.startswith("{"):
            check_digit_runs(stripped)
    except FileLimitError as exc:
        raise ReportReadError(f"无法读取{_label(filename)}：{exc}") from None
    if stripped.startswith("{"):
        try:
            return Report.from_json(stripped)
        except ReportDataError as exc:
            raise ReportReadError(f"无法读取{_label(filename)}：{exc}") from None
    if not stripped:
        raise ReportReadError(f"无法读取{_label(filename)}：文件是空的")
    try:
        return parse_text(text)
    except NotRecognisedError as exc:
        raise ReportReadError(
            f"{_label(filename)}未被识别为政府信息公开工作年度报告：{exc}"
        ) from None


def read_report_bytes(data: bytes, filename: str = "") -> Report:
    """A report from a file's bytes: PDF, Word (.docx), a web page (.html/.htm), report JSON,
    or plain text in UTF-8, GB18030 or UTF-16 (the one way to read any supported file)."""
    return read_decoded(decode_report(data, filename), filename)


def read_decoded(decoded: Decoded, filename: str = "") -> Report:
    """A report from a decoded file (:func:`decode_report`); a damaged decode is an M1
    warning of the report."""
    report = read_report_text(decoded.text, filename)
    finding = damage_finding(decoded)
    if finding is not None:
        report.findings.insert(0, finding)
    return report


def read_report_file(path: str | Path) -> Report:
    """A report from a file on disk (see :func:`read_report_bytes`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportReadError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise ReportReadError(f"无法读取：{path} 是目录，不是文件") from None
    except OSError as exc:
        raise ReportReadError(f"无法读取文件：{path}（{exc.strerror or exc}）") from None
    return read_report_bytes(data, path.name)
