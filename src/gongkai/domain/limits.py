"""What the readers of uploaded files accept, checked before any work is done (issue 9).

Every reader of an untrusted file (the report reader in :mod:`gongkai.domain.parsers`, the
ledger reader :mod:`gongkai.domain.ledgers.table_io`) refuses a file over these limits with
one Chinese sentence, before decompressing, parsing or converting anything. The limits are far
above any real file (the largest published report of the fixtures is 17 KB of text with digit
runs of at most 10 digits and 3 PDF pages) and far below what costs a worker seconds:

- ``MAX_TEXT_CHARS``: the text of a report (a text or JSON file, a PDF's text layer, a Word
  body), 300,000 characters;
- ``MAX_DIGIT_RUN``: a run of digits in a report's text, 64 (several cells printed together
  are at most a few dozen digits);
- ``MAX_PDF_PAGES``: pages of a PDF report, 200;
- ``MAX_HTML_BYTES``: a web page of a report, 8 MB (a report page with the site's navigation
  around it is a few hundred KB; the text read from it is then held to ``MAX_TEXT_CHARS``);
  ``MAX_HTML_ELEMENTS`` elements (200,000) nested at most ``MAX_HTML_DEPTH`` deep (160;
  libxml2 itself stops at 256), a table's grid at most ``MAX_HTML_TABLE_CELLS`` cells
  (100,000: rowspan/colspan count; a report table has about 200);
- ``MAX_CELL_VALUE``: the magnitude of a report cell, 10^15 (the report JSON schema says so);
- a ZIP container (.docx, .xlsx): only stored or deflated parts, at most ``max_parts`` parts,
  each at most ``max_part_bytes`` once inflated, ``max_total_bytes`` in all, and no part above
  1 MB inflating more than ``max_ratio`` times (:data:`DOCX_ZIP`, :data:`XLSX_ZIP`; a zip of
  reports given to ``gongkai report batch``, :data:`BATCH_ZIP`, each part checked on its own).

The rows of a ledger sheet are bounded in :mod:`gongkai.domain.ledgers.table_io`
(``MAX_ROWS``, also counting the empty rows scanned). What a reader may still spend within
these limits is bounded by the process it runs in (:mod:`gongkai.domain.sandbox`).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

__all__ = [
    "BATCH_ZIP",
    "DOCX_ZIP",
    "MAX_CELL_VALUE",
    "MAX_DIGIT_RUN",
    "MAX_HTML_BYTES",
    "MAX_HTML_DEPTH",
    "MAX_HTML_ELEMENTS",
    "MAX_HTML_TABLE_CELLS",
    "MAX_PDF_PAGES",
    "MAX_TEXT_CHARS",
    "XLSX_ZIP",
    "FileLimitError",
    "ZipLimits",
    "check_digit_runs",
    "check_html_size",
    "check_text_size",
    "check_zip",
    "check_zip_member",
]

MAX_TEXT_CHARS = 300_000
MAX_DIGIT_RUN = 64
MAX_PDF_PAGES = 200
MAX_CELL_VALUE = 10**15
MAX_HTML_BYTES = 8 * 1024 * 1024
MAX_HTML_ELEMENTS = 200_000
MAX_HTML_DEPTH = 160
MAX_HTML_TABLE_CELLS = 100_000

_MB = 1024 * 1024
_DIGIT_RUN_RE = re.compile(rf"\d{{{MAX_DIGIT_RUN + 1},}}")


class FileLimitError(ValueError):
    """A file over one of the limits (one Chinese sentence, without the file name); each reader
    raises it as its own error type."""


@dataclass(frozen=True)
class ZipLimits:
    """Bounds of a ZIP container's parts (sizes as inflated)."""

    max_part_bytes: int
    max_total_bytes: int
    max_ratio: int = 100
    max_parts: int = 2_000


