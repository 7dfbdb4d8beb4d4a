"""PDF and Word (.docx) reports: their text goes through the plain-text reader.

Measured (pypdfium2 5.15.2, python-docx 1.2.0):

    001.pdf   200/200 truth cells equal, wrong 0; format 2021, year 2024, 淮安市人民政府.
              About 40 ms for extraction + parse (pdfplumber 0.11.10: 193/200, about 800 ms,
              so it was not kept).
    2021 template .docx filled with 001's figures   every truth cell equal, wrong 0.
    .docx built here (table 三 with merged header, label and group cells)   70/70 s3 cells.
    empty 2021 template .docx   format 2021, no cell read, all missing.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from typing import Any

import docx
import pytest
from docx.oxml import OxmlElement
from docx.table import Table, _Cell

from gongkai.domain.parsers import ReportReadError, read_report_bytes, read_report_file
from gongkai.domain.parsers.docx import docx_text
from gongkai.domain.report.formats import S3_COLUMN_KEYS, get_format
from gongkai.domain.report.model import PROVENANCE_MISSING, PROVENANCE_READ, Report
from sample_files import blank_pdf
from shared_files import SHARED_DIR

REPORT_PDF = SHARED_DIR / "fixtures" / "reports" / "001.pdf"
TEMPLATE_DOCX = SHARED_DIR / "fixtures" / "docx" / "annual-report-template-2021.docx"
TITLE = "淮安市人民政府2024年政府信息公开工作年度报告"


def _truth() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REPORT_PDF.with_suffix(".json").read_text("utf-8"))
    return data


def _wrong_and_missed(report: Report, cells: dict[str, Any]) -> tuple[list[str], list[str]]:
    wrong = [k for k, v in cells.items() if report.cells.get(k) not in (None, v)]
    missed = [k for k, v in cells.items() if report.cells.get(k) != v and k not in wrong]
    return wrong, missed


def _complete(report: Report) -> None:
    for key in get_format(report.format).cell_keys:
        expected = PROVENANCE_MISSING if report.cells[key] is None else PROVENANCE_READ
        assert report.provenance[key] == expected, key


def _printed(value: Any) -> str:
    return "" if value is None else str(value)


def _docx_bytes(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- PDF ----------------------------------------------------------------------------------------


def test_pdf_fixture_is_read_exactly() -> None:
    truth = _truth()
    data = REPORT_PDF.read_bytes()
    start = time.perf_counter()
    report = read_report_bytes(data, "001.pdf")
    elapsed = time.perf_counter() - start
    assert (report.format, report.year, report.org) == (
        truth["format"],
        truth["year"],
        truth["org"],
    )
    _complete(report)
    wrong, missed = _wrong_and_missed(report, truth["cells"])
    assert wrong == [] and missed == []
    assert len(truth["cells"]) == 200
    assert elapsed < 2.0  # about 0.04 s measured
    assert read_report_file(REPORT_PDF).to_dict() == report.to_dict()


def test_pdf_text_matches_the_extracted_fixture_text() -> None:
    """001.txt is this PDF's text: both readings give the same report."""
    from gongkai.domain.parsers import decode_report_bytes, parse_text

    text = decode_report_bytes(REPORT_PDF.read_bytes(), "001.pdf")
    assert TITLE[:6] in text and "\r" not in text
    fixture = REPORT_PDF.with_suffix(".txt").read_text("utf-8")
    assert parse_text(text).cells == parse_text(fixture).cells


def test_scanned_pdf_is_refused_with_one_line() -> None:
    with pytest.raises(ReportReadError) as info:
        read_report_bytes(blank_pdf(2), "扫描.pdf")
    message = str(info.value)
    assert "\n" not in message
    assert message == "无法读取“扫描.pdf”：PDF 中没有可提取的文字（可能是扫描件），请提供文本版"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7 fake",
        b"%PDF-1.4\n" + bytes(range(256)) * 8,
        REPORT_PDF.read_bytes()[:5000] if REPORT_PDF.exists() else b"%PDF-",
    ],
)
def test_corrupt_pdf_is_refused_with_one_line(data: bytes) -> None:
    with pytest.raises(ReportReadError) as info:
        read_report_bytes(data, "坏.pdf")
    message = str(info.value)
    assert "坏.pdf" in message and "PDF" in message and "\n" not in message


