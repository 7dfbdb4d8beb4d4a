"""The draft narrative of an annual report: the year's facts stated from records.

``draft_narrative(report, facts)`` writes the six sections (一…六) of 《条例》第五十条 in plain
official Chinese, every figure taken either from the report's cells (tables 二/三/四, already
filled from records — never recounted here) or from :class:`DraftFacts` (the figures that are
not table cells: items published per channel, documents made, mailbox, 建议/提案). The clerk
rewrites the draft freely; what it must not do is contradict the tables.

Contract with the validator: every sentence that states a table figure uses a wording that
rule T1 (:mod:`gongkai.domain.report.narrative`) reads, and states it only when all the cells
behind it are known — a blank cell is never taken as 0, the clause is left out instead. The
draft of a report therefore gives no T1 finding; ``tests/domain/test_draft.py`` checks that.

Sections 五 (问题及改进) and 六 (其他事项) are facts no record holds: they get a bracketed
instruction to the clerk, worded so that rule N1 keeps warning until it is replaced; only the
信息处理费 sentence of 六 (2021 format on) is stated, when ``DraftFacts.processing_fees_yuan``
is known.

Section 一 also states the year's openness facts (:class:`OpennessFacts`, issue 14), each only
when the records hold it: meetings per kind and the publication of their minutes ("共召开乡党委
会议24次，均通过会议纪要的形式将内容进行了公开" — a township's 党委会议 is the 乡/镇党委会议, read
from the body's name), 政策解读 by kind, 意见征集 and the adoption of comments, and the offline
notices by channel. The offline sentence ("通过公示栏公示N条、通过广播播报N次") gives no total and
is a part of the channel sentence (the channel counts include the offline notices), so nothing is
summed twice; a channel whose count there is the same figure is not repeated. What the records
show as a shortfall — 规范性文件 without a 解读, consultations whose feedback is overdue — is stated
in 五 (问题), before the instruction to the clerk, which stays until the improvements are written.
Every such sentence uses a wording rule T1 reads against the facts
(:func:`gongkai.domain.report.narrative.check_openness`), and agrees with them.

Nothing is stated for want of records. The channel sentence ("共发布各类信息N条") is left out
when no item was published through any channel. In a year for which the platform holds none of
the body's records (:func:`year_without_records`; rule E1 warns about it), section 一 states no
figure at all — every one would be a 0 that only says the records are missing — and holds an
instruction to the clerk instead (:data:`EMPTY_YEAR_PLACEHOLDER`, which keeps the report from
being submitted until it is replaced); 三 and 四 still say what their tables say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gongkai.domain.report.formats import S4_BLOCKS, ReportFormat
from gongkai.domain.report.model import CellValue, Report, format_number
from gongkai.domain.stats.engagement import EngagementSummary
from gongkai.domain.stats.openness import ConsultationSummary, MeetingCount, OpennessFacts

__all__ = [
    "ASSESSMENT_PLACEHOLDER",
    "EMPTY_YEAR_PLACEHOLDER",
    "FEE_PLACEHOLDER",
    "OTHER_MATTERS_PLACEHOLDER",
    "PLACEHOLDERS",
    "PROBLEMS_PLACEHOLDER",
    "DraftFacts",
    "draft_narrative",
    "meeting_label",
    "unfilled_sections",
    "year_without_records",
]


@dataclass(frozen=True)
class DraftFacts:
    """The figures of the year that are not table cells, counted from records.

    ``processing_fees_yuan`` (信息处理费 collected in the year, whole 元: every fee of
    国办函〔2020〕109号 is) is optional and JSON-safe: None means "not recorded", and section 六
    then asks the clerk to state it.
    """

    body: str
    year: int
    channels: Mapping[str, int]
    documents_made: int
    documents_by_disclosure: Mapping[str, int]
    mailbox: EngagementSummary
    mailbox_names: tuple[str, ...]
    npc: EngagementSummary
    cppcc: EngagementSummary
    processing_fees_yuan: int | None = None
    # 解读, 意见征集, 会议, 公示栏 … (issue 14): the records' figures, none by default
    openness: OpennessFacts = field(default_factory=OpennessFacts)

    @property
    def published_channels(self) -> dict[str, int]:
        """The channels through which something was published (none: an empty dict)."""
        return {label: n for label, n in self.channels.items() if n}


# Placeholders, only where no record states the facts (五, 六). They are worded so that rule N1
# keeps warning until the clerk replaces them: the one of 五 is under N1's 20-character minimum,
# the fee one avoids the words N1 looks for (信息处理费, 收费, 收取…费).
PROBLEMS_PLACEHOLDER = "（请对照上年报告填写主要问题及改进情况。）"
FEE_PLACEHOLDER = "（请说明本年度依国办函〔2020〕109号向申请人计收的金额，未计收的也应写明。）"
OTHER_MATTERS_PLACEHOLDER = "（请填写其他需要报告的事项；没有的，写明“无其他需要报告的事项”。）"
EMPTY_YEAR_PLACEHOLDER = (
    "（请填写本年度政府信息公开工作总体情况：平台中没有本机关本年度的任何记录，无法据记录起草。"
    "请先登记或导入本年度的台账；本年度确实没有相关工作的，请如实写明。）"
)
ASSESSMENT_PLACEHOLDER = (
    "（各级人民政府请填写政府信息公开工作考核、社会评议和责任追究结果情况（《条例》第五十条）。）"
)

_DISCLOSURE_ACTIVE = "主动公开"
_S2_MATTER_ROWS_2019: tuple[tuple[str, str], ...] = (
    ("licensing", "公开行政许可事项"),
    ("other_services", "其他对外管理服务事项"),
    ("penalty", "行政处罚事项"),
    ("compulsion", "行政强制事项"),
    ("fees", "公开行政事业性收费"),
)
# The document rows of table 二 (labels: the format's) stated in each format's words: a lead
# and, per column, its clause.
_S2_DOCUMENT_ROWS = ("regulations", "normative_docs")
_S2_DOCUMENT_WORDS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "2019": (
        "本年",
        (
            ("new_made", "新制作{label}{n}件"),
            ("new_published", "新公开{label}{n}件"),
            ("total_published", "对外公开{label}总数{n}件"),
        ),
    ),
    "2021": (
        "",
        (
            ("issued", "本年制发{label}{n}件"),
            ("repealed", "废止{label}{n}件"),
            ("in_force", "现行有效{label}{n}件"),
        ),
    ),
}
_S2_DECISION_ROWS_2021: tuple[tuple[str, str], ...] = (
    ("licensing", "行政许可"),
    ("penalty", "行政处罚"),
    ("compulsion", "行政强制"),
)
# Results of table 三 as T1 names them, with the row prefix whose ``.total`` cells they sum.
_S3_RESULTS: tuple[tuple[str, str], ...] = (
    ("予以公开", "granted"),
    ("部分公开", "partial"),
    ("不予公开", "denied"),
    ("无法提供", "unable"),
    ("不予处理", "not_processed"),
    ("其他处理", "other"),
)
_S4_SENTENCE_HEAD: dict[str, str] = {
    "reconsideration": "因政府信息公开引起行政复议",
    "litigation_direct": "因政府信息公开未经复议直接提起行政诉讼",
    "litigation_after_reconsideration": "因政府信息公开经复议后提起行政诉讼",
}
_S4_RESULT_WORDS: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
)


# ---------------------------------------------------------------------------------------------
# Cells
# ---------------------------------------------------------------------------------------------


def _cell(report: Report, key: str) -> CellValue:
    """A known cell of the report's format, or None (blank, unrecoverable or not in format)."""
    if not report.spec.has_key(key):
        return None
    return report.cells.get(key)


