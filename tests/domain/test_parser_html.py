"""The web-page reader (issue 11, item 1): a report published as HTML reads as it is.

The seed is rendered by the platform's own HTML renderer (the official merged layout) and read
back; then the same page as a government site publishes it — GB18030 declared as GB2312,
inside navigation, a sidebar of links, layout tables and a footer full of digits — and split
over several tables. Every cell of the seed must come back, blanks included.
"""

from __future__ import annotations

import codecs
import copy
import html
import re
from pathlib import Path

import pytest
from lxml import etree

from gongkai.domain.limits import MAX_HTML_BYTES, MAX_HTML_DEPTH
from gongkai.domain.parsers import (
    REPORT_SUFFIXES,
    ReportReadError,
    decode_report_bytes,
    read_report_bytes,
    read_report_file,
)
from gongkai.domain.parsers.html import decode_html, html_text, is_html
from gongkai.domain.render.html import render_html_document
from gongkai.domain.report.model import Report
from gongkai.domain.report.rules import check
from gongkai.domain.report.samples import consistent_report
from report_cells import assert_same_cells
from shared_files import FIXTURE_DIR, SEED_REPORT

NAV = """<div class="top-nav"><ul>
<li><a href="/">首页</a></li><li><a href="/1">1 政务公开</a></li>
<li><a href="/2">2 政府信息公开年报 2019</a></li><li><a href="/3">3 互动交流 12345</a></li>
</ul></div>
<nav><a href="/a">2020年</a> <a href="/b">2019年</a> <a href="/c">2018年</a></nav>"""
SIDEBAR = """<table class="left"><tr><td><a href="/x1">2019年政府信息公开工作年度报告</a></td></tr>
<tr><td><a href="/x2">2018年 123 件</a></td></tr><tr><td><a href="/x3">主动公开 45 条</a></td></tr>
</table>"""
FOOTER = """<div id="footer"><p>主办：中宁县人民政府办公室 电话：0955-1234567</p>
<p>网站标识码 6405210001 宁ICP备 05001234 号 访问量 20191231</p></div>
<script>var n = 2019; document.write("一、总体情况 1 2 3");</script>
<style>td { color: #123456 }</style>"""


@pytest.fixture(scope="module")
def seed() -> Report:
    return read_report_file(SEED_REPORT)


def _body(page: str) -> str:
    return page[page.index("<body>") + len("<body>") : page.index("</body>")]


