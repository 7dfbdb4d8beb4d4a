"""The printed grid of tables 二, 三 and 四, derived from the format definition.

Each table is a list of rows; a row lists the cells that *start* in it, with their
rowspan/colspan, as in HTML. Data cells carry their canonical key. The HTML renderer emits
the grid as is, the text renderer expands it (merged text in the top-left position) and the
Markdown renderer flattens it (group labels repeated down their column).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.domain.report.formats import (
    S2_ROW_HEADER,
    S3_APPLICANT_HEADER,
    S3_COLUMNS,
    S3_NOTE,
    S3_ORG_HEADER,
    S3_RESULTS_GROUP,
    S4_BLOCKS,
    S4_COLUMNS,
    S4_LITIGATION_HEADER,
    SECTION_TITLES,
    ReportFormat,
    ValueKind,
)
from gongkai.domain.report.model import Finding, Report, format_number

__all__ = [
    "FINDINGS_TITLE",
    "SEVERITY_LABELS",
    "Cell",
    "Grid",
    "TableLayout",
    "cell_label",
    "expand",
    "finding_text",
    "format_number",
    "report_title",
    "s2_layouts",
    "s3_layout",
    "s4_layout",
    "section_layouts",
    "value_text",
]

FINDINGS_TITLE = "检查结果"
SEVERITY_LABELS: dict[str, str] = {"error": "错误", "warning": "警告"}
_TITLE_SUFFIX = "政府信息公开工作年度报告"


@dataclass(frozen=True)
class Cell:
    """A grid cell: a label (``key`` is None) or a data cell holding the value of ``key``."""

    text: str = ""
    key: str | None = None
    rowspan: int = 1
    colspan: int = 1


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class TableLayout:
    """One printed table: header rows, body rows and the grid width (number of columns)."""

    name: str  # CSS class: s2, s3, s4
    width: int
    head: tuple[Row, ...]
    body: tuple[Row, ...]


def s2_layouts(fmt: ReportFormat) -> tuple[TableLayout, ...]:
    """Section 二: one table per sub-table (heading row, header row, data rows)."""
    tables = []
    for table in fmt.s2_tables:
        width = 1 + len(table.columns)
        head = (
            (Cell(table.heading, colspan=width),),
            (Cell(S2_ROW_HEADER), *(Cell(c.label) for c in table.columns)),
        )
        body = tuple(
            (Cell(row.label), *(Cell(key=f"s2.{row.key}.{c.key}") for c in table.columns))
            for row in table.rows
        )
        tables.append(TableLayout("s2", width, head, body))
    return tuple(tables)


def s3_layout(fmt: ReportFormat) -> TableLayout:
    """Section 三 in the official merged layout: three label columns and seven data columns."""
    applicants, orgs, total = S3_COLUMNS[0], S3_COLUMNS[1:-1], S3_COLUMNS[-1]
    head: tuple[Row, ...] = (
        (Cell(S3_NOTE, rowspan=3, colspan=3), Cell(S3_APPLICANT_HEADER, colspan=len(S3_COLUMNS))),
        (
            Cell(applicants.label, rowspan=2),
            Cell(S3_ORG_HEADER, colspan=len(orgs)),
            Cell(total.label, rowspan=2),
        ),
        tuple(Cell(c.label) for c in orgs),
    )
    results_rows = sum(1 for r in fmt.s3_rows if r.in_results)
    group_rows: dict[str, int] = {}
    for r in fmt.s3_rows:
        if r.group:
            group_rows[r.group] = group_rows.get(r.group, 0) + 1
    body: list[Row] = []
    results_started = False
    groups_started: set[str] = set()
    for r in fmt.s3_rows:
        labels: list[Cell] = []
        if not r.in_results:
            labels.append(Cell(r.label, colspan=3))
        else:
            if not results_started:
                labels.append(Cell(S3_RESULTS_GROUP, rowspan=results_rows))
                results_started = True
            if r.group is None:
                labels.append(Cell(r.label, colspan=2))
            else:
                if r.group not in groups_started:
                    labels.append(Cell(r.group, rowspan=group_rows[r.group]))
                    groups_started.add(r.group)
                labels.append(Cell(r.label))
        data = tuple(Cell(key=f"s3.{r.key}.{c.key}") for c in S3_COLUMNS)
        body.append((*labels, *data))
    return TableLayout("s3", 3 + len(S3_COLUMNS), head, tuple(body))


def s4_layout() -> TableLayout:
    """Section 四: 行政复议 and 行政诉讼 (two blocks) over one data row of fifteen cells."""
    n = len(S4_COLUMNS)
    first_label, litigation = S4_BLOCKS[0][1], S4_BLOCKS[1:]
    head: tuple[Row, ...] = (
        (Cell(first_label, colspan=n), Cell(S4_LITIGATION_HEADER, colspan=n * len(litigation))),
        (
            *(Cell(c.label, rowspan=2) for c in S4_COLUMNS),
            *(Cell(label, colspan=n) for _key, label in litigation),
        ),
        tuple(Cell(c.label) for _block in litigation for c in S4_COLUMNS),
    )
    body = (
        tuple(Cell(key=f"s4.{block}.{c.key}") for block, _label in S4_BLOCKS for c in S4_COLUMNS),
    )
    return TableLayout("s4", n * len(S4_BLOCKS), head, body)


def section_layouts(fmt: ReportFormat) -> dict[str, tuple[TableLayout, ...]]:
    """The tables printed in each section, by section numeral (二, 三, 四)."""
    numerals = list(SECTION_TITLES)
    return {
        numerals[1]: s2_layouts(fmt),
        numerals[2]: (s3_layout(fmt),),
        numerals[3]: (s4_layout(),),
    }


Grid = list[list[Cell | None]]


def expand(rows: tuple[Row, ...], width: int, *, repeat_rowspan: bool = False) -> Grid:
    """Place the cells on a full grid.

    A merged cell sits at its top-left position; the positions it covers are ``None``, except
    that with ``repeat_rowspan`` the cell is repeated down the rows it spans (first column only).
    """
    grid: Grid = [[None] * width for _ in rows]
    covered = [[False] * width for _ in rows]
    for i, row in enumerate(rows):
        j = 0
        for cell in row:
            while j < width and covered[i][j]:
                j += 1
            if j >= width:
                raise ValueError(f"表格第 {i + 1} 行超出 {width} 列")
            for di in range(cell.rowspan):
                for dj in range(cell.colspan):
                    if i + di < len(rows) and j + dj < width:
                        covered[i + di][j + dj] = True
                if i + di < len(rows) and (di == 0 or repeat_rowspan):
                    grid[i + di][j] = cell
            j += cell.colspan
    return grid


# ---------------------------------------------------------------------------------------------
# Shared text helpers
# ---------------------------------------------------------------------------------------------


def value_text(report: Report, key: str) -> str:
    """A data cell as printed; amounts in 元 carry their unit (“251000元”), as published
    reports print them: the header 采购总金额 names none, and the reader leaves a bare amount
    missing rather than guess 元 or 万元."""
    text = format_number(report.get(key))
    if text and report.spec.has_key(key) and report.spec.kind(key) is ValueKind.AMOUNT_YUAN:
        return text + "元"
    return text


def report_title(report: Report) -> str:
    """``{org}{year}年政府信息公开工作年度报告``."""
    year = f"{report.year}年" if report.year is not None else ""
    return f"{report.org or ''}{year}{_TITLE_SUFFIX}"


def cell_label(fmt: ReportFormat, key: str) -> str:
    """The clerk-readable name of a cell, or the key itself if the format does not know it."""
    if not fmt.has_key(key):
        return key
    return fmt.label(key)


def finding_text(fmt: ReportFormat, finding: Finding) -> str:
    """One line per finding: ``[错误] R2：message（单元格：labels）``."""
    severity = SEVERITY_LABELS.get(finding.severity, finding.severity)
    text = f"[{severity}] {finding.rule}：{finding.message}"
    if finding.cells:
        text += "（单元格：" + "；".join(cell_label(fmt, k) for k in finding.cells) + "）"
    return text
