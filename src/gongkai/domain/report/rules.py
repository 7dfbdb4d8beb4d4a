"""Consistency rules (勾稽关系) of the annual report: S1, R1–R5, X1–X4, M1, P1, E1, with T1/N1
from :mod:`gongkai.domain.report.narrative`.

P1 needs the kind of the issuing body (given by the report built from records, else read from
the body's name, :mod:`gongkai.domain.report.authority`); E1 needs the year's facts, so it runs
only on a report built from records.

Each rule is one function returning findings; :func:`validate` runs them all. Rules only compare
cells that are known: a blank or unrecoverable cell is never taken as 0 (that is M1's job), so a
sum with a missing addend is not checked, except where the known part alone already exceeds the
printed total.

When a sum does not add up, the finding names the cells most likely at fault: the total, plus the
addends that also break another rule (row R1 ∩ column R2/S1). A single changed cell is thus named
by at least one error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeGuard

from gongkai.domain.report.authority import (
    KindReading,
    infer_body_kind,
    may_make_regulations,
)
from gongkai.domain.report.draft import DraftFacts, year_without_records
from gongkai.domain.report.formats import (
    S3_APPLICANT_COLUMN_KEYS,
    S3_COLUMN_KEYS,
    S3_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    ReportFormat,
    ValueKind,
    format_for_year,
    get_format,
)
from gongkai.domain.report.model import (
    PROVENANCE_MISSING,
    CellValue,
    Finding,
    Report,
    format_number,
)
from gongkai.domain.report.narrative import check_narrative, check_openness, check_sections

__all__ = [
    "RULE_IDS",
    "check",
    "regulations_made_key",
    "rule_e1_no_records",
    "rule_m1_missing",
    "rule_p1_regulations_power",
    "rule_r1_row_totals",
    "rule_r2_result_totals",
    "rule_r3_review_totals",
    "rule_r4_value_kinds",
    "rule_r5_format",
    "rule_s1_balance",
    "rule_x1_carry_over",
    "rule_x2_item_counts",
    "rule_x3_in_force",
    "rule_x4_published",
    "validate",
]

RULE_IDS: frozenset[str] = frozenset(
    {"S1", "R1", "R2", "R3", "R4", "R5", "X1", "X2", "X3", "X4", "T1", "M1", "N1", "P1", "E1"}
)

_S3_COLUMN_LABEL = {c.key: c.label for c in S3_COLUMNS}
_S4_COLUMN_LABEL = {c.key: c.label for c in S4_COLUMNS}
_S4_RESULT_COLUMNS = ("upheld", "corrected", "other", "pending")
_EPSILON = 1e-6


def _show(value: CellValue) -> str:
    """A number in a message; a blank cell is named as such."""
    return format_number(value) or "空白"


def _sum_known(report: Report, keys: Iterable[str]) -> tuple[float, bool]:
    """The sum of the known cells and whether every cell was known."""
    total = 0.0
    complete = True
    for key in keys:
        value = report.cells.get(key)
        if value is None:
            complete = False
        else:
            total += value
    return total, complete


def _breaks_sum(report: Report, total_key: str, part_keys: Sequence[str]) -> float | None:
    """The parts' sum when it contradicts the printed total, else ``None``.

    With missing parts, only a known part that already exceeds the total is a contradiction.
    """
    total = report.cells.get(total_key)
    if total is None:
        return None
    parts, complete = _sum_known(report, part_keys)
    if complete and abs(parts - total) > _EPSILON:
        return parts
    if not complete and parts - total > _EPSILON:
        return parts
    return None


def _unique(keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))


# ---------------------------------------------------------------------------------------------
# Table 三
# ---------------------------------------------------------------------------------------------


def _s1_broken_columns(report: Report) -> dict[str, tuple[float, float]]:
    """Columns where 一 + 二 ≠ （七） + 四, with both sides (all four cells known)."""
    broken: dict[str, tuple[float, float]] = {}
    for col in S3_COLUMN_KEYS:
        keys = [f"s3.{row}.{col}" for row in ("new_received", "carried_over")]
        out_keys = [f"s3.{row}.{col}" for row in ("total_processed", "carried_forward")]
        left, left_ok = _sum_known(report, keys)
        right, right_ok = _sum_known(report, out_keys)
        if left_ok and right_ok and abs(left - right) > _EPSILON:
            broken[col] = (left, right)
    return broken


# A sum rule: per line (row, column or block), the total's key and the keys of its parts.
_Sums = dict[str, tuple[str, list[str]]]


def _r1_sums(fmt: ReportFormat) -> _Sums:
    """R1: each row of 三, 总计 = the six applicant columns."""
    return {
        row: (f"s3.{row}.total", [f"s3.{row}.{c}" for c in S3_APPLICANT_COLUMN_KEYS])
        for row in fmt.s3_row_keys
    }


def _r2_sums(fmt: ReportFormat) -> _Sums:
    """R2: each column of 三, （七）总计 = the result rows."""
    return {
        col: (f"s3.total_processed.{col}", [f"s3.{r.key}.{col}" for r in fmt.s3_result_rows])
        for col in S3_COLUMN_KEYS
    }


def _r3_sums() -> _Sums:
    """R3: each block of 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    return {
        block: (f"s4.{block}.total", [f"s4.{block}.{c}" for c in _S4_RESULT_COLUMNS])
        for block, _label in S4_BLOCKS
    }


