"""Renderers: every cell rendered once, the official merged layout, labels, cell states."""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from gongkai.domain.render import render, render_html_document, render_tables_html
from gongkai.domain.render.layout import format_number, value_text
from gongkai.domain.render.markdown import render_markdown
from gongkai.domain.render.text import render_text
from gongkai.domain.report.formats import (
    FORMAT_IDS,
    S3_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    SECTION_TITLES,
    ValueKind,
    get_format,
)
from gongkai.domain.report.model import Finding, Report, inferred

FORMATS = pytest.mark.parametrize("format_id", FORMAT_IDS)


def filled_report(format_id: str, seed: int = 0) -> Report:
    """A report with every cell of the format filled with a random value of its kind."""
    rng = random.Random(seed)
    report = Report.empty(format_id, 2019 if format_id == "2019" else 2023, "某某区人民政府办公室")
    for key in report.spec.cell_keys:
        kind = report.spec.kind(key)
        if kind is ValueKind.SIGNED:
            value: int | float = rng.randint(-20, 20)
        elif kind is ValueKind.AMOUNT_WAN:
            value = rng.randint(0, 10**6) / 10**4
        elif kind is ValueKind.AMOUNT_YUAN:
            value = rng.choice([rng.randint(0, 10**7), rng.randint(0, 10**6) / 100])
        else:
            value = rng.randint(0, 500)
        report.set(key, value)
    report.narrative = {n: f"{t}的正文。\n\n第二段。" for n, t in SECTION_TITLES.items()}
    return report


def row_labels(format_id: str) -> list[str]:
    fmt = get_format(format_id)
    labels = [t.heading for t in fmt.s2_tables]
    labels += [r.label for t in fmt.s2_tables for r in t.rows]
    labels += [r.label for r in fmt.s3_rows]
    labels += [r.group for r in fmt.s3_rows if r.group]
    labels += [label for _key, label in S4_BLOCKS]
    return labels


# ---------------------------------------------------------------------------------------------
# A tiny HTML table reader: cells with spans, placed on a grid
# ---------------------------------------------------------------------------------------------


class _Cell:
    def __init__(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.rowspan = int(attrs.get("rowspan") or 1)
        self.colspan = int(attrs.get("colspan") or 1)
        self.text = ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[list[_Cell]]]] = []
        self._cell: _Cell | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append((dict(attrs).get("class") or "", []))
        elif tag == "tr":
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self._cell = _Cell(tag, dict(attrs))
            self.tables[-1][1][-1].append(self._cell)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.text += data


