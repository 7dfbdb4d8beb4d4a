"""The two official annual-report formats as data.

One definition per format drives everything else: the canonical cell keys, the parser's
template grid, the renderers and the validation rules. Labels are the official form labels
(国办公开办函〔2019〕60号 and 国办公开办函〔2021〕30号) and must stay verbatim.

Keys: ``s2.<row>.<column>``, ``s3.<row>.<column>``, ``s4.<block>.<column>``
(see ``shared/docs/report-format.md``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache

__all__ = [
    "FORMAT_IDS",
    "S3_APPLICANT_COLUMN_KEYS",
    "S3_COLUMNS",
    "S3_COLUMN_KEYS",
    "S4_BLOCKS",
    "S4_COLUMNS",
    "SECTION_NUMERALS",
    "SECTION_TITLES",
    "Column",
    "ReportFormat",
    "S2Row",
    "S2Table",
    "S3Row",
    "ValueKind",
    "format_for_year",
    "get_format",
]


class ValueKind(StrEnum):
    """What a cell holds; R4 checks cells against their kind."""

    COUNT = "count"  # non-negative integer
    SIGNED = "signed"  # integer, may be negative (本年增/减)
    AMOUNT_YUAN = "amount_yuan"  # non-negative decimal, 元
    AMOUNT_WAN = "amount_wan"  # non-negative decimal, 万元


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ValueKind = ValueKind.COUNT


@dataclass(frozen=True)
class S2Row:
    key: str
    label: str
    # Other spellings seen in real reports (matched by prefix when parsing).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class S2Table:
    """A sub-table of section 二, headed by the article it reports on (第二十条第（一）项)."""

    heading: str
    columns: tuple[Column, ...]
    rows: tuple[S2Row, ...]


@dataclass(frozen=True)
class S3Row:
    """A data row of table 三.

    ``group`` is the official group label the row sits under (（三）不予公开 …) and
    ``in_results`` says whether it belongs to 三、本年度办理结果 (the rows R2 sums).
    """

    key: str
    label: str
    group: str | None = None
    in_results: bool = False
    is_result: bool = False  # counted into （七）总计 by R2

    @property
    def short_label(self) -> str:
        return self.label.split("（区分")[0]


# ---------------------------------------------------------------------------------------------
# Sections (both formats)
# ---------------------------------------------------------------------------------------------

SECTION_NUMERALS: tuple[str, ...] = ("一", "二", "三", "四", "五", "六")
SECTION_TITLES: dict[str, str] = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}

# ---------------------------------------------------------------------------------------------
# Section 三 (both formats share columns and most rows)
# ---------------------------------------------------------------------------------------------

S3_COLUMNS: tuple[Column, ...] = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_welfare", "社会公益组织"),
    Column("legal_service", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
S3_COLUMN_KEYS: tuple[str, ...] = tuple(c.key for c in S3_COLUMNS)
S3_APPLICANT_COLUMN_KEYS: tuple[str, ...] = S3_COLUMN_KEYS[:-1]
S3_ORG_HEADER = "法人或其他组织"
S3_APPLICANT_HEADER = "申请人情况"
S3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
S3_RESULTS_GROUP = "三、本年度办理结果"

_DENIED = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
_OTHER = "（六）其他处理"


def _result(key: str, label: str, group: str | None = None) -> S3Row:
    return S3Row(key, label, group=group, in_results=True, is_result=True)


_S3_HEAD: tuple[S3Row, ...] = (
    S3Row("new_received", "一、本年新收政府信息公开申请数量"),
    S3Row("carried_over", "二、上年结转政府信息公开申请数量"),
    _result("granted", "（一）予以公开"),
    _result("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    _result("denied.state_secret", "1.属于国家秘密", _DENIED),
    _result("denied.law_forbidden", "2.其他法律行政法规禁止公开", _DENIED),
    _result("denied.three_security_one_stability", "3.危及“三安全一稳定”", _DENIED),
    _result("denied.third_party", "4.保护第三方合法权益", _DENIED),
    _result("denied.internal_affairs", "5.属于三类内部事务信息", _DENIED),
    _result("denied.process_info", "6.属于四类过程性信息", _DENIED),
    _result("denied.enforcement_file", "7.属于行政执法案卷", _DENIED),
    _result("denied.admin_query", "8.属于行政查询事项", _DENIED),
    _result("unable.not_held", "1.本机关不掌握相关政府信息", _UNABLE),
    _result("unable.needs_creation", "2.没有现成信息需要另行制作", _UNABLE),
    _result("unable.unclear_after_correction", "3.补正后申请内容仍不明确", _UNABLE),
    _result("not_processed.petition", "1.信访举报投诉类申请", _NOT_PROCESSED),
    _result("not_processed.repeat", "2.重复申请", _NOT_PROCESSED),
    _result("not_processed.publication", "3.要求提供公开出版物", _NOT_PROCESSED),
    _result("not_processed.excessive", "4.无正当理由大量反复申请", _NOT_PROCESSED),
    _result(
        "not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息", _NOT_PROCESSED
    ),
)
_S3_TAIL: tuple[S3Row, ...] = (
    S3Row("total_processed", "（七）总计", in_results=True),
    S3Row("carried_forward", "四、结转下年度继续办理"),
)
_S3_OTHER_2019: tuple[S3Row, ...] = (_result("other", "（六）其他处理"),)
_S3_OTHER_2021: tuple[S3Row, ...] = (
    _result(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    _result(
        "other.no_fee_payment",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _OTHER,
    ),
    _result("other.other", "3.其他", _OTHER),
)

# ---------------------------------------------------------------------------------------------
# Section 四 (same in both formats): one row of 15 numbers
# ---------------------------------------------------------------------------------------------

S4_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
S4_BLOCKS: tuple[tuple[str, str], ...] = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_reconsideration", "复议后起诉"),
)
S4_LITIGATION_HEADER = "行政诉讼"

# ---------------------------------------------------------------------------------------------
# Section 二 per format
# ---------------------------------------------------------------------------------------------

_S2_2019_DOCS = (
    Column("new_made", "本年新制作数量"),
    Column("new_published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
_S2_2019_MATTERS = (
    Column("prev_items", "上一年项目数量"),
    Column("change", "本年增/减", ValueKind.SIGNED),
    Column("decisions", "处理决定数量"),
)
_S2_2019: tuple[S2Table, ...] = (
    S2Table(
        "第二十条第（一）项",
        _S2_2019_DOCS,
        (S2Row("regulations", "规章"), S2Row("normative_docs", "规范性文件", ("行政规范性文件",))),
    ),
    S2Table(
        "第二十条第（五）项",
        _S2_2019_MATTERS,
        (S2Row("licensing", "行政许可"), S2Row("other_services", "其他对外管理服务事项")),
    ),
    S2Table(
        "第二十条第（六）项",
        _S2_2019_MATTERS,
        (S2Row("penalty", "行政处罚"), S2Row("compulsion", "行政强制")),
    ),
    S2Table(
        "第二十条第（八）项",
        _S2_2019_MATTERS[:2],
        (S2Row("fees", "行政事业性收费"),),
    ),
    S2Table(
        "第二十条第（九）项",
        (
            Column("projects", "采购项目数量"),
            Column("amount_yuan", "采购总金额", ValueKind.AMOUNT_YUAN),
        ),
        (S2Row("procurement", "政府集中采购"),),
    ),
)

_S2_2021_DECISIONS = (Column("decisions", "本年处理决定数量"),)
_S2_2021: tuple[S2Table, ...] = (
    S2Table(
        "第二十条第（一）项",
        (
            Column("issued", "本年制发件数"),
            Column("repealed", "本年废止件数"),
            Column("in_force", "现行有效件数"),
        ),
        (S2Row("regulations", "规章"), S2Row("normative_docs", "行政规范性文件", ("规范性文件",))),
    ),
    S2Table("第二十条第（五）项", _S2_2021_DECISIONS, (S2Row("licensing", "行政许可"),)),
    S2Table(
        "第二十条第（六）项",
        _S2_2021_DECISIONS,
        (S2Row("penalty", "行政处罚"), S2Row("compulsion", "行政强制")),
    ),
    S2Table(
        "第二十条第（八）项",
        (Column("amount_wan", "本年收费金额（单位：万元）", ValueKind.AMOUNT_WAN),),
        (S2Row("fees", "行政事业性收费"),),
    ),
)
S2_ROW_HEADER = "信息内容"

# ---------------------------------------------------------------------------------------------
# The format object
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFormat:
    """One official format: every table, row, column and label, and the derived cell keys."""

    id: str
    title: str
    s2_tables: tuple[S2Table, ...]
    s3_rows: tuple[S3Row, ...]
    _kinds: dict[str, ValueKind] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        kinds: dict[str, ValueKind] = {}
        for table in self.s2_tables:
            for row in table.rows:
                for col in table.columns:
                    kinds[f"s2.{row.key}.{col.key}"] = col.kind
        for s3row in self.s3_rows:
            for col in S3_COLUMNS:
                kinds[f"s3.{s3row.key}.{col.key}"] = col.kind
        for block, _label in S4_BLOCKS:
            for col in S4_COLUMNS:
                kinds[f"s4.{block}.{col.key}"] = col.kind
        object.__setattr__(self, "_kinds", kinds)

    @property
    def cell_keys(self) -> tuple[str, ...]:
        """All canonical cell keys of this format, in printed order."""
        return tuple(self._kinds)

    def kind(self, key: str) -> ValueKind:
        return self._kinds[key]

    def has_key(self, key: str) -> bool:
        return key in self._kinds

    def keys_of_section(self, section: str) -> tuple[str, ...]:
        prefix = section + "."
        return tuple(k for k in self._kinds if k.startswith(prefix))

    @property
    def s2_row_keys(self) -> tuple[str, ...]:
        return tuple(row.key for table in self.s2_tables for row in table.rows)

    @property
    def s3_row_keys(self) -> tuple[str, ...]:
        return tuple(r.key for r in self.s3_rows)

    @property
    def s3_result_rows(self) -> tuple[S3Row, ...]:
        return tuple(r for r in self.s3_rows if r.is_result)

    def s2_row(self, key: str) -> tuple[S2Table, S2Row]:
        for table in self.s2_tables:
            for row in table.rows:
                if row.key == key:
                    return table, row
        raise KeyError(key)

    def s3_row(self, key: str) -> S3Row:
        for row in self.s3_rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def label(self, key: str) -> str:
        """A clerk-readable name of a cell: row label and column label (in Chinese)."""
        section, rest = key.split(".", 1)
        row_key, col_key = rest.rsplit(".", 1)
        if section == "s2":
            table, s2row = self.s2_row(row_key)
            col = next(c for c in table.columns if c.key == col_key)
            return f"{s2row.label} {col.label}"
        if section == "s3":
            s3row = self.s3_row(row_key)
            col = next(c for c in S3_COLUMNS if c.key == col_key)
            prefix = f"{s3row.group} " if s3row.group else ""
            return f"{prefix}{s3row.short_label} {col.label}"
        block_label = dict(S4_BLOCKS)[row_key]
        col = next(c for c in S4_COLUMNS if c.key == col_key)
        return f"{block_label} {col.label}"


_FORMATS: dict[str, ReportFormat] = {
    "2019": ReportFormat(
        id="2019",
        title="中华人民共和国政府信息公开工作年度报告格式（试行）",
        s2_tables=_S2_2019,
        s3_rows=_S3_HEAD + _S3_OTHER_2019 + _S3_TAIL,
    ),
    "2021": ReportFormat(
        id="2021",
        title="中华人民共和国政府信息公开工作年度报告格式",
        s2_tables=_S2_2021,
        s3_rows=_S3_HEAD + _S3_OTHER_2021 + _S3_TAIL,
    ),
}
FORMAT_IDS: tuple[str, ...] = tuple(_FORMATS)


def get_format(format_id: str) -> ReportFormat:
    try:
        return _FORMATS[format_id]
    except KeyError:
        # The value as one line (it comes from the file: a newline in it would break the
        # one-line message), JSON-quoted, cut short.
        shown = json.dumps(str(format_id)[:40], ensure_ascii=False)
        raise ValueError(f"未知的年报格式：{shown}（应为 2019 或 2021）") from None


@cache
def format_for_year(year: int) -> ReportFormat:
    """国办公开办函〔2021〕30号 applies from the 2021 report on; earlier years: the 2019 format."""
    return _FORMATS["2019"] if year <= 2020 else _FORMATS["2021"]
