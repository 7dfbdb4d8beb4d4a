"""Which bodies may make 规章, and the kind of a body read from its name.

《中华人民共和国立法法》（2023年修正）第九十三条第一款: 省、自治区、直辖市和设区的市、自治州的
人民政府，可以根据法律、行政法规和本省、自治区、直辖市的地方性法规，制定规章; 第九十一条: 国务院
各部、委员会、中国人民银行、审计署和具有行政管理职能的直属机构（部门规章）. No other body makes
规章: a county or township government, a local department, a 街道办事处 reporting 规章 made in
table 二 has counted something else (usually a notice filed under the wrong 信息类别).

:func:`may_make_regulations` is the one answer, used by the report built from records (the
body's kind, ``orgs.Body.kind``) and by the checker of a published report (the kind read from
the body's name by :func:`infer_body_kind`, which says how it read it). An unknown kind
(``其他``, or a name that says nothing certain) gives no answer, and so no finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = [
    "BODY_KIND_LABELS",
    "BodyKind",
    "KindReading",
    "certain_kind_from_name",
    "infer_body_kind",
    "kind_from_records",
    "may_make_regulations",
]


class BodyKind(StrEnum):
    """The kinds of disclosing body (the values ``orgs.Body.kind`` stores)."""

    PROVINCE_GOVERNMENT = "province_government"
    CITY_GOVERNMENT = "city_government"
    COUNTY_GOVERNMENT = "county_government"
    TOWNSHIP_GOVERNMENT = "township_government"
    STATE_COUNCIL_DEPARTMENT = "state_council_department"
    DEPARTMENT = "department"
    OTHER = "other"


BODY_KIND_LABELS: dict[BodyKind, str] = {
    BodyKind.PROVINCE_GOVERNMENT: "省级人民政府",
    BodyKind.CITY_GOVERNMENT: "设区的市级人民政府",
    BodyKind.COUNTY_GOVERNMENT: "县级人民政府",
    BodyKind.TOWNSHIP_GOVERNMENT: "乡镇人民政府",
    BodyKind.STATE_COUNCIL_DEPARTMENT: "国务院部门",
    BodyKind.DEPARTMENT: "政府部门",
    BodyKind.OTHER: "其他",
}

_MAKES_REGULATIONS: dict[BodyKind, bool | None] = {
    BodyKind.PROVINCE_GOVERNMENT: True,  # 立法法第九十三条
    BodyKind.CITY_GOVERNMENT: True,  # 立法法第九十三条（设区的市、自治州）
    BodyKind.STATE_COUNCIL_DEPARTMENT: True,  # 立法法第九十一条（部门规章）
    BodyKind.COUNTY_GOVERNMENT: False,
    BodyKind.TOWNSHIP_GOVERNMENT: False,
    BodyKind.DEPARTMENT: False,  # a local department: its government makes the 规章
    BodyKind.OTHER: None,
}


def may_make_regulations(kind: BodyKind | str) -> bool | None:
    """Whether a body of ``kind`` may make 规章 (《立法法》第九十一条、第九十三条); None when the
    kind does not say (其他, or a value this version does not know)."""
    try:
        return _MAKES_REGULATIONS[BodyKind(kind)]
    except ValueError:
        return None


@dataclass(frozen=True)
class KindReading:
    """A body's kind and how it is known (a phrase for a finding's message)."""

    kind: BodyKind
    basis: str


def kind_from_records(kind: BodyKind | str) -> KindReading | None:
    """The kind entered for the body on the platform (None for a value this version does not
    know)."""
    try:
        known = BodyKind(kind)
    except ValueError:
        return None
    return KindReading(known, f"机关类型为“{BODY_KIND_LABELS[known]}”")


# Name endings, checked in order (the first that matches decides). A name that could be read two
# ways gives no reading: "…市人民政府" is a 设区的市 or a 县级市, so it is read as one with the
# power (no finding); names of central bodies (国家…, 国务院…) and party bodies are not read.
_NAME_ENDINGS: tuple[tuple[re.Pattern[str], BodyKind], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"街道办事处$|街道办$", BodyKind.TOWNSHIP_GOVERNMENT),
        (r"(?:乡|镇|苏木)(?:人民)?政府$", BodyKind.TOWNSHIP_GOVERNMENT),
        (r"(?:省|自治区)(?:人民)?政府$", BodyKind.PROVINCE_GOVERNMENT),
        (r"(?:县|旗|区)(?:人民)?政府$", BodyKind.COUNTY_GOVERNMENT),
        (r"(?:市|州)(?:人民)?政府$", BodyKind.CITY_GOVERNMENT),
        (r"(?:局|分局|委员会|委|办公室|办|厅)$", BodyKind.DEPARTMENT),
    )
)
_NOT_READ = re.compile(r"^(?:中华人民共和国|国家|国务院|中共|中国共产党)")
# The general office of a government compiles and issues the government's own report
# ("上海市人民政府办公厅…年度报告" counts the 市政府's 规章): read as that government.
_GOVERNMENT_OFFICE = re.compile(r"(?<=政府)(?:办公厅|办公室)$")
_SPACES = re.compile(r"\s+")


def infer_body_kind(name: str | None) -> KindReading | None:
    """The kind of body a published report's issuer is, read from its name (乡/镇/街道办事处 →
    乡镇; 县/区 人民政府 → 县级; 局/委/办/厅 → 政府部门; 市/州 人民政府 → 设区的市级; 省/自治区
    人民政府 → 省级; a government's 办公厅/办公室 → that government); None when the name does
    not say."""
    compact = _SPACES.sub("", name or "")
    if not compact or _NOT_READ.match(compact):
        return None
    government = _GOVERNMENT_OFFICE.sub("", compact)
    for pattern, kind in _NAME_ENDINGS:
        match = pattern.search(government)
        if match is None:
            continue
        label = BODY_KIND_LABELS[kind]
        if government != compact:
            how = f"“{government}”的办公机构，代其编制年报"
        else:
            how = f"以“{match.group()}”结尾"
        return KindReading(kind, f"按机关名称“{compact}”（{how}）推断为{label}")
    return None


def certain_kind_from_name(name: str | None) -> BodyKind | None:
    """The kind a new or backfilled body is given from its name: :func:`infer_body_kind`, except
    that "…市/州人民政府" is no certain kind (a 设区的市 makes 规章, a 县级市 does not) — the
    power is never granted on a guess."""
    reading = infer_body_kind(name)
    if reading is None or reading.kind is BodyKind.CITY_GOVERNMENT:
        return None
    return reading.kind
