"""The 法定主动公开内容 of 条例第二十条 and 第二十一条 (``disclosure-law.md`` §2).

Wording: 《中华人民共和国政府信息公开条例》（国务院令第711号，2019年4月3日修订）, as released by
新华社 on 2019-04-15 ("（受权发布）中华人民共和国政府信息公开条例",
https://news.china.com/domesticgd/10000159/20190415/35672077_3.html, items (一)–(十四)) and the
same text with item (十五) and the first half of 第二十一条 at
http://thz918.com/webarbs/book/164509/4714385.shtml; the township list of 第二十一条 as in
``disclosure-law.md`` §2.

- 第二十条 (every body): fifteen items, keys ``a20.1`` … ``a20.15``.
- 第二十一条: 设区的市级、县级人民政府及其部门 add 市政建设、公共服务、公益事业、土地征收、
  房屋征收、治安管理、社会救助; 乡（镇）人民政府 add 农业农村政策、农田水利工程建设运营、农村
  土地承包经营权流转、宅基地使用情况审核、土地征收、房屋征收、筹资筹劳、社会救助. Keys
  ``a21.<slug>``; the four shared matters have one key each.

:func:`parse_content` reads a key, a label, or a reference such as "第二十条第（五）项";
:func:`default_content` is the reading the system adopts for a 信息类别 (规章 and 行政规范性
文件 are item (一); nothing else follows from the category alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "A20",
    "A21",
    "CONTENTS",
    "CONTENT_KEYS",
    "Content",
    "ContentError",
    "ContentScope",
    "content_label",
    "content_scope_problem",
    "contents_for_kind",
    "default_content",
    "get_content",
    "parse_content",
]

_NUMERALS = (
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
)


class ContentScope(StrEnum):
    """Who must publish a content: every body (第二十条), or the bodies 第二十一条 names."""

    ALL = "all"
    CITY_COUNTY = "city_county"  # 设区的市级、县级人民政府及其部门
    TOWNSHIP = "township"  # 乡（镇）人民政府


@dataclass(frozen=True)
class Content:
    """One 法定主动公开内容: its key, the article and item, and the law's wording."""

    key: str
    article: int
    label: str
    number: int | None = None
    scopes: frozenset[ContentScope] = frozenset({ContentScope.ALL})

    @property
    def reference(self) -> str:
        """Where the law says it: 第二十条第（五）项, 第二十一条."""
        if self.number is not None:
            return f"第二十条第（{_NUMERALS[self.number - 1]}）项"
        return "第二十一条"

    @property
    def display(self) -> str:
        """The label with its place: （五）办理行政许可… / 第二十一条·土地征收."""
        if self.number is not None:
            return f"（{_NUMERALS[self.number - 1]}）{self.label}"
        return f"第二十一条·{self.label}"


class ContentError(ValueError):
    """A text that names no 法定主动公开内容 (the message is Chinese, for the user)."""


_A20_LABELS = (
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
)

_CC = ContentScope.CITY_COUNTY
_TS = ContentScope.TOWNSHIP
_A21_ITEMS: tuple[tuple[str, str, frozenset[ContentScope]], ...] = (
    ("urban_construction", "市政建设", frozenset({_CC})),
    ("public_services", "公共服务", frozenset({_CC})),
    ("public_welfare", "公益事业", frozenset({_CC})),
    ("public_order", "治安管理", frozenset({_CC})),
    ("rural_policy", "农业农村政策", frozenset({_TS})),
    ("irrigation", "农田水利工程建设运营", frozenset({_TS})),
    ("land_contract_transfer", "农村土地承包经营权流转", frozenset({_TS})),
    ("homestead", "宅基地使用情况审核", frozenset({_TS})),
    ("fundraising_labour", "筹资筹劳", frozenset({_TS})),
    ("land_expropriation", "土地征收", frozenset({_CC, _TS})),
    ("housing_expropriation", "房屋征收", frozenset({_CC, _TS})),
    ("social_assistance", "社会救助", frozenset({_CC, _TS})),
)

A20: tuple[Content, ...] = tuple(
    Content(f"a20.{n}", 20, label, n) for n, label in enumerate(_A20_LABELS, start=1)
)
A21: tuple[Content, ...] = tuple(
    Content(f"a21.{slug}", 21, label, None, scopes) for slug, label, scopes in _A21_ITEMS
)
#: Every content, in the law's order (第二十条 (一)–(十五), then 第二十一条).
CONTENTS: tuple[Content, ...] = A20 + A21
CONTENT_KEYS: tuple[str, ...] = tuple(c.key for c in CONTENTS)
_BY_KEY = {c.key: c for c in CONTENTS}

#: 信息类别 → content, where the law is clear: 规章 and 行政规范性文件 are 第二十条第（一）项.
_DEFAULTS: dict[str, str] = {"regulation": "a20.1", "normative": "a20.1"}

