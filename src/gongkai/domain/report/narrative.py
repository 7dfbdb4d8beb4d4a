"""Numbers stated in the narrative of an annual report, and the narrative rules T1 and N1.

``extract_facts`` reads the prose of a report (the ``narrative`` dict, section numeral → text)
and returns the figures it states about the tables, each tied to the canonical cell (or the
sum of cells) it must equal. The extractor is deliberately conservative: a sentence that could
be read two ways yields no fact, because a false warning costs a clerk more than a missed one.

Facts extracted (``kind``: wording → cells whose sum the figure must equal; keys as in
``shared/docs/report-format.md``):

- ``received``: 收到/受理/新收…申请N件 → ``s3.new_received.total``; 未收到/没有收到…公开申请
  and 无依申请公开 → the same cell = 0.
- ``processed``: 答复/办结…申请N件 → ``s3.total_processed.total`` (a bare "答复N件" only right
  after a 收到…申请 figure in the same sentence).
- ``carried_over``: 上年(度)结转(申请)N件 → ``s3.carried_over.total``.
- ``carried_forward``: 结转下年度N件, N件(申请)顺延到下年度 → ``s3.carried_forward.total``.
- ``applicant``: "…N件，涉及/其中自然人N件、商业企业N件" → ``s3.<row>.<column>`` of the
  figure it follows (法人或其他组织 = the five organisation columns).
- ``granted`` 予以公开N件, ``partial`` 部分公开N件, ``granted_or_partial`` 予以公开及部分公开N件,
  ``denied`` 不予公开N件 (sum of ``s3.denied.*.total``), ``unable`` 无法提供N件 (sum of
  ``s3.unable.*.total``; "因X无法提供" without 等 names one reason and is skipped),
  ``not_processed`` 不予处理N件, ``other_processed`` 其他处理N件 (``s3.other.total`` in 2019,
  sum of ``s3.other.*.total`` in 2021; needs ``format_id``).
- ``reconsideration``: 行政复议N件/起 → ``s4.reconsideration.total``; ``litigation``:
  (行政)诉讼N件/起 → ``s4.litigation_direct.total`` + ``s4.litigation_after_reconsideration
  .total`` (直接起诉/复议后起诉N件 → one block); 未发生…行政复议、行政诉讼 → those totals = 0.
- ``s4_result``: "…N件，其中结果维持N件，结果纠正N件，其他结果N件，尚未审结N件" → that column
  of the block(s) just named.
- ``all_upheld`` 均获维持 → corrected, other and pending of the blocks named before it = 0;
  ``all_closed`` 均已结案/审结 → their pending = 0.
- ``s2_items``/``s2_change``/``s2_decisions`` (2019 wording of 二): "公开行政许可事项5项，比上一年
  增（减）0项，处理决定34件" → ``prev_items + change`` = 5, ``change`` = 0, ``decisions`` = 34
  (items only with the 比上一年 clause; rows 行政许可, 其他对外管理服务事项, 行政处罚, 行政强制,
  行政事业性收费); "行政许可处理决定N件" → ``decisions`` in either format.
- ``normative_made``: 新制作/制发/印发规范性文件N件 → ``s2.normative_docs.new_made`` (2019) or
  ``issued`` (2021); ``normative_in_force``: 现行有效规范性文件N件 → ``in_force`` (2021).

Not extracted: approximate figures ("1340余条", "近百件", "约30件"), figures of other years,
figures scoped to a subset ("其中市本级收到申请…"), counts of things that are not table cells
("制发文件120份", "办理各类民生业务3498件", "人大代表建议1件"), and s4 figures in sentences that
do not speak about 政府信息公开 (a 司法局 reports all the reconsideration cases it handles).

``check_narrative`` compares each fact with the table (rule T1). When a ``.total`` cell of
table 三 or 四 is blank, the filled cells of its row/block stand in for it: they are a lower
bound, so a narrative figure smaller than them is still a contradiction, while a larger one is
left to M1. ``check_sections`` implements N1.

``check_openness`` is T1 against the year's openness facts (meetings, 政策解读, 意见征集, offline
notices — no table cells), for a report built from records only; the wordings it reads are
listed with it below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from gongkai.domain.report.formats import (
    S3_APPLICANT_COLUMN_KEYS,
    S4_COLUMNS,
    SECTION_NUMERALS,
    SECTION_TITLES,
    ReportFormat,
    get_format,
)
from gongkai.domain.report.model import CellValue, Finding, Report
from gongkai.domain.stats.openness import MeetingCount, OpennessFacts

__all__ = [
    "NarrativeFact",
    "OpennessClaim",
    "check_narrative",
    "check_openness",
    "check_sections",
    "extract_facts",
    "extract_openness",
    "normalise_text",
    "problem_phrases",
]


@dataclass(frozen=True)
class NarrativeFact:
    """A figure stated in the narrative: ``value`` must equal the sum of ``cells``.

    ``quote`` is the fragment as written (whitespace and line breaks removed); facts that are
    read from one statement and its breakdown ("…351件，其中结果维持72件…") share the quote.
    """

    kind: str
    value: int | float
    cells: tuple[str, ...]
    quote: str
    section: str


# ---------------------------------------------------------------------------------------------
# Text normalisation
# ---------------------------------------------------------------------------------------------

_FULLWIDTH_DIGITS = "０１２３４５６７８９"
# Traditional → simplified for the characters the patterns below rely on (繁体 copies exist).
_TRADITIONAL_CHARS = (
    "開請處復議訴維糾審結轉無決罰強許規範費項條發與辦問題進況於數總計據務獲號現關變實"
    "報應為對經後個們來達補類訊標準衆眾則資貼幣單劃種網輿會這設當產體樣執門"
)
_SIMPLIFIED_CHARS = (
    "开请处复议讼维纠审结转无决罚强许规范费项条发与办问题进况于数总计据务获号现关变实"
    "报应为对经后个们来达补类讯标准众众则资贴币单划种网舆会这设当产体样执门"
)
_CHAR_MAP = dict(
    zip(_FULLWIDTH_DIGITS + _TRADITIONAL_CHARS, "0123456789" + _SIMPLIFIED_CHARS, strict=True)
)
_MAPPED_CHAR = re.compile("[" + "".join(_CHAR_MAP) + "]")
_PAGE_NUMBER = re.compile(
    r"(?m)^[ \t\u3000]*[-－—–][ \t\u3000]*\d+[ \t\u3000]*[-－—–][ \t\u3000]*$"
)
_WHITESPACE = re.compile(r"[\s\u3000\u00a0]+")
# A space survives only between two ASCII letters/digits ("3001 53" in a flattened table).
_SPACE_NOT_BETWEEN_ALNUM = re.compile(r"(?<![0-9A-Za-z]) | (?![0-9A-Za-z])")


def normalise_text(text: str) -> str:
    """Text as the extractor reads it: no line breaks, no page numbers, no spaces in words.

    PDF text breaks lines inside words ("答\\n复 3050 件") and prints page numbers ("- 2 -")
    in the middle of sentences; both are removed, as are spaces next to Chinese characters.
    Full-width digits become ASCII and a few traditional characters become simplified.
    """
    if _MAPPED_CHAR.search(text):  # str.translate on Chinese text is slow: only when needed
        text = _MAPPED_CHAR.sub(lambda m: _CHAR_MAP[m.group(0)], text)
    text = _PAGE_NUMBER.sub("", text)
    text = text.replace("**", "")
    text = _WHITESPACE.sub(" ", text).strip()
    return _SPACE_NOT_BETWEEN_ALNUM.sub("", text)


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUM = r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d.])|[零〇一二两三四五六七八九十]{1,3}"
_APPROXIMATE_BEFORE = ("约", "近", "超过", "逾", "将近", "大约", "超")


def _num(name: str = "n") -> str:
    return f"(?P<{name}>{_NUM})"


def parse_number(text: str) -> int | None:
    """``"3,119"`` → 3119, ``"两"`` → 2, ``"十二"`` → 12; anything else → None."""
    text = text.replace(",", "")
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 1:
        if text == "十":
            return 10
        return _CN_DIGITS.get(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        if len(tens) > 1 or len(ones) > 1 or "十" in ones:
            return None
        t = _CN_DIGITS.get(tens, 0) if tens else 1
        o = _CN_DIGITS.get(ones, 0) if ones else 0
        if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS) or t == 0:
            return None
        return t * 10 + o
    return None


# ---------------------------------------------------------------------------------------------
# Patterns (all precompiled)
# ---------------------------------------------------------------------------------------------

_FIGURE_HINT = re.compile(r"[\d零〇一二两三四五六七八九十](?:件|起|宗|项|条|个)")
_NEGATION_HINT = re.compile(r"未|没|无")
_SENTENCE_END = re.compile(r"[。；;！？!?]")
_CLAUSE_BREAK = re.compile(r"[，,：:（(）)、]")
_YEAR = re.compile(r"(20\d\d)年")
_PREVIOUS_YEAR_WORDS = re.compile(r"去年|上一?年(?!度?结转)|前一年|同期|同比")
_APPLICANT_SCOPE = re.compile(r"自然人|法人|企业|公民|社会组织|机构")
_INFO_CONTEXT = re.compile(r"信息公开|依申请|公开申请")
_APPLICATION_CONTEXT = re.compile(r"申请")
_S4_WORDS = re.compile(r"复议|诉讼")
_NOT_APPLICATIONS = re.compile(
    r"复议|诉讼|信访|建议|提案|留言|投诉|举报|咨询|热线|业务|审批|许可|办件|来信|来访|信箱|补贴|救助"
)
_APP_GAP = re.compile(r"(?:了|共|共计|各类|各项)?.{0,20}?公开的?")
_SUB_SCOPE = re.compile(r"其中")
_NOT_DONE_BEFORE = re.compile(r"(?:未|没有|尚未|正在|待|仍在)$")
_COMBINED_BEFORE = re.compile(r"(?:复议|诉讼)(?:案件)?[、和及与或]$")

_FILLER = r"(?:的)?(?:申请)?(?:共|共计|合计|为)?"
_RECEIVED = re.compile(
    r"(?P<verb>收到|受理|新收|接收到?|接到)(?P<gap>[^，,。；;：:\d（）()]{0,24}?)申请"
    r"(?:数量)?(?:共|共计|合计|总计|总数)?(?:为|达)?" + _num() + "件"
)
_RECEIVED_NONE = re.compile(
    r"(?:未|没有)(?:收到|受理|接到)(?:任何)?(?:的)?依申请公开(?:事项|申请|件)?"
    r"|(?:未|没有|没)(?:收到|受理|接到|接收到?)(?P<gap>[^，,。；;：:\d]{0,24}?)申请"
    r"|(?:^|[，,：:])(?:本年度?|全年|20\d\d年度?)?(?:共)?无(?:政府信息)?依申请公开(?:事项|申请|情况|件)"
)
_RECEIVED_NONE_AFTER = re.compile(r"的?(?:行政复议|复议|诉讼|答复|回复|材料|人|表)")
_PROCESSED = re.compile(
    r"(?P<verb>答复|办结|办理完结|处理完毕|完成答复)(?P<gap>[^，,。；;：:\d（）()]{0,24}?)"
    r"(?P<app>申请)?(?:共|共计|合计)?(?:为|达)?" + _num() + "件"
)
_CARRIED_OVER = re.compile(
    r"上一?年度?结转(?:的)?(?:政府信息公开)?(?:申请)?(?:数量)?(?:共|为)?" + _num() + "件"
)
_CARRIED_FORWARD = re.compile(
    r"结转(?:到|至)?下一?年度?(?:继续)?(?:办理|答复)?(?:的)?(?:申请)?(?:共|为)?" + _num() + "件"
    r"|"
    + _num("m")
    + r"件(?:申请)?(?P<gap>[^，,。；;\d]{0,12}?)(?:顺延|结转|转入)(?:到|至)?下一?年度?"
)
_APPLICANTS: dict[str, tuple[str, ...]] = {
    "自然人": ("natural_person",),
    "公民": ("natural_person",),
    "商业企业": ("commercial",),
    "企业": ("commercial",),
    "科研机构": ("research",),
    "社会公益组织": ("public_welfare",),
    "社会组织": ("public_welfare",),
    "法律服务机构": ("legal_service",),
    "法人或其他组织": S3_APPLICANT_COLUMN_KEYS[1:],
    "法人和其他组织": S3_APPLICANT_COLUMN_KEYS[1:],
    "法人及其他组织": S3_APPLICANT_COLUMN_KEYS[1:],
}
_APPLICANT_LEAD = re.compile(r"[，,（(]?(?:其中|涉及|包括|来自)[，,：:]?")
_APPLICANT_ITEM = re.compile(
    r"[，,、]?(?P<who>" + "|".join(sorted(_APPLICANTS, key=len, reverse=True)) + r")"
    r"(?:提出|提交)?(?:的)?(?:申请)?(?:共|为)?" + _num() + "件"
)

_RESULTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "granted_or_partial",
        re.compile(r"予以公开(?:及|和|与|、|或)部分公开" + _FILLER + _num() + "件"),
    ),
    ("granted", re.compile(r"(?<!不)予以公开" + _FILLER + _num() + "件")),
    ("partial", re.compile(r"(?:予以)?部分公开" + _FILLER + _num() + "件")),
    ("denied", re.compile(r"不予(?:以)?公开" + _FILLER + _num() + "件")),
    ("unable", re.compile(r"无法提供" + _FILLER + _num() + "件")),
    ("not_processed", re.compile(r"不予处理" + _FILLER + _num() + "件")),
    ("other_processed", re.compile(r"其他处理" + _FILLER + _num() + "件")),
)

_S4_UNIT = r"(?:件|起|宗)"
_RECONSIDERATION = re.compile(
    r"行政复议(?:申请|案件)?(?:共|共计|合计)?(?:为|达)?" + _num() + _S4_UNIT
)
_LITIGATION = re.compile(r"(?:行政)?诉讼(?:案件)?(?:共|共计|合计)?(?:为|达)?" + _num() + _S4_UNIT)
_LITIGATION_DIRECT = re.compile(
    r"(?:未经复议)?直接(?:起诉|提起(?:行政)?诉讼)(?:的)?(?:案件)?(?:共|为)?" + _num() + _S4_UNIT
)
_LITIGATION_AFTER = re.compile(
    r"复议后(?:起诉|提起(?:行政)?诉讼)(?:的)?(?:案件)?(?:共|为)?" + _num() + _S4_UNIT
)
_S4_LEAD = re.compile(r"[，,]?其中[，,：:]?|[（(]")
_S4_COLUMN_WORDS: dict[str, str] = {
    "结果维持": "upheld",
    "维持": "upheld",
    "结果纠正": "corrected",
    "纠正": "corrected",
    "其他结果": "other",
    "尚未审结": "pending",
    "未审结": "pending",
    "正在审理": "pending",
    "审理中": "pending",
}
_S4_ITEM = re.compile(
    r"[，,、]?(?P<col>" + "|".join(sorted(_S4_COLUMN_WORDS, key=len, reverse=True)) + r")"
    r"(?:的)?(?:共|为)?" + _num() + _S4_UNIT
)
_S4_NONE = re.compile(
    r"(?:未发生|没有发生|未出现|未收到|没有收到|未有|(?<![\u4e00-\u9fff])无|[年度均也并]无)"
    r"(?P<gap>[^，,。；;\d]{0,30}?)(?:行政复议|行政诉讼|诉讼)[^，,。；;\d]{0,20}"
)
_S4_NONE_EXCEPTIONS = re.compile(r"纠错|纠正|败诉|撤销|违法|被改变|被确认")
_ALL_UPHELD = re.compile(
    r"(?:均|全部|都)(?:获|被|予|已|已被|得到|获得)?(?:法院|复议机关)?维持|结果均为维持"
)
_ALL_CLOSED = re.compile(r"(?:均|全部|都)已?(?:结案|审结)")

_S2_ROWS: dict[str, str] = {
    "行政许可": "licensing",
    "其他对外管理服务": "other_services",
    "行政处罚": "penalty",
    "行政强制": "compulsion",
    "行政事业性收费": "fees",
}
_S2_ROW = re.compile("|".join(_S2_ROWS))
_S2_ITEMS = re.compile(
    r"(?P<row>" + "|".join(_S2_ROWS) + r")(?:事项)?(?:共)?" + _num("items") + r"(?:项|条|个)"
    r"[，,]?比上一?年度?(?P<dir>增（减）|增\(减\)|增/减|增减|增加|减少|新增|增|减)?"
    r"(?P<sign>[+\-－]?)" + _num("change") + r"(?:项|条|个)"
)
_FIGURE_IN_PIECES = re.compile(r"\d+件")
_S2_DECISIONS = re.compile(r"处理决定(?:数量)?(?:共|为)?" + _num() + "件")
_NORMATIVE_MADE = re.compile(
    r"(?:新制作|制作|新制发|制发|印发)(?:了)?(?:的)?(?:行政)?规范性文件(?:共|共计)?" + _num() + "件"
)
_NORMATIVE_IN_FORCE = re.compile(r"现行有效(?:的)?(?:行政)?规范性文件(?:共|共计)?" + _num() + "件")


# ---------------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------------


@dataclass
class _Raw:
    kind: str
    value: int | float
    cells: tuple[str, ...]
    start: int
    end: int
    group: int


@dataclass
class _Sentence:
    """One sentence of a section and the facts found in it (offsets are within the sentence)."""

    text: str
    section: str
    before: str  # up to 200 characters preceding the sentence in its section
    raws: list[_Raw] = field(default_factory=list)
    taken: list[tuple[int, int]] = field(default_factory=list)
    next_group: int = 0

    def free(self, start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in self.taken)

    def add(
        self,
        kind: str,
        value: int | float,
        cells: tuple[str, ...],
        start: int,
        end: int,
        group: int | None = None,
    ) -> _Raw:
        if group is None:
            group = self.next_group
            self.next_group += 1
        raw = _Raw(kind, value, cells, start, end, group)
        self.raws.append(raw)
        self.taken.append((start, end))
        return raw


def _sentences(section: str, text: str) -> Iterator[_Sentence]:
    start = 0
    for m in _SENTENCE_END.finditer(text + "。"):
        if m.start() > start:
            yield _Sentence(text[start : m.start()], section, text[max(0, start - 200) : start])
        start = m.end()


def _clause_prefix(text: str, pos: int) -> str:
    head = text[:pos]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    return head[breaks[-1].end() :] if breaks else head


def _ok_prefix(sent: _Sentence, pos: int, year: int | None) -> bool:
    """Neither another year nor a comparison with last year stands before ``pos``."""
    clause = _clause_prefix(sent.text, pos)
    if _PREVIOUS_YEAR_WORDS.search(clause):
        return False
    if year is not None:
        years = _YEAR.findall(sent.text[:pos])
        if years and int(years[-1]) != year:
            return False
    return True


def _number(m: re.Match[str], group: str = "n") -> int | None:
    text = m.group(group)
    if text is None:
        return None
    before = m.string[max(0, m.start(group) - 2) : m.start(group)]
    if before.endswith(_APPROXIMATE_BEFORE):
        return None
    return parse_number(text)


def _app_gap_ok(gap: str) -> bool:
    if _NOT_APPLICATIONS.search(gap):
        return False
    return gap == "" or _APP_GAP.fullmatch(gap) is not None


def _has_info_context(sent: _Sentence, end: int) -> bool:
    return sent.section == "三" or bool(_INFO_CONTEXT.search(sent.before + sent.text[:end]))


def _applicant_breakdown(sent: _Sentence, raw: _Raw, row: str) -> None:
    """Breakdown "…申请75件，涉及自然人72件、商业企业3件" → cells of ``row`` per column."""
    lead = _APPLICANT_LEAD.match(sent.text, raw.end)
    if not lead:
        return
    pos = lead.end()
    while True:
        item = _APPLICANT_ITEM.match(sent.text, pos)
        if not item:
            break
        value = _number(item)
        if value is None:
            break
        columns = _APPLICANTS[item.group("who")]
        sent.add(
            "applicant",
            value,
            tuple(f"s3.{row}.{c}" for c in columns),
            raw.start,
            item.end(),
            raw.group,
        )
        raw.end = item.end()
        pos = item.end()


def _extract_s3(sent: _Sentence, year: int | None, format_id: str | None) -> None:
    text = sent.text
    received_at: int | None = None
    for m in _RECEIVED.finditer(text):
        gap = m.group("gap")
        if not _app_gap_ok(gap) or (gap == "" and not _has_info_context(sent, m.end())):
            continue
        if text[max(0, m.start() - 1) : m.start()] in ("未", "没", "多", "少", "再"):
            continue
        if _SUB_SCOPE.search(text[: m.start()]) or not _ok_prefix(sent, m.start(), year):
            continue
        value = _number(m)
        if value is None or not sent.free(m.start(), m.end()):
            continue
        raw = sent.add("received", value, ("s3.new_received.total",), m.start(), m.end())
        _applicant_breakdown(sent, raw, "new_received")
        received_at = raw.end if received_at is None else received_at

    for m in _RECEIVED_NONE.finditer(text):
        gap = m.group("gap")
        if gap is not None and (_NOT_APPLICATIONS.search(gap) or "公开" not in gap):
            continue
        if _RECEIVED_NONE_AFTER.match(text, m.end()) or not _ok_prefix(sent, m.start(), year):
            continue
        start = m.start() + (1 if text[m.start() : m.start() + 1] in "，,：:" else 0)
        if sent.free(start, m.end()):
            sent.add("received", 0, ("s3.new_received.total",), start, m.end())

    for m in _PROCESSED.finditer(text):
        gap, app = m.group("gap"), m.group("app")
        if app:
            if not _app_gap_ok(gap) or (gap == "" and not _has_info_context(sent, m.end())):
                continue
        elif gap not in ("", "了", "共"):
            continue
        elif (
            received_at is None
            or received_at > m.start()
            or _S4_WORDS.search(text, received_at, m.start())
        ):
            continue  # bare "答复N件" only right after a received figure
        if _NOT_DONE_BEFORE.search(text[: m.start()]) or _SUB_SCOPE.search(text[: m.start()]):
            continue
        value = _number(m)
        if value is None or not _ok_prefix(sent, m.start(), year):
            continue
        if sent.free(m.start(), m.end()):
            raw = sent.add("processed", value, ("s3.total_processed.total",), m.start(), m.end())
            _applicant_breakdown(sent, raw, "total_processed")

    for m in _CARRIED_OVER.finditer(text):
        value = _number(m)
        if value is not None and sent.free(m.start(), m.end()):
            sent.add("carried_over", value, ("s3.carried_over.total",), m.start(), m.end())

    for m in _CARRIED_FORWARD.finditer(text):
        gap = m.group("gap")
        if gap is not None and _NOT_APPLICATIONS.search(gap):
            continue
        value = _number(m, "n" if m.group("n") is not None else "m")
        if value is not None and sent.free(m.start(), m.end()):
            sent.add("carried_forward", value, ("s3.carried_forward.total",), m.start(), m.end())

    if not _APPLICATION_CONTEXT.search(sent.before[-200:] + text):
        return
    fmt = get_format(format_id) if format_id else None
    for kind, pattern in _RESULTS:
        for m in pattern.finditer(text):
            if not sent.free(m.start(), m.end()):
                continue
            prefix = text[: m.start()]
            if _APPLICANT_SCOPE.search(prefix) or _S4_WORDS.search(prefix):
                continue
            if kind == "unable":
                clause = _clause_prefix(text, m.start())
                if "因" in clause and "等" not in clause:
                    continue  # "因本机关不掌握无法提供N件" names one reason only
            value = _number(m)
            if value is None or not _ok_prefix(sent, m.start(), year):
                continue
            cells = _result_cells(kind, fmt)
            if cells:
                clause = _clause_prefix(text, m.start())
                quote_start = m.start() - (len(clause) if len(clause) <= 15 else 0)
                sent.add(kind, value, cells, quote_start, m.end())


def _result_cells(kind: str, fmt: ReportFormat | None) -> tuple[str, ...]:
    if kind == "granted_or_partial":
        return ("s3.granted.total", "s3.partial.total")
    if kind in ("granted", "partial"):
        return (f"s3.{kind}.total",)
    if kind == "other_processed":
        if fmt is None:
            return ()
        prefix = "other"
    else:
        prefix = kind
    if fmt is None:
        fmt = get_format("2019")  # the rows of 不予公开/无法提供/不予处理 are the same in both
    return tuple(
        f"s3.{r}.total" for r in fmt.s3_row_keys if r == prefix or r.startswith(prefix + ".")
    )


_S4_BLOCKS_OF_KIND: dict[str, tuple[str, ...]] = {
    "reconsideration": ("reconsideration",),
    "litigation": ("litigation_direct", "litigation_after_reconsideration"),
    "litigation_direct": ("litigation_direct",),
    "litigation_after_reconsideration": ("litigation_after_reconsideration",),
}


def _extract_s4(sent: _Sentence, year: int | None) -> None:
    text = sent.text
    if not (sent.section == "四" or _INFO_CONTEXT.search(sent.before[-120:] + text)):
        return
    blocks: list[tuple[_Raw, tuple[str, ...]]] = []

    for m in _S4_NONE.finditer(text):
        gap = m.group("gap")
        if gap.startswith("法") or _S4_NONE_EXCEPTIONS.search(m.group(0)):
            continue
        if not _ok_prefix(sent, m.start(), year) or not sent.free(m.start(), m.end()):
            continue
        span = m.group(0)
        group = sent.next_group
        sent.next_group += 1
        if "复议" in span and "复议后" not in span:
            sent.add("reconsideration", 0, ("s4.reconsideration.total",), m.start(), m.end(), group)
        if "诉讼" in span:
            sent.add(
                "litigation",
                0,
                _block_cells(_S4_BLOCKS_OF_KIND["litigation"], "total"),
                m.start(),
                m.end(),
                group,
            )

    patterns = (
        ("litigation_direct", _LITIGATION_DIRECT),
        ("litigation_after_reconsideration", _LITIGATION_AFTER),
        ("reconsideration", _RECONSIDERATION),
        ("litigation", _LITIGATION),
    )
    found: list[tuple[int, str, re.Match[str]]] = []
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            found.append((m.start(), kind, m))
    for _start, kind, m in sorted(found, key=lambda f: f[0]):
        if not sent.free(m.start(), m.end()):
            continue
        if _COMBINED_BEFORE.search(text[max(0, m.start() - 8) : m.start()]):
            continue  # "行政复议、行政诉讼3件" is a combined figure
        if kind == "litigation" and not m.group(0).startswith("行政"):
            before = text[m.start() - 1 : m.start()] if m.start() else ""
            if before not in ("", "，", ",", "、", "和", "及", "与", "：", ":", "起", "类"):
                continue
        value = _number(m)
        if value is None or not _ok_prefix(sent, m.start(), year):
            continue
        block_keys = _S4_BLOCKS_OF_KIND[kind]
        raw = sent.add(kind, value, _block_cells(block_keys, "total"), m.start(), m.end())
        blocks.append((raw, block_keys))
        _s4_breakdown(sent, raw, block_keys)

    if not blocks:
        return
    for pattern, kind, columns in (
        (_ALL_UPHELD, "all_upheld", ("corrected", "other", "pending")),
        (_ALL_CLOSED, "all_closed", ("pending",)),
    ):
        said = pattern.search(text, blocks[0][0].start)
        if not said:
            continue
        named = [(raw, keys) for raw, keys in blocks if raw.end <= said.start()]
        if not named:
            continue
        cells = tuple(c for _raw, keys in named for col in columns for c in _block_cells(keys, col))
        group = named[0][0].group
        for raw, _keys in named:
            _regroup(sent, raw.group, group)
        sent.add(kind, 0, cells, named[0][0].start, said.end(), group)


def _regroup(sent: _Sentence, old: int, new: int) -> None:
    for raw in sent.raws:
        if raw.group == old:
            raw.group = new


def _block_cells(blocks: Iterable[str], column: str) -> tuple[str, ...]:
    return tuple(f"s4.{b}.{column}" for b in blocks)


def _s4_breakdown(sent: _Sentence, raw: _Raw, blocks: tuple[str, ...]) -> None:
    lead = _S4_LEAD.match(sent.text, raw.end)
    if not lead:
        return
    pos = lead.end()
    seen: set[str] = set()
    while True:
        item = _S4_ITEM.match(sent.text, pos)
        if not item:
            break
        column = _S4_COLUMN_WORDS[item.group("col")]
        value = _number(item)
        if value is None or column in seen:
            break
        seen.add(column)
        sent.add("s4_result", value, _block_cells(blocks, column), raw.start, item.end(), raw.group)
        raw.end = item.end()
        pos = item.end()


def _extract_s2(sent: _Sentence, format_id: str | None) -> None:
    text = sent.text
    rows = list(_S2_ROW.finditer(text))
    for i, row_match in enumerate(rows):
        seg_end = rows[i + 1].start() if i + 1 < len(rows) else len(text)
        row = _S2_ROWS[row_match.group(0)]
        group: int | None = None
        start = end = row_match.start()
        m = _S2_ITEMS.match(text, row_match.start())
        if m and m.end() <= seg_end:
            items, change = _number(m, "items"), _number(m, "change")
            if items is not None and change is not None:
                if m.group("dir") in ("减少", "减") or m.group("sign") in ("-", "－"):
                    change = -change
                raw = sent.add(
                    "s2_items",
                    items,
                    (f"s2.{row}.prev_items", f"s2.{row}.change"),
                    m.start(),
                    m.end(),
                )
                group = raw.group
                sent.add("s2_change", change, (f"s2.{row}.change",), m.start(), m.end(), group)
                end = m.end()
        d = _S2_DECISIONS.search(text, end, seg_end)
        if d and row != "fees" and sent.free(d.start(), d.end()):
            if group is None and _FIGURE_IN_PIECES.search(text, end, d.start()):
                continue  # another figure stands between the row name and 处理决定
            value = _number(d)
            if value is None:
                continue
            raw = sent.add("s2_decisions", value, (f"s2.{row}.decisions",), start, d.end(), group)
            for r in sent.raws:
                if r.group == raw.group:
                    r.end = max(r.end, d.end())
    if format_id is None:
        return
    made_key = "new_made" if format_id == "2019" else "issued"
    for m in _NORMATIVE_MADE.finditer(text):
        value = _number(m)
        if value is not None and sent.free(m.start(), m.end()):
            sent.add(
                "normative_made", value, (f"s2.normative_docs.{made_key}",), m.start(), m.end()
            )
    if format_id == "2021":
        for m in _NORMATIVE_IN_FORCE.finditer(text):
            value = _number(m)
            if value is not None and sent.free(m.start(), m.end()):
                sent.add(
                    "normative_in_force", value, ("s2.normative_docs.in_force",), m.start(), m.end()
                )


def extract_facts(
    narrative: dict[str, str], format_id: str | None = None, year: int | None = None
) -> list[NarrativeFact]:
    """The table figures stated in the narrative, section by section, in reading order.

    ``format_id`` ("2019"/"2021") enables the facts whose cells differ between the formats
    (规范性文件, 其他处理); ``year`` drops figures explicitly about another year.
    """
    facts: list[NarrativeFact] = []
    for section, raw_text in narrative.items():
        text = normalise_text(raw_text)
        for sent in _sentences(section, text):
            if not (_FIGURE_HINT.search(sent.text) or _NEGATION_HINT.search(sent.text)):
                continue  # nothing to read: no "N件/项/条/起" and no 未/没/无
            _extract_s4(sent, year)
            _extract_s3(sent, year, format_id)
            _extract_s2(sent, format_id)
            spans: dict[int, tuple[int, int]] = {}
            for raw in sent.raws:
                s, e = spans.get(raw.group, (raw.start, raw.end))
                spans[raw.group] = (min(s, raw.start), max(e, raw.end))
            for raw in sorted(sent.raws, key=lambda r: (spans[r.group][0], r.start)):
                s, e = spans[raw.group]
                facts.append(NarrativeFact(raw.kind, raw.value, raw.cells, sent.text[s:e], section))
    return facts


# ---------------------------------------------------------------------------------------------
# T1
# ---------------------------------------------------------------------------------------------

_TABLE_NAMES = {"s2": "表二", "s3": "表三", "s4": "表四"}
_S4_PARTS = tuple(c.key for c in S4_COLUMNS if c.key != "total")


def _parts(key: str, fmt: ReportFormat) -> tuple[str, ...]:
    """The cells whose sum a blank ``.total`` stands for (none for other cells)."""
    section, rest = key.split(".", 1)
    row, column = rest.rsplit(".", 1)
    if column != "total":
        return ()
    if section == "s3":
        return tuple(f"s3.{row}.{c}" for c in S3_APPLICANT_COLUMN_KEYS)
    if section == "s4":
        return tuple(f"s4.{row}.{c}" for c in _S4_PARTS)
    return ()


def _known(report: Report, fact: NarrativeFact) -> tuple[list[tuple[str, float]], bool] | None:
    """The filled cells standing for the fact's cells, and whether they are all of them."""
    fmt = report.spec
    used: list[tuple[str, float]] = []
    exact = True
    for key in fact.cells:
        if not fmt.has_key(key):
            return None  # a cell of the other format: the fact does not apply
        value: CellValue = report.cells.get(key)
        if value is not None:
            used.append((key, value))
            continue
        parts = _parts(key, fmt)
        exact = False
        used += [(p, v) for p in parts if (v := report.cells.get(p)) is not None]
    return used, exact


