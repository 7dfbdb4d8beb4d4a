"""Hostile files against the readers (issue 9, findings 2, 3 and 9).

Each file of ``tests/reader_bombs.py`` used to cost minutes of CPU or gigabytes, or raised a
raw Python exception. Now each is refused with one Chinese sentence, before the costly work:
read in the sandboxed child with 2 s of CPU and 300 MB of address space, the reader's own
refusal comes back (a file that still did the work would hit a limit and give the limit's
message instead). Times and peak memory: ``benchmarks/bench_reader_bombs.py``.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from gongkai.domain.ledgers.table_io import MAX_SCANNED_ROWS, LedgerFileError, read_table
from gongkai.domain.limits import MAX_DIGIT_RUN, MAX_PDF_PAGES
from gongkai.domain.parsers import ReportReadError, read_report_bytes
from gongkai.domain.parsers.numbers import parse_number
from gongkai.domain.report.model import Report, ReportDataError
from gongkai.domain.report.rules import check
from gongkai.domain.sandbox import (
    SandboxError,
    SandboxLimits,
    read_and_check_isolated,
    run_isolated,
)
from reader_bombs import (
    deep_json,
    digit_run,
    docx_ratio_bomb,
    docx_unsupported_compression,
    huge_integers,
    large_text,
    long_digit_run,
    minimal_xlsx,
    pdf_page_dag,
    wrong_json_types,
    xlsx_100m_rows,
)

TIGHT = SandboxLimits(cpu_seconds=2, memory_bytes=300 * 1024 * 1024, wall_seconds=20)
CJK = re.compile(r"[\u4e00-\u9fff]")


def _refusal(data: bytes, name: str) -> str:
    """The reader's refusal of ``data``, read in the child under :data:`TIGHT`."""
    with pytest.raises(ReportReadError) as info:
        read_and_check_isolated(data, name, limits=TIGHT)
    message = str(info.value)
    assert name in message and CJK.search(message) and "\n" not in message
    assert "上限，已停止" not in message  # the reader refused it, not the process limits
    return message


@pytest.mark.parametrize(
    ("build", "name", "words"),
    [
        (docx_ratio_bomb, "bomb.docx", "解压后有 100 MB"),
        (docx_unsupported_compression, "bomb.docx", "不支持的压缩方式"),
        (pdf_page_dag, "bomb.pdf", f"1,000,000 页，超过了 {MAX_PDF_PAGES} 页"),
        (digit_run, "bomb.txt", "超过了 300,000 个字符的上限"),
        (long_digit_run, "bomb.txt", f"250,000 位的数字，超过了 {MAX_DIGIT_RUN} 位"),
        (large_text, "bomb.txt", "15.0 MB"),
        (deep_json, "bomb.json", "嵌套层数过深"),
        (huge_integers, "bomb.json", "超出了 ±10 的 15 次方的范围"),
    ],
    ids=[
        "docx-ratio",
        "docx-method",
        "pdf-dag",
        "digits-2mb",
        "digits-250k",
        "text-15mb",
        "json-deep",
        "json-huge-int",
    ],
)
def test_bomb_is_refused_before_work(build: Any, name: str, words: str) -> None:
    assert words in _refusal(build(), name)


@pytest.mark.parametrize("data", wrong_json_types(), ids=lambda d: d.decode()[:40])
def test_wrong_json_types_are_one_chinese_sentence(data: bytes) -> None:
    message = _refusal(data, "bad.json")
    assert "年报" in message


def test_report_json_is_validated_before_use() -> None:
    with pytest.raises(ReportDataError, match="findings → 0 应为对象"):
        Report.from_dict({"format": "2021", "cells": {}, "findings": [1]})
    with pytest.raises(ReportDataError, match="cells → s3.new_received.total 的数字"):
        Report.from_dict({"format": "2021", "cells": {"s3.new_received.total": 10**16}})
    with pytest.raises(ReportDataError, match="NaN"):
        Report.from_json('{"format": "2021", "cells": {"s3.new_received.total": NaN}}')
    with pytest.raises(ReportDataError, match="4300"):
        Report.from_json(
            '{"format": "2021", "cells": {"s3.new_received.total": %s}}' % ("9" * 5000)
        )


def test_huge_numbers_in_text_are_missing_not_a_crash() -> None:
    data = digit_run(40)  # a 40-digit cell: under the run limit, not a count
    report = read_report_bytes(data, "a.txt")
    check(report)  # no OverflowError in the sum rules
    assert report.get("s3.new_received.natural") is None
    assert any(f.rule == "M1" and "10 的 15 次方" in f.message for f in report.findings)


