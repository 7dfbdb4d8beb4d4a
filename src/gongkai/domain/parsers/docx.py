"""The text of a Word (.docx) report, for the plain-text reader.

The body is read in document order with python-docx: each paragraph is a line, each table
row a line of tab-separated cells. A merged cell is printed once: the rows' own ``<w:tc>``
elements are read rather than python-docx's grid (``row.cells`` repeats a horizontally
merged cell in every column it spans), and the continuation of a vertically merged cell
(``vMerge="continue"``) is left blank, since its text was printed in the row above.
A cell's paragraphs are joined by a space ("结果\\n纠正" → "结果 纠正"), which the label
matching ignores. Headers, footers, notes and text boxes are not read.

Before python-docx opens it, the archive is held to :data:`gongkai.domain.limits.DOCX_ZIP`
(a few hundred KB may inflate to gigabytes of XML).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TypeVar

import docx
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from gongkai.domain.limits import DOCX_ZIP, FileLimitError, check_zip

__all__ = ["DocxEmptyError", "DocxReadError", "docx_text", "is_docx"]

_DOCUMENT_PART = "word/document.xml"
_SDT, _TR = qn("w:sdt"), qn("w:tr")
_SDT_CONTENT, _V_MERGE, _VAL = qn("w:sdtContent"), qn("w:vMerge"), qn("w:val")
E = TypeVar("E", bound=BaseOxmlElement)


class DocxReadError(Exception):
    """A .docx whose text cannot be read (message in Chinese, without the file name)."""


class DocxEmptyError(DocxReadError):
    """A .docx that opens but holds no text in its body."""


def is_docx(data: bytes) -> bool:
    """``data`` (a ZIP archive) holds a Word document body; a ZIP that cannot be opened
    (a truncated .docx, say) raises :class:`DocxReadError`."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _DOCUMENT_PART in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise DocxReadError(
            "ZIP 压缩包（Word .docx 也是这种格式）已损坏或不完整，无法打开"
        ) from None


def _children(parent: BaseOxmlElement, kind: type[E] | tuple[type[E], ...]) -> Iterator[E]:
    """The children of ``parent`` of ``kind``, in order, looking inside content controls."""
    for child in parent.iterchildren():
        if isinstance(child, kind):
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, kind)


def _block_items(parent: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """Paragraphs and tables of ``parent`` in order."""
    return _children(parent, (CT_P, CT_Tbl))


def _paragraph_text(p: CT_P) -> str:
    return Paragraph(p, None).text  # type: ignore[arg-type]


def _cell_text(tc: CT_Tc) -> str:
    parts: list[str] = []
    for item in _block_items(tc):
        if isinstance(item, CT_P):
            parts.append(_paragraph_text(item))
        elif isinstance(item, CT_Tbl):  # a nested table: its rows, space-separated
            parts.extend(_table_lines(item))
    return " ".join(" ".join(part.split()) for part in parts if part.strip())


def _continues_above(tc: CT_Tc) -> bool:
    tc_pr = tc.tcPr
    if tc_pr is None:
        return False
    v_merge = tc_pr.find(_V_MERGE)
    return v_merge is not None and v_merge.get(_VAL, "continue") == "continue"


def _table_lines(tbl: CT_Tbl) -> list[str]:
    lines: list[str] = []
    for tr in tbl.iterchildren(_TR):
        # One entry per <w:tc>: a cell spanning several grid columns (which python-docx's
        # ``row.cells`` repeats in each of them) is printed once.
        cells = ["" if _continues_above(tc) else _cell_text(tc) for tc in _row_cells(tr)]
        lines.append("\t".join(cells).rstrip("\t"))
    return lines


def _row_cells(tr: BaseOxmlElement) -> Iterator[CT_Tc]:
    """The cells of a row, one per ``<w:tc>`` (also inside row-level content controls)."""
    return _children(tr, CT_Tc)


def docx_text(data: bytes) -> str:
    """The body text of the .docx ``data``: paragraphs as lines, table rows as tab-separated
    lines, merged cells once."""
    try:
        check_zip(data, DOCX_ZIP)
    except FileLimitError as exc:
        raise DocxReadError(str(exc)) from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises KeyError, BadZipFile, XMLSyntaxError, ValueError…
        raise DocxReadError("Word 文件已损坏或不是有效的 .docx 文件，无法打开") from None
    body = document.element.body
    lines: list[str] = []
    for item in _block_items(body):
        if isinstance(item, CT_Tbl):
            lines.extend(_table_lines(item))
        elif isinstance(item, CT_P):
            lines.append(_paragraph_text(item))
    text = "\n".join(lines)
    if not text.strip():
        raise DocxEmptyError("Word 文件中没有文字")
    return text
