"""Table 二 (主动公开政府信息情况) of a body's annual report of year Y, from its records.

The counting is the domain's (:func:`gongkai.domain.stats.table2.count_table_2`, the readings of
``disclosure-law.md`` §6); this module reads the facts it needs:

- **decisions**: only the year's total per category matters, so the database sums 数量 per
  category over the decisions dated in Y (one ``GROUP BY``) and each sum is handed to the
  domain as one counted fact dated 31 December of Y — 2,000,000 decisions cost one query;
- **matters**: those on a list at the end of Y−1 or Y (effective by the end of Y, not cancelled
  by the end of Y−1), with their dates;
- **money**: the fees of Y summed (one fact); every procurement project of Y (one fact each —
  a record is a project);
- **documents**: from the catalog app (``gongkai.apps.catalog``, ``CatalogItem``) when it is
  installed; without it, no documents (the 规章 / 规范性文件 rows count 0).

:func:`build_full_tables` is the report of the year with tables 二, 三 and 四 all counted from
the records (provenance ``read``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.apps import apps
from django.db.models import Count, Q, Sum

from gongkai.apps.applications.reporting import build_report
from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.domain.report.model import PROVENANCE_READ, Report
from gongkai.domain.stats.table2 import (
    DecisionCategory,
    DecisionFacts,
    Disclosure,
    DocumentCategory,
    DocumentFacts,
    MatterCategory,
    MatterFacts,
    MoneyFacts,
    count_table_2,
)

__all__ = [
    "Table2Facts",
    "build_full_tables",
    "build_table2",
    "decision_facts",
    "document_facts",
    "matter_facts",
    "money_facts",
    "table2_facts",
]

CATALOG_APP = "gongkai.apps.catalog"
# 信息类别 as the catalog may store it (label or key) → the domain's key.
_DOCUMENT_CATEGORIES: dict[str, str] = {
    "规章": "regulation",
    "行政规范性文件": "normative",
    "规范性文件": "normative",
    "其他": "other",
    "regulation": "regulation",
    "normative": "normative",
    "other": "other",
}
_DISCLOSURES: dict[str, str] = {
    "主动公开": "主动公开",
    "依申请公开": "依申请公开",
    "不予公开": "不予公开",
    "proactive": "主动公开",
    "on_request": "依申请公开",
    "not_disclosed": "不予公开",
}


@dataclass(frozen=True)
class Table2Facts:
    """Everything table 二 of a year counts, as domain facts."""

    documents: tuple[DocumentFacts, ...]
    decisions: tuple[DecisionFacts, ...]
    matters: tuple[MatterFacts, ...]
    money: tuple[MoneyFacts, ...]
    documents_read: bool  # False: the catalog app is not installed, no documents were read


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def decision_facts(body: Body, year: int) -> Iterator[DecisionFacts]:
    """The year's decisions of ``body``: one counted fact per category (dated 31 December)."""
    rows = (
        Decision.objects.filter(
            body=body, decided_on__gte=date(year, 1, 1), decided_on__lte=_year_end(year)
        )
        .order_by()
        .values("category")
        .annotate(total=Sum("count"))
        .values_list("category", "total")
    )
    for category, total in rows:
        if total:
            yield DecisionFacts(cast(DecisionCategory, category), _year_end(year), int(total))


def matter_facts(body: Body, year: int) -> Iterator[MatterFacts]:
    """The matters of ``body`` on a list at the end of ``year - 1`` or of ``year``."""
    rows = (
        Matter.objects.filter(body=body, effective_on__lte=_year_end(year))
        .filter(Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=_year_end(year - 1)))
        .order_by()
        .values_list("category", "effective_on", "cancelled_on")
    )
    for category, effective, cancelled in rows:
        yield MatterFacts(cast(MatterCategory, category), effective, cancelled)


def money_facts(body: Body, year: int) -> Iterator[MoneyFacts]:
    """The fees of ``year`` (one summed fact) and each procurement project of ``year``."""
    in_year = MoneyRecord.objects.filter(
        body=body, on__gte=date(year, 1, 1), on__lte=_year_end(year)
    ).order_by()
    fees = in_year.filter(category="fees").aggregate(total=Sum("amount_yuan"), n=Count("pk"))
    if fees["n"]:
        yield MoneyFacts("fees", _year_end(year), Decimal(fees["total"]))
    for on, amount in in_year.filter(category="procurement").values_list("on", "amount_yuan"):
        yield MoneyFacts("procurement", on, Decimal(amount))


def _catalog_model() -> Any | None:
    if not apps.is_installed(CATALOG_APP):
        return None
    try:
        return apps.get_model("catalog", "CatalogItem")
    except LookupError:
        return None


def document_facts(body: Body, year: int) -> Iterator[DocumentFacts]:
    """The catalog documents of ``body`` made by the end of ``year`` (none without a catalog).

    Only 规章 and 行政规范性文件 are counted by table 二, so other items are not read.
    """
    model = _catalog_model()
    if model is None:
        return
    wanted = [k for k, v in _DOCUMENT_CATEGORIES.items() if v != "other"]
    rows = (
        model.objects.filter(body=body, category__in=wanted, made_on__lte=_year_end(year))
        .order_by()
        .values_list("category", "made_on", "published_on", "repealed_on", "disclosure")
    )
    for category, made, published, repealed, disclosure in rows:
        yield DocumentFacts(
            cast(DocumentCategory, _DOCUMENT_CATEGORIES[category]),
            made,
            published,
            repealed,
            cast(Disclosure, _DISCLOSURES.get(disclosure or "主动公开", disclosure)),
        )


def table2_facts(body: Body, year: int) -> Table2Facts:
    """Every fact table 二 of ``year`` counts for ``body``."""
    return Table2Facts(
        documents=tuple(document_facts(body, year)),
        decisions=tuple(decision_facts(body, year)),
        matters=tuple(matter_facts(body, year)),
        money=tuple(money_facts(body, year)),
        documents_read=_catalog_model() is not None,
    )


def build_table2(body: Body, year: int, format_id: str | None = None) -> dict[str, int | float]:
    """Every ``s2.*`` cell of ``year``'s format (default: the format of the year)."""
    facts = table2_facts(body, year)
    return count_table_2(
        facts.documents, facts.decisions, facts.matters, facts.money, year, format_id
    )


def build_full_tables(body: Body, year: int, format_id: str | None = None) -> Report:
    """The report of ``year`` with tables 二, 三 and 四 counted from the records (``read``)."""
    report = build_report(body, year, format_id)
    for key, value in build_table2(body, year, report.format).items():
        report.set(key, value, PROVENANCE_READ)
    return report
