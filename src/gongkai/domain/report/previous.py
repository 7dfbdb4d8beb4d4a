"""The previous year's figures of a report taken from the previous year's *published* report.

A body that starts using the platform in year Y has no records of Y−1; its published report
of Y−1 (imported) then supplies the figures that look back a year. The only such cells are the
2019 format's 上一年项目数量 (``s2.*.prev_items``): the published report's end-of-year count
(its ``prev_items`` + ``change``) becomes this year's ``prev_items``, and ``change`` is
recomputed against the end-of-year count the records give, so X2 holds with the published
figures. Table 三's 上年结转 stays counted from the applications (the ledger import brings in the
open ones), so S1 keeps holding.
"""

from __future__ import annotations

from gongkai.domain.report.model import PROVENANCE_READ, Report

__all__ = ["take_previous_items"]


def _number(report: Report, key: str) -> int | None:
    value = report.get(key)
    return None if value is None else int(value)


def take_previous_items(report: Report, previous: Report) -> list[str]:
    """Set 上一年项目数量 from ``previous`` (both 2019 format); returns the keys changed."""
    if report.format != "2019" or previous.format != "2019":
        return []
    changed: list[str] = []
    for key in report.spec.cell_keys:
        if not key.endswith(".prev_items"):
            continue
        row = key.removesuffix(".prev_items")
        before, before_change = _number(previous, key), _number(previous, f"{row}.change")
        if before is None:
            continue
        published_end = before + (before_change or 0)
        now_prev, now_change = _number(report, key), _number(report, f"{row}.change")
        end_of_year = (now_prev or 0) + (now_change or 0)
        report.set(key, published_end, PROVENANCE_READ)
        report.set(f"{row}.change", end_of_year - published_end, PROVENANCE_READ)
        changed += [key, f"{row}.change"]
    return changed