def _site_page(content: str, charset: str = "gb2312") -> str:
    """``content`` as a government site publishes it: old layout tables around it."""
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>徐套乡2019年政府信息公开工作年度报告_中宁县人民政府</title>
<link rel="stylesheet" href="/css/site.css"></head>
<body>{NAV}
<table width="1000" class="layout"><tr>
<td width="200" valign="top">{SIDEBAR}</td>
<td width="800" valign="top"><div class="article">{content}</div></td>
</tr></table>
{FOOTER}</body></html>"""


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_the_seed_rendered_by_the_platform_reads_back(seed: Report) -> None:
    assert sum(v is not None for v in seed.cells.values()) > 50
    page = render_html_document(seed).encode("utf-8")
    back = read_report_bytes(page, "徐套乡2019.html")
    assert_same_cells(seed, back)
    read = [k for k, v in seed.cells.items() if v is not None]
    assert all(back.provenance[k] == "read" for k in read)
    for numeral in ("一", "五", "六"):
        assert _lines(back.narrative.get(numeral, "")) == _lines(seed.narrative.get(numeral, ""))


def _fullwidth_cells(page: str) -> str:
    """Cells as typed on Chinese sites: full-width digits, &nbsp; padding, a trailing <br>."""
    wide = str.maketrans("0123456789", "０１２３４５６７８９")

    def cell(match: re.Match[str]) -> str:
        return f"{match.group(1)}&nbsp;{match.group(2).translate(wide)}&nbsp;<br></td>"

    return re.sub(r'(<td class="cell[^"]*" data-key="[^"]+"[^>]*>)(\d+)</td>', cell, page)


def test_the_seed_as_a_gb2312_site_page_gives_the_seeds_cells(seed: Report) -> None:
    """GB18030 bytes declared GB2312 (with a character GB2312/GBK lack), wrapped in the site's
    navigation (digits in the menu), a sidebar table of links, layout tables and a footer."""
    content = _fullwidth_cells(_body(render_html_document(seed)))
    content = content.replace("一、总体情况</h2>", "一、总体情况</h2><p>联系人：王䶮。</p>", 1)
    page = _site_page(content).encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        page.decode("gbk")
    text = decode_report_bytes(page, "nianbao.htm")
    assert "王䶮" in text
    for chrome in ("首页", "0955-1234567", "document.write", "#123456", "2018年 123 件"):
        assert chrome not in text
    back = read_report_bytes(page, "nianbao.htm")
    assert_same_cells(seed, back)
    assert "宁ICP备" not in back.narrative.get("六", "")


def _split_tables(page: str, *, repeat_head: bool) -> str:
    """Each report table cut in two ``<table>`` elements at a body row no merged cell crosses,
    with a line between them (and the header rows again, as Word repeats them on the next
    page), as long tables are published page by page."""
    root = etree.fromstring(page, etree.HTMLParser())
    for table in list(root.iter("table")):
        rows = list(table.find("tbody"))
        crossing = set()
        for i, row in enumerate(rows):
            for cell in row:
                crossing.update(range(i + 1, i + int(cell.get("rowspan", "1"))))
        cut = next(i for i in range(len(rows) // 2, len(rows)) if i not in crossing)
        second = etree.Element("table")
        if repeat_head:
            second.append(copy.deepcopy(table.find("thead")))
        tbody = etree.SubElement(second, "tbody")
        for row in rows[cut:]:
            tbody.append(row)
        note = etree.Element("p")
        note.text = "（续表）"
        table.addnext(note)
        note.addnext(second)
    return etree.tostring(root, encoding="unicode", method="html")


@pytest.mark.parametrize("repeat_head", [False, True], ids=["continued", "header-repeated"])
@pytest.mark.parametrize("which", ["seed", "2019", "2021"])
def test_a_table_split_over_two_tables_reads_as_one(
    seed: Report, which: str, repeat_head: bool
) -> None:
    report = seed if which == "seed" else consistent_report(which, year=int(which), seed=5)
    whole = render_html_document(report)
    page = _split_tables(whole, repeat_head=repeat_head)
    assert page.count("<table") == 2 * whole.count("<table")
    assert_same_cells(report, read_report_bytes(page.encode(), "split.html"))


def test_report_tables_nested_in_layout_tables(seed: Report) -> None:
    """Each report table inside a layout table's cell, beside a table of links; the whole
    article inside another layout table: only the innermost tables are data."""
    content = _body(render_html_document(seed))
    content = re.sub(
        r"(<table class=\"report-table.*?</table>)",
        rf'<table class="frame"><tr><td>\1</td><td>{SIDEBAR}</td></tr></table>',
        content,
        flags=re.S,
    )
    page = f"<html><body><table><tr><td>{content}</td></tr></table></body></html>"
    assert_same_cells(seed, read_report_bytes(page.encode(), "nested.html"))


def test_colspan_printed_once_and_rowspan_continued_blank() -> None:
    page = b"""<html><body><table><caption>Title</caption>
    <tr><td rowspan="2">A</td><td colspan="2">B</td><td>C</td></tr>
    <tr><td>1</td><td>2<br>3</td><td rowspan="2">4</td></tr>
    <tr><td>x</td><td>y</td><td>z</td></tr>
    </table></body></html>"""
    assert html_text(page).text.split("\n") == ["Title", "A\tB\tC", "\t1\t2 3\t4", "x\ty\tz"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # A page declared UTF-8 whose bytes are GB18030 (re-saved by a CMS).
        ('<meta charset="utf-8"><p>年度报告</p>'.encode("gb18030"), "年度报告"),
        # Declared GB2312, really UTF-8: UTF-8 decodes cleanly, GB18030 would give garbage.
        ('<meta charset="gb2312"><p>年度报告</p>'.encode(), "年度报告"),
        # A UTF-8 byte-order mark before GB18030 bytes.
        (codecs.BOM_UTF8 + "<p>年度报告</p>".encode("gb18030"), "年度报告"),
        # An unknown charset, UTF-16 with its mark, nothing declared at all.
        ('<meta charset="x-nonsense"><p>年度报告</p>'.encode("gb18030"), "年度报告"),
        ("<p>年度报告</p>".encode("utf-16"), "年度报告"),
        ("<p>年度报告</p>".encode("gb18030"), "年度报告"),
        # A template's default Western charset, or UTF-16 declared in ASCII-readable bytes.
        ('<meta charset="iso-8859-1"><p>年度报告</p>'.encode("gb18030"), "年度报告"),
        ('<meta charset="windows-1252"><p>年度报告</p>'.encode(), "年度报告"),
        ('<meta charset="utf-16"><p>年度报告</p>'.encode("gb18030"), "年度报告"),
        # Cut off inside the last character (a crawl stopped short), UTF-8 and GB18030.
        ('<meta charset="utf-8"><p>年度报告'.encode()[:-1], "年度报"),
        ('<meta charset="gbk"><p>年度报告'.encode("gb18030")[:-1], "年度报"),
    ],
    ids=[
        "meta-utf8-lies",
        "meta-gb2312-lies",
        "bom-lies",
        "unknown",
        "utf16",
        "undeclared",
        "meta-latin1-lies",
        "meta-cp1252-lies",
        "meta-utf16-lies",
        "cut-utf8",
        "cut-gb18030",
    ],
)
def test_lying_or_missing_declarations_decode_cleanly(data: bytes, expected: str) -> None:
    assert expected in decode_html(data).text
    assert html_text(data).text == expected


def test_a_lying_meta_on_the_seed_page_still_gives_its_cells(seed: Report) -> None:
    page = render_html_document(seed).encode("gb18030")  # still says <meta charset="utf-8">
    assert b'charset="utf-8"' in page
    assert_same_cells(seed, read_report_bytes(page, "seed.html"))


def test_a_web_page_that_is_not_a_report_is_not_recognised() -> None:
    page = _site_page("<h1>关于召开2019年春季运动会的通知</h1><p>各单位：定于4月1日举行。</p>")
    with pytest.raises(ReportReadError, match="未被识别为政府信息公开工作年度报告"):
        read_report_bytes(page.encode("gb18030"), "tongzhi.html")


def test_what_counts_as_a_web_page() -> None:
    assert is_html(b"\n<!DOCTYPE html><html><body></body></html>")
    assert is_html("\ufeff<html><body>x</body></html>".encode("utf-16"))
    assert is_html(b"saved page\n<p>x</p>", "a.htm")
    assert not is_html("一、总体情况 <http://www.gov.cn>".encode(), "a.txt")
    assert not is_html("一、总体情况\n".encode(), "a.html")  # a text named .html is text
    assert {".html", ".htm"} <= set(REPORT_SUFFIXES)


def test_limits_before_work() -> None:
    big = b"<html><body>" + b"<p>x</p>" * (MAX_HTML_BYTES // 8) + b"</body></html>"
    with pytest.raises(ReportReadError, match="MB 的上限"):
        decode_report_bytes(big, "big.html")
    deep = b"<html><body>" + b"<div>" * (MAX_HTML_DEPTH + 10) + b"x" + b"</body></html>"
    with pytest.raises(ReportReadError, match="嵌套"):
        decode_report_bytes(deep, "deep.html")


def test_no_entity_expansion_and_no_file_read() -> None:
    """A DOCTYPE declaring entities (a billion-laughs bomb, an external file) expands nothing."""
    laughs = "".join(
        f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10 if i else "lol"}">' for i in range(10)
    )
    page = (
        f'<!DOCTYPE html [{laughs}<!ENTITY xx SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>年度报告 &l9; &xx; &nbsp;完</p></body></html>"
    ).encode()
    text = decode_report_bytes(page, "bomb.html")
    assert "lol" not in text and "root:" not in text and len(text) < 200


def test_paragraphs_typeset_in_one_cell_tables_stay_paragraphs(seed: Report) -> None:
    """Old sites put the article's text in a table of one cell: it is read as paragraphs (one
    line each), not as one row of a data table."""
    page = re.sub(
        r"((?:<p>.*?</p>\n?)+)",
        r'<table width="100%"><tr><td class="content">\1</td></tr></table>',
        render_html_document(seed),
        flags=re.S,
    )
    back = read_report_bytes(page.encode(), "old-site.html")
    assert_same_cells(seed, back)
    for numeral in ("一", "五"):
        assert _lines(back.narrative[numeral]) == _lines(seed.narrative[numeral])


def test_a_span_is_read_as_browsers_read_it() -> None:
    page = b"""<table><tr><td rowspan="2px">A</td><td colspan=" 2">B</td><td colspan="x">C</td>
    </tr><tr><td>1</td><td>2</td><td>3</td></tr></table>"""
    assert html_text(page).text.split("\n") == ["A\tB\tC", "\t1\t2\t3"]


FIXTURE_TEXTS = [*sorted(FIXTURE_DIR.glob("*.txt")), SEED_REPORT]


@pytest.mark.parametrize("path", FIXTURE_TEXTS, ids=[p.name for p in FIXTURE_TEXTS])
def test_every_fixture_as_a_page_of_paragraphs_reads_as_its_text(path: Path) -> None:
    """Each line of a real published text a ``<p>`` (an empty line an empty paragraph, as a
    CMS saves it), declared GB2312: the same cells, provenance and findings as the text."""
    raw = path.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    page = "<html><head><meta charset='gb2312'></head><body>{}</body></html>".format(
        "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    )
    text_report = read_report_bytes(raw, path.name)
    page_report = read_report_bytes(page.encode("gb18030"), path.stem + ".html")
    assert_same_cells(text_report, page_report)
    assert page_report.provenance == text_report.provenance
    assert check(page_report).findings == check(text_report).findings


@pytest.mark.parametrize("format_id", ["2019", "2021"])
@pytest.mark.parametrize("seed_number", range(4))
def test_consistent_reports_rendered_and_wrapped_read_back(
    format_id: str, seed_number: int
) -> None:
    """Full reports of both formats (every cell printed), in the site page, GB18030: every cell
    back, read, and no error from the rules."""
    year = 2019 if format_id == "2019" else 2023
    report = consistent_report(format_id, year=year, org="示例县人民政府", seed=seed_number)
    page = _site_page(_body(render_html_document(report))).encode("gb18030")
    back = read_report_bytes(page, "report.html")
    assert_same_cells(report, back)
    assert set(back.provenance.values()) == {"read"}
    assert [f for f in check(back).findings if f.severity == "error"] == []


def _as_word_saves_it(page: str) -> str:
    """The page as Word's "save as web page" writes a document: every cell's text in
    MsoNormal paragraphs and spans with ``<o:p>`` marks, Office XML in conditional comments,
    ``&nbsp;`` in empty cells."""

    def cell(match: re.Match[str]) -> str:
        tag, attrs, text = match.group(1), match.group(2), match.group(3)
        inner = text or "&nbsp;"
        return (
            f"<{tag}{attrs} width=57 valign=top><p class=MsoNormal align=center>"
            f"<span lang=EN-US>{inner}<o:p></o:p></span></p></{tag}>"
        )

    page = re.sub(r"<(td|th)([^>]*)>([^<]*)</\1>", cell, page)
    return page.replace(
        "<body>",
        "<body lang=ZH-CN><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View>"
        "</w:WordDocument></xml><![endif]--><div class=WordSection1>",
    ).replace("</body>", "</div></body>")


@pytest.mark.parametrize("which", ["seed", "2019", "2021"])
def test_a_report_saved_as_a_web_page_by_word(seed: Report, which: str) -> None:
    report = seed if which == "seed" else consistent_report(which, year=int(which), seed=2)
    page = _as_word_saves_it(render_html_document(report))
    assert page.count("<o:p>") > 100
    assert_same_cells(report, read_report_bytes(page.encode("gb18030"), "年报.htm"))