# -- Word (.docx) ---------------------------------------------------------------------------------


def _fill(cells: list[_Cell], values: list[Any]) -> None:
    for cell, value in zip(cells, values, strict=True):
        cell.text = _printed(value)


def _data_cells(table: Table, row: int, count: int) -> list[_Cell]:
    """The last ``count`` cells (<w:tc>) of a row: where the figures go."""
    tcs = table.rows[row]._tr.tc_lst
    return [_Cell(tc, table) for tc in tcs[-count:]]


def _filled_template() -> bytes:
    """The official 2021 Word template, filled with 001's figures as an office would."""
    cells = _truth()["cells"]
    fmt = get_format("2021")
    document = docx.Document(str(TEMPLATE_DOCX))
    title = next(p for p in document.paragraphs if "模板" in p.text)
    title.text = TITLE
    s2, s3, s4 = document.tables
    s2_rows = {"regulations": 2, "normative_docs": 3, "licensing": 6}
    s2_rows |= {"penalty": 9, "compulsion": 10, "fees": 13}
    for table in fmt.s2_tables:
        for row in table.rows:
            keys = [f"s2.{row.key}.{col.key}" for col in table.columns]
            _fill(_data_cells(s2, s2_rows[row.key], len(keys)), [cells.get(k) for k in keys])
    for index, s3row in enumerate(fmt.s3_rows, start=3):
        keys = [f"s3.{s3row.key}.{col}" for col in S3_COLUMN_KEYS]
        _fill(_data_cells(s3, index, len(keys)), [cells.get(k) for k in keys])
    keys = [k for k in fmt.cell_keys if k.startswith("s4.")]
    _fill(_data_cells(s4, 3, len(keys)), [cells.get(k) for k in keys])
    return _docx_bytes(document)


def test_filled_word_template_is_read_exactly() -> None:
    truth = _truth()
    report = read_report_bytes(_filled_template(), "淮安.docx")
    assert (report.format, report.year, report.org) == ("2021", 2024, "淮安市人民政府")
    _complete(report)
    wrong, missed = _wrong_and_missed(report, truth["cells"])
    assert wrong == [] and missed == []


def _built_docx() -> bytes:
    """A report written in Word from scratch: prose paragraphs and table 三 with merges."""
    cells = _truth()["cells"]
    fmt = get_format("2021")
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("一、总体情况")
    document.add_paragraph("2024年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = fmt.s3_rows
    table = document.add_table(rows=3 + len(rows), cols=10)
    # Header: the note over three rows and three columns, 申请人情况 over seven columns,
    # 法人或其他组织 over five, 自然人 and 总计 over two rows.
    table.cell(0, 0).merge(
        table.cell(2, 2)
    ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    table.cell(0, 3).merge(table.cell(0, 9)).text = "申请人情况"
    table.cell(1, 3).merge(table.cell(2, 3)).text = "自然人"
    table.cell(1, 4).merge(table.cell(1, 8)).text = "法人或其他组织"
    table.cell(1, 9).merge(table.cell(2, 9)).text = "总计"
    for col, label in enumerate(
        ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), 4
    ):
        table.cell(2, col).text = label
    results = [i for i, r in enumerate(rows, start=3) if r.in_results]
    table.cell(results[0], 0).merge(table.cell(results[-1], 0)).text = "三、本年度办理结果"
    groups: dict[str, list[int]] = {}
    for index, s3row in enumerate(rows, start=3):
        if s3row.group:
            groups.setdefault(s3row.group, []).append(index)
            table.cell(index, 2).text = s3row.label
        elif s3row.in_results:
            table.cell(index, 1).merge(table.cell(index, 2)).text = s3row.label
        else:
            table.cell(index, 0).merge(table.cell(index, 2)).text = s3row.label
        for col, key in enumerate(S3_COLUMN_KEYS, start=3):
            table.cell(index, col).text = _printed(cells.get(f"s3.{s3row.key}.{key}"))
    for group, indexes in groups.items():
        table.cell(indexes[0], 1).merge(table.cell(indexes[-1], 1)).text = group
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("个别信息更新不够及时。")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("本年度未收取信息处理费。")
    return _docx_bytes(document)


def test_built_docx_text_prints_merged_cells_once() -> None:
    text = docx_text(_built_docx())
    assert text.count("申请人情况") == 1
    assert text.count("法人或其他组织") == 1
    assert text.count("三、本年度办理结果") == 1
    assert text.count("（三）不予公开") == 1
    assert "\t（二）部分公开" in text  # the results label continues: blank, not repeated


def _in_content_control(element: Any) -> None:
    """Move ``element`` into a content control (``<w:sdt>``) standing where it stood."""
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    element.addprevious(sdt)
    sdt.append(content)
    content.append(element)


def test_docx_text_reads_inside_content_controls() -> None:
    document = docx.Document()
    document.add_paragraph("控件前的段落")
    _in_content_control(document.add_paragraph("控件内的段落")._p)
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("甲", "乙", "丙"), strict=True):
        cell.text = text
    _in_content_control(table.rows[0]._tr.tc_lst[1])  # a row-level control around a cell
    _in_content_control(table._tbl)  # and a block-level one around the table
    assert docx_text(_docx_bytes(document)).splitlines() == [
        "控件前的段落",
        "控件内的段落",
        "甲\t乙\t丙",
    ]


