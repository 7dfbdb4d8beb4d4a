"""A report on a page: its official tables grouped by section, its findings errors first, its
prose by section. Used by the check pages and by the annual report pages."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from gongkai.domain.batch import BatchItem
from gongkai.domain.render.html import cell_anchor, render_tables_html
from gongkai.domain.render.layout import SEVERITY_LABELS, cell_label
from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES
from gongkai.domain.report.model import Finding, Report
from gongkai.kernel.params import parse_choice

__all__ = [
    "BatchFilter",
    "BatchRow",
    "FindingRow",
    "NarrativeSection",
    "TableSection",
    "batch_filter",
    "batch_rows",
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


@dataclass(frozen=True)
class BatchRow:
    """One file of a batch on its result page: its number in the batch (the report page's
    URL), and its report's figures or the line saying why it could not be read."""

    number: int
    file: str
    org: str
    year: int | None
    format: str
    errors: int
    warnings: int
    error: str | None


@dataclass(frozen=True)
class BatchFilter:
    """What the batch result page is narrowed to (``?org=&rule=&severity=``; an unknown value
    is no filter), and the choices the page offers."""

    org: str | None
    rule: str | None
    severity: str | None
    orgs: tuple[str, ...]
    rules: tuple[str, ...]

    @property
    def active(self) -> bool:
        return bool(self.org or self.rule or self.severity)


def batch_filter(items: list[BatchItem], query: Mapping[str, Any]) -> BatchFilter:
    """The filter of ``query`` over ``items`` (kernel.params: a value not offered is ignored)."""
    reports = [item.report for item in items if item.report is not None]
    orgs = tuple(sorted({report.org for report in reports if report.org}))
    rules = tuple(sorted({f.rule for report in reports for f in report.findings}))
    return BatchFilter(
        org=parse_choice(query.get("org"), orgs),
        rule=parse_choice(query.get("rule"), rules),
        severity=parse_choice(query.get("severity"), tuple(SEVERITY_LABELS)),
        orgs=orgs,
        rules=rules,
    )


def _kept(report: Report, shown: BatchFilter) -> bool:
    if shown.org is not None and report.org != shown.org:
        return False
    return any(
        (shown.rule is None or f.rule == shown.rule)
        and (shown.severity is None or f.severity == shown.severity)
        for f in report.findings
    ) or (shown.rule is None and shown.severity is None)


def batch_rows(items: list[BatchItem], shown: BatchFilter) -> list[BatchRow]:
    """The rows of the batch result table: every file, or, filtered, the reports of the body
    with a finding of the rule and severity (a file that could not be read only unfiltered)."""
    rows = []
    for number, item in enumerate(items, start=1):
        report = item.report
        if report is None:
            if not shown.active:
                rows.append(BatchRow(number, item.file, "", None, "", 0, 0, item.error))
            continue
        if _kept(report, shown):
            rows.append(
                BatchRow(
                    number,
                    item.file,
                    report.org or "",
                    report.year,
                    report.format,
                    len(report.errors),
                    len(report.warnings),
                    None,
                )
            )
    return rows