def _show(value: float) -> str:
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:g}"


def _names(fmt: ReportFormat, keys: list[str]) -> str:
    """``表三 （一）予以公开（自然人、商业企业）、（二）部分公开 自然人`` for a list of cells."""
    tables = "".join(sorted({_TABLE_NAMES[k.split(".", 1)[0]] for k in keys}))
    rows: dict[str, list[str]] = {}
    for key in keys:
        row, _, column = fmt.label(key).rpartition(" ")
        rows.setdefault(row, []).append(column)
    shown = "、".join(
        f"{row} {cols[0]}" if len(cols) == 1 else f"{row}（{'、'.join(cols)}）"
        for row, cols in rows.items()
    )
    return f"{tables} {shown}"


def _mismatch_text(
    fmt: ReportFormat, fact: NarrativeFact, used: list[tuple[str, float]], exact: bool
) -> tuple[str, list[str]] | None:
    total = sum(v for _k, v in used)
    if exact and abs(total - fact.value) < 1e-9:
        return None
    if not exact and total <= fact.value + 1e-9:
        return None  # blank cells could make up the difference (M1 reports them)
    if fact.value == 0:
        nonzero = [(k, v) for k, v in used if v]
        shown = "、".join(f"{_TABLE_NAMES[k[:2]]} {fmt.label(k)} 为 {_show(v)}" for k, v in nonzero)
        return shown, [k for k, _v in nonzero]
    keys = [k for k, _v in used]
    if exact and len(used) == 1:
        return f"{_names(fmt, keys)} 为 {_show(total)}", keys
    if exact:
        return f"{_names(fmt, keys)} 合计为 {_show(total)}", keys
    return (
        f"{_names(fmt, keys)} 已填的数字合计就有 {_show(total)}（另有空白栏目），多于正文的 "
        f"{_show(fact.value)}",
        keys,
    )


