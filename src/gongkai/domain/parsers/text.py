"""Plain-text annual report → :class:`Report`.

How a text is read:

1. Clean (line ends, page numbers) and make a simplified copy of the same length, so
   sections and tables are found on 简体 labels while the narrative keeps the original text.
2. Find the six section titles (mid-line titles included) and the three table regions.
   A table whose section title was lost is still found by its own header (table 四 by its
   "…维持 / …纠正" header line, table 二 by "第二十条", table 三 by its column note).
3. Year (title, else statistics period, else the year most mentioned before the tables),
   issuing body (title line, else "本报告由…根据"), and the format *of the labels*; a label
   format that differs from the year's format is an R5 finding, and cells are keyed by
   what is printed.
4. Tables are tokenised into label + cells segments (``tokens``) and read against the
   template grid (``grid``, ``tables``).

Every cell of the detected format is in ``cells`` and ``provenance``: a printed number is
``read``; a number cut out of a run of digits printed together ("230000023" for
23,0,0,0,0,0,23) where a table identity decided the cut is ``inferred:<rule>`` (R1 the row
total, R2/S1 the column totals, R3 table 四's block totals) — the digits are printed, only
the cut is inferred, and only when exactly one cut satisfies the identities; a blank,
cut-off or unrecoverable cell is ``None`` and ``missing``. A value that is not printed at all
is never filled in from a consistency rule, so the validator still checks those rules on
what the report says.

Findings of the reader itself: R5 (labels of the other format, or a 2021 table printing
（六）其他处理 as one row — kept under ``s3.other.*``), L1 (a local extra row, with its
values; not counted), M1 (printed numbers that could not be placed for certain).

Not a report: a text in which neither a section title nor a row of table 二/三/四 is found
(plain prose, a spreadsheet saved as text) is refused with :class:`NotRecognisedError`, which
says what was looked for; the decision rests on what the reader found, whatever the file.

Narrative: ``{"一": …, …}`` for every section title found; for 二/三/四 only the prose
before the table (possibly empty). The text before 一 (title, legal basis, contact) is
not narrative and is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.domain.limits import MAX_CELL_VALUE
from gongkai.domain.parsers.normalize import clean_text, simplify
from gongkai.domain.parsers.numbers import to_value
from gongkai.domain.parsers.sections import (
    Section,
    detect_org,
    detect_year,
    find_sections,
    label_format_markers,
)
from gongkai.domain.parsers.tables import TableRead, read_s2, read_s3, read_s4
from gongkai.domain.parsers.tokens import tokenize
from gongkai.domain.report.formats import format_for_year, get_format
from gongkai.domain.report.model import (
    PROVENANCE_MISSING,
    PROVENANCE_READ,
    Finding,
    Report,
    inferred,
)

__all__ = ["NotRecognisedError", "parse_text"]

_S2_START_RE = re.compile(r"第\s*二\s*十\s*条|信\s*息\s*内\s*容")
_S2_UNTITLED_RE = re.compile(r"第\s*二\s*十\s*条\s*第\s*[（(]")  # a sub-table heading
_S3_START_RE = re.compile(r"[（(]\s*本\s*列\s*数\s*据|申\s*请\s*人\s*情\s*况|本\s*年\s*新\s*收")
_S4_START_RE = re.compile(r"行\s*政\s*复\s*议|结\s*果\s*维\s*持|维\s*持")
# Words of table 四's header that no row of table 三 contains (its title may be lost).
_S4_HEADER_WORD_RE = re.compile(r"复\s*议|维\s*持|纠\s*正|审\s*结")
_AMOUNT_UNIT_RE = re.compile(r"采\s*购\s*总\s*金\s*额\s*[（(]\s*(?:单\s*位\s*[:：]\s*)?(万元|元)")
_WS_RE = re.compile(r"\s+")
_DIGIT_RE = re.compile(r"\d+")
_FORMAT_NOTICES = {"2019": "国办公开办函〔2019〕60号", "2021": "国办公开办函〔2021〕30号"}


@dataclass(frozen=True)
class _Region:
    body: int  # where the section body starts (after the title, or the table itself)
    table: int  # where the table starts
    end: int


def _next_boundary(boundaries: list[int], pos: int, default: int) -> int:
    return min((b for b in boundaries if b > pos), default=default)


def _locate(simp: str, sections: dict[str, Section]) -> tuple[dict[str, _Region], list[int]]:
    """The regions of tables 二, 三 and 四, and every section/table boundary."""
    n = len(simp)
    boundaries = [s.start for s in sections.values()]
    starts: dict[str, int] = {}
    if "二" in sections:
        starts["二"] = sections["二"].body_start
    else:
        match = _S2_UNTITLED_RE.search(simp)
        if match is not None and ("三" not in sections or match.start() < sections["三"].start):
            starts["二"] = match.start()
            boundaries.append(match.start())
    if "三" in sections:
        starts["三"] = sections["三"].body_start
    else:
        match = _S3_START_RE.search(simp, starts.get("二", 0))
        if match is not None:
            starts["三"] = match.start()
            boundaries.append(match.start())
    if "四" in sections:
        starts["四"] = sections["四"].body_start
    elif "三" in starts:
        end3 = _next_boundary(boundaries, starts["三"], n)
        table3 = _S3_START_RE.search(simp, starts["三"], end3)
        after = table3.end() if table3 else starts["三"]
        header = _S4_HEADER_WORD_RE.search(simp, after, end3)
        if header is not None:  # from the start of its line ("果 维 持\t果 纠 正…")
            newline = simp.rfind("\n", after, header.start())
            start = newline + 1 if newline >= 0 else header.start()
            # In a text run onto one line (a wrapped label may leave a stray line break in
            # it) table 三's last numbers come before the header on the same line.
            last_digit = max(
                (m.end() for m in _DIGIT_RE.finditer(simp, start, header.start())), default=start
            )
            start = max(start, last_digit)
            starts["四"] = start
            boundaries.append(start)
    patterns = {"二": _S2_START_RE, "三": _S3_START_RE, "四": _S4_START_RE}
    regions: dict[str, _Region] = {}
    for numeral, body in starts.items():
        end = _next_boundary(boundaries, body, n)
        table = patterns[numeral].search(simp, body, end)
        regions[numeral] = _Region(body, table.start() if table else body, end)
    return regions, sorted(set(boundaries))


def _outside_tables(simp: str, regions: dict[str, _Region]) -> str:
    """The text with the tables cut out: where narrative figures are looked up."""
    pieces: list[str] = []
    pos = 0
    for region in sorted(regions.values(), key=lambda r: r.table):
        pieces.append(simp[pos : region.table])
        pos = max(pos, region.end)
    pieces.append(simp[pos:])
    return "\n".join(pieces)


def _cut_off(simp: str, region: _Region) -> bool:
    """The text stops inside this table (nothing but blanks after it)."""
    return region.end >= len(simp) or not simp[region.end :].strip()


def _narrative(
    clean: str, sections: dict[str, Section], regions: dict[str, _Region], boundaries: list[int]
) -> dict[str, str]:
    out: dict[str, str] = {}
    for numeral, section in sections.items():
        end = _next_boundary(boundaries, section.body_start - 1, len(clean))
        end = max(end, section.body_start)
        region = regions.get(numeral)
        if region is not None:
            end = min(end, region.table)
        out[numeral] = clean[section.body_start : end].strip()
    return out


def _choose_format(
    simp: str, regions: dict[str, _Region], year: int | None
) -> tuple[str, list[Finding]]:
    parts = [simp[r.table : r.end] for k, r in regions.items() if k in ("二", "三")]
    compact = _WS_RE.sub("", "".join(parts) if parts else simp)
    markers = label_format_markers(compact)
    n2019, n2021 = len(markers["2019"]), len(markers["2021"])
    label_format = "2019" if n2019 > n2021 else "2021" if n2021 > n2019 else None
    year_format = format_for_year(year).id if year is not None else None
    chosen = label_format or year_format or "2021"
    findings: list[Finding] = []
    if label_format and year_format and label_format != year_format:
        examples = "、".join(f"“{m}”" for m in markers[label_format][:3])
        findings.append(
            Finding(
                "R5",
                "error",
                (),
                f"{year} 年度报告应使用 {year_format} 年格式（{_FORMAT_NOTICES[year_format]}），"
                f"但表格使用的是 {label_format} 年格式的栏目（{examples}）",
            )
        )
    return chosen, findings


class NotRecognisedError(ValueError):
    """A text in which the reader found nothing of an annual report (the reason, in
    Chinese)."""


def _not_recognised(sections: dict[str, Section], reads: list[TableRead]) -> str | None:
    """Why the text is not read as an annual report (None: it is): no section title
    (一、总体情况 … 六、其他需要报告的事项) and no row of table 二, 三 or 四 was found."""
    if sections or any(table_read.cells for table_read in reads):
        return None
    return "未找到年报的表格（二、三、四）和章节标题（如“一、总体情况”）"


def parse_text(text: str) -> Report:
    """Read a plain-text annual report (see the module docstring for the conventions).

    Raises :class:`NotRecognisedError` for a text that has nothing of an annual report."""
    clean = clean_text(text)
    simp = simplify(clean)
    sections = find_sections(simp)
    regions, boundaries = _locate(simp, sections)
    first_table = min((r.table for r in regions.values()), default=len(simp))
    year = detect_year(simp, first_table)
    org = detect_org(simp)
    format_id, findings = _choose_format(simp, regions, year)
    fmt = get_format(format_id)
    narrative = _narrative(clean, sections, regions, boundaries)

    reads: list[TableRead] = []
    if "二" in regions:
        region = regions["二"]
        unit = _AMOUNT_UNIT_RE.search(simp, region.table, region.end)
        reads.append(
            read_s2(
                tokenize(simp[region.table : region.end], cut_off=_cut_off(simp, region)),
                fmt,
                _outside_tables(simp, regions),
                unit.group(1) if unit else None,
            )
        )
    if "三" in regions:
        region = regions["三"]
        reads.append(
            read_s3(tokenize(simp[region.table : region.end], cut_off=_cut_off(simp, region)), fmt)
        )
    if "四" in regions:
        region = regions["四"]
        reads.append(
            read_s4(tokenize(simp[region.table : region.end], cut_off=_cut_off(simp, region)))
        )

    reason = _not_recognised(sections, reads)
    if reason is not None:
        raise NotRecognisedError(reason)
    report = Report.empty(format_id, year, org)
    report.narrative = narrative
    report.findings = findings
    for table_read in reads:
        too_large: list[str] = []
        for key, num in table_read.cells.items():
            if num is not None and abs(num.value) > MAX_CELL_VALUE:
                too_large.append(key)
                num = None
            if num is None:
                report.set(key, None, PROVENANCE_MISSING)
            else:
                report.set(
                    key,
                    to_value(num.value),
                    inferred(num.rule) if num.rule else PROVENANCE_READ,
                )
        report.findings.extend(table_read.findings)
        if too_large:
            report.findings.append(
                Finding(
                    "M1",
                    "warning",
                    tuple(too_large),
                    f"{len(too_large)} 个单元格的数字超过 10 的 15 次方，不是统计数字，按缺失处理",
                )
            )
    return report
