"""Comparing a report read back (from a rendered Word document, a web page…) with the report it
was made from: the same format, year, body and every cell of the format, blanks included."""

from __future__ import annotations

from gongkai.domain.report.model import Report

__all__ = ["assert_same_cells"]


def assert_same_cells(report: Report, back: Report) -> None:
    assert (back.format, back.year, back.org) == (report.format, report.year, report.org)
    wrong = {
        key: (report.get(key), back.get(key))
        for key in report.spec.cell_keys
        if back.get(key) != report.get(key)
    }
    assert wrong == {}