def check_narrative(report: Report) -> list[Finding]:
    """Rule T1: figures stated in the narrative agree with the tables (warnings).

    Facts are grouped by their quote, so a statement and its breakdown ("收到申请75件，涉及
    自然人72件") give one finding naming every cell that disagrees.
    """
    fmt = report.spec
    facts = extract_facts(report.narrative, report.format, report.year)
    groups: dict[tuple[str, str], list[tuple[str, list[str]]]] = {}
    for fact in facts:
        known = _known(report, fact)
        if known is None or not known[0]:
            continue
        mismatch = _mismatch_text(fmt, fact, *known)
        if mismatch is not None:
            groups.setdefault((fact.section, fact.quote), []).append(mismatch)
    findings: list[Finding] = []
    for (_section, quote), mismatches in groups.items():
        cells: list[str] = []
        for _text, keys in mismatches:
            cells += [k for k in keys if k not in cells]
        message = f"正文称“{quote}”，但" + "；".join(text for text, _keys in mismatches)
        findings.append(Finding("T1", "warning", tuple(cells), message))
    return findings


# ---------------------------------------------------------------------------------------------
# N1
# ---------------------------------------------------------------------------------------------

_NEEDS_TEXT = ("一", "五", "六")
_TABLE_OF_SECTION = {"二": "s2", "三": "s3", "四": "s4"}
_MIN_PROBLEMS_CHARS = 20
_EMPTY_WORDS = re.compile(r"[无暂没有]+|无问题|暂无问题|没有问题")
_PUNCTUATION = re.compile(r"[\s\W_]+")
_FEE = re.compile(r"信息处理费|处理费|收费|收取.{0,10}费")
_LAST_YEAR = re.compile(r"上一?年度?|去年|前一年")
_ITEM_MARK = re.compile(r"[一二三四五六七八九十]是")
_IMPROVEMENT_MARK = re.compile(
    r"改进措施|整改措施|改进情况|改进方向|下一步|下步|针对(?:存在的?|上述|以上|这些)?问题|将采取|拟采取|今后"
)
_PROBLEM_WORDS = re.compile(r"问题|不足|有待|不够|仍需|还需|尚需|需进一步|欠缺|滞后|单一")
_BOILERPLATE = re.compile(
    r"政府信息公开|政府信息|信息公开|政务公开|公开工作|工作|进一步|有待|仍需|还需|尚需|需要|"
    r"还不够|不够|不足|不到位|存在|问题|加强|提升|提高|完善|拓展|推进|部分|个别|单位|一些|"
    r"有些|方面|情况|我[乡镇市区县局委办厅]|本[单机][位关]"
)
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def problem_phrases(text: str) -> list[str]:
    """The problems a section 五 names: its "一是…；二是…" items before the improvements.

    Without numbered items, the sentences before the improvements that use a problem word
    (问题, 不足, 有待, 不够, 仍需 …) are taken instead.
    """
    text = normalise_text(text)
    first = _ITEM_MARK.search(text)
    cut = _IMPROVEMENT_MARK.search(text, first.end() if first else 0)
    region = text[: cut.start()] if cut else text
    marks = list(_ITEM_MARK.finditer(region))
    if marks:
        phrases = []
        for i, mark in enumerate(marks):
            end = marks[i + 1].start() if i + 1 < len(marks) else len(region)
            phrase = _SENTENCE_END.split(region[mark.end() : end], maxsplit=1)[0].strip("，,、 ")
            if phrase:
                phrases.append(phrase)
        return phrases
    return [s for s in _SENTENCE_END.split(region) if _PROBLEM_WORDS.search(s)]