def _count(report: Report, key: str) -> int | None:
    value = _cell(report, key)
    return None if value is None else int(value)


def _sum(report: Report, keys: Iterable[str]) -> int | None:
    """Sum of counts, or None when any of them is blank (never read blank as 0)."""
    total = 0
    for key in keys:
        value = _count(report, key)
        if value is None:
            return None
        total += value
    return total


def _result_total(report: Report, prefix: str) -> int | None:
    """Total of a result of table 三 over its rows (``denied`` = the 8 reasons …)."""
    rows = [r for r in report.spec.s3_row_keys if r == prefix or r.startswith(prefix + ".")]
    return _sum(report, (f"s3.{r}.total" for r in rows)) if rows else None


def _n(value: CellValue) -> str:
    return format_number(value)


# ---------------------------------------------------------------------------------------------
# Sentences
# ---------------------------------------------------------------------------------------------


def _channels(facts: DraftFacts) -> str:
    total = sum(facts.channels.values())
    if total == 0:  # nothing published through any channel: no "共发布各类信息0条"
        return ""
    # Channels with nothing published are left out, except the website: that it carried
    # nothing is itself a fact the report states (as the seed does).
    shown = {k: n for k, n in facts.channels.items() if n or k == WEBSITE_CHANNEL}
    parts = "；".join(f"{label}发布信息{n}条" for label, n in shown.items())
    return f"{facts.year}年共发布各类信息{total}条，其中，{parts}。"


