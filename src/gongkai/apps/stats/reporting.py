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
  installed; without it, no documents (the 规章 / 规范性文件 rows count 0). The readings compare a
  document's dates only with the boundaries of Y, so the database groups the 规章 / 规范性文件
  made by the end of Y by category, 公开属性 and the class of each date (成文 before Y or in it;
  发布 / 废止 never, before Y, in Y or after it) — one ``GROUP BY`` — and each group is one
  representative fact (before Y → 31 December of Y−1, in Y → 31 December of Y, or 1 January
  for 成文, after Y → 1 January of Y+1) standing for its size: the cells count documents, so
  the domain counts each representative once and the cells are multiplied by the group's size.

:func:`build_full_tables` is the report of the year with tables 二, 三 and 四 all counted from
the records (provenance ``read``); :func:`publication_facts` gives the narrative's counts of
the catalog (items published in Y per channel, documents made in Y per 公开属性);
:func:`build_subtree_summary` adds up tables 三 and 四 of every body of a subtree (one
``GROUP BY`` across the bodies).

Speed (see ``benchmarks/bench_report_build.py``): every query above is a range scan of a
covering index in the order of its ``GROUP BY`` where it can be (``decision_body_cat_date``,
``catitem_body_cat_made``, ``catitem_body_discl_made``, ``catitem_body_pub_channels``; the
categories and 公开属性 are listed in the queries so that SQLite walks the index per value
instead of sorting), and the domain counts a few representative facts, so a body with
1,000,000 catalog items, 100,000 applications and 2,000,000 decisions builds in well under 2 s
on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import repeat
from typing import Any, cast

from django.apps import apps
from django.db.models import Case, Count, Sum, Value, When

from gongkai.apps.applications.reporting import (
    application_groups,
    count_of_groups,
    count_table_3_of_groups,
)
from gongkai.apps.cases.reporting import case_facts
from gongkai.apps.orgs.models import Bodies, Body
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.domain.applications.counting import build_tables_report
from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS
from gongkai.domain.report.formats import format_for_year, get_format
from gongkai.domain.report.model import PROVENANCE_READ, Report
from gongkai.domain.stats.table2 import (
    DECISION_CATEGORIES,
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
    "DISCLOSURE_LABELS",
    "Table2Facts",
    "build_full_tables",
    "build_report",
    "build_subtree_summary",
    "build_table2",
    "build_tables_of",
    "decision_facts",
    "document_facts",
    "document_groups",
    "matter_facts",
    "money_facts",
    "publication_facts",
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
# 公开属性 labels, in the order the narrative states them.
DISCLOSURE_LABELS: tuple[str, ...] = ("主动公开", "依申请公开", "不予公开")


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
        Decision.objects.filter(body=body, category__in=DECISION_CATEGORIES)
        .of_year(year)
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
        Matter.objects.filter(body=body)
        .of_year(year)
        .order_by()
        .values_list("category", "effective_on", "cancelled_on")
    )
    for category, effective, cancelled in rows:
        yield MatterFacts(cast(MatterCategory, category), effective, cancelled)


def money_facts(body: Body, year: int) -> Iterator[MoneyFacts]:
    """The fees of ``year`` (one summed fact) and each procurement project of ``year``."""
    in_year = MoneyRecord.objects.filter(body=body).of_year(year).order_by()
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


def _date_class(field: str, start: date, end: date) -> Case:
    """0: no date, 1: before ``start``, 2: from ``start`` to ``end``, 3: after ``end``."""
    return Case(
        When(**{f"{field}__isnull": True}, then=Value(0)),
        When(**{f"{field}__lt": start}, then=Value(1)),
        When(**{f"{field}__lte": end}, then=Value(2)),
        default=Value(3),
    )