#: Body kinds (``domain.report.authority.BodyKind`` values) → the 第二十一条 list they publish.
_KIND_SCOPES: dict[str, frozenset[ContentScope]] = {
    "city_government": frozenset({_CC}),
    "county_government": frozenset({_CC}),
    "department": frozenset({_CC}),  # a department of a 设区的市 or 县 (the usual case)
    "township_government": frozenset({_TS}),
    "province_government": frozenset(),
    "state_council_department": frozenset(),
}


def get_content(key: str) -> Content:
    """The content of ``key`` (KeyError when unknown)."""
    return _BY_KEY[key]


def content_label(key: str | None) -> str:
    """The display label of a stored key ("" for none; the key itself if unknown)."""
    if not key:
        return ""
    content = _BY_KEY.get(key)
    return content.display if content is not None else key


def default_content(category: str) -> str | None:
    """The content an item of 信息类别 ``category`` has unless told otherwise (or None)."""
    return _DEFAULTS.get(category)


def contents_for_kind(kind: str | None) -> tuple[Content, ...]:
    """What a body of ``kind`` must publish: 第二十条 and its part of 第二十一条 (an unknown
    kind: every 第二十一条 matter, so nothing is hidden)."""
    scopes = _KIND_SCOPES.get(kind or "")
    if scopes is None:
        return CONTENTS
    return A20 + tuple(c for c in A21 if c.scopes & scopes)


_SCOPE_WORDS = {
    ContentScope.CITY_COUNTY: "设区的市级、县级人民政府及其部门",
    ContentScope.TOWNSHIP: "乡（镇）人民政府",
}


def content_scope_problem(key: str, kind: str | None, body_name: str) -> str | None:
    """Why a body of ``kind`` cannot file an item under ``key`` (a 第二十一条 matter of the
    other level), in Chinese; None when it can (第二十条 always; an unknown kind always)."""
    content = _BY_KEY.get(key)
    if content is None or content.article != 21:
        return None
    if any(c.key == key for c in contents_for_kind(kind)):
        return None
    whose = "、".join(_SCOPE_WORDS[s] for s in sorted(content.scopes))
    return (
        f"“{content.label}”是条例第二十一条规定由{whose}主动公开的内容，"
        f"不适用于“{body_name}”；请选择第二十条的相应项"
    )


#: The shortest part of a label that is read as that label (宅基地, 处罚).
_MIN_PART = 2
_SPACES = re.compile(r"[\s\u3000]+")
_REFERENCE = re.compile(r"^(?:条例)?第?(二十|20)条第?（?([一二三四五六七八九十]+|\d+)）?项?$")
_SHORT = re.compile(r"^(?:a)?(20)[.．](\d+)$")


def _normalise(text: str) -> str:
    return _SPACES.sub("", text).replace("(", "（").replace(")", "）").strip()


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text in _NUMERALS:
        return _NUMERALS.index(text) + 1
    return None


def _item(number: int | None, original: str) -> Content:
    if number is None or not 1 <= number <= len(A20):
        raise ContentError(
            f"“{original}”不是条例第二十条的一项：第二十条只有第（一）项至第（十五）项"
        )
    return A20[number - 1]


def parse_content(text: str) -> Content:
    """A content from its key (``a20.5``, ``a21.homestead``), its label (with or without the
    （五） / 第二十一条· prefix), a part of exactly one label (宅基地, 行政处罚) or its reference
    (第二十条第（五）项, 第二十条第5项, 20.5).

    ContentError (a ValueError) with a Chinese message naming the text otherwise.
    """
    original = text.strip()
    if not original:
        raise ContentError("公开内容为空")
    if original in _BY_KEY:
        return _BY_KEY[original]
    norm = _normalise(original)
    lowered = norm.lower()
    if lowered in _BY_KEY:
        return _BY_KEY[lowered]
    for content in CONTENTS:
        if norm in (content.label, _normalise(content.display)):
            return content
    # "（五）" alone, or "第二十条第（五）项" / "20.5" / "a20.5".
    alone = re.fullmatch(r"（([一二三四五六七八九十]+|\d+)）", norm)
    if alone:
        return _item(_number(alone.group(1)), original)
    match = _REFERENCE.match(norm) or _SHORT.match(lowered)
    if match:
        return _item(_number(match.group(2)), original)
    # A part of one label only (宅基地, 行政处罚): that content; of several: say which.
    if len(norm) >= _MIN_PART:
        holders = [c for c in CONTENTS if norm in c.label]
        if len(holders) == 1:
            return holders[0]
        if holders:
            raise ContentError(
                f"“{original}”可能是 "
                + "、".join(f"“{c.display}”" for c in holders[:4])
                + "：请写出完整名称或“第二十条第（几）项”"
            )
    if norm.startswith(("第二十一条", "第21条", "二十一条")):
        raise ContentError(
            f"“{original}”没有指明第二十一条的哪一方面：应为 "
            + "、".join(c.label for c in A21)
            + " 之一"
        )
    raise ContentError(
        f"“{original}”不是条例第二十条、第二十一条规定的法定主动公开内容："
        "应为“第二十条第（一）项”至“第二十条第（十五）项”、第二十一条所列事项（如“土地征收”）"
        "或其名称"
    )
