"""Tables of a report as Excel worksheets, in the official merged layout
(:mod:`gongkai.domain.render.layout`, derived from :mod:`gongkai.domain.report.formats`): the
same rows, columns and labels as the printed form, the numbers as number cells (a blank or
unread cell stays empty, never 0). Used by the supervisor's export (tables 三 and 四 summed
over a subtree)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from gongkai.domain.render.layout import TableLayout, expand, section_layouts
from gongkai.domain.report.formats import SECTION_TITLES
from gongkai.domain.report.model import Report

__all__ = ["add_table_sheets"]

_THIN = Side(style="thin", color="6C757D")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LABEL_WIDTH = {"s3": (10, 14, 36), "s4": ()}


def add_table_sheets(
    workbook: Any, report: Report, numerals: Sequence[str], *, caption: str = ""
) -> None:
    """One worksheet per section in ``numerals`` (二, 三, 四), named by the section's title
    (三、收到和处理政府信息公开申请情况), holding its tables under the title and ``caption``
    (who and which year the figures are of)."""
    layouts = section_layouts(report.spec)
    for numeral in numerals:
        title = SECTION_TITLES[numeral]
        sheet = workbook.create_sheet(title[:31])
        sheet.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
        if caption:
            sheet.cell(row=2, column=1, value=caption)
        top = 4
        for layout in layouts[numeral]:
            top = _write_table(sheet, report, layout, top) + 2


def _write_table(sheet: Any, report: Report, layout: TableLayout, top: int) -> int:
    """Write ``layout`` with its first row at ``top``; returns its last row."""
    rows = (*layout.head, *layout.body)
    grid = expand(rows, layout.width)
    head_rows = len(layout.head)
    for i, row in enumerate(grid):
        for j, cell in enumerate(row):
            if cell is None:
                continue
            r, c = top + i, 1 + j
            target = sheet.cell(row=r, column=c)
            if cell.key is None:
                target.value = cell.text
                target.alignment = Alignment(
                    horizontal="center" if i < head_rows else "left",
                    vertical="center",
                    wrap_text=True,
                )
                target.font = Font(bold=i < head_rows)
            else:
                target.value = report.get(cell.key)
                target.alignment = Alignment(horizontal="right", vertical="center")
            last_row, last_column = r + cell.rowspan - 1, c + cell.colspan - 1
            for rr in range(r, last_row + 1):
                for cc in range(c, last_column + 1):
                    sheet.cell(row=rr, column=cc).border = _BORDER
            if (last_row, last_column) != (r, c):
                sheet.merge_cells(
                    start_row=r, start_column=c, end_row=last_row, end_column=last_column
                )
    labels = _LABEL_WIDTH.get(layout.name, ())
    for j in range(layout.width):
        width = labels[j] if j < len(labels) else 11
        letter = get_column_letter(j + 1)
        current = sheet.column_dimensions[letter].width or 0
        sheet.column_dimensions[letter].width = max(current, width)
    return top + len(rows) - 1
