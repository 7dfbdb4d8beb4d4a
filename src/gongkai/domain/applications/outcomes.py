"""Applicant types and outcomes of applications: the columns and result rows of table 三.

An application is counted in exactly one applicant column (条例第二十七条: the applicant's
status when filing) and, once replied to, in exactly one result row (条例第三十六条 reply types,
``disclosure-law.md`` §3). The canonical outcome keys are the result row keys of the 2021 format;
:func:`report_row_for` maps them onto a format's rows (2019: every ``other.*`` → ``other``).
Labels come from :mod:`gongkai.domain.report.formats` (one definition per format).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from gongkai.domain.report.formats import S3_COLUMNS, S3Row, get_format

__all__ = [
    "OUTCOME_KEYS",
    "ApplicantType",
    "outcome_choices",
    "outcome_label",
    "parse_applicant_type",
    "parse_outcome",
    "report_row_for",
]

_COLUMN_LABELS: dict[str, str] = {c.key: c.label for c in S3_COLUMNS}


class ApplicantType(StrEnum):
    """The six applicant columns of table 三 (values are the ``s3.*.<column>`` keys)."""

    NATURAL_PERSON = "natural_person"
    COMMERCIAL = "commercial"
    RESEARCH = "research"
    PUBLIC_WELFARE = "public_welfare"
    LEGAL_SERVICE = "legal_service"
    OTHER_ORG = "other_org"

    @property
    def label(self) -> str:
        """The official column label (自然人, 商业企业 …)."""
        return _COLUMN_LABELS[self.value]


_APPLICANT_ALIASES: dict[str, ApplicantType] = {
    **{t.label: t for t in ApplicantType},
    **{t.value: t for t in ApplicantType},
    "社会组织": ApplicantType.PUBLIC_WELFARE,
    "其他组织": ApplicantType.OTHER_ORG,
}


def parse_applicant_type(text: str) -> ApplicantType:
    """An applicant type from its label (社会组织 accepted for 社会公益组织) or its key."""
    norm = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()
    try:
        return _APPLICANT_ALIASES[norm]
    except KeyError:
        allowed = "、".join(t.label for t in ApplicantType)
        raise ValueError(f"无法识别的申请人类型“{text.strip()}”：应为 {allowed} 之一") from None


# ---------------------------------------------------------------------------------------------
# Outcomes
# ---------------------------------------------------------------------------------------------

_FORMAT_2021 = get_format("2021")
_RESULT_ROWS: tuple[S3Row, ...] = _FORMAT_2021.s3_result_rows
OUTCOME_KEYS: tuple[str, ...] = tuple(r.key for r in _RESULT_ROWS)
_OUTCOME_KEY_SET = frozenset(OUTCOME_KEYS)

# A number in front of a label: （三） (3) 4. 4、
_NUMBERING = re.compile(
    r"^(?:[(（][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[.．、])"
)
_QUOTES = re.compile(r"[“”\"'‘’「」『』]")
_SEPARATORS = re.compile(r"[-—–‐―~:/|]+")


def _norm(text: str) -> str:
    """Width, spaces, quotes and separators made uniform (（二） → (二), 4． → 4., ： → -)."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = _QUOTES.sub("", text)
    return _SEPARATORS.sub("-", text).lower()


def _strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text, count=1)


def _bare(label: str) -> str:
    return _strip_numbering(_norm(label))


def _group_name(row: S3Row) -> str | None:
    return _bare(row.group) if row.group else None


def outcome_label(key: str) -> str:
    """The outcome as written in ledgers and pages: 予以公开, 不予公开-4.保护第三方合法权益 …"""
    if key not in _OUTCOME_KEY_SET:
        raise ValueError(f"未知的办理结果键：{key}")
    row = _FORMAT_2021.s3_row(key)
    if row.group:
        return f"{_strip_numbering(row.group)}-{row.label}"
    return _strip_numbering(row.short_label)


def outcome_choices() -> list[tuple[str, str]]:
    """(key, label) of every outcome in the official order, for forms and dropdowns."""
    return [(key, outcome_label(key)) for key in OUTCOME_KEYS]


