"""The ranking of an assessment as Excel (the ledgers' writer, :func:`write_xlsx`): rank, body,
each indicator's points, total — and a second sheet 计算依据 with how each value was found."""

from __future__ import annotations

from typing import Any

from gongkai.apps.assessment.models import Assessment, Indicator
from gongkai.apps.assessment.services import Sheet, sheets
from gongkai.domain.ledgers.table_io import write_xlsx

__all__ = ["ranking_headers", "ranking_rows", "ranking_xlsx"]


def ranking_headers(indicators: list[Indicator]) -> list[str]:
    return ["名次", "机关", *(f"{i.label}（{i.weight}分）" for i in indicators), "总分"]


def ranking_rows(headers: list[str], ranked: list[Sheet]) -> list[dict[str, Any]]:
    """One row per assessed body, in ranking order (numbers as numbers; not scored: blank)."""
    rows = []
    for sheet in ranked:
        row: dict[str, Any] = {"名次": sheet.rank, "机关": sheet.body.name, "总分": sheet.total}
        for header, cell in zip(headers[2:-1], sheet.cells, strict=True):
            row[header] = cell.points
        rows.append(row)
    return rows


def _derivations(ranked: list[Sheet]) -> Any:
    def add(workbook: Any) -> None:
        sheet = workbook.create_sheet("计算依据")
        sheet.append(["机关", "指标", "得分", "依据"])
        for found in ranked:
            for cell in found.cells:
                sheet.append([found.body.name, cell.indicator.label, cell.points, ""])
                written = sheet.cell(row=sheet.max_row, column=4, value=cell.derivation)
                written.data_type = "s"  # text typed by people is never a formula

    return add


def ranking_xlsx(assessment: Assessment) -> bytes:
    """The ranking (sheet 排名) and the derivations (sheet 计算依据), counted once."""
    indicators = list(assessment.indicators.all())
    ranked = sheets(assessment)
    headers = ranking_headers(indicators)
    return write_xlsx(
        headers,
        ranking_rows(headers, ranked),
        sheet_title="排名",
        more_sheets=_derivations(ranked),
    )
