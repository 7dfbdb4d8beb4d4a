"""Tables 二, 三 and 四 read into canonical cell keys.

Each reader gets the segments of its table region and returns the cells it could read
(``Num`` for a printed number, ``None`` for a cell printed blank) plus findings. A key it
does not return is missing. The identities used to split run-together digits are the
report's own: R1 (三, per row), R2/S1 (三, per column), R3 (四, per block). A split is
only taken when exactly one reading satisfies them, and a 三 row split by R1 alone only
when a column identity confirms it; otherwise the cells stay missing (with an M1 finding).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from gongkai.domain.parsers.grid import Fit, RowSpec, Values, fit_cells, match_segments
from gongkai.domain.parsers.normalize import norm_label
from gongkai.domain.parsers.numbers import Num
from gongkai.domain.parsers.tokens import CellKind, Segment, Tokens
from gongkai.domain.report.formats import (
    S3_COLUMN_KEYS,
    S4_BLOCKS,
    S4_COLUMNS,
    ReportFormat,
    ValueKind,
)
from gongkai.domain.report.model import Finding

__all__ = ["TableRead", "read_s2", "read_s3", "read_s4"]

Cells = dict[str, Num | None]


@dataclass
class TableRead:
    """What one table gave: read cells (``None`` = printed blank) and findings."""

    cells: Cells = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)


# -- words that identify rows (aliases of the official labels in formats.py) -----------------

_S2_WORDS: dict[str, tuple[str, ...]] = {
    "regulations": ("规章",),
    "normative_docs": ("规范性文件",),
    "licensing": ("行政许可",),
    "other_services": ("其他对外管理服务事项", "对外管理服务"),
    "penalty": ("行政处罚",),
    "compulsion": ("行政强制",),
    "fees": ("行政事业性收费", "事业性收费"),
    "procurement": ("政府集中采购", "集中采购"),
}

_S3_WORDS: dict[str, tuple[str, ...]] = {
    "new_received": ("本年新收",),
    "carried_over": ("上年结转",),
    "granted": ("予以公开",),
    "partial": ("部分公开",),
    "denied.state_secret": ("国家秘密",),
    "denied.law_forbidden": ("其他法律行政法规禁止公开", "禁止公开"),
    "denied.three_security_one_stability": ("三安全一稳定",),
    "denied.third_party": ("第三方合法权益",),
    "denied.internal_affairs": ("三类内部事务",),
    "denied.process_info": ("四类过程性",),
    "denied.enforcement_file": ("行政执法案卷",),
    "denied.admin_query": ("行政查询事项",),
    "unable.not_held": ("不掌握相关政府信息", "本机关不掌握"),
    "unable.needs_creation": ("没有现成信息", "另行制作"),
    "unable.unclear_after_correction": ("补正后申请内容仍不明确", "仍不明确"),
    "not_processed.petition": ("信访举报投诉",),
    "not_processed.repeat": ("重复申请",),
    "not_processed.publication": ("公开出版物",),
    "not_processed.excessive": ("大量反复申请",),
    "not_processed.confirm_or_reissue": ("确认或重新出具",),
    "other": ("(六)其他处理",),
    "other.no_correction": ("逾期不补正",),
    "other.no_fee_payment": ("未按收费通知", "缴纳费用"),
    "other.other": (),
    "total_processed": ("(七)总计",),
    "carried_forward": ("结转下年度",),
}
_S3_SUFFIXES: dict[str, tuple[str, ...]] = {
    "other": ("其他处理",),
    "other.other": ("3.其他",),
    "total_processed": ("总计",),
}
_S3_GROUPS: dict[str, tuple[str, ...]] = {
    "denied": ("不予公开",),
    "unable": ("无法提供",),
    "not_processed": ("不予处理",),
    "other": ("其他处理",),
}

_S3_WIDTH = len(S3_COLUMN_KEYS)
_S4_WIDTH = len(S4_BLOCKS) * len(S4_COLUMNS)


def _s3_specs(fmt: ReportFormat) -> list[RowSpec]:
    specs: list[RowSpec] = []
    groups_done: set[str] = set()
    for row in fmt.s3_rows:
        group = row.key.split(".", 1)[0] if "." in row.key else None
        if group is not None and group not in groups_done:
            groups_done.add(group)
            specs.append(RowSpec(group, _S3_WIDTH, _S3_GROUPS[group], is_group=True))
        specs.append(
            RowSpec(row.key, _S3_WIDTH, _S3_WORDS[row.key], _S3_SUFFIXES.get(row.key, ()), group)
        )
    return specs


def _r1(values: Sequence[Decimal | None]) -> bool:
    if any(v is None for v in values):
        return True
    nums = [v for v in values if v is not None]
    return sum(nums[:-1]) == nums[-1]


def _r3(values: Sequence[Decimal | None]) -> bool:
    size = len(S4_COLUMNS)
    for start in range(0, len(values), size):
        block = values[start : start + size]
        if all(v is not None for v in block):
            nums = [v for v in block if v is not None]
            if sum(nums[:-1]) != nums[-1]:
                return False
    return True


# -- table 三 ---------------------------------------------------------------------------------


def _store_row(out: Cells, row_key: str, values: Values) -> None:
    for col, value in zip(S3_COLUMN_KEYS, values, strict=True):
        out[f"s3.{row_key}.{col}"] = value


def _stamped(values: Values, rule: str) -> Values:
    """Cells cut out of a digit run where the identity ``rule`` decided the cut (provenance
    ``inferred:<rule>``)."""
    return tuple(replace(v, rule=rule) if v is not None else None for v in values)


# Rows of table 三 in the column identity S1 only (the others are in R2, result rows and 总计).
_S1_ONLY_ROWS = frozenset({"new_received", "carried_over", "carried_forward"})


def _group_cells(segment: Segment) -> list[Num | None]:
    cells = list(segment.cells)
    while cells and cells[-1].kind is CellKind.BLANK:
        cells.pop()
    while cells and cells[0].kind is CellKind.BLANK:
        cells.pop(0)
    return [c.num if c.kind is CellKind.NUM else None for c in cells]


def read_s3(tokens: Tokens, fmt: ReportFormat) -> TableRead:
    specs = _s3_specs(fmt)
    data_keys = [s.key for s in specs if not s.is_group]
    matched = match_segments(tokens, specs)
    read = TableRead()
    ambiguous: dict[str, tuple[list[Values], Segment]] = {}
    by_rule: dict[str, tuple[Values, Segment]] = {}  # rows whose run only R1 could split
    for key in data_keys:
        segment = matched.rows.get(key)
        if segment is None:
            continue
        fit = fit_cells(
            segment.cells,
            _S3_WIDTH,
            check=_r1,
            explicit_blanks=tokens.explicit_blanks,
            at_end=tokens.is_cut_row(segment),
        )
        if fit.values is not None:
            if fit.by_rule:
                by_rule[key] = (fit.values, segment)
                _store_row(read.cells, key, _stamped(fit.values, "R1"))
            else:
                _store_row(read.cells, key, fit.values)
        elif fit.candidates:
            ambiguous[key] = (fit.candidates, segment)
        elif segment.numbers:
            keys = tuple(f"s3.{key}.{c}" for c in S3_COLUMN_KEYS)
            row = fmt.s3_row(key)
            label = f"{row.group}{row.short_label}" if row.group else row.short_label
            read.findings.append(_unreadable("表三", label, keys, segment, fit))
    for spec, segment, is_last in matched.groups:
        _read_group(read, fmt, spec, segment, is_last, matched.rows, data_keys)
    unconfirmed = _verify_rule_splits(read, fmt, list(by_rule)) if by_rule else []
    for key in unconfirmed:  # solved with the others: kept only if a full column confirms it
        ambiguous[key] = ([by_rule[key][0]], by_rule[key][1])
    if ambiguous:
        _solve_columns(read, fmt, ambiguous, set(unconfirmed))
    for segment in matched.unplaced:
        read.findings.append(_local_row("表三", segment))
    return read


def _read_group(
    read: TableRead,
    fmt: ReportFormat,
    spec: RowSpec,
    segment: Segment,
    is_last: bool,
    rows: dict[str, Segment],
    data_keys: list[str],
) -> None:
    """A group label followed by bare cells: its sub-row labels were lost."""
    values = _group_cells(segment)
    if not any(v is not None for v in values):
        return
    subrows = [k for k in data_keys if k.startswith(spec.key + ".")]
    if any(rows.get(k) is not None and rows[k].numbers for k in subrows):
        return  # the sub-rows have their own cells; these are stray
    if spec.key == "other" and len(values) == _S3_WIDTH and not fmt.has_key("s3.other.total"):
        # A 2021 report printing （六）其他处理 as one data row (the 2019 layout).
        _store_row(read.cells, "other", tuple(values))
        keys = tuple(f"s3.other.{c}" for c in S3_COLUMN_KEYS)
        read.findings.append(
            Finding(
                "R5",
                "error",
                keys,
                "表三按 2019 年格式把“（六）其他处理”列为一行，2021 年格式应分列"
                "“申请人无正当理由逾期不补正…”“申请人逾期未按收费通知要求缴纳费用…”“其他”三行",
            )
        )
        return
    if len(values) % _S3_WIDTH:
        read.findings.append(_local_row("表三", segment))
        return
    rows_printed = len(values) // _S3_WIDTH
    chunks = [values[i * _S3_WIDTH : (i + 1) * _S3_WIDTH] for i in range(rows_printed)]
    if rows_printed < len(subrows):
        if is_last:  # cut off: the first sub-rows, in order
            for key, chunk in zip(subrows, chunks, strict=False):
                _store_row(read.cells, key, tuple(chunk))
        return
    # More printed rows than sub-rows: keep a cell only if it is the same under every
    # alignment of the sub-rows on the printed rows.
    offsets = range(rows_printed - len(subrows) + 1)
    for i, key in enumerate(subrows):
        for c, col in enumerate(S3_COLUMN_KEYS):
            seen = {_num_key(chunks[i + o][c]) for o in offsets}
            if len(seen) == 1:
                read.cells[f"s3.{key}.{col}"] = chunks[i][c]


def _num_key(value: Num | None) -> Decimal | None:
    return value.value if value is not None else None


@dataclass(frozen=True)
class _Check:
    rows: frozenset[str]
    ok: bool
    complete: bool  # all cells known: an equality that can confirm, not only refute


def _sum_identity(
    left: dict[str, Decimal | None], right: dict[str, Decimal | None]
) -> _Check | None:
    """``sum(left) = sum(right)`` over non-negative counts; with unknown cells, the side
    that is fully known must be at least the known part of the other."""
    known = {k for side in (left, right) for k, v in side.items() if v is not None}
    left_done = all(v is not None for v in left.values())
    right_done = all(v is not None for v in right.values())
    left_sum = sum((v for v in left.values() if v is not None), Decimal(0))
    right_sum = sum((v for v in right.values() if v is not None), Decimal(0))
    if left_done and right_done:
        return _Check(frozenset(known), left_sum == right_sum, True)
    if left_done and any(v is not None for v in right.values()):
        return _Check(frozenset(known), left_sum >= right_sum, False)
    if right_done and any(v is not None for v in left.values()):
        return _Check(frozenset(known), right_sum >= left_sum, False)
    return None


def _column_checks(read: TableRead, fmt: ReportFormat, trial: dict[str, Values]) -> list[_Check]:
    """R2 and S1 in every column, as far as their cells are known (``trial`` rows override
    the read ones)."""
    result_keys = [r.key for r in fmt.s3_result_rows]
    if read.cells.get("s3.other.total") is not None and "other" not in result_keys:
        result_keys.append("other")

    def cell(row: str, c: int) -> Decimal | None:
        key = f"s3.{row}.{S3_COLUMN_KEYS[c]}"
        value = trial[row][c] if row in trial else read.cells.get(key)
        return value.value if value is not None else None

    checks: list[_Check] = []
    for c in range(_S3_WIDTH):
        for left, right in (
            (result_keys, ["total_processed"]),
            (["new_received", "carried_over"], ["total_processed", "carried_forward"]),
        ):
            check = _sum_identity({r: cell(r, c) for r in left}, {r: cell(r, c) for r in right})
            if check is not None:
                checks.append(check)
    return checks


def _columns_consistent(read: TableRead, fmt: ReportFormat, trial: dict[str, Values]) -> bool:
    return all(check.ok for check in _column_checks(read, fmt, trial))


def _verify_rule_splits(read: TableRead, fmt: ReportFormat, by_rule: list[str]) -> list[str]:
    """Keep a split that R1 decided only where a column identity (R2 or S1) with all its
    cells known confirms it, and drop those the columns contradict.

    A row that itself breaks R1 may have exactly one *other* split that satisfies R1 by
    chance (about 2 % of such rows when the numbers are small); the columns tell the two
    apart. Consistent tables lose almost nothing to this (fixture 005 is read in full).
    Returns the rows dropped, for :func:`_solve_columns` to try jointly with the others."""
    trusted = set(by_rule)
    rejected: list[str] = []
    while trusted:
        checks = _column_checks(read, fmt, {})
        dropped = {k for check in checks if not check.ok for k in check.rows & trusted}
        if not dropped:
            dropped = {
                k
                for k in trusted
                if not any(check.complete and k in check.rows for check in checks)
            }
        if not dropped:
            break
        for key in dropped:
            _store_row(read.cells, key, (None,) * _S3_WIDTH)
        trusted -= dropped
        rejected.extend(k for k in by_rule if k in dropped)
    return rejected


# Work bound of the column solver: assignments of candidate splits it may check.
_MAX_COLUMN_TRIALS = 4000


def _solve_columns(
    read: TableRead,
    fmt: ReportFormat,
    ambiguous: dict[str, tuple[list[Values], Segment]],
    confirm: set[str],
) -> None:
    """Rows whose digit run splits several ways under R1: find every joint choice of splits
    that makes the columns add up (R2: the result rows sum to (七)总计; S1: 第一项＋第二项 ＝
    第三项＋第四项), by backtracking over the rows with the partial sums pruning (counts are
    non-negative, so a known part may not exceed its total). A row takes a split only when
    every joint solution gives it the same one (provenance ``inferred:R2``, or ``inferred:S1``
    for the rows outside R2); otherwise its cells stay missing with an M1 finding that says
    how many splits fit. Beyond :data:`_MAX_COLUMN_TRIALS` checks it gives up (a finding).

    A row in ``confirm`` has one split that R1 alone decided: it is kept only if, in every
    solution, a column identity with all its cells known holds with it."""
    keys = sorted(ambiguous, key=lambda k: len(ambiguous[k][0]))
    picks: dict[str, set[tuple[Decimal | None, ...]]] = {k: set() for k in keys}
    first: dict[str, Values] = {}
    trial: dict[str, Values] = {}
    budget = _MAX_COLUMN_TRIALS
    solutions = 0
    unproved: set[str] = set()

    def search(depth: int) -> bool:
        nonlocal budget, solutions
        if depth == len(keys):
            solutions += 1
            proved = {r for c in _column_checks(read, fmt, trial) if c.complete for r in c.rows}
            unproved.update(confirm - proved)
            for key in keys:
                picks[key].add(tuple(_num_key(v) for v in trial[key]))
                first.setdefault(key, trial[key])
            return True
        key = keys[depth]
        for candidate in ambiguous[key][0]:
            budget -= 1
            if budget < 0:
                return False
            trial[key] = candidate
            if _columns_consistent(read, fmt, trial) and not search(depth + 1):
                return False
        del trial[key]
        return True

    finished = search(0)
    for key in keys:
        candidates, segment = ambiguous[key]
        if finished and len(picks[key]) == 1 and key not in unproved:
            rule = "R1" if key in confirm else "S1" if key in _S1_ONLY_ROWS else "R2"
            _store_row(read.cells, key, _stamped(first[key], rule))
            continue
        if key in confirm:
            why = "只按该行合计有唯一拆分，而各栏合计无法印证该拆分"
        elif not finished:
            why = f"拆分组合过多（核对{_MAX_COLUMN_TRIALS}次仍未穷尽）"
        elif solutions == 0:
            why = f"有{len(candidates)}种拆分符合该行合计，但都不符合各栏合计关系"
        else:
            why = f"有{len(picks[key])}种拆分都符合合计关系"
        read.findings.append(_split_unsure(fmt, key, segment, why))


def _split_unsure(fmt: ReportFormat, key: str, segment: Segment, why: str) -> Finding:
    row = fmt.s3_row(key)
    label = f"{row.group}{row.short_label}" if row.group else row.short_label
    printed = " ".join(c.text for c in segment.cells if c.kind is CellKind.NUM)
    return Finding(
        "M1",
        "warning",
        tuple(f"s3.{key}.{c}" for c in S3_COLUMN_KEYS),
        f"表三“{label}”行的数字串“{printed}”{why}，未填入",
    )


# -- table 四 ---------------------------------------------------------------------------------


def read_s4(tokens: Tokens) -> TableRead:
    read = TableRead()
    numeric = [s for s in tokens.segments if s.numbers]
    if not numeric:
        return read
    full = [s for s in numeric if len(s.cells) >= _S4_WIDTH and s.numbers]
    cells = full[-1].cells if full else [c for s in numeric for c in s.cells]
    fit = fit_cells(
        cells,
        _S4_WIDTH,
        check=_r3,
        explicit_blanks=tokens.explicit_blanks,
        at_end=tokens.cut_off,
    )
    keys = [f"s4.{block}.{col.key}" for block, _label in S4_BLOCKS for col in S4_COLUMNS]
    if fit.values is None:
        why = _WHY_RUN if fit.reason == "run" else _WHY_SHORT
        printed = "、".join(c.text for c in cells if c.kind is CellKind.NUM)
        read.findings.append(
            Finding("M1", "warning", tuple(keys), f"表四{why}（印有：{printed}），按缺失处理")
        )
        return read
    values = _stamped(fit.values, "R3") if fit.by_rule else fit.values
    for key, value in zip(keys, values, strict=True):
        read.cells[key] = value
    return read


# -- table 二 ---------------------------------------------------------------------------------


def _s2_specs(fmt: ReportFormat) -> list[RowSpec]:
    return [
        RowSpec(row.key, len(table.columns), _S2_WORDS.get(row.key, (row.label,)))
        for table in fmt.s2_tables
        for row in table.rows
    ]


_S2_HEADER_RE = re.compile(r"第二十条第\(.{1,4}\)项|信息内容")


def read_s2(
    tokens: Tokens, fmt: ReportFormat, narrative: str, amount_unit_hint: str | None
) -> TableRead:
    specs = _s2_specs(fmt)
    matched = match_segments(tokens, specs)
    read = TableRead()
    for table in fmt.s2_tables:
        for row in table.rows:
            segment = matched.rows.get(row.key)
            if segment is None:
                continue
            width = len(table.columns)
            fit = fit_cells(
                segment.cells,
                width,
                explicit_blanks=tokens.explicit_blanks,
                at_end=tokens.is_cut_row(segment),
                last_units=_AMOUNT_UNITS.get(table.columns[-1].kind, frozenset()),
            )
            values = fit.values
            if values is None and fit.candidates:
                values = _pick_by_narrative(row.key, fmt, fit.candidates, narrative)
            if values is None:
                if segment.numbers:
                    keys = tuple(f"s2.{row.key}.{c.key}" for c in table.columns)
                    read.findings.append(_unreadable("表二", row.label, keys, segment, fit))
                continue
            for col, value in zip(table.columns, values, strict=True):
                key = f"s2.{row.key}.{col.key}"
                if col.kind is ValueKind.AMOUNT_YUAN and value is not None:
                    value = _yuan(value, amount_unit_hint, key, read)
                    if value is None:
                        continue
                elif col.kind is ValueKind.AMOUNT_WAN and value is not None and value.unit == "元":
                    value = Num(value.value / 10000, value.digits)
                read.cells[key] = value
    labels = [c.label for t in fmt.s2_tables for c in t.columns]
    for segment in matched.unplaced:
        read.findings.append(_local_row("表二", segment, labels))
    return read


# The units an amount column is printed with ("251000元", "160.5964万元").
_AMOUNT_UNITS: dict[ValueKind, frozenset[str]] = {
    ValueKind.AMOUNT_YUAN: frozenset({"元", "万元"}),
    ValueKind.AMOUNT_WAN: frozenset({"元", "万元"}),
}


def _yuan(value: Num, hint: str | None, key: str, read: TableRead) -> Num | None:
    """采购总金额 in 元: "251000元" → 251000, "160.5964万元" → 1605964; a bare number is
    taken only when it is 0 or the header states the unit."""
    unit = value.unit or hint or ""
    if unit == "万元":
        return Num(value.value * 10000, value.digits)
    if unit == "元" or value.value == 0:
        return value
    read.findings.append(
        Finding(
            "M1",
            "warning",
            (key,),
            f"采购总金额“{value.digits}”未注明单位（元或万元），无法确定金额，按缺失处理",
        )
    )
    return None


# Column words for narrative figures that decide a run-together row of table 二.
_S2_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "issued": ("制发", "印发", "出台", "新制定"),
    "repealed": ("废止",),
    "in_force": ("现行有效",),
    "new_made": ("新制作", "制发", "印发"),
    "new_published": ("新公开",),
    "total_published": ("公开总", "累计公开"),
    "decisions": ("处理决定", "办理"),
}
_GAP = r"[^\d。；;，,！!？?]{0,12}?"


_CLAUSE_END_RE = re.compile(r"[。；;\n]")
_FIGURE_RE = re.compile(r"\d+(?:\.\d+)?")


def _stated_in_order(
    row_words: Sequence[str], candidates: list[Values], narrative: str
) -> Values | None:
    """The candidate whose values the narrative states, in order, in a clause that names
    the row ("公开行政许可事项5项，比上一年增（减）0项，处理决定34件" for 行政许可 5, 0, 34);
    only when exactly one candidate is stated so."""
    stated: dict[tuple[Decimal, ...], Values] = {}
    for row_word in row_words:
        for match in re.finditer(re.escape(row_word), narrative):
            end = _CLAUSE_END_RE.search(narrative, match.end())
            clause = narrative[match.end() : end.start() if end else len(narrative)]
            figures = [Decimal(f) for f in _FIGURE_RE.findall(clause)]
            for candidate in candidates:
                values = [abs(v.value) if v is not None else None for v in candidate]
                if values == figures[: len(values)]:
                    stated[tuple(v for v in values if v is not None)] = candidate
    return next(iter(stated.values())) if len(stated) == 1 else None


def _pick_by_narrative(
    row_key: str, fmt: ReportFormat, candidates: list[Values], narrative: str
) -> Values | None:
    table, row = fmt.s2_row(row_key)
    row_words = _S2_WORDS.get(row_key, (row.label,))
    in_order = _stated_in_order(row_words, candidates, narrative)
    if in_order is not None:
        return in_order
    hints: dict[int, set[Decimal]] = {}
    for index, col in enumerate(table.columns):
        for col_word in _S2_COLUMN_WORDS.get(col.key, ()):
            for row_word in row_words:
                pattern = re.compile(
                    f"(?:{col_word}{_GAP}{row_word}|{row_word}{_GAP}{col_word})"
                    r"[^\d。；;，,]{0,4}?(\d+)\s*[件部个份项]"
                )
                for match in pattern.finditer(narrative):
                    hints.setdefault(index, set()).add(Decimal(match.group(1)))
    if not hints:
        return None
    scored: list[tuple[int, Values]] = []
    for candidate in candidates:
        score = 0
        for index, values in hints.items():
            value = candidate[index]
            if value is not None and value.value in values:
                score += 1
        scored.append((score, candidate))
    best = max(score for score, _ in scored)
    winners = [c for score, c in scored if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


# -- findings ---------------------------------------------------------------------------------


def _raw_cells(segment: Segment) -> str:
    cells = [c.text if c.kind is CellKind.NUM else "空" for c in segment.cells]
    while cells and cells[-1] == "空":
        cells.pop()
    return "、".join(cells) or "无"


_WHY_RUN = "数字连在一起，无法唯一拆分"
_WHY_SHORT = "数值个数少于栏目数，无法确定所属栏目"


def _unreadable(
    table: str, label: str, keys: tuple[str, ...], segment: Segment, fit: Fit
) -> Finding:
    why = _WHY_RUN if fit.reason == "run" else _WHY_SHORT
    return Finding(
        "M1",
        "warning",
        keys,
        f"{table}“{label}”行{why}（印有：{_raw_cells(segment)}），按缺失处理",
    )


def _display_label(label: str, headers: Sequence[str] = ()) -> str:
    text = norm_label(label)
    cut = 0
    for match in _S2_HEADER_RE.finditer(text):
        cut = max(cut, match.end())
    for header in headers:
        pos = text.rfind(norm_label(header))
        if pos >= 0:
            cut = max(cut, pos + len(norm_label(header)))
    return text[cut:] or text


def _local_row(table: str, segment: Segment, headers: Sequence[str] = ()) -> Finding:
    return Finding(
        "L1",
        "warning",
        (),
        f"{table}含本地增设行“{_display_label(segment.label, headers)}”（无标准键），"
        f"未计入：{_raw_cells(segment)}",
    )
