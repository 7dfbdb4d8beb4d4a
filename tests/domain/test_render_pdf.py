"""The PDF engine: Word documents converted by the real LibreOffice of this machine, read back
with pypdfium2 (text) and the platform's own PDF reader (every cell of the report)."""

from __future__ import annotations

import ctypes
import io
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from gongkai.domain.parsers import read_report_bytes, read_report_file
from gongkai.domain.parsers.pdf import pdf_text
from gongkai.domain.render import render_docx
from gongkai.domain.render.pdf import (
    SOFFICE_ENV,
    PdfConversionError,
    PdfEngineMissing,
    docx_to_pdf,
    fontconfig_file,
    render_pdf,
)
from gongkai.domain.report.samples import consistent_report
from report_cells import assert_same_cells
from shared_files import SEED_REPORT

#: The official font names of government documents, each with a line in it.
OFFICIAL_FONTS = ("方正小标宋简体", "仿宋_GB2312", "宋体", "黑体", "楷体_GB2312")


def _letter(lines: dict[str, str]) -> bytes:
    """A Word document with one paragraph per (east-asian font, text); Latin letters in Times
    New Roman, as the platform's documents set them."""
    document = docx.Document()
    for font, text in lines.items():
        run = document.add_paragraph().add_run(text)
        run.font.size = Pt(16)
        run.font.name = "Times New Roman"
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf_text(data: bytes) -> str:
    """The text layer of the PDF without white space (LibreOffice sets a narrow space between
    Chinese and Latin letters or digits, which reads back as a space)."""
    pdf = pdfium.PdfDocument(data)
    return "".join("".join(page.get_textpage().get_text_range().split()) for page in pdf)


def _fonts(data: bytes) -> set[tuple[str, bool]]:
    """(base font name, embedded) of every font the text of the PDF is drawn with."""
    found: set[tuple[str, bool]] = set()
    for page in pdfium.PdfDocument(data):
        for obj in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_TEXT]):
            font = pdfium_raw.FPDFTextObj_GetFont(obj.raw)
            size = pdfium_raw.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            pdfium_raw.FPDFFont_GetBaseFontName(font, name, size)
            embedded = bool(pdfium_raw.FPDFFont_GetIsEmbedded(font))
            found.add((name.value.decode(), embedded))
    return found


def test_seed_report_pdf_has_every_cell() -> None:
    """The seed's report as PDF reads back through the platform's PDF reader: every cell of
    the official tables (blanks included), the body, the year and the narrative."""
    seed = read_report_file(SEED_REPORT)
    pdf = render_pdf(seed)
    assert pdf.startswith(b"%PDF-")
    back = read_report_bytes(pdf, "seed.pdf")
    assert_same_cells(seed, back)
    assert sum(v is not None for v in seed.cells.values()) > 70
    assert "2019年共发布各类信息1340余条" in "".join(back.narrative["一"].split())


@pytest.mark.parametrize(("fmt", "seed", "words"), [("2019", 1, 40), ("2021", 5, 0)])
def test_complete_reports_read_back_every_cell(fmt: str, seed: int, words: int) -> None:
    """A report with every cell filled, its tables falling at different places on the pages
    (narratives of different lengths): no row is split over two pages (Word's
    ``w:cantSplit``), and an amount in 元 reads back although LibreOffice sets a gap between
    its digits and 元."""
    report = consistent_report(fmt, year=2023, org="某某县教育局", seed=seed)
    report.narrative = dict.fromkeys("一二三四五六", "本机关认真贯彻落实条例。" * words)
    assert all(report.get(key) is not None for key in report.spec.cell_keys)
    back = read_report_bytes(render_pdf(report), "x.pdf")
    assert_same_cells(report, back)


def test_an_amount_apart_from_its_unit_is_one_cell() -> None:
    """LibreOffice's "14元" has a gap PDFium reads as a space; the reader joins them."""
    pdf = docx_to_pdf(_letter({"宋体": "本年度政府集中采购总金额14元，另计2.5万元，均已公开。"}))
    assert "14 元" in pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
    text = pdf_text(pdf)
    assert "14元" in text and "2.5万元" in text


def test_official_font_names_become_embedded_noto_cjk() -> None:
    """Text set in the Windows font names of government documents comes out in Noto CJK,
    embedded, and searchable (the text layer gives every character back)."""
    lines = {font: f"{font}：依申请公开政府信息答复书" for font in OFFICIAL_FONTS}
    pdf = docx_to_pdf(_letter(lines))
    text = _pdf_text(pdf)
    for line in lines.values():
        assert line in text
    fonts = _fonts(pdf)
    assert fonts, "no text object"
    assert all(embedded for _name, embedded in fonts), fonts
    # serif faces (仿宋, 宋体, 小标宋, 楷体) and the sans face (黑体); no DejaVu fallback
    assert {"Serif" in name for name, _e in fonts} == {True, False}
    assert all("CJK" in name for name, _e in fonts), fonts


def test_fontconfig_file_aliases_every_official_name() -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig_file())}
    for font in OFFICIAL_FONTS:
        family = subprocess.run(
            ["fc-match", "-f", "%{family[0]}", font],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout
        assert family == ("Noto Sans CJK SC" if font == "黑体" else "Noto Serif CJK SC"), font


def test_concurrent_conversions_do_not_clash() -> None:
    """Three conversions at once, each with its own LibreOffice profile, all succeed."""
    documents = [_letter({"仿宋_GB2312": f"第{n}号告知书"}) for n in range(3)]
    with ThreadPoolExecutor(3) as pool:
        pdfs = list(pool.map(docx_to_pdf, documents))
    for n, pdf in enumerate(pdfs):
        assert f"第{n}号告知书" in _pdf_text(pdf)


def test_missing_engine_is_one_chinese_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    nowhere = tmp_path / "libreoffice" / "soffice"
    monkeypatch.setenv(SOFFICE_ENV, str(nowhere))
    with pytest.raises(PdfEngineMissing) as caught:
        render_pdf(read_report_file(SEED_REPORT))
    message = str(caught.value)
    assert message.startswith("未安装 PDF 转换程序 LibreOffice（")
    assert str(nowhere) in message and SOFFICE_ENV in message
    assert message.endswith("Word 文件仍可下载") and "\n" not in message
    assert isinstance(caught.value, ValueError)


def test_a_program_that_is_no_engine_fails_clearly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A configured program that runs but writes no PDF (here ``false``) is a conversion
    error, not a missing engine."""
    monkeypatch.setenv(SOFFICE_ENV, "false")
    with pytest.raises(PdfConversionError) as caught:
        docx_to_pdf(_letter({"宋体": "正文"}))
    assert not isinstance(caught.value, PdfEngineMissing)
    assert "LibreOffice 未能把 Word 文件转换为 PDF" in str(caught.value)


def test_only_word_documents_go_in() -> None:
    for data in (b"plain text", b"PK\x03\x04 broken zip", _zip_without_document()):
        with pytest.raises(PdfConversionError, match=r"不是 Word（\.docx）文件"):
            docx_to_pdf(data)


def _zip_without_document() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def test_timeout_stops_the_conversion() -> None:
    with pytest.raises(PdfConversionError, match="PDF 转换超时"):
        docx_to_pdf(render_docx(read_report_file(SEED_REPORT)), timeout=0.05)
