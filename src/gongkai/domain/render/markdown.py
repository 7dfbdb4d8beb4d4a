"""Markdown rendering: the six sections with GitHub pipe tables (merged cells flattened).

Text that comes from a report (the body's name, the narrative, findings, cells) is written
with its HTML escaped (``&``, ``<``, ``>``): a Markdown viewer renders raw HTML, and a
narrative read from an uploaded file is not ours to run (issue 9).
"""

from __future__ import annotations

from collections.abc import Iterable

from gongkai.domain.render.layout import (
    FINDINGS_TITLE,
    Cell,
    expand,
    finding_text,
    format_number,
    report_title,
    s2_layouts,
    s3_layout,
)
from gongkai.domain.report.formats import (
    S2_ROW_HEADER,
    S3_COLUMNS,
    S3_NOTE,
    S3_ORG_HEADER,
    S4_BLOCKS,
    S4_COLUMNS,
    S4_LITIGATION_HEADER,
    SECTION_NUMERALS,
    SECTION_TITLES,
)
from gongkai.domain.report.model import Report

__all__ = ["render_markdown"]


def _html(text: str) -> str:
    """``text`` with HTML escaped, so that a Markdown viewer shows it as text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape(text: str) -> str:
    """A table cell: HTML escaped, pipes and line breaks neutralised."""
    return _html(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _pipe_table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(_escape(c) for c in cells) + " |"

    return [line(header), "|" + "---|" * len(header), *(line(r) for r in rows)]


def _text(report: Report, cell: Cell | None) -> str:
    if cell is None:
        return ""
    if cell.key is not None:
        return format_number(report.get(cell.key))
    return cell.text


def _s2(report: Report) -> list[str]:
    out: list[str] = []
    for layout, table in zip(s2_layouts(report.spec), report.spec.s2_tables, strict=True):
        grid = expand(layout.body, layout.width)
        out += [f"**{_escape(table.heading)}**", ""]
        out += _pipe_table(
            [S2_ROW_HEADER, *(c.label for c in table.columns)],
            ([_text(report, c) for c in row] for row in grid),
        )
        out.append("")
    return out


def _s3(report: Report) -> list[str]:
    layout = s3_layout(report.spec)
    grid = expand(layout.body, layout.width, repeat_rowspan=True)
    label_columns = layout.width - len(S3_COLUMNS)
    org_columns = S3_COLUMNS[1:-1]
    header = [
        S3_NOTE,
        *([""] * (label_columns - 1)),
        S3_COLUMNS[0].label,
        *(f"{S3_ORG_HEADER}：{c.label}" for c in org_columns),
        S3_COLUMNS[-1].label,
    ]
    return [*_pipe_table(header, ([_text(report, c) for c in row] for row in grid)), ""]


def _s4(report: Report) -> list[str]:
    rows = []
    for i, (block, label) in enumerate(S4_BLOCKS):
        name = label if i == 0 else f"{S4_LITIGATION_HEADER}：{label}"
        values = (format_number(report.get(f"s4.{block}.{c.key}")) for c in S4_COLUMNS)
        rows.append([name, *values])
    return [*_pipe_table(["", *(c.label for c in S4_COLUMNS)], rows), ""]


def render_markdown(report: Report) -> str:
    """The report as Markdown: title, six sections with narrative and tables, then findings."""
    numerals = SECTION_NUMERALS
    tables = {numerals[1]: _s2, numerals[2]: _s3, numerals[3]: _s4}
    out = [f"# {_html(report_title(report))}", ""]
    for numeral in numerals:
        out += [f"## {SECTION_TITLES[numeral]}", ""]
        narrative = report.narrative.get(numeral, "").strip()
        if narrative:
            out += [_html(narrative), ""]
        if numeral in tables:
            out += tables[numeral](report)
    if report.findings:
        out += [f"## {FINDINGS_TITLE}", ""]
        out += [f"- {_html(finding_text(report.spec, f))}" for f in report.findings]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
