"""The text of a catalog item's attachment, for search (issue 13): each readable type, files
without text, unsupported and damaged files, and the bounds (characters kept, PDF pages, ZIP
limits, the sandbox's limits). Real files, made here or taken from the shared fixtures."""

from __future__ import annotations

import io
import zipfile

import pypdfium2 as pdfium
import pytest
from docx import Document
from openpyxl import Workbook
from tests.sample_files import blank_pdf
from tests.shared_files import FIXTURE_DIR

from gongkai.domain.catalog.attachment_text import (
    EXTRACTED,
    FAILED,
    NO_TEXT,
    TOO_LARGE,
    UNSUPPORTED,
    extract_text,
    extract_text_isolated,
    fold_for_search,
)
from gongkai.domain.limits import MAX_PDF_PAGES
from gongkai.domain.sandbox import SandboxLimits

REPORT_PDF = FIXTURE_DIR / "001.pdf"


def _docx(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "补贴名单"
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


_OFD_NS = "http://www.ofdspec.org/2016"


def _ofd(pages: list[list[str]]) -> bytes:
    """A minimal OFD (GB/T 33190): OFD.xml → Doc_0/Document.xml → Pages/Page_N/Content.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0">'
            "<ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_list = "".join(
            f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
            for i in range(len(pages))
        )
        archive.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_OFD_NS}">'
            f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>",
        )
        for i, lines in enumerate(pages):
            codes = "".join(
                f'<ofd:TextObject ID="{i}{j}"><ofd:TextCode X="0" Y="{j * 10}">{line}'
                "</ofd:TextCode></ofd:TextObject>"
                for j, line in enumerate(lines)
            )
            archive.writestr(
                f"Doc_0/Pages/Page_{i}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_OFD_NS}">'
                f"<ofd:Content><ofd:Layer>{codes}</ofd:Layer></ofd:Content></ofd:Page>",
            )
    return out.getvalue()


# -- each type -----------------------------------------------------------------------------------


def test_pdf_text_layer_is_extracted_and_folded() -> None:
    result = extract_text(REPORT_PDF.read_bytes(), "年报.pdf")
    assert result.status == EXTRACTED
    assert result.note == ""
    assert "淮安市人民政府 2024 年政府信息公开工作年度报告" in result.text
    assert "\n" not in result.text


def test_scanned_pdf_has_no_text() -> None:
    result = extract_text(blank_pdf(3), "扫描件.pdf")
    assert (result.status, result.text) == (NO_TEXT, "")
    assert "扫描件" in result.note


def test_docx_paragraphs_and_tables() -> None:
    data = _docx("关于印发农村危房改造补助办法的通知", "各乡镇人民政府：", table=[["户主", "补助"]])
    result = extract_text(data, "通知.docx")
    assert result.status == EXTRACTED
    assert "关于印发农村危房改造补助办法的通知" in result.text
    assert "户主 补助" in result.text or "户主补助" in result.text


def test_empty_docx_has_no_text() -> None:
    assert extract_text(_docx(), "空白.docx").status == NO_TEXT


def test_xlsx_cells() -> None:
    data = _xlsx([["姓名", "补贴金额"], ["张三丰", 1200], [None, None]])
    result = extract_text(data, "名单.xlsx")
    assert result.status == EXTRACTED
    assert "补贴名单" in result.text and "张三丰 1200" in result.text


def test_empty_xlsx_has_no_text() -> None:
    assert extract_text(_xlsx([]), "空.xlsx").status == NO_TEXT


def test_ofd_text_codes_in_page_order() -> None:
    data = _ofd([["关于做好秋冬季", "森林防火工作的通知"], ["第二页的内容"]])
    result = extract_text(data, "通知.ofd")
    assert result.status == EXTRACTED
    # a line cut inside a sentence is joined again: the phrase is found across the break
    assert "秋冬季森林防火工作" in result.text
    assert result.text.index("森林防火") < result.text.index("第二页")


def test_ofd_without_document_fails_with_a_reason() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("OFD.xml", f'<ofd:OFD xmlns:ofd="{_OFD_NS}"/>')
    result = extract_text(out.getvalue(), "坏.ofd")
    assert result.status == FAILED
    assert "DocRoot" in result.note


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-8-sig", "utf-16"])
def test_plain_text_in_each_encoding(encoding: str) -> None:
    data = "政府信息公开指南\n第一章 总则".encode(encoding)
    result = extract_text(data, "指南.txt")
    assert (result.status, result.text) == (EXTRACTED, "政府信息公开指南第一章总则")


def test_web_page() -> None:
    page = "<html><body><h1>征收补偿方案</h1><p>公示期为三十日</p></body></html>"
    result = extract_text(page.encode(), "方案.html")
    assert result.status == EXTRACTED
    assert "征收补偿方案" in result.text and "公示期为三十日" in result.text


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("照片.jpg", b"\xff\xd8\xff\xe0" + bytes(100)),
        ("照片.png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
        ("旧文件.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)),
        ("旧表格.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)),
        ("打包.zip", b"PK\x05\x06" + bytes(18)),
    ],
)
def test_unsupported_types_say_why(name: str, data: bytes) -> None:
    result = extract_text(data, name)
    assert (result.status, result.text) == (UNSUPPORTED, "")
    assert result.note


@pytest.mark.parametrize(
    ("name", "data"),
    [("坏.pdf", b"%PDF-1.7 broken"), ("坏.docx", b"PK\x03\x04broken"), ("坏.xlsx", b"PK\x03\x04x")],
)
def test_damaged_files_fail_with_a_chinese_note(name: str, data: bytes) -> None:
    result = extract_text(data, name)
    assert (result.status, result.text) == (FAILED, "")
    assert "损坏" in result.note


# -- bounds ----------------------------------------------------------------------------------------


def test_long_text_is_cut_to_the_characters_kept() -> None:
    result = extract_text(("公开" * 1000).encode(), "长.txt", max_chars=500)
    assert result.status == EXTRACTED
    assert len(result.text) == 500
    assert "只保留了前 500 个字" in result.note


def test_pdf_pages_beyond_the_limit_are_not_read() -> None:
    source = pdfium.PdfDocument(REPORT_PDF.read_bytes())
    document = pdfium.PdfDocument.new()
    while len(document) <= MAX_PDF_PAGES:
        document.import_pages(source)
    out = io.BytesIO()
    document.save(out)
    pages = len(document)
    document.close()
    source.close()
    result = extract_text(out.getvalue(), "汇编.pdf", max_chars=10_000_000)
    assert result.status == EXTRACTED
    assert result.note == f"PDF 有 {pages:,} 页，只读取了前 {MAX_PDF_PAGES} 页的文字"


def test_zip_bomb_is_too_large_before_inflating() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (30 * 1024 * 1024))
    result = extract_text(out.getvalue(), "炸弹.docx")
    assert (result.status, result.text) == (TOO_LARGE, "")
    assert "上限" in result.note


def test_isolated_extraction_gives_the_same_text() -> None:
    data = REPORT_PDF.read_bytes()
    assert extract_text_isolated(data, "年报.pdf") == extract_text(data, "年报.pdf")


def test_isolated_extraction_out_of_time_is_too_large() -> None:
    limits = SandboxLimits(cpu_seconds=5, memory_bytes=1024 * 1024 * 1024, wall_seconds=0.001)
    result = extract_text_isolated(REPORT_PDF.read_bytes(), "年报.pdf", limits=limits)
    assert (result.status, result.text) == (TOO_LARGE, "")
    assert "时间上限" in result.note


def test_fold_for_search() -> None:
    folded = fold_for_search(" 政府\n信息 \t公开  Open  Data\n\n第 3 条 ")
    assert folded == "政府信息公开 Open Data 第 3 条"
