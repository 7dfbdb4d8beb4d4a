"""Plain INSERTs for the bulk paths (ledger imports, the audit entries they write).

The ORM's ``bulk_create`` prepares every value through the SQL compiler, which costs more
than the rest of a 10,000-row import together (``benchmarks/bench_ledger_import.py``); these
helpers send the column values with ``executemany``, preparing only the values that need it
(dates, timestamps, JSON) as Django would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

__all__ = ["insert_rows", "row_values"]

_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.ForeignKey,
)
_CHUNK = 2000


def row_values(obj: models.Model) -> dict[str, Any]:
    """The column values of ``obj`` by attname (auto timestamps filled in)."""
    now = timezone.now()
    values: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        value = getattr(obj, f.attname)
        if value is None and isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
            value = now
        values[f.attname] = value
    return values


def _converter(field: models.Field[Any, Any], conn: Any) -> Callable[[Any], Any] | None:
    """How a value of ``field`` goes into the INSERT: as is, or prepared as Django does."""
    if isinstance(field, _PLAIN_FIELDS):
        return None
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        return str  # BaseDatabaseOperations.adapt_datefield_value
    memo: dict[Any, Any] = {}

    def prepare(value: Any) -> Any:
        if isinstance(value, datetime):  # the few timestamps of one import: once each
            if value not in memo:
                memo[value] = field.get_db_prep_save(value, conn)
            return memo[value]
        return field.get_db_prep_save(value, conn)

    return prepare


def insert_rows(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (attname → value) into ``model``'s table, without the auto primary key.

    Runs in the caller's transaction; the caller reads the new keys back if it needs them.
    """
    if not rows:
        return
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    conn = connections[DEFAULT_DB_ALIAS]
    quote = conn.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    converters = [_converter(f, conn) for f in fields]
    params = [
        [
            None if value is None else convert(value) if convert else value
            for convert, value in zip(converters, [row.get(f.attname) for f in fields], strict=True)
        ]
        for row in rows
    ]
    with conn.cursor() as cursor:
        for start in range(0, len(params), _CHUNK):
            cursor.executemany(sql, params[start : start + _CHUNK])
