"""Plain-text rendering, laid out like a published report pasted from a web page.

Tables are tab-separated on the full printed grid: a merged cell's text sits in its top-left
position and the positions it covers are empty, so every row of a table has the same number
of fields and the text reads back through :func:`gongkai.domain.parsers.text.parse_text`.
"""

from __future__ import annotations

from gongkai.domain.render.layout import (
    TableLayout,
    expand,
    report_title,
    section_layouts,
    value_text,
)
from gongkai.domain.report.formats import SECTION_TITLES
from gongkai.domain.report.model import Report

__all__ = ["render_text"]


def _table_lines(report: Report, layout: TableLayout) -> list[str]:
    lines = []
    for row in expand(layout.head + layout.body, layout.width):
        fields = []
        for cell in row:
            if cell is None:
                fields.append("")
            elif cell.key is not None:
                fields.append(value_text(report, cell.key))
            else:
                fields.append(cell.text)
        lines.append("\t".join(fields))
    return lines


def render_text(report: Report) -> str:
    """The report as plain text: title, six sections with narrative, tab-separated tables."""
    layouts = section_layouts(report.spec)
    out = [report_title(report), ""]
    for numeral, title in SECTION_TITLES.items():
        out += [title, ""]
        narrative = report.narrative.get(numeral, "").strip()
        if narrative:
            out += [narrative, ""]
        for layout in layouts.get(numeral, ()):
            out += _table_lines(report, layout)
        if numeral in layouts:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