def document_groups(body: Body, year: int) -> Iterator[tuple[DocumentFacts, int]]:
    """The catalog documents of ``body`` made by the end of ``year``, grouped: each
    representative fact with the number of documents it stands for (none without a catalog).

    Only 规章 and 行政规范性文件 are counted by table 二, so other items are not read.
    """
    model = _catalog_model()
    if model is None:
        return
    start, end = date(year, 1, 1), _year_end(year)
    made_in = {0: date(year - 1, 12, 31), 1: start}
    # A representative date of each class; never before the representative 成文日期 of a
    # document that can have it (a date before Y belongs to a document made before Y).
    dated: dict[int, date | None] = {
        0: None,
        1: date(year - 1, 12, 31),
        2: end,
        3: date(year + 1, 1, 1),
    }
    wanted = [k for k, v in _DOCUMENT_CATEGORIES.items() if v != "other"]
    rows = (
        model.objects.filter(body=body, category__in=wanted, made_on__lte=end)
        .order_by()
        .values(
            "category",
            "disclosure",
            made_class=Case(When(made_on__lt=start, then=Value(0)), default=Value(1)),
            published_class=_date_class("published_on", start, end),
            repealed_class=_date_class("repealed_on", start, end),
        )
        .annotate(n=Count("pk"))
        .values_list(
            "category", "disclosure", "made_class", "published_class", "repealed_class", "n"
        )
    )
    for category, disclosure, made, published, repealed, n in rows:
        facts = DocumentFacts(
            cast(DocumentCategory, _DOCUMENT_CATEGORIES[category]),
            made_in[made],
            dated[published],
            dated[repealed],
            cast(Disclosure, _DISCLOSURES.get(disclosure or "主动公开", disclosure)),
        )
        yield facts, n


def document_facts(body: Body, year: int) -> Iterator[DocumentFacts]:
    """The catalog documents of ``body`` made by the end of ``year`` that table 二 counts (规章
    and 行政规范性文件), as facts whose dates stand for their class (:func:`document_groups`)."""
    for facts, n in document_groups(body, year):
        yield from repeat(facts, n)


def table2_facts(body: Body, year: int) -> Table2Facts:
    """Every fact table 二 of ``year`` counts for ``body``."""
    return Table2Facts(
        documents=tuple(document_facts(body, year)),
        decisions=tuple(decision_facts(body, year)),
        matters=tuple(matter_facts(body, year)),
        money=tuple(money_facts(body, year)),
        documents_read=_catalog_model() is not None,
    )


def _count_documents(
    groups: Iterable[tuple[DocumentFacts, int]], year: int, format_id: str
) -> dict[str, int | float]:
    """The cells :func:`count_table_2` gives the documents the groups stand for (the other
    cells 0): every document cell counts documents, so the cells add up over documents."""
    return count_of_groups(lambda docs: count_table_2(docs, (), (), (), year, format_id), groups)


# =============================================================================================
# Tables 三 and 四 (applications and cases)
# =============================================================================================


def build_tables_of(
    bodies: Bodies, year: int, org: str | None, format_id: str | None = None
) -> Report:
    """Year ``year``'s report named ``org`` with tables 三 and 四 counted from the records of
    ``bodies`` (one body, or a set whose records add up), provenance ``read``."""
    fmt_id = get_format(format_id).id if format_id else format_for_year(year).id
    report = build_tables_report((), case_facts(bodies, year), year, org, fmt_id)
    table_3 = count_table_3_of_groups(application_groups(bodies, year), year, fmt_id)
    for key, value in table_3.items():
        report.set(key, value, PROVENANCE_READ)
    return report


def build_report(body: Body, year: int, format_id: str | None = None) -> Report:
    """Year ``year``'s report of ``body`` with tables 三 and 四 counted from the records
    (provenance ``read``); table 二 and the narrative stay empty (filled by a later issue)."""
    return build_tables_of(body, year, body.name, format_id)


