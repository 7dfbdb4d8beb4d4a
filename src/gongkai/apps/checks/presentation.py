"""A report on a page: its official tables grouped by section, its findings errors first, its
prose by section. Used by the check pages and by the annual report pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from gongkai.domain.render.html import cell_anchor, render_tables_html
from gongkai.domain.render.layout import SEVERITY_LABELS, cell_label
from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES
from gongkai.domain.report.model import Finding, Report

__all__ = [
    "FindingRow",
    "NarrativeSection",
    "TableSection",
    "finding_anchors",
    "finding_rows",
    "narrative_sections",
    "report_context",
    "table_sections",
]


@dataclass(frozen=True)
class FindingRow:
    rule: str
    severity: str
    severity_label: str
    message: str
    cells: tuple[tuple[str, str, str], ...]  # (key, Chinese label, the cell's id on the page)
    anchor: str  # the finding's id on the page (finding-1): its cells link back to it


@dataclass(frozen=True)
class TableSection:
    numeral: str
    title: str
    html: SafeString


@dataclass(frozen=True)
class NarrativeSection:
    numeral: str
    title: str
    paragraphs: tuple[str, ...]


_TABLE_START = re.compile(r'<table class="report-table (s[234])\b')
_SECTION_OF_TABLE = {"s2": "二", "s3": "三", "s4": "四"}


def _ordered(report: Report) -> list[Finding]:
    """The findings as listed: errors first (the rule order is kept within a severity)."""
    return sorted(report.findings, key=lambda f: 0 if f.severity == "error" else 1)


def finding_anchors(report: Report) -> dict[Finding, str]:
    """Each finding's ``id`` in the list (``finding-1`` …, in listed order); the tables' cells
    link to it and the list links to the cells (:func:`gongkai.domain.render.html.cell_anchor`)."""
    anchors: dict[Finding, str] = {}
    for number, finding in enumerate(_ordered(report), start=1):
        anchors.setdefault(finding, f"finding-{number}")
    return anchors


def table_sections(report: Report) -> list[TableSection]:
    """The rendered tables grouped under their section titles (二, 三, 四); a cell with findings
    explains them on tap or focus and links to them in the list (:func:`finding_rows`)."""
    html = render_tables_html(report, report.findings_by_cell(), anchors=finding_anchors(report))
    starts = list(_TABLE_START.finditer(html))
    if not starts:
        return [TableSection("", "", mark_safe(html))]  # escaped by the renderer
    grouped: dict[str, list[str]] = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(html)
        grouped.setdefault(_SECTION_OF_TABLE[match.group(1)], []).append(html[match.start() : end])
    return [
        # The renderer escapes every text it emits (gongkai.domain.render.html).
        TableSection(numeral, SECTION_TITLES[numeral], mark_safe("".join(parts)))
        for numeral, parts in grouped.items()
    ]


def finding_rows(report: Report) -> list[FindingRow]:
    """Findings for the list, errors first (the rule order is kept within a severity), each
    with its anchor and the anchors of its cells."""
    spec = report.spec
    anchors = finding_anchors(report)

    def row(finding: Finding) -> FindingRow:
        return FindingRow(
            rule=finding.rule,
            severity=finding.severity,
            severity_label=SEVERITY_LABELS.get(finding.severity, finding.severity),
            message=finding.message,
            cells=tuple((key, cell_label(spec, key), cell_anchor(key)) for key in finding.cells),
            anchor=anchors[finding],
        )

    return [row(f) for f in _ordered(report)]


def narrative_sections(report: Report) -> list[NarrativeSection]:
    """The report's prose by section, in printed order (一 … 六), empty sections left out."""
    sections = []
    for numeral in SECTION_NUMERALS:
        text = report.narrative.get(numeral, "").strip()
        if text:
            paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip())
            sections.append(NarrativeSection(numeral, SECTION_TITLES[numeral], paragraphs))
    return sections


def report_context(report: Report) -> dict[str, Any]:
    """What a page showing ``report`` needs: ``findings``, ``table_sections``, ``narrative``."""
    return {
        "findings": finding_rows(report),
        "table_sections": table_sections(report),
        "narrative": narrative_sections(report),
    }