def _meaningful_ngrams(phrase: str) -> set[str]:
    stripped = _BOILERPLATE.sub("|", phrase)
    grams: set[str] = set()
    for run in _CJK_RUN.findall(stripped):
        grams.update(run[i : i + 4] for i in range(len(run) - 3))
    return grams


def _reports_on(previous_problems: list[str], text: str, previous_year: int | None) -> bool:
    """Heuristic: this year's 五 speaks about last year's problems.

    True when it mentions last year (上年/上一年/去年/前一年 or the previous year's number) or
    when any 4-character run of a previous problem phrase, after removing boilerplate words
    (政府信息, 进一步, 有待, 加强, 问题 …), appears in it.
    """
    if _LAST_YEAR.search(text) or (previous_year is not None and f"{previous_year}年" in text):
        return True
    return any(gram in text for p in previous_problems for gram in _meaningful_ngrams(p))


def _is_blank(text: str) -> bool:
    return _PUNCTUATION.sub("", text) == ""


def check_sections(report: Report, previous: Report | None = None) -> list[Finding]:
    """Rule N1: the six sections are there and 五/六 say what they must (warnings)."""
    findings: list[Finding] = []
    fmt = report.spec
    texts = {n: normalise_text(report.narrative.get(n, "")) for n in SECTION_NUMERALS}

    def warn(message: str) -> None:
        findings.append(Finding("N1", "warning", (), message))

    for numeral in SECTION_NUMERALS:
        title = SECTION_TITLES[numeral]
        if not _is_blank(texts[numeral]):
            continue
        if numeral in _NEEDS_TEXT:
            if numeral in report.narrative:
                warn(f"年报的“{title}”部分没有内容")
            else:
                warn(f"年报缺少“{title}”部分")
        elif not any(report.is_known(k) for k in fmt.keys_of_section(_TABLE_OF_SECTION[numeral])):
            warn(f"年报缺少“{title}”部分（既没有文字，也没有表格数字）")

    problems = texts["五"]
    title5 = SECTION_TITLES["五"]
    compact = _PUNCTUATION.sub("", problems)
    if compact:
        if _EMPTY_WORDS.fullmatch(compact):
            warn(f"“{title5}”只写了“{problems}”：应如实说明工作中存在的主要问题和改进情况")
        elif len(compact) < _MIN_PROBLEMS_CHARS:
            warn(f"“{title5}”内容过于简单（“{problems}”）：应具体说明存在的主要问题和改进情况")
        elif previous is not None:
            previous_problems = problem_phrases(previous.narrative.get("五", ""))
            if previous_problems and not _reports_on(previous_problems, problems, previous.year):
                example = previous_problems[0]
                if len(example) > 30:
                    example = example[:30] + "…"
                year = f"{previous.year}年" if previous.year else "上一年度"
                warn(
                    f"{year}年报在“{title5}”中列出的问题（如“{example}”）在本年度报告中"
                    "没有交代改进情况"
                )

    if report.format == "2021" and not _is_blank(texts["六"]) and not _FEE.search(texts["六"]):
        warn(
            f"“{SECTION_TITLES['六']}”没有说明信息处理费的收取情况（2021 年格式要求报告，"
            "未收取的也应写明）"
        )
    return findings


