"""Chinese search over the published 主动公开 items of every body (issue 13, docs/search.md).

Chinese has no spaces between words, so the engines match substrings by trigrams:

* SQLite: an FTS5 table ``catalog_item_fts`` with ``tokenize='trigram'`` over title, 文号 and
  索引号, an *external-content* table of ``catalog_catalogitem`` kept by three triggers — every
  write of an item (actions, ledger imports, bulk SQL) updates it in the same transaction.  The
  items are joined to it read newest (highest rowid) first, so a common term stops at the page.
* PostgreSQL: ``pg_trgm`` GIN indexes on title and 文号, and on the 索引号 with its separators
  read as letters; ``LIKE '%q%'`` uses them.  A 索引号 fragment of :data:`GRAM` characters or
  more is found by a GIN index of the 索引号's runs of that many characters instead.

The index holds every item; what is public is decided at query time by
:meth:`CatalogItemQuerySet.public` only, so an unpublished draft, a 依申请公开/不予公开 item or one
published with a future date can never be found, whatever the index holds.

Filters leaving at most :data:`SCAN_ALL_LIMIT` candidates (a body and a year, say) are read
whole, row by row, for a query of any length.  Otherwise trigrams cannot index a query of one
or two characters: it is tested on the :data:`SHORT_QUERY_WINDOW` most recently registered
items (a primary-key range), a bounded scan.  A 机关 name matching the query finds that body's
items, and the text of an item's attachments (three characters or more) finds the item
(:mod:`gongkai.apps.catalog.attachment_search`) — both in :func:`_other_sources`.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, ExpressionWrapper, F, Func, Max, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from gongkai.apps.catalog.models import CatalogItem, CatalogItemQuerySet
from gongkai.apps.orgs.models import Body
from gongkai.kernel.tables import count_up_to

__all__ = [
    "FTS_TABLE",
    "SCAN_ALL_LIMIT",
    "SEARCHED_FIELDS",
    "SHORT_QUERY_WINDOW",
    "highlight",
    "install_search_index",
    "search_public",
    "search_terms",
]

FTS_TABLE = "catalog_item_fts"
SEARCHED_FIELDS = ("title", "doc_number", "index_number")
# SQLite: a match of several sources is walked newest first when one holds this many items.
WALK_MIN = 1_000
# A 1–2 character query scans at most this many of the most recently registered items.
SHORT_QUERY_WINDOW = 20_000
# Filtered candidates up to this many are read whole (no index, complete for any query).
SCAN_ALL_LIMIT = 5_000
# PostgreSQL: a 3+ character term with PROBE_HITS matches among the PROBE_ROWS newest items is
# read newest first along the primary key, any other from the trigram bitmap.
PROBE_ROWS = 40_000
PROBE_HITS = 21
# PostgreSQL, filtered by one 机关 or a 有效性: the newest candidates of the filter probed when a
# term is not dense among the newest items (each candidate a read of its row: fewer).
PROBE_CANDIDATES = 2_000
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
# 索引号 are split by '-' and '/', which pg_trgm reads as word breaks: a fragment such as
# "2019-0005" would then match every 索引号 holding the words "2019" and "0005..." (costly to
# recheck).  Its index is on the separators replaced by letters, so the whole 索引号 is one word.
_SEPARATORS, _SEPARATOR_LETTERS = "-/", "ǂǁ"
_INDEX_NUMBER_WORD = (
    f"translate({_ITEM_TABLE}.index_number, '{_SEPARATORS}', '{_SEPARATOR_LETTERS}')"
)
# A 索引号 is digits, so its trigrams are few and each is held by most rows: the trigram index
# read 60 MB of posting lists for a rare fragment (230–480 ms at 5,000,000 items).  Its runs of
# GRAM characters are selective: an array of them, GIN-indexed, finds a fragment of GRAM
# characters or more in 3–10 ms (the fragment's runs all present; ``strpos`` then confirms it).
GRAM = 6
_GRAMS_FUNCTION = "catitem_grams"
_POSTGRES_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"CREATE OR REPLACE FUNCTION {_GRAMS_FUNCTION}(value text) RETURNS text[] "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS "
    f"'SELECT ARRAY(SELECT DISTINCT substr(value, i, {GRAM}) "
    f"FROM generate_series(1, length(value) - {GRAM - 1}) AS i)'",
    f"CREATE INDEX IF NOT EXISTS catitem_index_number_grams ON {_ITEM_TABLE} "
    f"USING gin ({_GRAMS_FUNCTION}(index_number))",
    # A 机关's items, or a 有效性 (with or without its 类别), walked newest first
    # (``_dense_among_newest_candidates``).
    f"CREATE INDEX IF NOT EXISTS catitem_body_walk ON {_ITEM_TABLE} (body_id, id)",
    f"CREATE INDEX IF NOT EXISTS catitem_validity_walk ON {_ITEM_TABLE} (validity, id)",
    f"CREATE INDEX IF NOT EXISTS catitem_validity_cat_walk ON {_ITEM_TABLE} "
    "(validity, category, id)",
    *(
        f"CREATE INDEX IF NOT EXISTS catitem_{field}_trgm ON {_ITEM_TABLE} "
        f"USING gin ({field} gin_trgm_ops)"
        for field in ("title", "doc_number")
    ),
    f"CREATE INDEX IF NOT EXISTS catitem_index_number_word_trgm ON {_ITEM_TABLE} "
    f"USING gin ((translate(index_number, '{_SEPARATORS}', '{_SEPARATOR_LETTERS}')) "
    "gin_trgm_ops)",
    "DROP INDEX IF EXISTS catitem_index_number_trgm",  # before catalog.0009_search_speed
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
    narrowed = False
    if bodies is not None:
        narrowed = True
        items = (
            items.filter(body=bodies) if isinstance(bodies, Body) else items.filter(body__in=bodies)
        )
    if year is not None:
        narrowed = True
        items = items.filter(made_on__gte=date(year, 1, 1), made_on__lte=date(year, 12, 31))
    # The 类别/有效性 conditions, plain and hinted as rare (:func:`_rare`, for a small set).
    conditions = [Q(category=category)] if category else []
    if validity:
        conditions.append(Q(validity=validity))
    plain, hinted = items, items
    for condition in conditions:
        narrowed = True
        plain, hinted = plain.filter(condition), hinted.filter(_rare(condition))
    items, small = plain.order_by("-pk"), hinted.order_by("-pk")
    terms = search_terms(query)
    if not terms:
        return items if narrowed else _walk_newest_first(items)
    # The few bodies whose name matches, read first: a subquery would steer the planners
    # towards the body index instead of the newest-first walk.
    named = list(Body.objects.filter(name__contains=terms).values_list("pk", flat=True))
    others = _other_sources(terms, named, items)
    sqlite = default_connection.vendor == "sqlite"
    if narrowed and _at_most(small, SCAN_ALL_LIMIT):
        # A few thousand candidates (a body and a year, say): reading them all is quick and
        # complete, for a query of any length.
        whole = small.filter(_matches(_scanned(terms), others))
        if not sqlite:
            # PostgreSQL read them by a filter index and sorts them (``pk + 0``: no walk of the
            # primary key, which met a busy body's 4,900 items of a year among 5,000,000 only
            # after 0.4–4.7 s, all of them for a term absent from that year).
            whole = whole.order_by((F("pk") + 0).desc())
        return whole
    if len(terms) < TRIGRAM:
        # The window is a range of the primary key (the most recently registered items): one
        # index lookup, then a bounded range scan newest first.
        newest = CatalogItem.objects.aggregate(newest=Max("pk"))["newest"] or 0
        window = Q(pk__range=(newest - SHORT_QUERY_WINDOW + 1, newest))
        if sqlite and others is not None and _many_matches(terms, named):
            # "公安" naming a busy 公安局: walked newest first, as below (2.1–3.6 s → ms).
            walked = _matches(window & _scanned(terms), _hint(others, "likely"))
            return _walk_newest_first(items.filter(walked))
        return items.filter(_matches(window & _scanned(terms), others))
    if sqlite and others is None:
        return _fts_newest_first(items, terms)
    found = items.filter(_matches(_indexed(terms), others))
    if sqlite and others is not None and _many_matches(terms, named):
        # Another source matched (a 机关's name, an attachment's text): FTS cannot stream the
        # OR.  SQLite read each source by its index and sorted every match (a 机关's name
        # matching eleven bodies: 1.5–2.1 s at 1M); the sources made unindexable
        # (``likely``) and a primary-key range let it walk the items newest first instead,
        # testing each row against the FTS matches (read once) and the sources (5 ms).  With
        # few matches the walk would read every item (230 ms): the indexes and a sort serve.
        return _walk_newest_first(items.filter(_matches(_indexed(terms), _hint(others, "likely"))))
    if default_connection.vendor == "postgresql" and not _busy_bodies(named):
        # PostgreSQL estimates a LIKE from a histogram that cannot tell a rare fragment
        # ("/2020-0012": 163 rows) from a common one, both ways: it walked the primary key
        # newest first through most of the table for a rare one (1.3 s at 1M) and sorted the
        # 10,000 trigram matches of a dense one ("〕17号", 75–250 ms at 5M).  So the plan is
        # chosen here.  Not when bodies named by the query hold many items: their items fill
        # the walk's first pages (a name matching eleven bodies: 560 → 10 ms at 1M).
        walkable = validity or isinstance(bodies, Body)
        if _dense_among_newest(items, terms) or (
            walkable and _dense_among_newest_candidates(items, terms)
        ):
            # A page of matches among the newest items (or, for one 机关 or a 有效性, among
            # its newest candidates, walked along ``catitem_body_walk``,
            # ``catitem_validity_walk`` or ``catitem_validity_cat_walk``): walked newest
            # first, each row tested (``_scanned``: no trigram bitmap to turn to — for a
            # common term filtered by 有效性 it read 290,000–630,000 trigram matches to keep a
            # few thousand, 0.5–0.7 s; for one 机关's 6,600 items 0.1–0.18 s).
            return items.filter(_matches(_scanned(terms), others))
        # Otherwise the trigram bitmap, its matches sorted: ordering by ``pk + 0`` takes the
        # primary-key walk away.
        found = found.order_by((F("pk") + 0).desc())
    return found


def _many_matches(terms: str, named: list[int]) -> bool:
    """SQLite: whether the FTS table or the named bodies hold at least :data:`WALK_MIN`
    items (each counted no further, by its index) — enough that a newest-first walk meets
    a page of matches early."""
    if len(terms) >= TRIGRAM:
        with default_connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} "
                "MATCH %s LIMIT %s)",
                [_phrase(terms), WALK_MIN],
            )
            if cursor.fetchone()[0] >= WALK_MIN:
                return True
    return _busy_bodies(named)


def _busy_bodies(named: list[int]) -> bool:
    """Whether the bodies named by the query hold at least :data:`WALK_MIN` items (counted
    no further, by the body index): their items alone fill the first pages of a newest-first
    walk."""
    if not named:
        return False
    return count_up_to(CatalogItem.objects.filter(body__in=named), WALK_MIN) >= WALK_MIN


def _walk_newest_first(items: CatalogItemQuerySet) -> CatalogItemQuerySet:
    """``items`` newest first by a walk of the primary key (every public item: the API's
    ``/catalog`` without filters; or the matches of several sources).  SQLite
    (no statistics) takes the 发布日期 condition of :meth:`CatalogItemQuerySet.public` as
    selective, reads its index and sorts every public item (2.0 s at 1,000,000 items,
    ``benchmarks/bench_api_count.py``); a primary-key range up to the newest item lets it walk
    the primary key newest first and stop at the page (1 ms).  PostgreSQL plans it well."""
    if default_connection.vendor != "sqlite":
        return items
    newest = CatalogItem.objects.aggregate(newest=Max("pk"))["newest"] or 0
    return items.filter(pk__lte=newest)


def _rare(condition: Q) -> Q:
    """SQLite: ``unlikely(condition)``.  ANALYZE tells SQLite that 有效性 and 类别 have three
    values each, not that 废止 is rare, and it then counted "废止" by a skip-scan of a
    机关 index (0.7–2.3 s at 1M); the hint makes it read ``catitem_validity_cat`` or
    ``catitem_cat_made`` (1–4 ms).  PostgreSQL keeps per-value statistics: no hint."""
    return _hint(condition, "unlikely")


def _hint(condition: Q, function: str) -> Q:
    """SQLite: ``condition`` wrapped in the planner hint ``function`` (``likely`` or
    ``unlikely``; the same truth, a different plan); unchanged elsewhere."""
    if default_connection.vendor != "sqlite":
        return condition
    hinted = Func(
        ExpressionWrapper(condition, output_field=BooleanField()),
        function=function,
        output_field=BooleanField(),
    )
    return Q(hinted)


def _dense_among_newest(items: CatalogItemQuerySet, terms: str) -> bool:
    """Whether a first page of matches lies within the :data:`PROBE_ROWS` most recently
    registered items (a bounded primary-key range, tested row by row)."""
    newest = CatalogItem.objects.aggregate(newest=Max("pk"))["newest"] or 0
    window = items.filter(pk__gt=newest - PROBE_ROWS).filter(_scanned(terms))
    return window.order_by()[:PROBE_HITS].count() >= PROBE_HITS


def _dense_among_newest_candidates(items: CatalogItemQuerySet, terms: str) -> bool:
    """Whether a first page of matches lies within the :data:`PROBE_CANDIDATES` newest of
    ``items`` (read newest first by an index, then tested row by row)."""
    newest = items.order_by("-pk").values("pk")[:PROBE_CANDIDATES]
    window = items.filter(pk__in=newest).filter(_scanned(terms))
    return window.order_by()[:PROBE_HITS].count() >= PROBE_HITS


def _at_most(items: CatalogItemQuerySet, limit: int) -> bool:
    """Whether ``items`` holds at most ``limit`` rows (counted no further than ``limit + 1``)."""
    return count_up_to(items, limit) <= limit


def _matches(fields: Q, others: Q | None) -> Q:
    """Every source of a match, OR-ed: the item's own fields (``fields``: how this path
    matches them) and the :func:`_other_sources`."""
    return fields if others is None else fields | others


def _other_sources(terms: str, named: list[int], items: CatalogItemQuerySet) -> Q | None:
    """The sources beyond the item's own text fields, or None when none matches: the items of
    the bodies whose name contains the query (``named``) and those whose attachments' text
    does (:func:`gongkai.apps.catalog.attachment_search.attachment_item_ids`, a separate
    bounded query, three characters or more, added as a literal list — never a subquery OR-ed
    into the condition).  Add a source here."""
    from gongkai.apps.catalog.attachment_search import attachment_item_ids

    sources = []
    if named:
        sources.append(Q(body__in=named))
    in_attachments = attachment_item_ids(items, terms)
    if in_attachments:
        sources.append(Q(pk__in=in_attachments))
    if not sources:
        return None
    condition = sources[0]
    for source in sources[1:]:
        condition |= source
    return condition


def _trigram_like(terms: str) -> Q:
    """PostgreSQL: ``LIKE '%terms%'`` as the trigram indexes serve it (see ``_POSTGRES_INDEX``;
    ``__contains``, not ``__icontains``: a plain trigram index does not serve ILIKE)."""
    pattern = f"%{default_connection.ops.prep_for_like_query(terms)}%"
    index_number = RawSQL(
        f"{_INDEX_NUMBER_WORD} LIKE %s",
        [pattern.translate(str.maketrans(_SEPARATORS, _SEPARATOR_LETTERS))],
        output_field=BooleanField(),
    )
    in_text = Q(title__contains=terms) | Q(doc_number__contains=terms)
    if len(terms) < GRAM:
        return in_text | Q(index_number)
    # The runs index finds the candidates; its condition stays out of the row filter (an
    # array built per row: 20 µs, 0.5 s for 23,000 matches), where ``strpos`` decides.
    runs = RawSQL(
        f"{_GRAMS_FUNCTION}({_ITEM_TABLE}.index_number) @> {_GRAMS_FUNCTION}(%s)",
        [terms],
        output_field=BooleanField(),
    )
    contains = Q(GreaterThan(StrIndex("index_number", Value(terms)), 0))
    return (in_text | Q(runs)) & (in_text | contains)


def _scanned(terms: str) -> Q:
    """The searched fields contain ``terms``, tested row by row (SQLite ``instr``, PostgreSQL
    ``strpos``): no index serves it, so the planners read the bounded candidates they are
    given instead of turning to the trigram indexes."""
    condition = Q()
    for field in SEARCHED_FIELDS:
        condition |= Q(GreaterThan(StrIndex(field, Value(terms)), 0))
    return condition


def _phrase(terms: str) -> str:
    """The query as one quoted FTS5 phrase: no FTS syntax from the visitor."""
    return '"' + terms.replace('"', '""') + '"'


def _indexed(terms: str) -> Q:
    if default_connection.vendor != "sqlite":
        return _trigram_like(terms)
    matched = RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [_phrase(terms)])
    return Q(pk__in=matched)


def _fts_newest_first(items: CatalogItemQuerySet, terms: str) -> CatalogItemQuerySet:
    """SQLite: the items joined to their FTS matches read newest (highest rowid) first, which
    FTS5 streams — a common term stops at the page instead of collecting and sorting every
    match.  ``+rowid`` keeps SQLite from driving the join from the items table."""
    joined = items.extra(  # noqa: S610 (constant SQL, the query is a parameter)
        tables=[FTS_TABLE],
        where=[f"{_ITEM_TABLE}.id = +{FTS_TABLE}.rowid", f"{FTS_TABLE} MATCH %s"],
        params=[_phrase(terms)],
        order_by=[f"-{FTS_TABLE}.rowid"],
    )
    return cast(CatalogItemQuerySet, joined)


def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, every occurrence of the query wrapped in ``<mark>``."""
    terms = search_terms(query)
    if not terms or not text:
        return escape(text or "")
    parts = re.split(f"({re.escape(terms)})", text)
    return mark_safe(  # noqa: S308 (every part is escaped)
        "".join(f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts))
    )
