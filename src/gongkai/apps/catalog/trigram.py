"""Trigram indexes for Chinese substring search, one installer for both engines.

A :class:`TrigramIndex` names a table and the text columns to index. On SQLite it is an FTS5
``tokenize='trigram'`` *external-content* table over the table (no copy of the text) kept by
three triggers (insert, delete, update of the columns), so every write — actions, imports,
``QuerySet.update``, bulk SQL — updates it in its own transaction. On PostgreSQL it is one
``pg_trgm`` GIN index (``gin_trgm_ops``) per column, which serves ``LIKE '%q%'``.

:func:`install_trigram_index` is idempotent and runs after every ``migrate`` (Django rebuilds
an altered SQLite table without its triggers: a missing trigger rebuilds the FTS table).
The catalog items' own index (``search.install_search_index``) follows the same design.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["TrigramIndex", "install_trigram_index"]


@dataclass(frozen=True)
class TrigramIndex:
    """The FTS5 table ``fts_table`` over ``columns`` of ``table`` (SQLite), or the GIN
    indexes ``<pg_prefix>_<column>_trgm`` (PostgreSQL)."""

    table: str
    columns: tuple[str, ...]
    fts_table: str
    pg_prefix: str

    @property
    def triggers(self) -> set[str]:
        return {f"{self.fts_table}_{kind}" for kind in ("ai", "ad", "au")}

    def sqlite_statements(self) -> list[str]:
        fts, table = self.fts_table, self.table
        columns = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        delete = f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {old});"
        insert = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {new});"
        return [
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, "
            f"content='{table}', content_rowid='id', tokenize='trigram')",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {columns} ON {table} "
            f"BEGIN {delete} {insert} END",
        ]

    def postgres_indexes(self) -> dict[str, str]:
        """Index name → its ``CREATE INDEX`` statement."""
        return {
            f"{self.pg_prefix}_{column}_trgm": f"CREATE INDEX IF NOT EXISTS "
            f"{self.pg_prefix}_{column}_trgm ON {self.table} USING gin ({column} gin_trgm_ops)"
            for column in self.columns
        }


def install_trigram_index(connection: BaseDatabaseWrapper, index: TrigramIndex) -> bool:
    """Create ``index`` if it is missing (idempotent); True when the SQLite FTS table was
    (re)built because a trigger was missing."""
    if index.table not in connection.introspection.table_names():
        return False  # migrated back before the table: nothing to index
    with connection.cursor() as cursor:
        described = connection.introspection.get_table_description(cursor, index.table)
        if not set(index.columns) <= {column.name for column in described}:
            return False  # migrated to a state before the indexed columns (a partial migrate)
        if connection.vendor == "postgresql":
            # Only what is missing: even "IF NOT EXISTS" is refused on a table with pending
            # trigger events in the transaction.
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [index.table])
            present = {row[0] for row in cursor.fetchall()}
            missing = [sql for name, sql in index.postgres_indexes().items() if name not in present]
            if missing:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            for statement in missing:
                cursor.execute(statement)
            return False
        if connection.vendor != "sqlite":
            return False
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [index.table],
        )
        if {row[0] for row in cursor.fetchall()} >= index.triggers:
            return False
        for statement in index.sqlite_statements():
            cursor.execute(statement)
        cursor.execute(f"INSERT INTO {index.fts_table}({index.fts_table}) VALUES ('rebuild')")
        return True