# ---------------------------------------------------------------------------------------------
# T1 against the year's openness facts (issue 14)
# ---------------------------------------------------------------------------------------------
# The figures a narrative states about 会议公开, 政策解读, 意见征集 and the offline channels are
# no table cells: a report built from records checks them against the year's
# :class:`OpennessFacts` (``validate(report, facts=…)``). A published report read back without
# facts is not checked. The wordings read (the same conservatism as above: approximate figures,
# figures of another year or of a subset — after "其中" — and lists naming several kinds at once
# are not read):
#
# - ``meetings_held``: (共)召开[乡/镇/县/市/区]<kind>N次 → the meetings of that kind (the label
#   matched with or without that prefix, 党委会 = 党委会议); 召开各类会议N次 → all meetings; a
#   label the records do not know is not read;
# - ``minutes_published``: after it in the sentence, "其中N次的会议纪要（决定）已公开",
#   "公开会议纪要N次" → the meetings of that kind whose minutes were published;
#   ``minutes_all``: "均通过会议纪要的形式将内容进行了公开", "会议纪要均已公开" → all of them;
# - ``meetings_attended``: "N次邀请群众列席", "邀请群众列席N次";
# - ``interpretations``: 政策解读N篇/条/次/件 → 解读 published (not in a sentence that speaks of
#   转载/转发/上级 ones, of a subset, or of what a 公报 printed: "刊登规范性文件…，政策解读83件");
#   ``interpretations_of_kind``: 图文解读N篇, 新闻发布会N次 … → the 解读 of that kind (其中 allowed:
#   the kind names the part); ``normative_without``: "N件规范性文件尚未发布政策解读" → the
#   规范性文件 of the year without a 解读;
# - in a sentence about 意见征集/征求意见/预公开: ``consultations`` 意见征集N次 (征集意见,
#   征求意见, 预公开…N次), ``comments`` 收到意见N条, ``adopted`` 采纳N条 (without "部分采纳" in
#   the sentence, 采纳N条 may be 采纳 alone or 采纳 and 部分采纳: either agrees), ``partly_adopted``
#   部分采纳N条, ``not_adopted`` 不予采纳N条, ``feedback_published`` 公布(意见)采纳情况N次;
# - ``offline``: 通过<channel>公示/张贴/公开/发布/播报/播出N条/次 where <channel> is a channel of
#   the year's offline notices (a channel in a list "广播、宣传栏等" is not read); the figure may
#   equal the notices of the channel or the channel's publications (the channel sentence).
#
# An area of which the records hold nothing in the year (no meeting kind, no 解读 and no
# 规范性文件 without one, no consultation, no notice on that channel) is not checked: its 0 says
# the records are missing, not that the work was not done (as rule E1).


