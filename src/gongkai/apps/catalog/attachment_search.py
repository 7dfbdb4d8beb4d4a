"""Search of the text of the public items' attachments (issue 13: "the text of its attachments
where readable"; docs/search.md, "Attachment text").

The text is read by a background task after an upload commits
(:mod:`gongkai.apps.catalog.text_extraction`) into ``CatalogAttachment.text``. It is indexed
by :data:`ATTACHMENT_INDEX` (:mod:`gongkai.apps.catalog.trigram`): an FTS5 trigram table
``catalog_attachment_fts`` on SQLite, a ``pg_trgm`` GIN index on PostgreSQL.

The search of the catalog does not OR a subquery over the attachments into its main condition
(that made PostgreSQL's p95 about 1 s and SQLite's about 300 ms at 200,000 items): it asks
:func:`attachment_item_ids` — a separate, bounded query — for the newest
:data:`ATTACHMENT_HITS` of the items it searches (public, filters) among those of about
:data:`ATTACHMENT_SCAN` attachments whose text contains the query, the newest first, and adds
them as a literal list of ids. A phrase found in more attachments than that finds the items of
those only (their titles still find the others). What is public is decided by the items' queryset,
never by the index: a non-public item's attachment is never found.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import DatabaseError, transaction
from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.utils.safestring import SafeString, mark_safe

from gongkai.apps.catalog.models import CatalogAttachment, CatalogItem
from gongkai.apps.catalog.search import TRIGRAM, highlight, search_terms
from gongkai.apps.catalog.trigram import TrigramIndex, install_trigram_index

__all__ = [
    "ATTACHMENT_HITS",
    "ATTACHMENT_INDEX",
    "ATTACHMENT_SCAN",
    "PG_RECENT",
    "SNIPPET_CONTEXT",
    "attachment_condition",
    "attachment_item_ids",
    "attachment_matches",
    "attachment_snippet",
    "install_attachment_index",
]

ATTACHMENT_INDEX = TrigramIndex(
    table="catalog_catalogattachment",
    columns=("text",),
    fts_table="catalog_attachment_fts",
    pg_prefix="catatt",
)
#: At most this many items (the newest) are found by their attachments' text in one search.
ATTACHMENT_HITS = 100
#: The newest this many attachments matching a query are read to find those items.
ATTACHMENT_SCAN = 300
#: PostgreSQL: the newest this many attachments are read before the index is asked.
PG_RECENT = 200
#: Characters shown on each side of the match in a snippet.
SNIPPET_CONTEXT = 60


def install_attachment_index(connection: BaseDatabaseWrapper | None = None) -> bool:
    """Create the attachment text index if it is missing (migration 0007 and every
    ``post_migrate``); True when the SQLite FTS table was (re)built."""
    connection = connection or default_connection
    rebuilt = install_trigram_index(connection, ATTACHMENT_INDEX)
    if connection.vendor == "postgresql":
        _compress_with_lz4(connection)
    return rebuilt


def _compress_with_lz4(connection: BaseDatabaseWrapper) -> None:
    """PostgreSQL ≥ 14: store the texts written from now on with lz4 rather than pglz. The
    search reads and decompresses texts (the recent window, the GIN recheck): measured on
    30,000 texts of 1,500 characters, 200 texts 5.5 → 0.4 ms, a 280-text recheck 13 → 6 ms.
    Skipped where the server has no lz4 (the texts stay pglz)."""
    table, column = ATTACHMENT_INDEX.table, "text"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = %s::regclass AND attname = %s",
            [table, column],
        )
        row = cursor.fetchone()
        if row is None or row[0] == "l":
            return
        try:
            with transaction.atomic(using=connection.alias):
                cursor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET COMPRESSION lz4")
        except DatabaseError:
            return


def _text_contains(terms: str, newest: int | None = None) -> Q:
    """The attachments whose text contains ``terms``; with ``newest``, only the newest that
    many of them (on SQLite FTS5 streams its rowids in order and stops at the LIMIT)."""
    if default_connection.vendor != "sqlite":
        return Q(text__contains=terms)  # pg_trgm's GIN index serves LIKE '%terms%'
    fts = ATTACHMENT_INDEX.fts_table
    phrase = '"' + terms.replace('"', '""') + '"'
    sql = f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s"
    if newest is None:
        return Q(pk__in=RawSQL(sql, [phrase]))
    return Q(pk__in=RawSQL(f"{sql} ORDER BY rowid DESC LIMIT %s", [phrase, newest]))


def attachment_matches(terms: str) -> QuerySet[CatalogAttachment, Any]:
    """The ``item_id`` of every attachment whose text contains ``terms`` (three characters or
    more: the index holds trigrams), of any item — public or not: filter the items."""
    terms = search_terms(terms)
    if len(terms) < TRIGRAM:
        return CatalogAttachment.objects.none().values("item_id")
    return CatalogAttachment.objects.filter(_text_contains(terms)).values("item_id")


def attachment_item_ids(
    items: QuerySet[CatalogItem, Any], terms: str, limit: int = ATTACHMENT_HITS
) -> list[int]:
    """The newest ``limit`` of ``items`` (already filtered: public, body, year…) among those
    of the newest :data:`ATTACHMENT_SCAN` attachments whose text contains ``terms``: one
    bounded query on SQLite, one or two on PostgreSQL (:func:`_postgres_item_ids`)."""
    terms = search_terms(terms)
    if len(terms) < TRIGRAM:
        return []
    if default_connection.vendor != "sqlite":
        return _postgres_item_ids(items, terms, limit)
    # One query: FTS5 streams the newest matching rowids and stops at its LIMIT.
    candidates = CatalogAttachment.objects.filter(_text_contains(terms, ATTACHMENT_SCAN))
    matched = items.filter(pk__in=candidates.values("item_id")).order_by("-pk")
    return list(matched.values_list("pk", flat=True)[:limit])


def _postgres_item_ids(items: QuerySet[CatalogItem, Any], terms: str, limit: int) -> list[int]:
    """PostgreSQL's :func:`attachment_item_ids`.

    The GIN index answers a rare phrase in a millisecond, but for a common one it builds a
    bitmap of every matching text (25 ms for a phrase in 24,000 texts) and an
    ``ORDER BY id DESC`` rechecks them all (0.5 s). So the newest :data:`PG_RECENT`
    attachments are read first by their primary key (``strpos``, no index: 4 ms); only when
    their items are fewer than ``limit`` is the GIN index asked for the older ones, unordered
    and stopped at :data:`ATTACHMENT_SCAN` (a bitmap scan stops at the LIMIT)."""
    newest_id = CatalogAttachment.objects.order_by("-pk").values_list("pk", flat=True).first()
    if newest_id is None:
        return []
    since = newest_id - PG_RECENT
    recent = (
        CatalogAttachment.objects.filter(pk__gt=since)
        .annotate(at=StrIndex("text", Value(terms)))
        .filter(at__gt=0)
        .order_by("-pk")
        .values("item_id")[:ATTACHMENT_SCAN]
    )
    found = list(items.filter(pk__in=recent).order_by("-pk").values_list("pk", flat=True)[:limit])
    if len(found) < limit:
        # No ORDER BY (the model's ordering would join the items and sort every match).
        older = CatalogAttachment.objects.filter(_text_contains(terms), pk__lte=since).order_by()
        more = items.filter(pk__in=older.values("item_id")[:ATTACHMENT_SCAN]).order_by()
        found = sorted({*found, *more.values_list("pk", flat=True)}, reverse=True)[:limit]
    return found


def attachment_condition(items: QuerySet[CatalogItem, Any], terms: str) -> Q:
    """The search hook: ``pk IN (<the ids of attachment_item_ids>)`` as a literal list
    (``pk__in=[]`` — nothing — when there is none)."""
    return Q(pk__in=attachment_item_ids(items, terms))


_ELLIPSIS = "…"


def attachment_snippet(item: CatalogItem, query: str, context: int = SNIPPET_CONTEXT) -> SafeString:
    """An excerpt of the first of ``item``'s attachments whose text contains the query, the
    match in ``<mark>`` (escaped HTML), with the attachment's name; empty when none does.
    Give it only an item the visitor may see (a result of ``search_public``)."""
    terms = search_terms(query)
    if len(terms) < TRIGRAM:
        return mark_safe("")
    pattern = re.compile(re.escape(terms), re.IGNORECASE)
    # The item's own few attachments (its foreign-key index), not the text index: a common
    # phrase would make the index read every attachment holding it, for each result. The
    # position is found in the database: only a matching text is read.
    rows = (
        CatalogAttachment.objects.filter(item=item)
        .annotate(at=StrIndex("text", Value(terms)))
        .filter(at__gt=0)
        .order_by("uploaded_at", "pk")
        .values_list("original_name", "text")
    )
    for name, text in rows:
        found = pattern.search(text)
        if found is None:
            continue
        start, end = max(0, found.start() - context), min(len(text), found.end() + context)
        excerpt = (
            (_ELLIPSIS if start else "") + text[start:end] + (_ELLIPSIS if end < len(text) else "")
        )
        return mark_safe(  # noqa: S308 (highlight escapes every part)
            f'<span class="attachment-name">{highlight(name, "")}</span>：'
            f"{highlight(excerpt, found.group(0))}"
        )
    return mark_safe("")