def _broken(report: Report, sums: _Sums) -> dict[str, float]:
    """The lines whose known parts contradict their total, with the parts' sum."""
    broken: dict[str, float] = {}
    for line, (total_key, part_keys) in sums.items():
        parts = _breaks_sum(report, total_key, part_keys)
        if parts is not None:
            broken[line] = parts
    return broken


def _sum_finding(
    rule: str,
    report: Report,
    total_key: str,
    named: Iterable[str],
    where: str,
    addends: str,
    parts: float,
) -> Finding:
    """An error naming the total and the ``named`` parts most likely at fault."""
    total = _show(report.cells[total_key])
    return Finding(
        rule,
        "error",
        _unique([total_key, *named]),
        f"{where}为 {total}，但{addends}之和为 {_show(parts)}",
    )


def rule_s1_balance(report: Report) -> list[Finding]:
    """S1: per column, 一 + 二 = （七）总计 + 四 (printed on the form itself)."""
    findings = []
    for col, (left, right) in _s1_broken_columns(report).items():
        c = report.cells
        keys = tuple(
            f"s3.{row}.{col}"
            for row in ("new_received", "carried_over", "total_processed", "carried_forward")
        )
        a, b, t, f = (_show(c[k]) for k in keys)
        findings.append(
            Finding(
                "S1",
                "error",
                keys,
                f"表三 {_S3_COLUMN_LABEL[col]} 栏：一、本年新收 {a} + 二、上年结转 {b} = "
                f"{_show(left)}，但（七）总计 {t} + 四、结转下年度继续办理 {f} = "
                f"{_show(right)}（第一项加第二项之和应等于第三项加第四项之和）",
            )
        )
    return findings


def rule_r1_row_totals(report: Report) -> list[Finding]:
    """R1: every row of 三, 总计 = the six applicant columns."""
    fmt = report.spec
    suspect_cols = set(_broken(report, _r2_sums(fmt))) | set(_s1_broken_columns(report))
    findings = []
    for row, parts in _broken(report, _r1_sums(fmt)).items():
        named = [c for c in S3_APPLICANT_COLUMN_KEYS if c in suspect_cols]
        if not named and "total" not in suspect_cols:
            named = list(S3_APPLICANT_COLUMN_KEYS)
        where = f"表三 “{fmt.s3_row(row).short_label}” 行：总计 栏"
        cells = [f"s3.{row}.{c}" for c in named]
        findings.append(
            _sum_finding("R1", report, f"s3.{row}.total", cells, where, "六类申请人", parts)
        )
    return findings


def rule_r2_result_totals(report: Report) -> list[Finding]:
    """R2: every column of 三, （七）总计 = the sum of all result rows （一）…（六）."""
    fmt = report.spec
    suspect_rows = set(_broken(report, _r1_sums(fmt)))
    findings = []
    for col, parts in _broken(report, _r2_sums(fmt)).items():
        cells = [f"s3.{r.key}.{col}" for r in fmt.s3_result_rows if r.key in suspect_rows]
        where = f"（七）总计 {_S3_COLUMN_LABEL[col]} 栏"
        total_key = f"s3.total_processed.{col}"
        findings.append(_sum_finding("R2", report, total_key, cells, where, "各办理结果", parts))
    return findings


# ---------------------------------------------------------------------------------------------
# Table 四
# ---------------------------------------------------------------------------------------------


