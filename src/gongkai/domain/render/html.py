"""HTML rendering: the tables in the official merged-cell layout, and a standalone document.

A data cell prints :func:`~gongkai.domain.render.layout.value_text` (an amount in 元 with its
unit, as the Word and text renderers print it), so a page the platform publishes reads back
through the web-page reader (:mod:`gongkai.domain.parsers.html`) cell for cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from importlib import resources

from gongkai.domain.render.layout import (
    FINDINGS_TITLE,
    Cell,
    TableLayout,
    finding_text,
    report_title,
    section_layouts,
    value_text,
)
from gongkai.domain.report.formats import SECTION_TITLES
from gongkai.domain.report.model import Finding, Report

__all__ = ["TABLE_STYLESHEET", "cell_anchor", "render_html_document", "render_tables_html"]

_INFERRED_PREFIX = "inferred:"

#: What marks a cell besides its colour (WCAG 1.4.1): a contradicted (questioned) value and a
#: blank one.
CONTRADICTED_MARK = "≠"
MISSING_MARK = "空"


def cell_anchor(key: str) -> str:
    """The ``id`` of a data cell on a page (``cell-s3.new_received.total``): a finding's list
    entry links to it."""
    return f"cell-{key}"


def _explained_cell(
    key: str, value_text: str, missing: bool, notes: list[tuple[Finding, str]]
) -> str:
    """A cell's content on a page: the value, its mark (≠ contradicted, 空 blank) and, for a
    cell with findings, a ``<details>`` whose ``<summary>`` (focusable, opened by a tap, Enter
    or a click) explains them and links back to each finding (``#finding-N``)."""
    mark = MISSING_MARK if missing else CONTRADICTED_MARK
    shown = f'{escape(value_text)}<span class="cell-mark" aria-hidden="true">{mark}</span>'
    if not notes:
        return shown
    note_id = f"note-{escape(key)}"
    state = "空白或未读到" if missing else "与其他单元格矛盾或有疑问"
    lines = "".join(
        f'<li><a href="#{escape(anchor)}">{escape(f.rule)}</a>：{escape(f.message)}</li>'
        for f, anchor in notes
    )
    return (
        f'<details class="cell-note"><summary aria-describedby="{note_id}">{shown}'
        f'<span class="visually-hidden">（{state}，{len(notes)} 个问题）</span></summary>'
        f'<ul class="cell-note-body" id="{note_id}" role="note">{lines}</ul></details>'
    )


# The tables' styles: one file, shared with the web pages (report/report-tables.css).
TABLE_STYLESHEET = resources.files("gongkai.domain.render").joinpath("css/report-tables.css")

_DOCUMENT_STYLE = """
:root { color-scheme: light; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun",
       "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", serif;
       line-height: 1.8; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #111; }
h1 { text-align: center; font-size: 1.6em; }
h2 { font-size: 1.2em; margin-top: 1.6em; }
p { text-indent: 2em; margin: 0.4em 0; }
.findings li.error { color: #a01c1c; }
.findings li.warning { color: #7a5a00; }
@page { size: A4; margin: 2cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
}
"""
_STYLE = _DOCUMENT_STYLE + TABLE_STYLESHEET.read_text("utf-8")


def _attrs(cell: Cell) -> str:
    out = ""
    if cell.rowspan > 1:
        out += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        out += f' colspan="{cell.colspan}"'
    return out


def _data_cell(
    report: Report,
    key: str,
    findings: dict[str, list[Finding]],
    anchors: Mapping[Finding, str] | None,
) -> str:
    value = report.get(key)
    provenance = report.provenance.get(key, "")
    classes = ["cell"]
    cell_findings = findings.get(key, [])
    if value is None:
        classes.append("missing")
    elif cell_findings:
        classes.append("contradicted")
    if provenance.startswith(_INFERRED_PREFIX):
        classes.append("inferred")
    if any(f.severity == "error" for f in cell_findings):
        classes.append("has-error")
    if any(f.severity == "warning" for f in cell_findings):
        classes.append("has-warning")
    attrs = f' class="{" ".join(classes)}" data-key="{escape(key)}"'
    if provenance:
        attrs += f' data-provenance="{escape(provenance)}"'
    if anchors is not None:
        if not (cell_findings or value is None):
            return f"<td{attrs}>{escape(value_text(report, key))}</td>"
        notes = [(f, anchors[f]) for f in cell_findings if f in anchors]
        content = _explained_cell(key, value_text(report, key), value is None, notes)
        return f'<td{attrs} id="{escape(cell_anchor(key))}">{content}</td>'
    if cell_findings:
        title = "\n".join(f"{f.rule}：{f.message}" for f in cell_findings)
        attrs += f' title="{escape(title)}"'
    return f"<td{attrs}>{escape(value_text(report, key))}</td>"


def _table(
    report: Report,
    layout: TableLayout,
    findings: dict[str, list[Finding]],
    anchors: Mapping[Finding, str] | None = None,
) -> str:
    lines = [f'<table class="report-table {layout.name}">', "<thead>"]
    for row in layout.head:
        cells = "".join(f"<th{_attrs(c)}>{escape(c.text)}</th>" for c in row)
        lines.append(f"<tr>{cells}</tr>")
    lines += ["</thead>", "<tbody>"]
    for row in layout.body:
        parts = []
        for c in row:
            if c.key is not None:
                parts.append(_data_cell(report, c.key, findings, anchors))
            else:
                scope = "rowgroup" if c.rowspan > 1 else "row"
                parts.append(f'<th scope="{scope}"{_attrs(c)}>{escape(c.text)}</th>')
        lines.append(f"<tr>{''.join(parts)}</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _section_tables(
    report: Report,
    numeral: str,
    findings: dict[str, list[Finding]],
    anchors: Mapping[Finding, str] | None = None,
) -> list[str]:
    layouts = section_layouts(report.spec).get(numeral, ())
    return [_table(report, layout, findings, anchors) for layout in layouts]


def render_tables_html(
    report: Report,
    findings_by_cell: dict[str, list[Finding]] | None = None,
    *,
    anchors: Mapping[Finding, str] | None = None,
) -> str:
    """Tables 二, 三 and 四 as HTML ``<table>`` elements in the official merged layout.

    Every data cell is ``<td class="cell …" data-key="<key>">``; classes ``missing`` (blank),
    ``contradicted`` (a value some finding questions), ``inferred``, ``has-error`` and
    ``has-warning`` mark its state. ``findings_by_cell`` defaults to the report's own
    findings; pass ``{}`` for no highlighting.

    Without ``anchors`` a cell's findings are its ``title`` (the standalone document). With
    ``anchors`` (each finding's ``id`` in the page's list of findings) a cell with findings or
    a blank one gets the ``id`` :func:`cell_anchor`, a mark that is not colour (≠, 空) and a
    ``<details>`` explaining its findings on tap or focus, linking back to each of them.
    """
    findings = report.findings_by_cell() if findings_by_cell is None else findings_by_cell
    tables: list[str] = []
    for numeral in SECTION_TITLES:
        tables += _section_tables(report, numeral, findings, anchors)
    return "\n".join(tables)


def _paragraphs(text: str) -> list[str]:
    blocks = (b.strip() for b in re.split(r"\n\s*\n", text))
    return [f"<p>{escape(b).replace(chr(10), '<br>')}</p>" for b in blocks if b]


def _findings_html(report: Report) -> list[str]:
    if not report.findings:
        return []
    items = [
        f'<li class="{escape(f.severity)}">{escape(finding_text(report.spec, f))}</li>'
        for f in report.findings
    ]
    return [
        '<section class="findings">',
        f"<h2>{escape(FINDINGS_TITLE)}</h2>",
        "<ul>",
        *items,
        "</ul>",
        "</section>",
    ]


def render_html_document(report: Report) -> str:
    """A standalone HTML5 page: title, the six sections with their tables, and the findings."""
    title = escape(report_title(report))
    findings = report.findings_by_cell()
    body: list[str] = [f"<h1>{title}</h1>"]
    for numeral, section_title in SECTION_TITLES.items():
        body.append(f'<section class="report-section" data-section="{escape(numeral)}">')
        body.append(f"<h2>{escape(section_title)}</h2>")
        body += _paragraphs(report.narrative.get(numeral, ""))
        body += _section_tables(report, numeral, findings)
        body.append("</section>")
    body += _findings_html(report)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="zh-CN">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title>",
            f"<style>{_STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
