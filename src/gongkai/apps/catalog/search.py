"""Chinese search over the published 主动公开 items of every body (issue 13, docs/search.md).

Chinese has no spaces between words, so the engines match substrings by trigrams:

* SQLite: an FTS5 table ``catalog_item_fts`` with ``tokenize='trigram'`` over title, 文号 and
  索引号, an *external-content* table of ``catalog_catalogitem`` kept by three triggers — every
  write of an item (actions, ledger imports, bulk SQL) updates it in the same transaction.
* PostgreSQL: ``pg_trgm`` GIN indexes on the same three columns; ``LIKE '%q%'`` uses them.

The index holds every item; what is public is decided at query time by
:meth:`CatalogItemQuerySet.public` only, so an unpublished draft, a 依申请公开/不予公开 item or one
published with a future date can never be found, whatever the index holds.

Trigrams cannot index a query of one or two characters: such a query is a ``LIKE`` over the
:data:`SHORT_QUERY_WINDOW` most recent public candidates (after the filters), a bounded scan.
A 机关 name matching the query finds that body's items, and the text of an item's attachments
(three characters or more) finds the item (:mod:`gongkai.apps.catalog.attachment_search`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Max, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.apps.catalog.models import CatalogItem, CatalogItemQuerySet
from gongkai.apps.orgs.models import Body

__all__ = [
    "FTS_TABLE",
    "SEARCHED_FIELDS",
    "SHORT_QUERY_WINDOW",
    "highlight",
    "install_search_index",
    "search_public",
    "search_terms",
]

FTS_TABLE = "catalog_item_fts"
SEARCHED_FIELDS = ("title", "doc_number", "index_number")
# A 1–2 character query scans at most this many of the most recent public candidates.
SHORT_QUERY_WINDOW = 50_000
TRIGRAM = 3
MAX_QUERY_LENGTH = 100

_ITEM_TABLE = "catalog_catalogitem"
_COLUMNS = ", ".join(SEARCHED_FIELDS)
_NEW = ", ".join(f"new.{f}" for f in SEARCHED_FIELDS)
_OLD = ", ".join(f"old.{f}" for f in SEARCHED_FIELDS)

_SQLITE_INDEX = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5({_COLUMNS}, "
    f"content='{_ITEM_TABLE}', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {_ITEM_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {_ITEM_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) "
    f"VALUES ('delete', old.id, {_OLD}); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE OF {_COLUMNS} "
    f"ON {_ITEM_TABLE} BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {_COLUMNS}) "
    f"VALUES ('delete', old.id, {_OLD}); "
    f"INSERT INTO {FTS_TABLE}(rowid, {_COLUMNS}) VALUES (new.id, {_NEW}); END",
]
_POSTGRES_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    *(
        f"CREATE INDEX IF NOT EXISTS catitem_{field}_trgm ON {_ITEM_TABLE} "
        f"USING gin ({field} gin_trgm_ops)"
        for field in SEARCHED_FIELDS
    ),
]
_TRIGGERS = {f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au"}


def install_search_index(connection: BaseDatabaseWrapper | None = None) -> bool:
    """Create the engine's search index if it is missing (idempotent); True when it was
    (re)built.  On SQLite, Django rebuilds a table it alters and drops its triggers: this runs
    after every ``migrate`` (``post_migrate``) and rebuilds the FTS table when a trigger is
    missing."""
    connection = connection or default_connection
    if _ITEM_TABLE not in connection.introspection.table_names():
        return False  # migrated back before the catalog: nothing to index
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in _POSTGRES_INDEX:
                cursor.execute(statement)
            return False
        if connection.vendor != "sqlite":
            return False
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [_ITEM_TABLE],
        )
        if {row[0] for row in cursor.fetchall()} >= _TRIGGERS:
            return False
        for statement in _SQLITE_INDEX:
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        return True


def search_terms(query: str) -> str:
    """The query as searched: whitespace folded, at most :data:`MAX_QUERY_LENGTH` characters."""
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def search_public(
    query: str,
    *,
    bodies: Any = None,
    year: int | None = None,
    category: str | None = None,
    validity: str | None = None,
    today: date | None = None,
) -> CatalogItemQuerySet:
    """The public items (:meth:`CatalogItemQuerySet.public`) whose title, 文号, 索引号 or 机关
    name contains ``query``, newest registered first; ``bodies`` (a body, an iterable or a
    queryset of bodies), ``year`` (成文年度), ``category`` and ``validity`` narrow them."""
    items = CatalogItem.objects.public(today)
    if bodies is not None:
        items = (
            items.filter(body=bodies) if isinstance(bodies, Body) else items.filter(body__in=bodies)
        )
    if year is not None:
        items = items.filter(made_on__gte=date(year, 1, 1), made_on__lte=date(year, 12, 31))
    if category:
        items = items.filter(category=category)
    if validity:
        items = items.filter(validity=validity)
    items = items.order_by("-pk")
    terms = search_terms(query)
    if not terms:
        return items
    # The few bodies whose name matches, read first: a subquery would steer the planners
    # towards the body index instead of the newest-first walk.
    named = list(Body.objects.filter(name__contains=terms).values_list("pk", flat=True))
    by_body = Q(body__in=named) if named else Q(pk__in=[])
    if len(terms) < TRIGRAM:
        # The window is a range of the primary key (the most recently registered items): one
        # index lookup, then a bounded range scan newest first.
        newest = CatalogItem.objects.aggregate(newest=Max("pk"))["newest"] or 0
        window = CatalogItem.objects.filter(pk__gt=newest - SHORT_QUERY_WINDOW)
        return items.filter(Q(pk__in=window.filter(_contains(terms)).values("pk")) | by_body)
    return items.filter(_indexed(terms) | by_body | _in_attachments(items, terms))


def _in_attachments(items: CatalogItemQuerySet, terms: str) -> Q:
    """Attachment text (apps.catalog.attachment_search): a separate bounded query whose ids
    are added as a literal list — never a subquery OR-ed into the condition."""
    from gongkai.apps.catalog.attachment_search import attachment_condition

    return attachment_condition(items, terms)


def _contains(terms: str) -> Q:
    condition = Q()
    for field in SEARCHED_FIELDS:
        condition |= Q(**{f"{field}__contains": terms})
    return condition


def _indexed(terms: str) -> Q:
    if default_connection.vendor != "sqlite":
        return _contains(terms)  # pg_trgm's GIN indexes serve LIKE '%terms%'
    phrase = '"' + terms.replace('"', '""') + '"'
    matched = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [phrase])
    return Q(pk__in=matched)


def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, every occurrence of the query wrapped in ``<mark>``."""
    terms = search_terms(query)
    if not terms or not text:
        return escape(text or "")
    parts = re.split(f"({re.escape(terms)})", text)
    return mark_safe(  # noqa: S308 (every part is escaped)
        "".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts))
    )