@dataclass(frozen=True)
class OpennessClaim:
    """A figure the narrative states about the openness facts (``subject``: the meeting kind or
    the channel as written, else "")."""

    kind: str
    value: int
    subject: str
    quote: str
    section: str


_OPENNESS_HINT = re.compile(r"[\d零〇一二两三四五六七八九十](?:次|篇|条|件|期)|均|全部")
_MEETING = re.compile(
    r"召开(?:了)?(?P<label>[\u4e00-\u9fff]{0,14}?会)(?:议)?(?:共|共计|合计)?(?:为|达)?"
    + _num()
    + "次"
)
_ALL_MEETINGS = frozenset({"各类会议", "各种会议", "各项会议"})
_LABEL_PREFIX = "乡镇县市区"
_MINUTES_COUNT = (
    re.compile(
        _num() + r"次(?:的)?(?:会议)?(?:纪要|决定)(?:（决定）|\(决定\))?(?:已|已经|均已)?"
        r"(?:予以|进行了?|向社会)?公开"
    ),
    re.compile(r"(?:公开|公布)(?:了)?(?:会议)?纪要(?:（决定）|\(决定\))?(?:共)?" + _num() + "次"),
    re.compile(r"(?:会议)?纪要(?:（决定）|\(决定\))?(?:已)?公开(?:共)?" + _num() + "次"),
)
_MINUTES_ALL = re.compile(
    r"(?:均|全部|都)(?:已|已经)?(?:通过|以|按|将)?[^，,。；;\d未]{0,12}?纪要[^，,。；;\d未]{0,16}?公开"
    r"|纪要(?:（决定）|\(决定\))?(?:均|全部|都)(?:已|已经)?(?:予以|进行了?|向社会)?公开"
)
_ATTENDED = (
    re.compile(_num() + r"次(?:会议)?邀请[^，,。；;\d]{0,10}?列席"),
    re.compile(r"邀请[^，,。；;\d]{0,10}?列席(?:会议)?(?:共)?" + _num() + "次"),
)
_INTERPRETATION = re.compile(
    r"政策解读(?:材料|文章)?(?:共|共计|合计)?(?:为|达)?" + _num() + "(?:篇|条|次|件|期)"
)
# Before it in the sentence: 解读 of others, a subset, or the ones a gazette printed.
_NOT_OWN_INTERPRETATION = re.compile(r"转载|转发|上级|其中|刊登|刊发|刊载|公报|收录")
# One kind of 解读 ("其中图文解读3篇": the breakdown is named by its kind, so 其中 is no subset).
_INTERPRETATION_OF_KIND = re.compile(
    r"(?P<kind>文字解读|图文解读|视频解读|专家解读|新闻发布会)(?:共)?" + _num() + "(?:篇|条|次|场)"
)
_OTHERS_INTERPRETATION = re.compile(r"转载|转发|上级|刊登|刊发|刊载|公报|收录")
# The 规范性文件 still without a 解读 (the draft's sentence of 五).
_NORMATIVE_WITHOUT = re.compile(
    _num() + r"件(?:行政)?规范性文件(?:尚|仍|还)?未(?:同步)?(?:发布|配套|制作)(?:政策)?解读"
)
_CONSULTATION_CONTEXT = re.compile(r"意见征集|征集意见|征求意见|预公开")
_CONSULTATION_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "consultations",
        re.compile(
            r"(?:意见征集|征集意见|征求意见|预公开)(?:[（(](?:意见征集|征集意见|征求意见)[）)])?"
            r"(?:活动|工作)?(?:共|共计|合计)?(?:开展)?(?:为|达)?" + _num() + "次"
        ),
    ),
    (
        "comments",
        re.compile(
            r"收到(?:公众|群众|社会各界|社会|各类|反馈)?(?:的)?意见(?:建议)?(?:共|共计|合计)?"
            r"(?:为|达)?" + _num() + "条"
        ),
    ),
    ("partly_adopted", re.compile(r"部分采纳(?:意见)?(?:共)?" + _num() + "条")),
    ("not_adopted", re.compile(r"不予采纳(?:意见)?(?:共)?" + _num() + "条")),
    ("adopted", re.compile(r"(?<!部分)(?<!不予)采纳(?:意见)?(?:共)?" + _num() + "条")),
    (
        "feedback_published",
        re.compile(r"公布(?:了)?(?:意见)?(?:采纳|反馈)情况(?:共)?" + _num() + "次"),
    ),
)
_OFFLINE = re.compile(
    r"通过(?P<channel>[\u4e00-\u9fff]{1,8}?)(?:张贴|公示|公开|发布|播报|播出|播放)"
    r"(?:了)?(?:信息|公告|通知|事项)?(?:共)?" + _num() + "(?:条|次|期)"
)


