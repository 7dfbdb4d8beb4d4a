"""Consistent sample reports: demo data, examples and property tests.

A sample is not a real body's report: its numbers are random but satisfy every table rule
(S1, R1–R4, X4), so any rule that fires on it after an edit was caused by that edit. A body
whose name says it may not make 规章 (a county, like the default 示例县人民政府) reports none
(P1).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from gongkai.domain.report.authority import infer_body_kind, may_make_regulations
from gongkai.domain.report.formats import (
    S3_APPLICANT_COLUMN_KEYS,
    S4_BLOCKS,
    ValueKind,
    get_format,
)
from gongkai.domain.report.model import Report

__all__ = ["NumberSource", "consistent_report"]

# Given an upper bound, returns an integer in [0, upper]; hypothesis tests pass their own.
NumberSource = Callable[[int], int]


def consistent_report(
    format_id: str,
    *,
    year: int | None = None,
    org: str = "示例县人民政府",
    seed: int = 0,
    number: NumberSource | None = None,
) -> Report:
    """A fully filled report of ``format_id`` whose tables are consistent."""
    if number is None:
        rng = random.Random(seed)

        def number(upper: int) -> int:
            return rng.randint(0, upper)

    fmt = get_format(format_id)
    if year is None:
        year = 2020 if format_id == "2019" else 2022
    report = Report.empty(format_id, year, org)

    def value(key: str) -> int:
        cell = report.cells[key]
        assert isinstance(cell, int)
        return cell

    results = [r.key for r in fmt.s3_result_rows]
    for col in S3_APPLICANT_COLUMN_KEYS:
        for row in results:
            report.set(f"s3.{row}.{col}", number(5))
        processed = sum(value(f"s3.{r}.{col}") for r in results)
        forward = number(5)
        over = number(processed + forward)
        report.set(f"s3.total_processed.{col}", processed)
        report.set(f"s3.carried_forward.{col}", forward)
        report.set(f"s3.carried_over.{col}", over)
        report.set(f"s3.new_received.{col}", processed + forward - over)  # S1 by construction
    for row in fmt.s3_row_keys:
        report.set(f"s3.{row}.total", sum(value(f"s3.{row}.{c}") for c in S3_APPLICANT_COLUMN_KEYS))
    for block, _label in S4_BLOCKS:
        parts = [number(9) for _ in range(4)]
        for col, part in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            report.set(f"s4.{block}.{col}", part)
        report.set(f"s4.{block}.total", sum(parts))
    for key in fmt.keys_of_section("s2"):
        kind = fmt.kind(key)
        if kind is ValueKind.SIGNED:
            report.set(key, number(6) - 3)
        elif kind is ValueKind.AMOUNT_WAN:
            report.set(key, number(999) / 100)
        else:
            report.set(key, number(50))
    if format_id == "2019":  # X4: total published is never below new published
        for row in ("regulations", "normative_docs"):
            report.set(f"s2.{row}.total_published", value(f"s2.{row}.new_published") + number(20))
    issuer = infer_body_kind(org)
    if issuer is not None and may_make_regulations(issuer.kind) is False:  # P1
        for key in fmt.keys_of_section("s2"):
            if key.startswith("s2.regulations."):
                report.set(key, 0)
    return report
