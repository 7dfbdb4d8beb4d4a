"""The plain text of a catalog item's attachment, for the search of the public catalog.

:func:`extract_text` reads the text of a file — a PDF's text layer (pypdfium2, through
:mod:`gongkai.domain.parsers.pdf`), a Word .docx body (:mod:`gongkai.domain.parsers.docx`),
the cells of an Excel .xlsx (openpyxl, read-only), the text codes of an OFD, a UTF-8/GB18030
text file (:mod:`gongkai.domain.parsers.encoding`) or a web page
(:mod:`gongkai.domain.parsers.html`) — and never raises for a file: the outcome is an
:class:`AttachmentText` (text, status, a Chinese note).

Statuses (:data:`STATUSES`): ``extracted`` (text found; the note says when only a part was
kept), ``no_text`` (nothing to read: a scanned PDF without OCR, an empty document),
``unsupported`` (an image, a legacy .doc/.xls, a ZIP), ``failed`` (a damaged file), and
``too_large`` (over a limit before any work, or out of the sandbox's CPU/memory).

Bounds: a file over :data:`MAX_SOURCE_BYTES` is not read; ZIP containers are held to the
limits of :mod:`gongkai.domain.limits`; at most :data:`~gongkai.domain.limits.MAX_PDF_PAGES`
pages of a PDF are read; at most :data:`MAX_KEPT_CHARS` characters are kept. The text is
folded for search: whitespace between two CJK characters (a PDF's line wrapped inside a
sentence) is removed and other whitespace runs become one space, so a phrase is found whatever
the layout cut it. :func:`extract_text_isolated` runs it in a child process
(:func:`gongkai.domain.sandbox.run_isolated`) under :data:`ATTACHMENT_LIMITS`.
"""

from __future__ import annotations

import codecs
import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

from lxml import etree  # type: ignore[import-untyped]  # no type hints shipped

from gongkai.domain.limits import (
    DOCX_ZIP,
    MAX_PDF_PAGES,
    XLSX_ZIP,
    FileLimitError,
    check_zip,
)
from gongkai.domain.parsers.docx import DocxEmptyError, DocxReadError, docx_text
from gongkai.domain.parsers.encoding import clean_decode, damaged_decode
from gongkai.domain.parsers.html import HtmlReadError, html_text
from gongkai.domain.parsers.pdf import PdfReadError, has_text_layer, pdf_text_prefix
from gongkai.domain.sandbox import SandboxError, SandboxLimits, run_isolated

__all__ = [
    "ATTACHMENT_LIMITS",
    "EXTRACTED",
    "FAILED",
    "MAX_KEPT_CHARS",
    "MAX_SOURCE_BYTES",
    "NO_TEXT",
    "STATUSES",
    "TOO_LARGE",
    "UNSUPPORTED",
    "AttachmentText",
    "extract_text",
    "extract_text_isolated",
    "fold_for_search",
]

EXTRACTED = "extracted"
NO_TEXT = "no_text"
UNSUPPORTED = "unsupported"
FAILED = "failed"
TOO_LARGE = "too_large"
STATUSES = (EXTRACTED, NO_TEXT, UNSUPPORTED, FAILED, TOO_LARGE)

#: Characters of an attachment's text kept for search (a 300-page book is about 300,000).
MAX_KEPT_CHARS = 200_000
#: A file larger than this is not read at all (an upload is at most GONGKAI_MAX_UPLOAD_BYTES).
MAX_SOURCE_BYTES = 64 * 1024 * 1024
#: What one extraction may spend in its child process.
ATTACHMENT_LIMITS = SandboxLimits(cpu_seconds=30, memory_bytes=1024 * 1024 * 1024, wall_seconds=60)

_MB = 1024 * 1024
_ENCODINGS = ("utf-8", "gb18030")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP_RE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class AttachmentText:
    """What was read from a file: its folded ``text`` (may be empty), a status of
    :data:`STATUSES` and a Chinese ``note`` (why nothing was read, or that a part was kept)."""

    text: str
    status: str
    note: str = ""


def fold_for_search(text: str) -> str:
    """``text`` on one line: no whitespace between two CJK characters, other whitespace runs
    as one space."""
    return _SPACE_RE.sub(" ", _CJK_GAP_RE.sub("", text)).strip()