def test_built_docx_table_three_is_read() -> None:
    cells = _truth()["cells"]
    report = read_report_bytes(_built_docx(), "自制.docx")
    assert (report.format, report.year, report.org) == ("2021", 2024, "淮安市人民政府")
    _complete(report)
    s3 = {k: v for k, v in cells.items() if k.startswith("s3.")}
    assert len(s3) == 175
    wrong, missed = _wrong_and_missed(report, s3)
    assert wrong == [] and missed == []
    assert report.narrative["五"] == "个别信息更新不够及时。"
    assert not any(k.startswith("s2.") and v is not None for k, v in report.cells.items())


def test_empty_word_template_reads_as_2021_with_every_cell_missing() -> None:
    report = read_report_file(TEMPLATE_DOCX)
    assert report.format == "2021"
    _complete(report)
    assert all(value is None for value in report.cells.values())
    assert set(report.provenance.values()) == {PROVENANCE_MISSING}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"PK\x03\x04rest", "ZIP"),
        (TEMPLATE_DOCX.read_bytes()[:4000] if TEMPLATE_DOCX.exists() else b"PK\x03\x04", "ZIP"),
    ],
)
def test_corrupt_docx_is_refused_with_one_line(data: bytes, words: str) -> None:
    with pytest.raises(ReportReadError) as info:
        read_report_bytes(data, "坏.docx")
    message = str(info.value)
    assert "坏.docx" in message and words in message and "\n" not in message


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_docx_with_a_broken_body_is_refused_with_one_line() -> None:
    data = _zip({"word/document.xml": b"<not xml", "[Content_Types].xml": b"<x/>"})
    with pytest.raises(ReportReadError) as info:
        read_report_bytes(data, "坏.docx")
    message = str(info.value)
    assert "Word" in message and "\n" not in message


def test_other_zip_is_refused_naming_what_is_read() -> None:
    with pytest.raises(ReportReadError) as info:
        read_report_bytes(_zip({"xl/workbook.xml": b"<x/>"}), "表.xlsx")
    message = str(info.value)
    assert "PDF、Word（.docx）、网页（.html/.htm）、文本或年报 JSON" in message
    assert "\n" not in message


# -- the command line -----------------------------------------------------------------------------


def test_cli_checks_a_pdf() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gongkai", "report", "check", str(REPORT_PDF)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "淮安市人民政府" in result.stdout


def test_pdf_fixture_reports_its_truth_findings_and_no_other_error() -> None:
    """The PDF fixture's truth names no finding: read and checked, it has no error."""
    from gongkai.domain.report.rules import check

    assert _truth()["expected_findings"] == []
    report = check(read_report_bytes(REPORT_PDF.read_bytes(), "001.pdf"))
    assert report.errors == []