def _documents(facts: DraftFacts) -> str:
    year = facts.year
    if facts.documents_made == 0:
        return f"{year}年未制发文件。"
    others = [
        (kind, n) for kind, n in facts.documents_by_disclosure.items() if kind != _DISCLOSURE_ACTIVE
    ]
    named = [f"{n}份的公开属性为{kind}" for kind, n in others if n]
    if not named:
        return f"{year}年共制发文件{facts.documents_made}份。"
    text = f"{year}年共制发文件{facts.documents_made}份，其中" + "，".join(named)
    active = facts.documents_by_disclosure.get(_DISCLOSURE_ACTIVE)
    if active and active + sum(n for _k, n in others) == facts.documents_made:
        text += f"，其余{active}份为主动公开"
    return text + "。"


def _document_sentences(report: Report) -> list[str]:
    """One sentence per document row of table 二 with its known cells (none when all blank)."""
    lead, clauses = _S2_DOCUMENT_WORDS[report.format]
    sentences = []
    for row in _S2_DOCUMENT_ROWS:
        label = report.spec.s2_row(row)[1].label
        parts = [
            clause.format(label=label, n=n)
            for column, clause in clauses
            if (n := _count(report, f"s2.{row}.{column}")) is not None
        ]
        if parts:
            sentences.append(lead + "，".join(parts))
    return sentences


def _s2_2019(report: Report) -> list[str]:
    """Table 二 in the 2019 wording of the seed (第二十条第（一）（五）（六）（八）（九）项)."""
    sentences: list[str] = []
    for row, label in _S2_MATTER_ROWS_2019:
        prev = _count(report, f"s2.{row}.prev_items")
        change = _count(report, f"s2.{row}.change")
        decisions = None if row == "fees" else _count(report, f"s2.{row}.decisions")
        if prev is not None and change is not None:
            if change > 0:
                delta = f"增加{change}项"
            elif change < 0:
                delta = f"减少{-change}项"
            else:
                delta = "增（减）0项"
            text = f"{label}{prev + change}项，比上一年{delta}"
            if decisions is not None:
                text += f"，处理决定{decisions}件"
        elif decisions is not None:
            text = f"{label.removeprefix('公开').removesuffix('事项')}处理决定{decisions}件"
        else:
            continue
        sentences.append(text)
    sentences += _document_sentences(report)
    projects = _count(report, "s2.procurement.projects")
    amount = _cell(report, "s2.procurement.amount_yuan")
    if projects is not None and amount is not None:
        if projects == 0 and amount == 0:
            sentences.append("本年无政府集中采购项目")
        else:
            sentences.append(f"政府集中采购项目{projects}个，采购总金额{_n(amount)}元")
    return sentences


def _s2_2021(report: Report) -> list[str]:
    """Table 二 in the 2021 wording: 规章/行政规范性文件, decisions, 行政事业性收费."""
    sentences: list[str] = _document_sentences(report)
    decisions = [
        f"{label}处理决定{n}件"
        for row, label in _S2_DECISION_ROWS_2021
        if (n := _count(report, f"s2.{row}.decisions")) is not None
    ]
    if decisions:
        sentences.append("本年作出" + "，".join(decisions))
    amount = _cell(report, "s2.fees.amount_wan")
    if amount is not None:
        sentences.append(f"本年行政事业性收费金额{_n(amount)}万元")
    return sentences


def _s2_sentence(report: Report) -> str:
    parts = _s2_2019(report) if report.format == "2019" else _s2_2021(report)
    return "；".join(parts) + "。" if parts else ""