def _outcome(raw: str, max_chars: int, note: str = "") -> AttachmentText:
    text = fold_for_search(raw)
    if not text:
        return AttachmentText("", NO_TEXT, "文件中没有可提取的文字")
    if len(text) > max_chars:
        text = text[:max_chars]
        note = note or f"文字较多，只保留了前 {max_chars:,} 个字用于检索"
    return AttachmentText(text, EXTRACTED, note)


# -- the readers: (data, max_chars) -> AttachmentText; they raise only the errors caught below


def _pdf(data: bytes, max_chars: int) -> AttachmentText:
    raw, read, count = pdf_text_prefix(data, max_pages=MAX_PDF_PAGES, max_chars=max_chars)
    if not has_text_layer(raw):
        if read < count:
            return AttachmentText("", NO_TEXT, f"PDF 前 {read} 页没有可提取的文字（可能是扫描件）")
        return AttachmentText("", NO_TEXT, "PDF 中没有可提取的文字（可能是扫描件，未做文字识别）")
    note = f"PDF 有 {count:,} 页，只读取了前 {read:,} 页的文字" if read < count else ""
    return _outcome(raw, max_chars, note)


def _docx(data: bytes, max_chars: int) -> AttachmentText:
    check_zip(data, DOCX_ZIP)
    try:
        return _outcome(docx_text(data), max_chars)
    except DocxEmptyError:
        return AttachmentText("", NO_TEXT, "Word 文件中没有文字")


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _xlsx(data: bytes, max_chars: int) -> AttachmentText:
    from openpyxl import load_workbook  # type: ignore[import-untyped]

    check_zip(data, XLSX_ZIP)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises KeyError, BadZipFile, XML errors, ValueError…
        raise _Unreadable("Excel 文件已损坏或不是有效的 .xlsx 文件，无法打开") from None
    lines: list[str] = []
    rows = length = 0
    try:
        for sheet in workbook.worksheets:
            lines.append(str(sheet.title))
            for row in sheet.iter_rows(values_only=True):
                line = "\t".join(_cell(v) for v in row).strip()
                if line:
                    lines.append(line)
                    rows += 1
                    length += len(line) + 1
                    if length > max_chars:
                        break
            if length > max_chars:
                break
    finally:
        workbook.close()
    if not rows:
        return AttachmentText("", NO_TEXT, "Excel 文件中没有内容")
    return _outcome("\n".join(lines), max_chars)


_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _xml(archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(name), _SAFE_XML)
    except (KeyError, etree.XMLSyntaxError, ValueError):
        raise _Unreadable(f"OFD 文件中的“{name}”缺失或已损坏") from None


def _child_text(root: etree._Element, local_name: str) -> str:
    found = next(root.iter(f"{{*}}{local_name}"), None)
    return (found.text or "").strip() if found is not None else ""


def _resolve(base_dir: str, location: str) -> str:
    location = location.strip().replace("\\", "/")
    joined = location.lstrip("/") if location.startswith("/") else f"{base_dir}/{location}"
    return posixpath.normpath(joined).lstrip("./")


def _ofd_pages(archive: zipfile.ZipFile) -> Iterator[str]:
    """The content parts of an OFD's first document, in page order (OFD.xml → DocRoot →
    Pages/Page BaseLoc, GB/T 33190)."""
    root = _xml(archive, "OFD.xml")
    doc_root = _child_text(root, "DocRoot")
    if not doc_root:
        raise _Unreadable("OFD 文件中没有文档（OFD.xml 缺少 DocRoot）")
    doc_path = _resolve("", doc_root)
    document = _xml(archive, doc_path)
    doc_dir = posixpath.dirname(doc_path)
    for page in document.iter("{*}Page"):
        location = page.get("BaseLoc")
        if location:
            yield _resolve(doc_dir, location)


def _ofd(data: bytes, max_chars: int) -> AttachmentText:
    check_zip(data, DOCX_ZIP)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _Unreadable("OFD 文件已损坏或不完整，无法打开") from None
    with archive:
        names = set(archive.namelist())
        parts: list[str] = []
        length = 0
        for name in _ofd_pages(archive):
            if name not in names:
                continue
            for code in _xml(archive, name).iter("{*}TextCode"):
                parts.append(code.text or "")
                length += len(parts[-1])
            parts.append("\n")
            if length > max_chars:
                break
    return _outcome("".join(parts), max_chars)


