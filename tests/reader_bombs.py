"""Hostile files for the readers (issue 9, findings 2, 3 and 9), built in memory.

Each builder returns the bytes of a small file that used to cost the readers minutes of CPU or
gigabytes of memory, or made them raise a raw Python exception. The reader tests
(``tests/domain/test_reader_limits.py``, ``tests/web/test_reader_isolation.py``) and the
benchmark (``benchmarks/bench_reader_bombs.py``) use the same files.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterable

__all__ = [
    "BOMBS",
    "deep_json",
    "digit_run",
    "docx_ratio_bomb",
    "docx_unsupported_compression",
    "huge_integers",
    "large_text",
    "long_digit_run",
    "minimal_docx",
    "minimal_xlsx",
    "pdf_page_dag",
    "wrong_json_types",
    "xlsx_100m_rows",
]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def minimal_docx(
    body_chunks: Iterable[bytes], *, compress_type: int = zipfile.ZIP_DEFLATED
) -> bytes:
    """A .docx whose ``word/document.xml`` is a body made of ``body_chunks`` (streamed, so a
    100 MB body never sits in memory at once)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES_DOCX)
        archive.writestr("_rels/.rels", _RELS_DOCX)
        info = zipfile.ZipInfo("word/document.xml", (2024, 1, 1, 0, 0, 0))
        info.compress_type = compress_type
        with archive.open(info, "w", force_zip64=True) as part:
            part.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                f'<w:document xmlns:w="{_W}"><w:body>'.encode()
            )
            for chunk in body_chunks:
                part.write(chunk)
            part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def docx_ratio_bomb(inflated_mb: int = 100) -> bytes:
    """A few hundred KB of .docx whose document.xml inflates to ``inflated_mb`` MB of
    paragraphs (finding 2: 82 s and 1.7 GB before)."""
    paragraph = "<w:p><w:r><w:t>政府信息公开工作年度报告</w:t></w:r></w:p>".encode()
    block = paragraph * (1_048_576 // len(paragraph))
    return minimal_docx(block for _ in range(inflated_mb))


def docx_unsupported_compression() -> bytes:
    """A .docx whose document.xml claims a compression method zipfile cannot read
    (finding 9: NotImplementedError)."""
    data = bytearray(minimal_docx([b"<w:p><w:r><w:t>x</w:t></w:r></w:p>"]))
    name = b"word/document.xml"
    # Method 99 (AES) in the local header and in the central directory entry of the part.
    for signature, method_offset, name_offset in ((b"PK\x03\x04", 8, 30), (b"PK\x01\x02", 10, 46)):
        start = 0
        while (at := data.find(signature, start)) >= 0:
            if data[at + name_offset : at + name_offset + len(name)] == name:
                data[at + method_offset : at + method_offset + 2] = (99).to_bytes(2, "little")
            start = at + 4
    return bytes(data)


def pdf_page_dag(levels: int = 6, fanout: int = 10) -> bytes:
    """A PDF of a few KB whose page tree counts ``fanout ** levels`` pages (1,000,000 by
    default) through shared references: each level's node lists the next one ``fanout`` times
    (finding 2: 40 s and 776 MB before)."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>"}
    for level in range(levels):
        number = 2 + level
        kids = b" ".join([f"{number + 1} 0 R".encode()] * fanout)
        parent = f" /Parent {number - 1} 0 R" if level else ""
        objects[number] = (
            f"<< /Type /Pages{parent} /Count {fanout ** (levels - level)} /Kids [".encode()
            + kids
            + b"] >>"
        )
    leaf = 2 + levels
    objects[leaf] = (
        f"<< /Type /Page /Parent {leaf - 1} 0 R /MediaBox [0 0 595 842] "
        f"/Resources << >> /Contents {leaf + 1} 0 R >>"
    ).encode()
    stream = b"BT /F1 12 Tf 72 720 Td (x) Tj ET"
    objects[leaf + 1] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for number in sorted(objects):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def digit_run(size: int = 2_000_000) -> bytes:
    """A report text whose table line is a run of ``size`` digits (finding 2)."""
    return _report_head() + b"1" * size + b"\t1\t1\n"


def long_digit_run() -> bytes:
    """A 250,000-digit run: under the text size limit, over the digit-run limit (the issue's
    925,000 digits took 25 s)."""
    return digit_run(250_000)


def large_text(megabytes: int = 15) -> bytes:
    """Many megabytes of report-like prose (finding 2: 2–15 MB texts took 10–67 s)."""
    line = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息1234条。\n"
    body = line.encode() * (megabytes * 1_048_576 // len(line.encode()))
    return _report_head() + body


def _report_head() -> bytes:
    return (
        "某某区人民政府2024年政府信息公开工作年度报告\n一、总体情况\n"
        "三、收到和处理政府信息公开申请情况\n"
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n申请人情况\n"
        "一、本年新收政府信息公开申请数量\t"
    ).encode()


def minimal_xlsx(sheet_rows: str, *, dimension: str | None = None) -> bytes:
    """An .xlsx with one sheet (named 台账) whose ``<sheetData>`` is ``sheet_rows``."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    ct = "http://schemas.openxmlformats.org/package/2006/content-types"
    office = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    parts = {
        "[Content_Types].xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{ct}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{office}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{office}.worksheet+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}" xmlns:r="{rel}">'
            '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{ns}">{dim}'
            f"<sheetData>{sheet_rows}</sheetData></worksheet>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def xlsx_100m_rows() -> bytes:
    """A ~1 KB .xlsx: a header row and one data row at row 100,000,000, no dimension
    (finding 3: >100 s before)."""
    return minimal_xlsx(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>申请编号</t></is></c></row>'
        '<row r="100000000"><c r="A100000000" t="inlineStr"><is><t>x</t></is></c></row>'
    )


def deep_json(depth: int = 100_000) -> bytes:
    """Report JSON nested ``depth`` arrays deep (finding 9: RecursionError)."""
    return b'{"format": "2021", "cells": ' + b"[" * depth + b"]" * depth + b"}"


def huge_integers() -> bytes:
    """Report JSON whose cells are 4,000-digit integers (finding 9: OverflowError in the sum
    rules)."""
    big = "9" * 4000
    cells = ", ".join(
        f'"s3.{row}.{col}": {big}'
        for row in ("new_received", "carried_over", "total_received")
        for col in ("natural", "total")
    )
    return ('{"format": "2021", "year": 2024, "cells": {' + cells + "}}").encode()


def wrong_json_types() -> list[bytes]:
    """Report JSON with values of the wrong types (finding 9: TypeError/AttributeError in
    Report.from_dict)."""
    docs: list[object] = [
        {"format": "2021", "cells": {}, "findings": [1]},
        {"format": "2021", "cells": {}, "findings": {"rule": "R1"}},
        {"format": "2021", "cells": {}, "provenance": {"s3.new_received.total": 5}},
        {"format": "2021", "cells": {"s3.new_received.total": "12"}},
        {"format": "2021", "cells": [], "org": 5},
        {"format": ["2021"], "cells": {}},
        {"format": "2021", "cells": {}, "narrative": {"一": {"x": 1}}},
        {"format": "2021", "cells": {}, "year": 1e300},
    ]
    return [json.dumps(doc).encode() for doc in docs]


# name → (builder, what it is read as): "report" through the report reader, "ledger" through
# the ledger table reader.
BOMBS: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "docx_ratio_100mb": (docx_ratio_bomb, "bomb.docx", "report"),
    "docx_compression_99": (docx_unsupported_compression, "bomb.docx", "report"),
    "pdf_dag_1m_pages": (pdf_page_dag, "bomb.pdf", "report"),
    "digits_2mb": (digit_run, "bomb.txt", "report"),
    "digits_250k": (long_digit_run, "bomb.txt", "report"),
    "text_15mb": (large_text, "bomb.txt", "report"),
    "xlsx_row_100m": (xlsx_100m_rows, "bomb.xlsx", "ledger"),
    "json_deep": (deep_json, "bomb.json", "report"),
    "json_huge_int": (huge_integers, "bomb.json", "report"),
    "json_wrong_types": (lambda: wrong_json_types()[0], "bomb.json", "report"),
}