def _applications(report: Report, year: int) -> str:
    """Table 三 in sentences (《条例》第二十七条至第三十三条 govern these applications)."""
    received = _count(report, "s3.new_received.total")
    carried_over = _count(report, "s3.carried_over.total")
    if received == 0 and carried_over == 0:
        return f"{year}年度未收到政府信息公开的申请。"
    sentences: list[str] = []
    if received == 0:
        sentences.append(f"{year}年度未收到新的政府信息公开申请")
    elif received is not None:
        text = f"{year}年度共收到政府信息公开申请{received}件"
        person = _count(report, "s3.new_received.natural_person")
        orgs = _sum(
            report,
            (
                f"s3.new_received.{c}"
                for c in ("commercial", "research", "public_welfare", "legal_service", "other_org")
            ),
        )
        if person is not None and orgs is not None and person + orgs == received:
            text += f"，其中自然人{person}件、法人或其他组织{orgs}件"
        sentences.append(text)
    if carried_over:
        sentences.append(f"上年结转政府信息公开申请{carried_over}件")
    processed = _count(report, "s3.total_processed.total")
    if processed:
        text = f"本年度办结政府信息公开申请{processed}件"
        results = [
            f"{word}{n}件"
            for word, prefix in _S3_RESULTS
            if (n := _result_total(report, prefix))  # known and non-zero
        ]
        if results:
            text += "，其中" + "，".join(results)
        sentences.append(text)
    forward = _count(report, "s3.carried_forward.total")
    if forward:
        sentences.append(f"结转下年度继续办理{forward}件")
    return "。".join(sentences) + "。" if sentences else ""


def _reviews(report: Report, year: int) -> str:
    """Table 四: 复议/诉讼 about 政府信息公开 (《条例》第五十一条)."""
    totals = {block: _count(report, f"s4.{block}.total") for block, _label in S4_BLOCKS}
    if all(t == 0 for t in totals.values()):
        return f"{year}年度未发生因政府信息公开引起的行政复议、行政诉讼案件。"
    sentences: list[str] = []
    if totals["reconsideration"] == 0:
        sentences.append(f"{year}年度未发生因政府信息公开引起的行政复议案件")
    litigation = (totals["litigation_direct"], totals["litigation_after_reconsideration"])
    if litigation == (0, 0):
        sentences.append(f"{year}年度未发生因政府信息公开引起的行政诉讼案件")
    for block, _label in S4_BLOCKS:
        total = totals[block]
        if not total:
            continue
        text = f"{year}年度{_S4_SENTENCE_HEAD[block]}{total}件"
        parts = [
            f"{word}{n}件"
            for column, word in _S4_RESULT_WORDS
            if (n := _count(report, f"s4.{block}.{column}"))
        ]
        if parts:
            text += "，其中" + "，".join(parts)
        sentences.append(text)
    return "；".join(sentences) + "。" if sentences else ""


def _mailbox(facts: DraftFacts) -> str:
    names = "、".join(facts.mailbox_names) or "网上信箱"
    box = facts.mailbox
    if box.received == 0:
        return f"{facts.year}年未收到{names}转办件。"
    if box.pending == 0:
        done = f"已全部办结，办结率{box.completion_percent}"
    else:
        done = f"办结{box.replied}件，办结率{box.completion_percent}"
    text = f"{facts.year}年共收到{names}转办件{box.received}件，{done}"
    if box.published:
        text += f"，公开答复{box.published}件"
    return text + "。"


def _proposals(summary: EngagementSummary, kind: str, year: int) -> str:
    """建议/提案 handled; their results are 主动公开 content (《条例》第二十条)."""
    if summary.received == 0:
        return f"{year}年未承办{kind}。"
    text = f"{year}年承办{kind}{summary.received}件，"
    if summary.pending == 0:
        text += "年底前已全部办理并答复完毕"
    else:
        text += f"年底前已办理并答复{summary.replied}件，{summary.pending}件正在办理"
    if summary.published and summary.published == summary.received:
        text += "，办理结果已全部公开"
    elif summary.published:
        text += f"，其中{summary.published}件办理结果已公开"
    return text + "。"


def _engagement(facts: DraftFacts) -> list[str]:
    return [
        _mailbox(facts),
        _proposals(facts.npc, "人大代表建议", facts.year),
        _proposals(facts.cppcc, "政协提案", facts.year),
    ]


# A township's 党委 is the 乡/镇党委 (the seed: "共召开乡党委会议24次").
_TOWNSHIP_NAME = re.compile(r"(乡|镇)(?:人民)?政府$")
_PARTY_COMMITTEE = "党委"


def meeting_label(kind: str, body: str) -> str:
    """The label a meeting kind is written with: a township's 党委会议 → 乡党委会议 (镇…) when
    the body's name ends in 乡/镇(人民)政府; any other label as it is."""
    township = _TOWNSHIP_NAME.search(body.strip())
    if township and kind.startswith(_PARTY_COMMITTEE):
        return township.group(1) + kind
    return kind