def test_parse_number_bounds_the_digits() -> None:
    assert parse_number("1" * MAX_DIGIT_RUN) is not None
    assert parse_number("1" * (MAX_DIGIT_RUN + 1)) is None


def test_sheet_with_a_row_at_100_million_is_refused_naming_the_sheet() -> None:
    with pytest.raises(LedgerFileError) as info:
        read_table(xlsx_100m_rows(), "台账.xlsx")
    message = str(info.value)
    assert "“台账.xlsx”的工作表“台账”" in message and f"{MAX_SCANNED_ROWS:,} 行的上限" in message


def test_sheet_whose_dimension_is_too_large_is_refused_before_reading() -> None:
    data = minimal_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>', dimension="A1:B100000000"
    )
    with pytest.raises(LedgerFileError, match="有 100,000,000 行"):
        read_table(data, "a.xlsx")


def test_sheet_within_the_scanned_rows_still_reads() -> None:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>申请编号</t></is></c></row>'
    rows += '<row r="1000"><c r="A1000" t="inlineStr"><is><t>x</t></is></c></row>'
    table = read_table(minimal_xlsx(rows), "a.xlsx")
    assert [(row.number, row.values) for row in table.rows] == [(1000, {"申请编号": "x"})]


@pytest.mark.parametrize(
    ("target", "args", "limits", "reason", "words"),
    [
        (
            bytes,
            (800 * 1024 * 1024,),
            SandboxLimits(memory_bytes=300 * 1024 * 1024),
            "memory",
            "内存超过了 300 MB 的上限",
        ),
        (sum, (range(10**12),), SandboxLimits(cpu_seconds=1), "cpu", "1 秒的计算时间上限"),
        (time.sleep, (30,), SandboxLimits(wall_seconds=1), "wall", "1 秒的时间上限"),
    ],
    ids=["memory", "cpu", "wall"],
)
def test_the_process_limits_stop_what_the_reader_limits_miss(
    target: Any, args: tuple[Any, ...], limits: SandboxLimits, reason: str, words: str
) -> None:
    """Work no reader limit foresaw is stopped by the child's limits; the parent goes on."""
    with pytest.raises(SandboxError) as info:
        run_isolated(target, *args, limits=limits)
    assert info.value.reason == reason and words in str(info.value)


def test_a_crash_in_the_child_is_reported_with_its_traceback() -> None:
    with pytest.raises(SandboxError) as info:
        run_isolated(int, "not a number")
    assert info.value.crashed and "ValueError" in info.value.detail


def test_expected_errors_come_back_as_they_are() -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        run_isolated(int, "x", expected=(ValueError,))
    assert run_isolated(int, "42")[0] == 42


def test_real_fixtures_read_the_same_in_the_child(shared_dir: Path) -> None:
    for path in sorted((shared_dir / "fixtures" / "reports").glob("*.*")):
        if path.suffix not in (".txt", ".pdf", ".json"):
            continue
        here = read_report_bytes(path.read_bytes(), path.name)
        check(here)
        _text, there = read_and_check_isolated(path.read_bytes(), path.name)
        assert there.to_dict() == here.to_dict(), path.name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=400),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(
                    st.sampled_from(
                        [
                            "format",
                            "year",
                            "org",
                            "cells",
                            "provenance",
                            "narrative",
                            "findings",
                            "s3.new_received.total",
                            "rule",
                            "severity",
                        ]
                    ),
                    inner,
                    max_size=5,
                )
            ),
            max_leaves=20,
        ).map(
            lambda doc: json.dumps(
                {"format": "2021", "cells": {}, "x": doc} if not isinstance(doc, dict) else doc
            ).encode()
        ),
    )
)
@example(b'{"format":"\\n"}')  # a newline in the format's name once broke the one line
def test_fuzzed_input_is_read_or_refused_in_chinese(data: bytes) -> None:
    """Any bytes or JSON: a report, or one Chinese sentence; never a raw Python exception."""
    try:
        check(read_report_bytes(data, "fuzz"))
    except ReportReadError as exc:
        assert CJK.search(str(exc)) and "\n" not in str(exc)


def test_sandbox_error_is_not_a_reader_error() -> None:
    # A crash of the reader is our bug (logged), not the clerk's file: kept apart.
    assert not issubclass(SandboxError, ReportReadError)