def _plain(data: bytes, max_chars: int) -> AttachmentText:
    data = data[: 4 * (max_chars + 1)]  # at most 4 bytes a character: the rest is not kept
    text: str | None = None
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        text = data.decode("utf-16", errors="replace")
    else:
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        for encoding in _ENCODINGS:
            text = clean_decode(data, encoding)
            if text is not None:
                break
        else:
            damaged = damaged_decode(data, _ENCODINGS)
            text = damaged.text if damaged is not None else None
    if text is None or "\x00" in text:
        raise _Unreadable("文本文件不是 UTF-8 或 GB18030 编码的文字，无法读取")
    return _outcome(text, max_chars)


def _html(data: bytes, max_chars: int) -> AttachmentText:
    try:
        return _outcome(html_text(data).text, max_chars)
    except HtmlReadError as exc:
        raise _Unreadable(str(exc)) from None


class _Unreadable(Exception):
    """A damaged file (message in Chinese)."""


_Reader = Callable[[bytes, int], AttachmentText]
_READERS: dict[str, _Reader] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".xlsx": _xlsx,
    ".ofd": _ofd,
    ".txt": _plain,
    ".html": _html,
    ".htm": _html,
}
_UNSUPPORTED = {
    ".doc": "旧版 Word 文件（.doc）不提取文字，请另存为 .docx 或 PDF",
    ".xls": "旧版 Excel 文件（.xls）不提取文字，请另存为 .xlsx",
    ".wps": "WPS 文字文件（.wps）不提取文字，请另存为 .docx 或 PDF",
    ".jpg": "图片不提取文字（不做文字识别）",
    ".jpeg": "图片不提取文字（不做文字识别）",
    ".png": "图片不提取文字（不做文字识别）",
    ".zip": "压缩包不提取文字",
}


def extract_text(data: bytes, filename: str, *, max_chars: int = MAX_KEPT_CHARS) -> AttachmentText:
    """The text of the file ``data`` named ``filename`` (its extension decides the reader:
    the upload check has matched it with the content). Never raises for a file."""
    ext = PurePath(filename).suffix.lower()
    reader = _READERS.get(ext)
    if reader is None:
        return AttachmentText("", UNSUPPORTED, _UNSUPPORTED.get(ext, f"不提取“{ext}”文件的文字"))
    if len(data) > MAX_SOURCE_BYTES:
        return AttachmentText(
            "",
            TOO_LARGE,
            f"文件有 {len(data) / _MB:.0f} MB，超过了提取文字的上限 {MAX_SOURCE_BYTES // _MB} MB",
        )
    try:
        return reader(data, max_chars)
    except FileLimitError as exc:
        return AttachmentText("", TOO_LARGE, str(exc))
    except (PdfReadError, DocxReadError, _Unreadable) as exc:
        return AttachmentText("", FAILED, str(exc))


_SPENT = {
    "cpu": "提取文字超过了 {limits.cpu_seconds} 秒的计算时间上限",
    "memory": "提取文字需要的内存超过了 {mb} MB 的上限",
    "wall": "提取文字超过了 {limits.wall_seconds:.0f} 秒的时间上限",
}


def extract_text_isolated(
    data: bytes,
    filename: str,
    *,
    max_chars: int = MAX_KEPT_CHARS,
    limits: SandboxLimits = ATTACHMENT_LIMITS,
) -> AttachmentText:
    """:func:`extract_text` in a child process under ``limits``: running out of one is
    ``too_large``, a crash of the reader ``failed`` (never raises for a file)."""
    try:
        value, _peak = run_isolated(extract_text_bounded, data, filename, max_chars, limits=limits)
    except SandboxError as exc:
        if exc.crashed:
            return AttachmentText("", FAILED, "提取文字时程序出错，已记录")
        note = _SPENT[exc.reason].format(limits=limits, mb=limits.memory_bytes // _MB)
        return AttachmentText("", TOO_LARGE, note)
    result: AttachmentText = value
    return result


def extract_text_bounded(data: bytes, filename: str, max_chars: int) -> AttachmentText:
    """:func:`extract_text` with a positional ``max_chars`` (what the child process calls)."""
    return extract_text(data, filename, max_chars=max_chars)
