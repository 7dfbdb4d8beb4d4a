"""The Word renderer: the document reads back through the project's own Word reader.

The reader sees a horizontally merged cell once and the continuation of a vertically merged
cell as blank, so every cell reading back at its place proves the merged layout.
"""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from gongkai.domain.parsers import read_report_bytes, read_report_file
from gongkai.domain.parsers.docx import docx_text
from gongkai.domain.render import render_docx
from gongkai.domain.render.layout import section_layouts
from gongkai.domain.report.formats import (
    S3_APPLICANT_HEADER,
    S3_NOTE,
    S3_RESULTS_GROUP,
    SECTION_TITLES,
)
from gongkai.domain.report.model import Report
from gongkai.domain.report.samples import consistent_report
from report_cells import assert_same_cells
from shared_files import SEED_REPORT

SEED = SEED_REPORT

NARRATIVE = {
    "一": "2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。\n\n"
    "（一）主动公开。全年主动公开政府信息1200条。\n（二）依申请公开。按时答复。",
    "二": "",
    "三": "本年度收到的申请均已按期答复。",
    "四": "",
    "五": "主要问题：个别信息更新不够及时。\n\n改进措施：建立更新提醒。",
    "六": "本年度未收取信息处理费。",
}


def _seed() -> Report:
    return read_report_file(SEED)


def _sample() -> Report:
    report = consistent_report("2021", year=2023, org="示例县人民政府", seed=3)
    report.narrative = dict(NARRATIVE)
    return report


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _assert_reads_back(report: Report) -> Report:
    data = render_docx(report)
    assert data.startswith(b"PK\x03\x04")
    back = read_report_bytes(data, "x.docx")
    assert_same_cells(report, back)
    for numeral in SECTION_TITLES:
        # Paragraphs come back one per line: the same text, blank lines aside.
        assert _lines(back.narrative.get(numeral, "")) == _lines(
            report.narrative.get(numeral, "")
        ), numeral
    return back


def test_seed_report_reads_back() -> None:
    report = _seed()
    assert sum(v is not None for v in report.cells.values()) > 50
    back = _assert_reads_back(report)
    assert _lines(back.narrative["一"]) and _lines(back.narrative["五"])
    read = [k for k, v in report.cells.items() if v is not None]
    assert all(back.provenance[k] == "read" for k in read)


def test_sample_2021_reads_back_every_cell() -> None:
    report = _sample()
    assert all(report.get(k) is not None for k in report.spec.cell_keys)
    back = _assert_reads_back(report)
    assert all(back.provenance[k] == "read" for k in report.spec.cell_keys)
    assert not [f for f in back.findings if f.severity == "error"]


def test_sample_2019_reads_back_with_amount_in_yuan() -> None:
    report = consistent_report("2019", year=2020, seed=5)
    report.set("s2.procurement.amount_yuan", 251000)
    _assert_reads_back(report)


def test_missing_cells_are_blank() -> None:
    report = _sample()
    report.set("s3.granted.natural", None)
    report.set("s4.review.total", None)
    back = read_report_bytes(render_docx(report), "x.docx")
    assert back.get("s3.granted.natural") is None
    assert back.get("s4.review.total") is None
    assert back.get("s3.granted.total") == report.get("s3.granted.total")


def test_empty_report_renders() -> None:
    report = Report.empty("2021", 2023, "某某局")
    back = read_report_bytes(render_docx(report), "x.docx")
    assert back.format == "2021"
    assert all(back.get(k) is None for k in report.spec.cell_keys)


def test_document_layout() -> None:
    report = _sample()
    document = docx.Document(io.BytesIO(render_docx(report)))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == "示例县人民政府2023年政府信息公开工作年度报告"
    assert paragraphs[0].style is not None and paragraphs[0].style.name == "Title"
    headings = [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == list(SECTION_TITLES.values())
    expected_tables = sum(len(v) for v in section_layouts(report.spec).values())
    assert len(document.tables) == expected_tables
    for name, east_asian in (("Normal", "仿宋_GB2312"), ("Heading 1", "黑体")):
        r_fonts = document.styles[name].element.rPr.rFonts
        assert r_fonts.get(qn("w:eastAsia")) == east_asian
    # No table row breaks over two pages (its label would leave its figures behind).
    rows = [row for table in document.tables for row in table.rows]
    assert rows and all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)


def test_tables_follow_the_narrative_of_their_section() -> None:
    text = docx_text(render_docx(_sample()))
    titles = list(SECTION_TITLES.values())
    positions = [text.index(t) for t in titles]
    assert positions == sorted(positions)
    s2_heading = _sample().spec.s2_tables[0].heading
    assert positions[1] < text.index(s2_heading) < positions[2]
    assert positions[2] < text.index("本年度收到的申请均已按期答复") < text.index(S3_NOTE)
    assert text.index(S3_NOTE) < positions[3]
    # Merged cells print once: the header over seven columns, the results group over its rows.
    assert text.count(S3_APPLICANT_HEADER) == 1
    assert text.count(S3_RESULTS_GROUP) == 1