def parse_tables(html: str) -> list[tuple[str, list[list[_Cell]]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


def grid_widths(rows: list[list[_Cell]]) -> list[int]:
    """The number of grid columns each row occupies, spans from earlier rows included."""
    occupied: dict[tuple[int, int], _Cell] = {}
    for i, row in enumerate(rows):
        j = 0
        for cell in row:
            while (i, j) in occupied:
                j += 1
            for di in range(cell.rowspan):
                for dj in range(cell.colspan):
                    assert (i + di, j + dj) not in occupied, f"overlap at row {i}"
                    occupied[(i + di, j + dj)] = cell
            j += cell.colspan
    assert all(i < len(rows) for i, _j in occupied), "a rowspan runs past the table"
    return [len([1 for (i, _j) in occupied if i == r]) for r in range(len(rows))]


def data_cells(html: str) -> dict[str, _Cell]:
    cells: dict[str, _Cell] = {}
    for _cls, rows in parse_tables(html):
        for row in rows:
            for cell in row:
                key = cell.attrs.get("data-key")
                if key is not None:
                    assert key not in cells, f"{key} rendered twice"
                    cells[key] = cell
    return cells


# ---------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------


@FORMATS
def test_html_has_every_key_once(format_id: str) -> None:
    report = filled_report(format_id)
    for html in (render_tables_html(report), render_html_document(report)):
        cells = data_cells(html)
        assert sorted(cells) == sorted(report.spec.cell_keys)
        for key, cell in cells.items():
            assert cell.tag == "td"
            assert "cell" in cell.classes
            assert cell.text == value_text(report, key)  # an amount in 元 with its unit


@FORMATS
def test_html_layout_is_rectangular(format_id: str) -> None:
    fmt = get_format(format_id)
    tables = parse_tables(render_tables_html(Report.empty(format_id)))
    s2 = [rows for cls, rows in tables if "s2" in cls.split()]
    assert len(s2) == len(fmt.s2_tables)
    for rows, table in zip(s2, fmt.s2_tables, strict=True):
        assert set(grid_widths(rows)) == {1 + len(table.columns)}
        assert rows[0][0].text == table.heading
    (s3,) = [rows for cls, rows in tables if "s3" in cls.split()]
    assert set(grid_widths(s3)) == {10}
    assert len(s3) == 3 + len(fmt.s3_rows)
    (s4,) = [rows for cls, rows in tables if "s4" in cls.split()]
    assert set(grid_widths(s4)) == {15}
    assert len(s4) == 4


@FORMATS
def test_html_s3_spans(format_id: str) -> None:
    fmt = get_format(format_id)
    (s3,) = [
        rows
        for cls, rows in parse_tables(render_tables_html(Report.empty(format_id)))
        if "s3" in cls
    ]
    spans = {c.text: (c.rowspan, c.colspan) for row in s3 for c in row if c.tag == "th"}
    assert spans[fmt.s3_rows[0].label] == (1, 3)
    assert spans["三、本年度办理结果"][0] == (22 if format_id == "2021" else 20)
    assert spans["（三）不予公开"] == (8, 1)
    assert spans["（四）无法提供"] == (3, 1)
    assert spans["（五）不予处理"] == (5, 1)
    assert spans["（六）其他处理"] == ((3, 1) if format_id == "2021" else (1, 2))
    assert spans["（七）总计"] == (1, 2)


@FORMATS
def test_html_cell_states(format_id: str) -> None:
    report = filled_report(format_id)
    keys = report.spec.cell_keys
    missing, inferred_key, error_key, warning_key = keys[0], keys[5], keys[-1], keys[-2]
    report.set(missing, None, "missing")
    report.set(inferred_key, 3, inferred("R1"))
    report.findings = [
        Finding("R3", "error", (error_key,), "总计 <不等于> 各项之和"),
        Finding("X1", "warning", (warning_key,), "与上年不衔接"),
    ]
    cells = data_cells(render_tables_html(report))
    assert "missing" in cells[missing].classes
    assert cells[missing].text == ""
    assert "inferred" in cells[inferred_key].classes
    assert "has-error" in cells[error_key].classes
    assert cells[error_key].attrs["title"] == "R3：总计 <不等于> 各项之和"
    assert "has-warning" in cells[warning_key].classes
    flagged = {missing, inferred_key, error_key, warning_key}
    for key in set(keys) - flagged:
        assert cells[key].classes == {"cell"}
        assert "title" not in cells[key].attrs
    plain = data_cells(render_tables_html(report, {}))
    assert plain[error_key].classes == {"cell"}


def test_html_document_is_standalone_and_escaped() -> None:
    report = filled_report("2021")
    report.org = "<某机关>"
    report.narrative["五"] = "问题一<script>\n\n问题二"
    report.findings = [Finding("N1", "warning", (), "第五部分<过短>")]
    html = render_html_document(report)
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html and '<meta charset="utf-8">' in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<title>&lt;某机关&gt;2023年政府信息公开工作年度报告</title>" in html
    assert not any(ref in html for ref in ("src=", "href=", "@import", "url("))
    assert "<p>问题一&lt;script&gt;</p>" in html and "<p>问题二</p>" in html
    for title in SECTION_TITLES.values():
        assert f"<h2>{title}</h2>" in html
    assert "<h2>检查结果</h2>" in html and "第五部分&lt;过短&gt;" in html


# ---------------------------------------------------------------------------------------------
# Markdown and text
# ---------------------------------------------------------------------------------------------


@FORMATS
def test_markdown(format_id: str) -> None:
    report = filled_report(format_id)
    md = render_markdown(report)
    assert md.startswith("# 某某区人民政府办公室")
    positions = [md.index(f"## {t}\n") for t in SECTION_TITLES.values()]
    assert positions == sorted(positions)
    for label in row_labels(format_id):
        assert label in md, label
    for column in (*S3_COLUMNS, *S4_COLUMNS):
        assert column.label in md
    assert "## 检查结果" not in md
    table_rows = [line for line in md.splitlines() if line.startswith("|")]
    s3_rows = [line for line in table_rows if line.count("|") == 11]
    assert len(s3_rows) == 2 + len(report.spec.s3_rows)  # header, rule, data rows
    report.findings = [Finding("R2", "error", ("s3.total_processed.total",), "总计不符")]
    assert "## 检查结果\n\n- [错误] R2：总计不符" in render_markdown(report)


@FORMATS
def test_markdown_blank_cells(format_id: str) -> None:
    md = render_markdown(Report.empty(format_id))
    for row in get_format(format_id).s3_rows:
        if row.group is None and not row.in_results:
            assert f"| {row.label} |  |  |" + "  |" * 7 in md


@FORMATS
def test_text(format_id: str) -> None:
    report = filled_report(format_id)
    txt = render_text(report)
    lines = txt.splitlines()
    assert lines[0] == "某某区人民政府办公室" + str(report.year) + "年政府信息公开工作年度报告"
    for label in row_labels(format_id):
        assert label in txt, label
    for title in SECTION_TITLES.values():
        assert title in lines
    fifteen = [line.split("\t") for line in lines if line.count("\t") == 14]
    assert fifteen[-1] == [
        format_number(report.get(f"s4.{b}.{c.key}")) for b, _l in S4_BLOCKS for c in S4_COLUMNS
    ]


def test_numbers() -> None:
    assert format_number(None) == ""
    assert format_number(12) == "12"
    assert format_number(-2) == "-2"
    assert format_number(251000.0) == "251000"
    assert format_number(12.5) == "12.5"
    assert format_number(160.59641) == "160.5964"
    assert format_number(0.00001) == "0"


def test_render_dispatch() -> None:
    report = filled_report("2019")
    assert render(report, "md") == render_markdown(report)
    assert render(report, "html") == render_html_document(report)
    assert render(report, "txt") == render_text(report)
    with pytest.raises(ValueError, match="不支持"):
        render(report, "pdf")


@FORMATS
@pytest.mark.parametrize("seed", range(5))
def test_text_round_trip(format_id: str, seed: int) -> None:
    from gongkai.domain.parsers import text as parsers

    report = filled_report(format_id, seed)
    parsed = parsers.parse_text(render_text(report))
    assert parsed.format == report.format
    assert parsed.year == report.year
    for key in report.spec.cell_keys:
        assert parsed.get(key) == pytest.approx(report.get(key)), key


def test_markdown_escapes_html_from_the_report() -> None:
    """Issue 9: a narrative read from an upload is shown as text, never run as HTML."""
    report = Report.empty("2021", 2024, "<b>某</b>区")
    report.narrative = {"一": '<script>alert(1)</script> <img src=x onerror="alert(2)"> A&B'}
    report.findings = [Finding("R1", "error", (), "<i>x</i>")]
    md = render_markdown(report)
    assert "<script>" not in md and "<img" not in md and "<b>" not in md and "<i>" not in md
    assert (
        '&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror="alert(2)"&gt; A&amp;B' in md
    )
    assert "&lt;b&gt;某&lt;/b&gt;区" in md