def rule_r3_review_totals(report: Report) -> list[Finding]:
    """R3: each block of 四, 总计 = 维持 + 纠正 + 其他 + 尚未审结."""
    sums = _r3_sums()
    labels = dict(S4_BLOCKS)
    addends = "、".join(_S4_COLUMN_LABEL[c] for c in _S4_RESULT_COLUMNS)
    findings = []
    for block, parts in _broken(report, sums).items():
        total_key, part_keys = sums[block]
        where = f"表四 {labels[block]} 总计 "
        findings.append(_sum_finding("R3", report, total_key, part_keys, where, addends, parts))
    return findings


# ---------------------------------------------------------------------------------------------
# Values and format
# ---------------------------------------------------------------------------------------------


def _kind_problem(value: CellValue, kind: ValueKind) -> str | None:
    if value is None:
        return None
    if kind is ValueKind.SIGNED:
        return None if isinstance(value, int) else "应为整数（可为负数）"
    if kind in (ValueKind.AMOUNT_YUAN, ValueKind.AMOUNT_WAN):
        return None if value >= 0 else "金额不能为负数"
    if not isinstance(value, int):
        return "件数应为整数"
    return None if value >= 0 else "件数不能为负数"


def rule_r4_value_kinds(report: Report) -> list[Finding]:
    """R4: counts are non-negative integers; only 本年增/减 is signed; amounts are decimals ≥ 0."""
    fmt = report.spec
    findings = []
    for key, value in report.cells.items():
        if not fmt.has_key(key):
            continue
        problem = _kind_problem(value, fmt.kind(key))
        if problem:
            findings.append(
                Finding(
                    "R4",
                    "error",
                    (key,),
                    f"{fmt.label(key)} 为 {_show(value)}：{problem}",
                )
            )
    return findings


def rule_r5_format(report: Report) -> list[Finding]:
    """R5: the format must be the one of the report year, and hold only that format's cells."""
    fmt = report.spec
    findings = []
    if report.year is not None:
        expected = format_for_year(report.year)
        if expected.id != fmt.id:
            # The cells involved: the rows of the format used that the right one prints
            # otherwise (table 二's columns differ between the formats, and 三's 其他处理).
            differ = {k.rsplit(".", 1)[0] for k in fmt.cell_keys if not expected.has_key(k)}
            foreign_to_expected = tuple(k for k in fmt.cell_keys if k.rsplit(".", 1)[0] in differ)
            findings.append(
                Finding(
                    "R5",
                    "error",
                    foreign_to_expected,
                    f"{report.year} 年度报告应使用 {expected.id} 年版格式（{expected.title}），"
                    f"但本报告使用的是 {fmt.id} 年版格式的表格",
                )
            )
    foreign = [k for k, v in report.cells.items() if not fmt.has_key(k) and v is not None]
    if foreign:
        rows = sorted({k.rsplit(".", 1)[0] for k in foreign})
        findings.append(
            Finding(
                "R5",
                "error",
                tuple(foreign),
                f"{fmt.id} 年版格式没有这些栏目：{'、'.join(rows)}（表格与格式不符）",
            )
        )
    return findings


def rule_m1_missing(report: Report) -> list[Finding]:
    """M1: cells left blank or unrecoverable are reported, never silently taken as 0."""
    fmt = report.spec
    findings = []
    names = {"s2": "表二", "s3": "表三", "s4": "表四"}
    for section, name in names.items():
        missing = tuple(
            k
            for k in fmt.keys_of_section(section)
            if report.cells.get(k) is None
            or report.provenance.get(k, PROVENANCE_MISSING) == PROVENANCE_MISSING
        )
        if not missing:
            continue
        shown = "、".join(fmt.label(k) for k in missing[:3])
        more = f" 等 {len(missing)} 个单元格" if len(missing) > 3 else ""
        findings.append(
            Finding(
                "M1",
                "warning",
                missing,
                f"{name}有 {len(missing)} 个单元格空白或无法读取（未按 0 计）：{shown}{more}",
            )
        )
    return findings


# ---------------------------------------------------------------------------------------------
# The issuing body and the year's records
# ---------------------------------------------------------------------------------------------


def regulations_made_key(fmt: ReportFormat) -> str:
    """The cell of table 二 counting the 规章 made in the year: the first column of the
    规章 row's table (2019: 本年新制作数量 ``new_made``; 2021: 本年制发件数 ``issued``)."""
    table, row = fmt.s2_row("regulations")
    return f"s2.{row.key}.{table.columns[0].key}"


