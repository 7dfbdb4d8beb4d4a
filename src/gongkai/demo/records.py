"""What the demo puts into one body, as ledger rows and plain records (no Django here).

The builders (:mod:`gongkai.demo.xutao2019`, :mod:`gongkai.demo.county`) fill a
:class:`BodyRecords` per body with a :class:`Maker`: a seeded random generator, the platform's
working-day calendar and the body's code (for canonical 索引号). The loader imports the ledger
rows through the ledger services (validated, all-or-nothing, idempotent) and writes the rest.
Rows are dicts keyed by the Chinese ledger headers (``ledger-formats.md`` §1–§4); keys starting
with ``_`` are demo extras the ledgers have no column for (catalog node, reason).
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from gongkai.domain.catalog.index_number import format_index_number
from gongkai.domain.ledgers.table_io import RawValue
from gongkai.domain.workdays.calendar import WorkingCalendar

__all__ = [
    "RULES",
    "RULES_NODE",
    "BodyRecords",
    "FeeSpec",
    "MailboxSpec",
    "Maker",
    "ProposalSpec",
    "Row",
    "demo_content",
    "split_total",
]

Row = dict[str, RawValue]

#: The demo's catalog nodes whose items are one 法定主动公开内容 (key of domain.catalog.contents).
_NODE_CONTENTS: dict[str, str] = {
    "政策解读": "a20.1",
    "社会救助": "a21.social_assistance",
    "脱贫攻坚": "a20.11",
    "农业农村": "a21.rural_policy",
    "项目建设": "a20.10",
}
#: Words of a demo document's title and the content they make it (the first that matches).
_TITLE_CONTENTS: tuple[tuple[str, str], ...] = (
    ("安全生产", "a20.13"),
    ("防汛抗旱", "a20.12"),
    ("地质灾害", "a20.12"),
    ("林草防火", "a20.12"),
    ("招生", "a20.11"),
    ("学生资助", "a20.11"),
    ("执法监察", "a20.6"),
    ("违法用地", "a20.6"),
    ("规划", "a20.3"),
    ("不动产登记", "a20.5"),
    ("政务公开", "a20.2"),
)


def demo_content(title: str, node: str, category: str = "其他") -> str | None:
    """The 公开内容 of a demo item: none for a 规章 or 行政规范性文件 (the import gives them
    第二十条第（一）项), else by its node, else by words of its title (else None)."""
    if category != "其他":
        return None
    if node in _NODE_CONTENTS:
        return _NODE_CONTENTS[node]
    return next((key for word, key in _TITLE_CONTENTS if word in title), None)


@dataclass(frozen=True)
class FeeSpec:
    """A 信息处理费 notice of an imported application (109号), paid, waived or unpaid."""

    application: str  # 申请编号
    method: str  # FeeMethod value: by_count / by_volume
    amount: Decimal
    notice_on: date
    pages: int | None = None
    nth_in_month: int | None = None
    paid_on: date | None = None
    waived_on: date | None = None


@dataclass(frozen=True)
class MailboxSpec:
    mailbox: str
    received_on: date
    subject: str
    content: str
    replied_on: date | None
    reply: str
    published_on: date | None


@dataclass(frozen=True)
class ProposalSpec:
    kind: str  # ProposalKind value
    number: str
    title: str
    proposer: str
    assigned_on: date
    replied_on: date | None
    reply: str
    published_on: date | None


@dataclass
class BodyRecords:
    """Everything the demo loads into one body."""

    body: str
    catalog: list[Row] = field(default_factory=list)
    matters: list[Row] = field(default_factory=list)
    decisions: list[Row] = field(default_factory=list)
    money: list[Row] = field(default_factory=list)
    applications: list[Row] = field(default_factory=list)
    cases: list[Row] = field(default_factory=list)
    fees: list[FeeSpec] = field(default_factory=list)
    mailbox: list[MailboxSpec] = field(default_factory=list)
    proposals: list[ProposalSpec] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "catalog": len(self.catalog),
            "matters": len(self.matters),
            "decision_rows": len(self.decisions),
            "decisions": sum(int(str(r.get("数量") or 1)) for r in self.decisions),
            "money": len(self.money),
            "applications": len(self.applications),
            "cases": len(self.cases),
            "fees": len(self.fees),
            "mailbox": len(self.mailbox),
            "proposals": len(self.proposals),
        }


def split_total(rng: random.Random, total: int, weights: list[float]) -> list[int]:
    """``total`` split into ``len(weights)`` non-negative parts proportional to the weights
    (largest remainders, ties broken by the generator): the parts add up to ``total``."""
    if not weights:
        return []
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], rng.random()), reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


#: The catalog node of a body's 政府信息公开制度 (the 专栏's 制度 part reads this node:
#: ``gongkai.apps.reports.column.RULES_NODE_NAME``).
RULES_NODE = "政府信息公开制度"
#: The rules every demo body has published: (title, year, month), made that month.
RULES = (
    ("政府信息公开保密审查制度", 2020, 4),
    ("政府信息主动公开工作制度", 2020, 4),
    ("政府信息公开申请办理工作规程", 2021, 3),
)


class Maker:
    """Row builders for one body: dates on working days, canonical 索引号 in sequence."""

    def __init__(
        self, records: BodyRecords, code: str, calendar: WorkingCalendar, rng: random.Random
    ) -> None:
        self.records = records
        self.code = code
        self.calendar = calendar
        self.rng = rng
        self._serials: dict[int, int] = defaultdict(int)

    # -- dates ----------------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        return self.calendar.is_working_day(d)

    def after(self, d: date, n: int) -> date:
        """The n-th working day after ``d`` (n ≥ 1)."""
        return self.calendar.nth_working_day_after(d, n)

    def on_or_after(self, d: date) -> date:
        while not self.is_working_day(d):
            d += timedelta(days=1)
        return d

    def day_between(self, first: date, last: date) -> date:
        """A random working day in [first, last] (``first`` moved to a working day if none)."""
        days = [
            first + timedelta(days=i)
            for i in range((last - first).days + 1)
            if self.is_working_day(first + timedelta(days=i))
        ]
        return self.rng.choice(days) if days else self.on_or_after(first)

    def day_in(self, year: int, month: int | None = None) -> date:
        if month is None:
            return self.day_between(date(year, 1, 2), date(year, 12, 31))
        end = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
        return self.day_between(date(year, month, 1), end)

    def month_end(self, year: int, month: int) -> date:
        return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)

    # -- catalog --------------------------------------------------------------------------------

    def catalog(
        self,
        title: str,
        made_on: date,
        *,
        published_on: date | None = None,
        category: str = "其他",
        disclosure: str = "主动公开",
        channels: tuple[str, ...] = (),
        doc_number: str = "",
        repealed_on: date | None = None,
        node: str = "",
        reason: str = "",
        content: str | None = None,
    ) -> Row:
        """A catalog ledger row (§3) with the next 索引号 of its year (of publication, else of
        drafting, as the platform generates them); its 公开内容 (条例第二十条、第二十一条) given,
        else read from the node and the title (:func:`demo_content`), else left to the default
        of its 信息类别."""
        year = (published_on or made_on).year
        self._serials[year] += 1
        row: Row = {
            "索引号": format_index_number(self.code, year, self._serials[year]),
            "标题": title,
            "文号": doc_number or None,
            "信息类别": category,
            "成文日期": made_on,
            "发布日期": published_on,
            "废止日期": repealed_on,
            "公开属性": disclosure,
            "公开渠道": "、".join(channels) or None,
            "公开内容": content or demo_content(title, node, category),
            "_node": node,
            "_reason": reason,
        }
        self.records.catalog.append(row)
        return row

    def document(
        self,
        title: str,
        made_on: date,
        doc_number: str,
        *,
        published_on: date | None = None,
        channels: tuple[str, ...] = (),
        disclosure: str = "主动公开",
        reason: str = "",
    ) -> Row:
        """A document of the body with its 文号 (the catalog's 政策文件): published, or withheld
        (依申请公开, 不予公开) for ``reason``."""
        return self.catalog(
            title,
            made_on,
            published_on=published_on,
            disclosure=disclosure,
            channels=channels,
            doc_number=doc_number,
            node="政策文件",
            reason=reason,
        )

    def rules(self, body: str, channels: tuple[str, ...]) -> None:
        """The body's 政府信息公开制度 (:data:`RULES`), filed under :data:`RULES_NODE`; no
        random draws, so the rest of the demo stays as it was."""
        for title, year, month in RULES:
            made = self.on_or_after(date(year, month, 1))
            published = self.after(made, 3)
            self.catalog(
                f"{body}{title}", made, published_on=published, channels=channels, node=RULES_NODE
            )

    def item(self, title: str, day: date, channels: tuple[str, ...], node: str) -> Row:
        """An item published the day it is written (工作动态, a notice on the 公开栏)."""
        return self.catalog(title, day, published_on=day, channels=channels, node=node)

    # -- matters, decisions, money --------------------------------------------------------------

    def matter(
        self, category: str, name: str, effective_on: date, cancelled_on: date | None = None
    ) -> None:
        self.records.matters.append(
            {"类别": category, "事项名称": name, "生效日期": effective_on, "取消日期": cancelled_on}
        )

    def decision(self, category: str, matter: str, decided_on: date, count: int = 1) -> None:
        self.records.decisions.append(
            {"类别": category, "事项名称": matter, "决定日期": decided_on, "数量": count}
        )

    def money(self, category: str, name: str, on: date, amount: Decimal) -> None:
        self.records.money.append(
            {"类别": category, "项目名称": name, "日期": on, "金额（元）": f"{amount:.2f}"}
        )