# A Word report's document.xml is well under 1 MB; 20 MB is a book.
DOCX_ZIP = ZipLimits(max_part_bytes=20 * _MB, max_total_bytes=60 * _MB)
# A batch of reports (``gongkai report batch``): a province's reports, each read in turn (never
# all at once), each a Word/PDF/text/web page like the files uploaded one by one.
BATCH_ZIP = ZipLimits(max_part_bytes=60 * _MB, max_total_bytes=20 * 1024 * _MB, max_parts=100_000)
# A 200,000-row ledger sheet inflates to about 100 MB of XML.
XLSX_ZIP = ZipLimits(max_part_bytes=300 * _MB, max_total_bytes=400 * _MB)
_RATIO_FROM = _MB  # small parts may compress well beyond the ratio without harm


def _size(n: int) -> str:
    return f"{n / _MB:.0f} MB" if n >= _MB else f"{n / 1024:.0f} KB"


def check_zip(data: bytes, limits: ZipLimits) -> None:
    """Refuse the ZIP ``data`` when a part is over ``limits`` (from the sizes its directory
    declares; :mod:`zipfile` never inflates a part beyond its declared size). An archive that
    cannot be opened at all is left to the reader, which says so in its own words."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    if len(infos) > limits.max_parts:
        raise FileLimitError(f"压缩包中有 {len(infos)} 个部件，超过了 {limits.max_parts} 个的上限")
    total = 0
    for info in infos:
        check_zip_member(info, limits)
        total += info.file_size
        if total > limits.max_total_bytes:
            raise FileLimitError(f"压缩包解压后超过 {_size(limits.max_total_bytes)} 的上限")


def check_zip_member(info: zipfile.ZipInfo, limits: ZipLimits) -> None:
    """Refuse the part ``info`` of a ZIP when it is over ``limits`` (its compression method,
    its size as inflated, its compression ratio)."""
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise FileLimitError(
            f"压缩包中的“{info.filename}”使用了不支持的压缩方式（编号 {info.compress_type}），"
            "请用 Word/WPS/Excel 重新保存后再上传"
        )
    if info.file_size > limits.max_part_bytes:
        raise FileLimitError(
            f"压缩包中的“{info.filename}”解压后有 {_size(info.file_size)}，"
            f"超过了 {_size(limits.max_part_bytes)} 的上限"
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FROM and ratio > limits.max_ratio:
        raise FileLimitError(
            f"压缩包中的“{info.filename}”压缩比异常（{ratio:.0f} 倍，"
            f"上限 {limits.max_ratio} 倍），疑似压缩炸弹，已拒绝读取"
        )


def check_text_size(length: int, what: str = "文件中的文字") -> None:
    """Refuse a report text of ``length`` characters over :data:`MAX_TEXT_CHARS`."""
    if length > MAX_TEXT_CHARS:
        raise FileLimitError(
            f"{what}有 {length:,} 个字符，超过了 {MAX_TEXT_CHARS:,} 个字符的上限"
            "（年报通常不到 5 万字）"
        )


def check_html_size(size: int) -> None:
    """Refuse a web page of ``size`` bytes over :data:`MAX_HTML_BYTES`."""
    if size > MAX_HTML_BYTES:
        raise FileLimitError(
            f"网页文件有 {size / _MB:.1f} MB，超过了 {MAX_HTML_BYTES // _MB} MB 的上限"
            "（一份年报的网页通常不到 1 MB）"
        )


def check_digit_runs(text: str) -> None:
    """Refuse a text holding a run of more than :data:`MAX_DIGIT_RUN` digits."""
    match = _DIGIT_RUN_RE.search(text)
    if match is None:
        return
    line = text.count("\n", 0, match.start()) + 1
    raise FileLimitError(
        f"第 {line} 行有一串 {match.end() - match.start():,} 位的数字，"
        f"超过了 {MAX_DIGIT_RUN} 位的上限，不像年报中的数字"
    )