def rule_p1_regulations_power(report: Report, issuer: KindReading | None) -> list[Finding]:
    """P1: only bodies with rule-making power report 规章 made (《立法法》第九十一条、第九十三条:
    省、自治区、直辖市和设区的市、自治州的人民政府，国务院部门). No finding when the kind is
    unknown."""
    if issuer is None or may_make_regulations(issuer.kind) is not False:
        return []
    fmt = report.spec
    key = regulations_made_key(fmt)
    made = report.cells.get(key)
    if made is None or made <= 0:
        return []
    body = report.org or "本机关"
    return [
        Finding(
            "P1",
            "error",
            (key,),
            f"表二 {fmt.label(key)} 为 {_show(made)}，但{body}{issuer.basis}，没有制定规章的权限"
            "（《立法法》第九十三条：只有省、自治区、直辖市和设区的市、自治州的人民政府可以"
            "制定规章）；请核对信息类别为“规章”的信息，乡镇、县级人民政府和政府部门制发的"
            "文件应为行政规范性文件或其他",
        )
    ]


def rule_e1_no_records(report: Report, facts: DraftFacts) -> list[Finding]:
    """E1: a report built from records for a year in which the platform holds none of the
    body's records (every table figure of the year and every fact is 0) is all zeros for want
    of data, not necessarily for want of work."""
    if not year_without_records(report, facts):
        return []
    return [
        Finding(
            "E1",
            "warning",
            (),
            f"平台中没有{facts.body}{facts.year}年的任何记录（主动公开目录、依申请公开、"
            "行政复议和诉讼、行政事项统计、信箱和建议提案均为 0 条），表中的 0 只是没有数据。"
            "请先登记或导入本年的台账；本年确实没有的，请在“一、总体情况”中如实写明",
        )
    ]


# ---------------------------------------------------------------------------------------------
# Across years
# ---------------------------------------------------------------------------------------------
# The X rules take the report of Y−1; validate() calls them only with one (in the same format
# where the rule needs it, see _YEAR_ON_YEAR_RULES).


def _is_year_before(
    previous: Report | None, report: Report, format_id: str | None
) -> TypeGuard[Report]:
    """``previous`` is the report of the year before ``report`` (both in ``format_id``, when
    given)."""
    return (
        previous is not None
        and report.year is not None
        and previous.year is not None
        and previous.year == report.year - 1
        and (format_id is None or report.format == previous.format == format_id)
    )


def rule_x1_carry_over(report: Report, previous: Report) -> list[Finding]:
    """X1: 二、上年结转 (Y) = 四、结转下年度继续办理 (Y−1), per column."""
    findings = []
    for col in S3_COLUMN_KEYS:
        now = report.cells.get(f"s3.carried_over.{col}")
        before = previous.cells.get(f"s3.carried_forward.{col}")
        if now is not None and before is not None and abs(now - before) > _EPSILON:
            findings.append(
                Finding(
                    "X1",
                    "warning",
                    (f"s3.carried_over.{col}",),
                    f"表三 二、上年结转 {_S3_COLUMN_LABEL[col]} 栏为 {_show(now)}，"
                    f"但 {previous.year} 年报告 四、结转下年度继续办理 为 {_show(before)}",
                )
            )
    return findings


def rule_x2_item_counts(report: Report, previous: Report) -> list[Finding]:
    """X2 (2019 format): 上一年项目数量 (Y) = 上一年项目数量 (Y−1) + 本年增/减 (Y−1)."""
    fmt = report.spec
    findings = []
    for table in fmt.s2_tables:
        if not any(c.key == "change" for c in table.columns):
            continue
        for row in table.rows:
            now = report.cells.get(f"s2.{row.key}.prev_items")
            before = previous.cells.get(f"s2.{row.key}.prev_items")
            change = previous.cells.get(f"s2.{row.key}.change")
            if now is None or before is None or change is None:
                continue
            if abs(now - (before + change)) > _EPSILON:
                findings.append(
                    Finding(
                        "X2",
                        "warning",
                        (f"s2.{row.key}.prev_items",),
                        f"表二 {row.label} 上一年项目数量 为 {_show(now)}，但 "
                        f"{previous.year} 年报告为 {_show(before)}，增减 "
                        f"{_show(change)}，应为 {_show(before + change)}",
                    )
                )
    return findings