# normalised spelling → key: keys, full labels, labels without their number, display labels
_OUTCOME_ALIASES: dict[str, str] = {}
# group name (不予公开 …) → {item label without number → key}, and item keys in order
_GROUP_ITEMS: dict[str, dict[str, str]] = {}
_GROUP_ORDER: dict[str, list[str]] = {}
for _row in _RESULT_ROWS:
    for _spelling in (_row.key, _row.label, _row.short_label, outcome_label(_row.key)):
        _OUTCOME_ALIASES[_norm(_spelling)] = _row.key
        _OUTCOME_ALIASES[_bare(_spelling)] = _row.key
    _group = _group_name(_row)
    if _group:
        _GROUP_ITEMS.setdefault(_group, {})[_bare(_row.label)] = _row.key
        _GROUP_ORDER.setdefault(_group, []).append(_row.key)
_OTHER_GROUP = _bare("（六）其他处理")
_OUTCOME_ALIASES.update(
    {
        "other": "other.other",  # the 2019 row key
        _OTHER_GROUP: "other.other",  # the 2019 row label （六）其他处理
        _norm("逾期不补正"): "other.no_correction",
        _norm("逾期未缴费"): "other.no_fee_payment",
        _norm("逾期未缴纳费用"): "other.no_fee_payment",
    }
)


def _lookup(norm: str) -> str | None:
    """The key for a normalised spelling, or None; raises for a bare group label."""
    for candidate in (norm, _strip_numbering(norm)):
        if candidate in _OUTCOME_ALIASES:
            return _OUTCOME_ALIASES[candidate]
    text = _strip_numbering(norm)
    for group, items in _GROUP_ITEMS.items():
        if not text.startswith(group):
            continue
        rest = text[len(group) :].lstrip("-")
        if not rest:
            choices = "、".join(outcome_label(k) for k in _GROUP_ORDER[group])
            raise ValueError(f"办理结果“{group}”不完整：请写明具体情形，可选 {choices}")
        item = _strip_numbering(rest)
        if item in items:
            return items[item]
        number = rest.rstrip(".、")
        if number.isdigit() and 1 <= int(number) <= len(_GROUP_ORDER[group]):
            return _GROUP_ORDER[group][int(number) - 1]
    if text.endswith(")") and "(" in text:  # （二）部分公开（区分处理的……）
        return _lookup(text[: text.rindex("(")])
    return None


def parse_outcome(text: str) -> str:
    """The canonical outcome key of a ledger's 办理结果 (``ledger-formats.md`` §1).

    Accepts the key (``denied.third_party``, 2019 ``other``), the official label with or
    without its number and group (予以公开, （二）部分公开, 4.保护第三方合法权益,
    不予公开-保护第三方合法权益, 无法提供-本机关不掌握相关政府信息), half- or full-width
    brackets, spaces anywhere.
    The bare labels 其他 and 其他处理 mean ``other.other``.
    """
    norm = _norm(text)
    key = _lookup(norm) if norm else None
    if key is None:
        raise ValueError(
            f"无法识别的办理结果“{text.strip()}”：请填写年报表三的办理结果，如“予以公开”"
            "“部分公开”“不予公开-4.保护第三方合法权益”“无法提供-本机关不掌握相关政府信息”，"
            "或其键名（如 denied.third_party）"
        )
    return key


def report_row_for(outcome_key: str, format_id: str) -> str:
    """The table 三 row (``s3.<row>.*``) that counts this outcome in a format's report."""
    if outcome_key not in _OUTCOME_KEY_SET:
        raise ValueError(f"未知的办理结果键：{outcome_key}")
    fmt = get_format(format_id)
    if fmt.has_key(f"s3.{outcome_key}.total"):
        return outcome_key
    group = outcome_key.split(".", 1)[0]
    if fmt.has_key(f"s3.{group}.total"):  # 2019: （六）其他处理 is one row
        return group
    raise ValueError(f"办理结果 {outcome_key} 在 {format_id} 年报格式中没有对应的行")