def _meeting(meeting: MeetingCount, body: str) -> str:
    """One kind of meeting: held, minutes published, citizens attending (only what is > 0)."""
    if meeting.held <= 0:
        return ""
    text = f"共召开{meeting_label(meeting.kind, body)}{meeting.held}次"
    attended = f"{meeting.attended}次邀请群众列席" if meeting.attended > 0 else ""
    if meeting.published >= meeting.held:
        both = "均" if meeting.held > 1 else "已"  # no "均" for one meeting
        text += f"，{both}通过会议纪要的形式将内容进行了公开"
        if attended:
            text += "，其中" + attended
    elif meeting.published > 0:
        text += f"，其中{meeting.published}次的会议纪要（决定）已公开"
        if attended:
            text += "、" + attended
    elif attended:
        text += "，其中" + attended
    return text + "。"


def _meetings(facts: DraftFacts) -> str:
    sentences = [_meeting(m, facts.body) for m in facts.openness.meetings]
    sentences = [s for s in sentences if s]
    if not sentences:
        return ""
    return f"{facts.year}年" + "".join(sentences)


def _interpretation_unit(kind: str) -> str:
    return "次" if kind.endswith("会") else "篇"  # 新闻发布会 are held, texts are published


def _interpretations(facts: DraftFacts) -> str:
    openness = facts.openness
    if openness.interpretations <= 0:
        return ""
    text = f"{facts.year}年发布政策解读{openness.interpretations}篇"
    kinds = [
        f"{kind}{n}{_interpretation_unit(kind)}"
        for kind, n in openness.interpretations_by_kind.items()
        if n > 0
    ]
    if kinds and sum(n for n in openness.interpretations_by_kind.values() if n > 0) == (
        openness.interpretations
    ):
        text += "，其中" + "、".join(kinds)
    return text + "。"


def _consultations(facts: DraftFacts) -> str:
    c: ConsultationSummary = facts.openness.consultation
    if c.consultations <= 0:
        return ""
    text = f"{facts.year}年开展重大决策预公开（意见征集）{c.consultations}次"
    if c.comments > 0:
        text += f"，收到意见{c.comments}条"
        adopted = [
            f"{word}{n}条"
            for word, n in (("采纳", c.adopted), ("部分采纳", c.partly_adopted))
            if n > 0
        ]
        if adopted:
            text += "，" + "、".join(adopted)
    else:
        text += "，未收到意见"
    if c.feedback_published > 0:
        text += f"，已公布意见采纳情况{c.feedback_published}次"
    return text + "。"


def _offline_unit(channel: str) -> tuple[str, str]:
    """Verb and unit of an offline channel: a broadcast is aired (次), a notice posted (条)."""
    if "广播" in channel or "电视" in channel:
        return "播报", "次"
    return "公示", "条"


def _offline(facts: DraftFacts) -> str:
    """Offline notices and broadcasts by channel: a part of the channel sentence, no total.
    A channel the channel sentence already states with the same figure is not repeated."""
    stated = facts.published_channels
    parts = []
    for channel, n in facts.openness.offline_notices.items():
        if n <= 0 or stated.get(channel) == n:
            continue
        verb, unit = _offline_unit(channel)
        parts.append(f"通过{channel}{verb}{n}{unit}")
    if not parts:
        return ""
    return f"{facts.year}年线下公开中，" + "、".join(parts) + "。"


def _openness_problems(facts: DraftFacts) -> str:
    """The shortfalls the records show, for section 五 (问题)."""
    openness = facts.openness
    sentences = []
    if openness.normative_without_interpretation > 0:
        sentences.append(
            f"{facts.year}年有{openness.normative_without_interpretation}件规范性文件"
            "尚未发布政策解读。"
        )
    overdue = openness.consultation.feedback_overdue
    if overdue > 0:
        sentences.append(f"{facts.year}年有{overdue}次意见征集未按期公布意见采纳情况。")
    return "".join(sentences)


def _paragraph(sentences: Iterable[str]) -> str:
    return "".join(s for s in sentences if s)


# ---------------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------------


# Columns of table 二 that count what earlier years left (a stock), not the year's records.
_S2_STOCK_COLUMNS = frozenset({"prev_items", "total_published", "in_force"})


def year_without_records(report: Report, facts: DraftFacts) -> bool:
    """The platform holds none of the body's records of the year: every figure of the year in
    tables 二 (the stocks of earlier years aside), 三 and 四 is 0, and so is every fact (a blank
    cell is not known to be 0, so a report with one is not "without records")."""
    for key in report.spec.cell_keys:
        if key.startswith("s2.") and key.rsplit(".", 1)[1] in _S2_STOCK_COLUMNS:
            continue
        if report.cells.get(key) != 0:
            return False
    openness = facts.openness
    return not (
        sum(facts.channels.values())
        or openness.interpretations
        or openness.normative_without_interpretation
        or openness.consultation.consultations
        or openness.meetings_held
        or openness.offline_total
        or facts.documents_made
        or facts.mailbox.received
        or facts.npc.received
        or facts.cppcc.received
        or facts.processing_fees_yuan
    )


