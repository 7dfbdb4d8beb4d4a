"""The database of a benchmark script (imported by the ``bench_*.py`` scripts beside it).

``--database-url postgres://…/<name>`` names a PostgreSQL database of the benchmark's own: it is
dropped, created (``C.UTF-8``, so that pg_trgm indexes CJK trigrams), migrated and filled, or
used as it is with ``--reuse``. Without it, an SQLite file: a temporary one, or ``--db PATH``,
which is kept and reused unfilled the next time.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "add_database_arguments",
    "bench_database",
    "copy_rows",
    "load_items",
    "recreate_postgres",
]


def add_database_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--database-url", help="postgres://… of its own (dropped and refilled)")
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL: use it as filled")
    parser.add_argument("--db", type=Path, help="SQLite: keep (and reuse, unfilled) this file")


@contextmanager
def bench_database(args: argparse.Namespace, settings: str | None = None) -> Iterator[bool]:
    """Point Django at the benchmark's database (``DATABASE_URL``, a temporary
    ``GONGKAI_VAR_DIR``, ``settings`` or the default settings), migrate it, and yield whether it
    must be filled."""
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        if args.database_url:
            url, fill = args.database_url, not args.reuse
            if fill:
                recreate_postgres(url)
        else:
            db = args.db.resolve() if args.db else Path(tmp) / "bench.sqlite3"
            url, fill = f"sqlite:///{db}", not db.exists()
        os.environ["DATABASE_URL"] = url
        os.environ["GONGKAI_VAR_DIR"] = str(Path(tmp) / "var")
        if settings:
            os.environ["DJANGO_SETTINGS_MODULE"] = settings
        else:
            os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        from gongkai.web.runtime import ensure_database

        ensure_database()
        yield fill


def recreate_postgres(url: str) -> None:
    """Drop and create the benchmark's PostgreSQL database (never ``gongkai`` or
    ``postgres``)."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if name in ("", "gongkai", "postgres"):
        raise SystemExit("给基准测试一个自己的数据库名（不能是 gongkai 或 postgres）。")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 LC_CTYPE 'C.UTF-8' "
                     "LC_COLLATE 'C.UTF-8' ENCODING 'UTF8'")  # fmt: skip


#: The PostgreSQL search indexes of the items (``catalog.search``: trigrams, 索引号 runs, the
#: 机关/有效性 walks): dropped before a bulk load, built again by ``install_search_index``.
ITEM_TRIGRAM_INDEXES = (
    "catitem_title_trgm",
    "catitem_doc_number_trgm",
    "catitem_index_number_word_trgm",
    "catitem_index_number_grams",
    "catitem_body_walk",
    "catitem_validity_walk",
    "catitem_validity_cat_walk",
)


def load_items(
    columns: Sequence[str], rows: Iterable[tuple[Any, ...]], batch: int = 50_000
) -> None:
    """Bulk-load catalog items in one transaction: PostgreSQL ``COPY`` with the trigram indexes
    dropped, SQLite ``executemany`` with the FTS triggers dropped; the caller then runs
    ``install_search_index`` (the triggers and an FTS rebuild / the GIN indexes)."""
    from django.db import connection, transaction

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous = OFF")
            cursor.execute("PRAGMA cache_size = -1000000")
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {', '.join(ITEM_TRIGRAM_INDEXES)}")
            copy_sql = f"COPY catalog_catalogitem ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for trigger in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER IF EXISTS catalog_item_fts_{trigger}")
        sql = (
            f"INSERT INTO catalog_catalogitem ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))})"
        )
        pending: list[tuple[Any, ...]] = []
        for row in rows:
            pending.append(row)
            if len(pending) == batch:
                cursor.executemany(sql, pending)
                pending = []
        cursor.executemany(sql, pending)


def copy_rows(table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
    """PostgreSQL only: ``COPY`` ``rows`` into ``table`` in the caller's transaction, the
    table's secondary indexes (those not backing a constraint) dropped during the load and
    created again after it. Returns the number of rows."""
    from django.db import connection

    count = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND "
            "NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = "
            "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        names = ", ".join(f'"{c}"' for c in columns)
        with cursor.cursor.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
        # The deferred foreign-key checks of the rows first: an index cannot be created on a
        # table with pending trigger events.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for _name, definition in indexes:
            cursor.execute(definition)
    return count
