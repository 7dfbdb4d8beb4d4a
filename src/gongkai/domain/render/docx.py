"""Word (.docx) rendering: the report as clerks publish it, tables in the official merged layout.

The document is A4 portrait: the title, the six sections (a heading, then the narrative
paragraphs, then the section's tables) and nothing else — the findings of the checks are
not part of a published report. Tables come from :mod:`gongkai.domain.render.layout`, the
same rowspan/colspan grid the HTML renderer prints, merged with python-docx's
``cell.merge``; data cells hold :func:`~gongkai.domain.render.layout.value_text` (an amount
in 元 with its unit), blank when missing.

Fonts follow the usual layout of government documents: 方正小标宋简体 for the title (Word
substitutes a font it has when it is not installed), 黑体 for section headings, 仿宋_GB2312
for the text and 宋体 in tables. A CJK font only applies when it is set as the east-asian
font (``w:eastAsia``) of the style, which python-docx's ``font.name`` does not do.

The document reads back through :func:`gongkai.domain.parsers.read_report_bytes`: every cell
and the narrative (tests/domain/test_render_docx.py).
"""

from __future__ import annotations

import io
import re

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

from gongkai.domain.render.layout import (
    TableLayout,
    expand,
    report_title,
    section_layouts,
    value_text,
)
from gongkai.domain.report.formats import SECTION_TITLES
from gongkai.domain.report.model import Report

__all__ = ["DOCX_CONTENT_TYPE", "render_docx"]

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

_TABLE_STYLE = "年报表格文字"
_A4_WIDTH, _A4_HEIGHT = Cm(21.0), Cm(29.7)
_BODY_SIZE = Pt(16)  # 三号
_TABLE_SIZE = Pt(9)  # 小五: fifteen columns across a portrait page
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _set_fonts(style: ParagraphStyle, east_asian: str, size: Pt, *, bold: bool = False) -> None:
    """Latin and east-asian font of ``style``; theme fonts, which would win, are removed."""
    style.font.name = LATIN_FONT
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in _THEME_FONT_ATTRS:
        r_fonts.attrib.pop(qn(attr), None)
    r_fonts.set(qn("w:eastAsia"), east_asian)


def _paragraph_style(document: Document, name: str) -> ParagraphStyle:
    style = document.styles[name]
    assert isinstance(style, ParagraphStyle)
    return style


def _setup(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = _A4_WIDTH, _A4_HEIGHT
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)

    # Chinese as the east-asian language (the default template says en-US), for line breaking
    # and punctuation.
    lang = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}"
    )
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")

    normal = _paragraph_style(document, "Normal")
    _set_fonts(normal, BODY_FONT, _BODY_SIZE)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)

    title = _paragraph_style(document, "Title")
    _set_fonts(title, TITLE_FONT, Pt(22))
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(16)
    title.paragraph_format.line_spacing = Pt(36)
    p_pr = title.element.pPr
    if p_pr is not None:  # the default template draws a rule under the title
        for border in p_pr.findall(qn("w:pBdr")):
            p_pr.remove(border)

    heading = _paragraph_style(document, "Heading 1")
    _set_fonts(heading, HEADING_FONT, _BODY_SIZE)
    heading.paragraph_format.space_before = Pt(8)
    heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.first_line_indent = Pt(32)
    heading.paragraph_format.line_spacing = Pt(28)

    cell_text = document.styles.add_style(_TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(cell_text, ParagraphStyle)
    cell_text.base_style = normal
    _set_fonts(cell_text, TABLE_FONT, _TABLE_SIZE)
    cell_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cell_text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell_text.paragraph_format.first_line_indent = Pt(0)


def _narrative(document: Document, text: str) -> None:
    """One Word paragraph per block (blank-line separated, as the HTML renderer splits);
    single line breaks inside a block stay line breaks."""
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if block:
            paragraph = document.add_paragraph(block)
            paragraph.paragraph_format.first_line_indent = Pt(32)
            paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _table(document: Document, report: Report, layout: TableLayout) -> None:
    rows = layout.head + layout.body
    table = document.add_table(rows=len(rows), cols=layout.width)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    style_id = document.styles[_TABLE_STYLE].style_id
    # The cells of the unmerged grid, taken once (``table.cell()`` walks the whole table on
    # every call). Merging first, on empty cells, then writing: merging cells that hold text
    # joins their paragraphs.
    cells = [list(row.cells) for row in table.rows]
    for row in table.rows:
        # A row is never split over two pages (w:cantSplit): a label whose lines ran on to
        # the next page would be cut from its figures, for the reader and for a PDF reader.
        row._tr.get_or_add_trPr().insert_element_before(
            OxmlElement("w:cantSplit"), "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc"
        )
    for i, line in enumerate(expand(rows, layout.width)):
        for j, cell in enumerate(line):
            if cell is None:
                continue
            target = cells[i][j]
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(cells[i + cell.rowspan - 1][j + cell.colspan - 1])
            if cell.key is not None:
                text = value_text(report, cell.key)
                alignment = WD_ALIGN_PARAGRAPH.RIGHT
            else:
                text = cell.text
                alignment = (
                    WD_ALIGN_PARAGRAPH.LEFT
                    if i >= len(layout.head) and cell.rowspan == 1
                    else WD_ALIGN_PARAGRAPH.CENTER
                )
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = target.paragraphs[0]
            # The style by id: ``paragraph.style = …`` looks the default style up every time.
            paragraph._p.get_or_add_pPr().style = style_id
            paragraph.alignment = alignment
            if text:
                paragraph.add_run(text)


def render_docx(report: Report) -> bytes:
    """The report as a Word document (.docx bytes): title, the six sections with their
    narrative, tables 二/三/四 after the narrative of their section."""
    document = docx.Document()
    _setup(document)
    document.core_properties.title = report_title(report)
    document.core_properties.language = "zh-CN"
    document.add_paragraph(report_title(report), style="Title")
    layouts = section_layouts(report.spec)
    for numeral, title in SECTION_TITLES.items():
        document.add_paragraph(title, style="Heading 1")
        _narrative(document, report.narrative.get(numeral, ""))
        for layout in layouts.get(numeral, ()):
            _table(document, report, layout)
            document.add_paragraph()  # keeps consecutive tables apart (Word would join them)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