def _overview(report: Report, facts: DraftFacts) -> str:
    """Section 一. 2021 format: the topics 国办公开办函〔2021〕30号 names (those records state;
    监督保障 has no record and is left to the clerk). A year without records: the
    instruction to the clerk alone."""
    if year_without_records(report, facts):
        return EMPTY_YEAR_PLACEHOLDER
    applications = _applications(report, facts.year)
    if report.format == "2019":
        paragraphs = [
            _paragraph([_channels(facts), _offline(facts), _s2_sentence(report)]),
            _paragraph([_documents(facts), _meetings(facts)]),
            _paragraph([_interpretations(facts), _consultations(facts)]),
            _paragraph(_engagement(facts)),
            applications,
        ]
        return "\n\n".join(p for p in paragraphs if p)
    topics = [
        (
            "主动公开",
            _paragraph(
                [
                    _s2_sentence(report),
                    _interpretations(facts),
                    _consultations(facts),
                    _meetings(facts),
                    _proposals(facts.npc, "人大代表建议", facts.year),
                    _proposals(facts.cppcc, "政协提案", facts.year),
                ]
            ),
        ),
        ("依申请公开", applications),
        ("政府信息管理", _documents(facts)),
        (
            "政府信息公开平台建设",
            _paragraph([_channels(facts), _offline(facts), _mailbox(facts)]),
        ),
    ]
    numerals = "一二三四五"
    shown = [(title, text) for title, text in topics if text]
    return "\n\n".join(f"（{numerals[i]}）{title}。{text}" for i, (title, text) in enumerate(shown))


def _table_intro(fmt: ReportFormat, year: int) -> str:
    items = "、".join(t.heading.removeprefix("第二十条") for t in fmt.s2_tables)
    return f"{year}年度主动公开《条例》第二十条{items}所列政府信息的情况见下表。"


def _other_matters(report: Report, facts: DraftFacts) -> str:
    """Section 六: 信息处理费 (2021 format on, 国办函〔2020〕109号) and a note to the clerk."""
    sentences: list[str] = []
    if report.format != "2019":
        fee = facts.processing_fees_yuan
        if fee is None:
            sentences.append(FEE_PLACEHOLDER)
        elif fee == 0:
            sentences.append("本年度未收取信息处理费。")
        else:
            sentences.append(
                "本年度依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
                f"收取信息处理费{_n(fee)}元。"
            )
    if facts.body.endswith("人民政府"):
        sentences.append(ASSESSMENT_PLACEHOLDER)
    sentences.append(OTHER_MATTERS_PLACEHOLDER)
    return "\n\n".join(sentences)


def draft_narrative(report: Report, facts: DraftFacts) -> dict[str, str]:
    """The six sections "一".."六" of ``report`` drafted from its cells and ``facts``.

    Figures come from the cells as they are (a blank cell leaves its clause out) and from
    ``facts``; the result agrees with the tables under rule T1.
    """
    if report.year is not None and report.year != facts.year:
        raise ValueError(f"年报年度为 {report.year}，而草稿数据的年度为 {facts.year}")
    year = facts.year
    applications = _applications(report, year)
    return {
        "一": _overview(report, facts),
        "二": _table_intro(report.spec, year),
        "三": (applications + "具体情况见下表。") if applications else "具体情况见下表。",
        "四": _reviews(report, year) or "具体情况见下表。",
        "五": _openness_problems(facts) + PROBLEMS_PLACEHOLDER,
        "六": _other_matters(report, facts),
    }


WEBSITE_CHANNEL = "政府网站"

PLACEHOLDERS: tuple[str, ...] = (
    EMPTY_YEAR_PLACEHOLDER,
    PROBLEMS_PLACEHOLDER,
    FEE_PLACEHOLDER,
    OTHER_MATTERS_PLACEHOLDER,
    ASSESSMENT_PLACEHOLDER,
)


def unfilled_sections(narrative: Mapping[str, str]) -> list[str]:
    """The sections (一…六) still holding one of the draft's instructions to the clerk."""
    return [
        numeral
        for numeral, text in narrative.items()
        if any(placeholder in text for placeholder in PLACEHOLDERS)
    ]
