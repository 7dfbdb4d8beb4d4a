"""Where the sections are, and what the report says about itself (year, body, format).

Everything here works on the simplified copy of the text (see ``normalize``); offsets are
valid in the original. Section titles are found in order and may sit mid-line (flattened
web pages put the whole report on one line), so they are searched, not read line by line.
Table 三 and table 四 have rows that look like titles ("三、本年度办理结果",
"四、结转下年度继续办理"): each title pattern therefore requires its own words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = [
    "Section",
    "detect_org",
    "detect_year",
    "find_sections",
    "label_format_markers",
]

_BOUNDARY = r"(?<![^\s。；;：:）)】>|*#])"
_TITLE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (numeral, re.compile(_BOUNDARY + pattern))
    for numeral, pattern in (
        ("一", r"一\s*[、.．]\s*总\s*体\s*情\s*况"),
        ("二", r"二\s*[、.．]\s*主\s*动\s*公\s*开[^\n。|\t\d]{0,16}?情\s*况"),
        ("三", r"三\s*[、.．]\s*(?:收\s*到|依\s*申\s*请)[^\n。|\t\d]{0,24}?情\s*况"),
        ("四", r"四\s*[、.．]\s*[^\n。|\t\d]{0,16}?(?:复\s*议|诉\s*讼)[^\n。|\t\d]{0,24}?情\s*况"),
        (
            "五",
            r"五\s*[、.．]\s*[^\n。|\t\d]{0,20}?(?:存\s*在|问\s*题|改\s*进)"
            r"(?:[^\n。|\t\d]{0,20}?情\s*况)?",
        ),
        ("六", r"六\s*[、.．]\s*其\s*他[^\n。|\t]{0,12}?(?:事\s*项|情\s*况)"),
    )
)
_TABLE_NOTE_RE = re.compile(r"\s*[（(]\s*表\s*[）)]")
_TITLE_REST_RE = re.compile(r"[^\n。；;，,：:|\t]{1,12}(?=\n|$)")


@dataclass(frozen=True)
class Section:
    numeral: str
    start: int  # offset of the title
    body_start: int  # offset just after the title (and a "（表）" note)


def find_sections(simp: str) -> dict[str, Section]:
    """The sections whose titles are found, in order; a missing title is skipped."""
    found: dict[str, Section] = {}
    pos = 0
    for numeral, pattern in _TITLE_PATTERNS:
        match = pattern.search(simp, pos)
        if match is None:
            continue
        end = match.end()
        note = _TABLE_NOTE_RE.match(simp, end)
        if note is not None:
            end = note.end()
        rest = _TITLE_REST_RE.match(simp, end)
        if rest is not None:  # the end of a title line ("五、存在的主" cut, "…情况（表）")
            end = rest.end()
        found[numeral] = Section(numeral, match.start(), end)
        pos = end
    return found


# -- year ------------------------------------------------------------------------------------

_TITLE_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*度?\s*(?P<after>[^\n。，,]{0,40}?)\s*"
    r"政\s*府\s*信\s*息\s*公\s*开\s*(?:工\s*作\s*)?年\s*度\s*报\s*告"
)
_PERIOD_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2})\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:至|到|—|-|－|~|～)\s*"
    r"(?:(?:19|20)\d{2}\s*年\s*)?12\s*月\s*31\s*日"
)
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")


def detect_year(simp: str, before: int) -> int | None:
    """The report year: from the title, else the statistics period, else the year most
    mentioned before the tables (``before``)."""
    title = _TITLE_RE.search(simp)
    if title is not None:
        return int(title.group("year"))
    period = _PERIOD_RE.search(simp)
    if period is not None:
        return int(period.group("year"))
    counts = Counter(int(m.group(1)) for m in _YEAR_RE.finditer(simp, 0, before))
    if not counts:
        return None
    best = max(counts.values())
    for match in _YEAR_RE.finditer(simp, 0, before):  # first of the most mentioned
        if counts[int(match.group(1))] == best:
            return int(match.group(1))
    return None  # pragma: no cover


# -- issuing body ----------------------------------------------------------------------------

_BODY_RE = re.compile(
    r"本(?:年度)?报告(?:是)?由\s*(?P<org>[^\s，,。；;（(《]{2,40}?)\s*(?:根据|依据|按照|依照|编制|负责)"
)
_ORG_LINE_RE = re.compile(
    r"^[^\s，,。；;：:（()）\d]{2,30}(?:政府|办公厅|办公室|委员会|管委会|局|厅|委|办|院|署|中心|"
    r"分局|街道|街道办事处|镇|乡|区|县|市|州|旗|盟|实验区|开发区|新区)$"
)
_TITLE_PREFIX_RE = re.compile(r"^(?:.*[:：])?\s*")  # "标题: …"
_SPACES_RE = re.compile(r"\s+")
_MAX_TITLE_LINE = 60


def _clean_org(text: str) -> str:
    return _SPACES_RE.sub("", text).strip("《》“”\"'【】[]()（）-—_·")


def _title_org(simp: str) -> str | None:
    match = _TITLE_RE.search(simp)
    if match is None:
        return None
    line_start = simp.rfind("\n", 0, match.start()) + 1
    line_end = simp.find("\n", match.end())
    line_end = len(simp) if line_end < 0 else line_end
    prefix = _clean_org(_TITLE_PREFIX_RE.sub("", simp[line_start : match.start()], count=1))
    prefix = prefix.strip("《")
    if line_end - line_start > _MAX_TITLE_LINE:
        # A sentence that mentions the report, not its title — unless the long line starts
        # with the title (a text run onto one line): then a body's name begins it.
        return prefix if _ORG_LINE_RE.match(prefix) else None
    if prefix:
        return prefix
    after = _clean_org(match.group("after"))
    if after:
        return after
    # The body on its own line above the title ("淮安市人民政府\n2024 年…年度报告").
    previous = simp[:line_start].rstrip("\n").rsplit("\n", 1)[-1].strip()
    previous = _clean_org(previous)
    if _ORG_LINE_RE.match(previous):
        return previous
    return None


def detect_org(simp: str) -> str | None:
    """The issuing body, from the title line or "本报告由…根据"; ``None`` when not named.

    A title often names only the place ("徐套乡 2019 年…") while the body text names the
    government ("本报告由徐套乡人民政府根据…"): the fuller name wins in that case only.
    """
    title = _title_org(simp)
    body_match = _BODY_RE.search(simp)
    body = _clean_org(body_match.group("org")) if body_match is not None else None
    if title and body and body == title + "人民政府":
        return body
    return title or body or None


# -- format ----------------------------------------------------------------------------------

_MARKERS: dict[str, tuple[str, ...]] = {
    "2019": (
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "其他对外管理服务事项",
        "采购项目数量",
        "采购总金额",
        "政府集中采购",
    ),
    "2021": (
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年收费金额",
        "逾期不补正",
        "逾期未按收费通知",
    ),
}
# Shorter forms for truncated or mistyped labels ("本年发件").
_SHORT_MARKERS: dict[str, tuple[str, ...]] = {
    "2019": ("新制作数量", "新公开数量", "公开总数量", "项目数量", "对外管理服务", "集中采购"),
    "2021": ("制发件数", "废止件数", "有效件数", "收费金额", "本年发件"),
}


def label_format_markers(compact: str) -> dict[str, list[str]]:
    """Which format's labels occur in the (whitespace-free) table text, by format id."""
    found: dict[str, list[str]] = {}
    for format_id, markers in _MARKERS.items():
        hits = [m for m in markers if m in compact]
        if not hits:
            hits = [m for m in _SHORT_MARKERS[format_id] if m in compact]
        found[format_id] = hits
    return found