def _meeting_segments(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """Each meeting figure of a sentence and where its clauses end (the next 召开 or the end)."""
    matches = list(_MEETING.finditer(text))
    for i, m in enumerate(matches):
        yield m, matches[i + 1].start() if i + 1 < len(matches) else len(text)


def _extract_meetings(
    sent: _Sentence, year: int | None, out: list[tuple[str, int, str, int, int, int]]
) -> None:
    text = sent.text
    for group, (m, end) in enumerate(_meeting_segments(text)):
        value = _number(m)
        if value is None or _SUB_SCOPE.search(text[: m.start()]):
            continue
        if not _ok_prefix(sent, m.start(), year):
            continue
        label = m.group("label") + "议"
        out.append(("meetings_held", value, label, m.start(), m.end(), group))
        tail = (m.end(), end)
        for pattern in _MINUTES_COUNT:
            found = pattern.search(text, *tail)
            if found is not None:
                n = _number(found)
                if n is not None:
                    out.append(("minutes_published", n, label, m.start(), found.end(), group))
                break
        else:
            every = _MINUTES_ALL.search(text, *tail)
            if every is not None:
                out.append(("minutes_all", value, label, m.start(), every.end(), group))
        for pattern in _ATTENDED:
            found = pattern.search(text, *tail)
            if found is not None:
                n = _number(found)
                if n is not None:
                    out.append(("meetings_attended", n, label, m.start(), found.end(), group))
                break


def extract_openness(narrative: dict[str, str], year: int | None = None) -> list[OpennessClaim]:
    """The figures the narrative states about meetings, 解读, 意见征集 and offline notices."""
    claims: list[OpennessClaim] = []
    for section, raw_text in narrative.items():
        text = normalise_text(raw_text)
        for sent in _sentences(section, text):
            if not _OPENNESS_HINT.search(sent.text):
                continue
            found: list[tuple[str, int, str, int, int, int]] = []
            _extract_meetings(sent, year, found)
            base = 1000  # groups of the figures that are not about meetings
            s = sent.text
            for i, m in enumerate(_INTERPRETATION.finditer(s)):
                value = _number(m)
                if value is None or _NOT_OWN_INTERPRETATION.search(s[: m.start()]):
                    continue
                if not _ok_prefix(sent, m.start(), year):
                    continue
                found.append(("interpretations", value, "", m.start(), m.end(), base + i))
            for m in _INTERPRETATION_OF_KIND.finditer(s):
                value = _number(m)
                if value is None or _OTHERS_INTERPRETATION.search(s[: m.start()]):
                    continue
                if not _ok_prefix(sent, m.start(), year):
                    continue
                kind_said = m.group("kind")
                claim = ("interpretations_of_kind", value, kind_said, m.start(), m.end(), base)
                found.append(claim)
            for i, m in enumerate(_NORMATIVE_WITHOUT.finditer(s)):
                value = _number(m)
                if value is None or not _ok_prefix(sent, m.start(), year):
                    continue
                found.append(("normative_without", value, "", m.start(), m.end(), 4000 + i))
            if _CONSULTATION_CONTEXT.search(s):
                partly_said = "部分采纳" in s
                for j, (kind, pattern) in enumerate(_CONSULTATION_PATTERNS):
                    for m in pattern.finditer(s):
                        value = _number(m)
                        if value is None or _SUB_SCOPE.search(_clause_prefix(s, m.start())):
                            continue
                        if not _ok_prefix(sent, m.start(), year):
                            continue
                        subject = "部分采纳" if kind == "adopted" and partly_said else ""
                        found.append((kind, value, subject, m.start(), m.end(), 2000 + j))
            for k, m in enumerate(_OFFLINE.finditer(s)):
                value = _number(m)
                if value is None or "等" in m.group("channel"):
                    continue  # "通过宣传栏等公开…" names no one channel
                if _SUB_SCOPE.search(_clause_prefix(s, m.start())):
                    continue
                if not _ok_prefix(sent, m.start(), year):
                    continue
                found.append(("offline", value, m.group("channel"), m.start(), m.end(), 3000 + k))
            spans: dict[int, tuple[int, int]] = {}
            for _kind, _value, _subject, start, end, group in found:
                s0, e0 = spans.get(group, (start, end))
                spans[group] = (min(s0, start), max(e0, end))
            for kind, value, subject, _start, _end, group in found:
                s0, e0 = spans[group]
                claims.append(OpennessClaim(kind, value, subject, s[s0:e0], section))
    return claims


def _bare_label(label: str) -> str:
    """党委会 → 党委会议; the 乡/镇/县/市/区 prefix off (乡党委会议 → 党委会议)."""
    label = label.strip()
    if label.endswith("会"):
        label += "议"
    if len(label) > 3 and label[0] in _LABEL_PREFIX:
        label = label[1:]
    return label


def _meeting_of(label: str, meetings: tuple[MeetingCount, ...]) -> MeetingCount | None:
    """The records' meetings a label names: one kind, all of them (各类会议), or None."""
    if not meetings:
        return None
    if label in _ALL_MEETINGS:
        return MeetingCount(
            "各类会议",
            sum(m.held for m in meetings),
            sum(m.published for m in meetings),
            sum(m.attended for m in meetings),
        )
    wanted = _bare_label(label)
    named = [m for m in meetings if _bare_label(m.kind) == wanted or m.kind == label]
    return named[0] if len(named) == 1 else None


_MEETINGS_SOURCE = "会议公开登记"
_INTERPRETATIONS_SOURCE = "政策解读登记"
_CONSULTATION_SOURCE = "意见征集登记"
_OFFLINE_SOURCE = "线下公开（公示栏、广播等）登记"
_CONSULTATION_WORDS = {
    "consultations": ("意见征集", "次"),
    "comments": ("收到意见", "条"),
    "adopted": ("采纳意见", "条"),
    "partly_adopted": ("部分采纳意见", "条"),
    "not_adopted": ("不予采纳意见", "条"),
    "feedback_published": ("公布意见采纳情况", "次"),
}


def _openness_mismatch(
    claim: OpennessClaim, openness: OpennessFacts, channels: Mapping[str, int]
) -> str | None:
    """What the records say against ``claim``, or None when they agree (or say nothing)."""
    if claim.kind.startswith(("meetings_", "minutes_")):
        meeting = _meeting_of(claim.subject, openness.meetings)
        if meeting is None:
            return None
        where = f"{_MEETINGS_SOURCE}：{meeting.kind}"
        if claim.kind == "meetings_held" and claim.value != meeting.held:
            return f"平台记录为{meeting.held}次（{where}）"
        if claim.kind == "minutes_published" and claim.value != meeting.published:
            return f"平台记录中会议纪要（决定）已公开的为{meeting.published}次（{where}）"
        if claim.kind == "minutes_all" and meeting.published < meeting.held:
            return (
                f"平台记录中{meeting.held}次会议只有{meeting.published}次的会议纪要（决定）"
                f"已公开（{where}）"
            )
        if claim.kind == "meetings_attended" and claim.value != meeting.attended:
            return f"平台记录中邀请群众列席的为{meeting.attended}次（{where}）"
        return None
    if claim.kind == "interpretations":
        if not (
            openness.interpretations
            or openness.normative_without_interpretation
            or any(openness.interpretations_by_kind.values())
        ):
            return None
        if claim.value != openness.interpretations:
            return f"平台记录为{openness.interpretations}篇（{_INTERPRETATIONS_SOURCE}）"
        return None
    if claim.kind == "interpretations_of_kind":
        if not openness.interpretations:
            return None
        recorded = openness.interpretations_by_kind.get(claim.subject, 0)
        if claim.value != recorded:
            return f"平台记录{claim.subject}为{recorded}篇（次）（{_INTERPRETATIONS_SOURCE}）"
        return None
    if claim.kind == "normative_without":
        if not (openness.interpretations or openness.normative_without_interpretation):
            return None
        if claim.value != openness.normative_without_interpretation:
            return (
                f"平台记录中未发布政策解读的规范性文件为"
                f"{openness.normative_without_interpretation}件（{_INTERPRETATIONS_SOURCE}）"
            )
        return None
    if claim.kind in _CONSULTATION_WORDS:
        summary = openness.consultation
        if not summary.consultations:
            return None
        recorded = getattr(summary, claim.kind)
        accepted = {recorded}
        if claim.kind == "adopted" and not claim.subject:  # 采纳 alone or with 部分采纳
            accepted.add(summary.adopted_in_whole_or_part)
        if claim.value in accepted:
            return None
        word, unit = _CONSULTATION_WORDS[claim.kind]
        return f"平台记录{word}{recorded}{unit}（{_CONSULTATION_SOURCE}）"
    if claim.kind == "offline":
        notices = openness.offline_notices.get(claim.subject)
        if not notices:
            return None
        if claim.value in (notices, channels.get(claim.subject)):
            return None
        return f"平台记录通过{claim.subject}公开{notices}条（次）（{_OFFLINE_SOURCE}）"
    return None


def check_openness(
    report: Report, openness: OpennessFacts, channels: Mapping[str, int] | None = None
) -> list[Finding]:
    """Rule T1 against the year's openness facts: the narrative's figures about meetings, 解读,
    意见征集 and offline notices agree with the records (warnings; ``channels``: the year's
    publications per channel, which an offline figure may also state)."""
    groups: dict[tuple[str, str], list[str]] = {}
    for claim in extract_openness(report.narrative, report.year):
        mismatch = _openness_mismatch(claim, openness, channels or {})
        if mismatch is not None and mismatch not in groups.get((claim.section, claim.quote), []):
            groups.setdefault((claim.section, claim.quote), []).append(mismatch)
    return [
        Finding("T1", "warning", (), f"正文称“{quote}”，但" + "；".join(texts))
        for (_section, quote), texts in groups.items()
    ]