def build_table2(body: Body, year: int, format_id: str | None = None) -> dict[str, int | float]:
    """Every ``s2.*`` cell of ``year``'s format (default: the format of the year)."""
    fmt_id = get_format(format_id).id if format_id else format_for_year(year).id
    cells = count_table_2(
        (),
        tuple(decision_facts(body, year)),
        tuple(matter_facts(body, year)),
        tuple(money_facts(body, year)),
        year,
        fmt_id,
    )
    for key, value in _count_documents(document_groups(body, year), year, fmt_id).items():
        if value:
            cells[key] += value
    return cells


def build_full_tables(body: Body, year: int, format_id: str | None = None) -> Report:
    """The report of ``year`` with tables 二, 三 and 四 counted from the records (``read``)."""
    report = build_report(body, year, format_id)
    for key, value in build_table2(body, year, report.format).items():
        report.set(key, value, PROVENANCE_READ)
    return report


def publication_facts(body: Body, year: int) -> tuple[dict[str, int], int, dict[str, int]]:
    """The narrative's counts of ``body``'s catalog in ``year``:

    - channel label → 主动公开 items published in ``year`` through it (every known channel, in
      the list order, 0 included; then any other label found, sorted); an item published
      through two channels counts under both — as in table 二, only 主动公开 items are
      published, and an item without a channel counts under none; plus the offline notices
      and broadcasts of ``year`` not linked to a catalog item, under the catalog channel their
      channel maps to (``notices.reporting.channel_publications``);
    - the number of documents (文件: items with a 文号) made (成文日期) in ``year``, whatever
      their 公开属性 — the seed's “共制发文件120份”; other information items are not 文件;
    - 公开属性 label (主动公开 / 依申请公开 / 不予公开) → documents made in ``year`` with it.

    Two ``GROUP BY`` queries (on the stored channel string and on 公开属性); the channel strings
    are split here. Without the catalog app, every count is 0.
    """
    channels = dict.fromkeys(CATALOG_CHANNELS, 0)
    made = dict.fromkeys(DISCLOSURE_LABELS, 0)
    model = _catalog_model()
    if model is None:
        return channels, 0, made
    from gongkai.apps.catalog.models import split_stored_channels

    start, end = date(year, 1, 1), _year_end(year)
    published = (
        model.objects.filter(
            body=body, disclosure="主动公开", published_on__gte=start, published_on__lte=end
        )
        .order_by()
        .values("channels")
        .annotate(n=Count("pk"))
        .values_list("channels", "n")
    )
    others: dict[str, int] = {}
    for stored, n in published:
        for channel in dict.fromkeys(split_stored_channels(stored)):
            if channel in channels:
                channels[channel] += n
            else:
                others[channel] = others.get(channel, 0) + n
    channels.update(sorted(others.items()))
    # Offline notices and broadcasts not linked to a catalog item are channel publications too
    # (issue 14; a linked one is already counted through its item).
    from gongkai.apps.notices.reporting import channel_publications

    for channel, n in channel_publications(body, year).items():
        channels[channel] = channels.get(channel, 0) + n
    rows = (
        model.objects.filter(
            body=body, disclosure__in=list(_DISCLOSURES), made_on__gte=start, made_on__lte=end
        )
        .exclude(doc_number="")
        .order_by()
        .values("disclosure")
        .annotate(n=Count("pk"))
        .values_list("disclosure", "n")
    )
    for disclosure, n in rows:
        label = _DISCLOSURES.get(disclosure, disclosure)
        made[label] = made.get(label, 0) + n
    return channels, sum(made.values()), made


def build_subtree_summary(root: Body, year: int, format_id: str | None = None) -> Report:
    """Tables 三 and 四 of ``year`` of every body in ``root``'s subtree (``root`` included),
    added up (provenance ``read``); the report is named after ``root``, table 二 and the
    narrative stay empty.

    One ``GROUP BY`` over the applications of all the bodies (``body_id IN`` the subtree), one
    query of the cases; equal to the sum of the bodies' own :func:`build_report` tables.
    """
    return build_tables_of(Body.objects.subtree(root), year, root.name, format_id)