def rule_x3_in_force(report: Report, previous: Report) -> list[Finding]:
    """X3 (2021 format): 现行有效 (Y) = 现行有效 (Y−1) + 本年制发 (Y) − 本年废止 (Y)."""
    findings = []
    for row in ("regulations", "normative_docs"):
        _table, s2row = report.spec.s2_row(row)
        now = report.cells.get(f"s2.{row}.in_force")
        before = previous.cells.get(f"s2.{row}.in_force")
        issued = report.cells.get(f"s2.{row}.issued")
        repealed = report.cells.get(f"s2.{row}.repealed")
        if None in (now, before, issued, repealed):
            continue
        assert now is not None and before is not None and issued is not None
        assert repealed is not None
        expected = before + issued - repealed
        if abs(now - expected) > _EPSILON:
            findings.append(
                Finding(
                    "X3",
                    "warning",
                    (f"s2.{row}.in_force", f"s2.{row}.issued", f"s2.{row}.repealed"),
                    f"表二 {s2row.label} 现行有效件数 为 {_show(now)}，但上年 "
                    f"{_show(before)} + 本年制发 {_show(issued)} − 本年废止 "
                    f"{_show(repealed)} = {_show(expected)}",
                )
            )
    return findings


def rule_x4_published(report: Report) -> list[Finding]:
    """X4 (2019 format): 对外公开总数量 ≥ 本年新公开数量."""
    if report.format != "2019":
        return []
    findings = []
    for row in ("regulations", "normative_docs"):
        _table, s2row = report.spec.s2_row(row)
        total = report.cells.get(f"s2.{row}.total_published")
        new = report.cells.get(f"s2.{row}.new_published")
        if total is not None and new is not None and total < new:
            findings.append(
                Finding(
                    "X4",
                    "warning",
                    (f"s2.{row}.total_published", f"s2.{row}.new_published"),
                    f"表二 {s2row.label} 对外公开总数量 {_show(total)} "
                    f"小于 本年新公开数量 {_show(new)}",
                )
            )
    return findings


# ---------------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------------

_SINGLE_YEAR_RULES: tuple[Callable[[Report], list[Finding]], ...] = (
    rule_r5_format,
    rule_r4_value_kinds,
    rule_s1_balance,
    rule_r1_row_totals,
    rule_r2_result_totals,
    rule_r3_review_totals,
    rule_x4_published,
    rule_m1_missing,
    check_narrative,
)
# Rules comparing a report with the report of the year before, and the format both must be in
# (None: any) for the cells compared to exist.
_YEAR_ON_YEAR_RULES: tuple[tuple[Callable[[Report, Report], list[Finding]], str | None], ...] = (
    (rule_x1_carry_over, None),
    (rule_x2_item_counts, "2019"),
    (rule_x3_in_force, "2021"),
)


def validate(
    report: Report,
    previous: Report | None = None,
    *,
    issuer: KindReading | None = None,
    facts: DraftFacts | None = None,
) -> list[Finding]:
    """Every rule of ``report-format.md`` §6 on one report (and its predecessor, if known).

    ``issuer``: the kind of the issuing body as the platform records it; without it, P1 reads
    the kind from the report's body name (:func:`infer_body_kind`). ``facts``: the year's
    facts of a report built from records (for E1, and for T1 on the figures the narrative
    states about meetings, 解读, 意见征集 and offline notices — :func:`check_openness`; without
    facts, as for a published report read back, those figures are not checked).
    """
    get_format(report.format)  # unknown formats fail early with a clear message
    findings: list[Finding] = []
    for single in _SINGLE_YEAR_RULES:
        findings.extend(single(report))
    findings.extend(
        rule_p1_regulations_power(report, issuer if issuer else infer_body_kind(report.org))
    )
    if facts is not None:
        findings.extend(check_openness(report, facts.openness, facts.channels))
        findings.extend(rule_e1_no_records(report, facts))
    for cross, format_id in _YEAR_ON_YEAR_RULES:
        if _is_year_before(previous, report, format_id):
            findings.extend(cross(report, previous))
    findings.extend(check_sections(report, previous))
    return findings


# Rules whose findings the validator derives from the data alone; a reader's finding under one
# of these ids (e.g. the R5 it noticed in the labels) is replaced by the rule's own. A reader's
# M1 is kept: it says what was printed but could not be placed, which the data no longer shows.
_REPLACED_READER_RULES: frozenset[str] = RULE_IDS - {"M1"}


def check(
    report: Report,
    previous: Report | None = None,
    *,
    issuer: KindReading | None = None,
    facts: DraftFacts | None = None,
) -> Report:
    """Validate in place: findings = the reader's own observations + every rule's findings
    (``issuer``, ``facts``: see :func:`validate`)."""
    kept = [f for f in report.findings if f.rule not in _REPLACED_READER_RULES]
    found = validate(report, previous, issuer=issuer, facts=facts)
    # dict.fromkeys: a report JSON checked before carries the validator's M1; once is enough.
    report.findings = list(dict.fromkeys(kept + found))
    return report
