"""Benchmark: the API's paginated answers at 1,000,000 catalog items (issue 13, Build 3): the
page count bounded at ``COUNT_LIMIT`` (``{items, count, count_capped}``) against a full
``COUNT(*)``.

Run: ``.venv/bin/python benchmarks/bench_api_count.py [--items N] [--runs N]
[--database-url URL] [--db PATH]``. Without ``--database-url`` a temporary SQLite database is
used (``--db PATH`` keeps it and reuses it, unfilled, next time); a ``postgres://`` URL names a
database of its own that is dropped, created, migrated and filled (``--reuse``: a database this
script filled before is used as it is).

The fill is its own (bulk SQL: SQLite ``executemany`` with the table's triggers dropped and the
search index rebuilt once; PostgreSQL ``COPY`` with the table's secondary indexes dropped and
recreated): ``--items`` items over 20 bodies, 90 % published 主动公开, titles of common words.

Timed through Django's test client (median of ``--runs``): ``/api/v1/catalog`` (first page, page
200, one body, one year, a query matching many rows, one matching few) and ``/api/v1/search``;
then the count queries alone: a full ``COUNT(*)`` of the public items next to the count bounded
at 10,001 rows. Run it with the checkout of ``main`` (its venv) for the "before" numbers: the
script uses nothing but the API's URLs and the ORM.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import quote, unquote

from bench_db import add_database_arguments, bench_database

BODIES = 20
BATCH = 50_000
BOUND = 10_000  # kernel.tables.COUNT_LIMIT, written here so that main's checkout runs it too
WORDS = ("乡村振兴", "安全生产", "财政预算", "义务教育", "防汛抗旱", "环境保护", "市场监管")
KINDS = ("工作方案", "实施意见", "管理办法", "通知", "公告", "情况报告")
RARE = "鹭鸶湾湿地"  # in one title in 50,000
CREDIT_CODE = "11341100MB0000001X"  # the first body's, so that ?body= can name it
COLUMNS = (
    "body_id", "index_number", "title", "summary", "category", "topic", "publisher",
    "doc_number", "made_on", "published_on", "validity", "disclosure", "disclosure_reason",
    "channels", "secrecy_conclusion", "version", "created_at", "updated_at",
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    add_database_arguments(parser)
    args = parser.parse_args()
    with bench_database(args, settings="gongkai.web.settings_test") as fill:
        if fill:
            _fill(args.items)
        return _run(args.runs)


def _rows(body_ids: list[int], count: int, now: str) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(29)
    for i in range(count):
        made = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
        public = rng.random() < 0.9
        rare = RARE if rng.randrange(50_000) == 0 else ""
        title = f"关于{rare}{rng.choice(WORDS)}{rng.choice(KINDS)}的第{i}号文件"
        yield (
            body_ids[i % len(body_ids)], f"BENCH-{i:07d}", title, "", "other", "", "", "",
            made, made + timedelta(days=3) if public else None, "valid", "主动公开", "",
            "政府网站" if public else "", "", 1, now, now,
        )  # fmt: skip


def _fill(count: int) -> None:
    from django.db import connection, transaction

    from gongkai.apps.catalog.search import install_search_index
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.orgs.services import create_body

    start = time.perf_counter()
    now = datetime.now().isoformat(sep=" ")
    county = create_body("计数基准县人民政府")
    body_ids = [create_body(f"计数基准县第{i + 1}局", parent=county).pk for i in range(BODIES)]
    Body.objects.filter(pk=body_ids[0]).update(credit_code=CREDIT_CODE)
    rows = _rows(body_ids, count, now)
    table = "catalog_catalogitem"
    indexes: list[str] = []
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The secondary indexes not backing a constraint, rebuilt after the load.
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = %s AND "
                "NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = "
                "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
                [table],
            )
            for name, definition in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{name}"')
                indexes.append(definition)
            with cursor.cursor.copy(f"COPY {table} ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.execute("PRAGMA cache_size = -500000")
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER "{name}"')
            sql = f"INSERT INTO {table} ({', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * 18)})"
            batch: list[tuple[Any, ...]] = []
            for row in rows:
                batch.append(row)
                if len(batch) == BATCH:
                    cursor.executemany(sql, batch)
                    batch = []
            cursor.executemany(sql, batch)
    loaded = time.perf_counter() - start
    with transaction.atomic(), connection.cursor() as cursor:
        for definition in indexes:
            cursor.execute(definition)
        install_search_index(connection)  # SQLite: the triggers back, the FTS table rebuilt
        cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {count:,} items loaded in {loaded:.1f} s, "
        f"indexed in {time.perf_counter() - start - loaded:.1f} s",
        flush=True,
    )


def _median_ms(runs: int, call: Callable[[], Any]) -> float:
    call()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _run(runs: int) -> int:
    from django.db import connection
    from django.test import Client

    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.orgs.models import Body

    body = Body.objects.filter(name="计数基准县第1局").get()
    code = quote(body.code or "")
    public = CatalogItem.objects.public()
    print(f"{connection.vendor}: {CatalogItem.objects.count():,} items, median of {runs} runs")
    client = Client(HTTP_HOST="127.0.0.1")
    urls = [
        "/api/v1/catalog",
        "/api/v1/catalog?page=200",
        *([f"/api/v1/catalog?body={code}"] if code else []),
        "/api/v1/catalog?year=2020",
        f"/api/v1/catalog?q={quote('通知')}",
        f"/api/v1/catalog?q={quote(RARE)}",
        f"/api/v1/search?q={quote('安全生产')}",
    ]
    for url in urls:
        answer: dict[str, Any] = {}

        def get(url: str = url, answer: dict[str, Any] = answer) -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code, response.content)
            answer.update(response.json())

        ms = _median_ms(runs, get)
        capped = answer.get("count_capped", "—")
        shown = unquote(url)
        print(f"  {shown:<44} {ms:8.1f} ms  count {answer['count']:>9,}  capped {capped}")
    full = _median_ms(runs, lambda: public.count())
    bounded = _median_ms(runs, lambda: public.order_by()[: BOUND + 1].count())
    print(f"  COUNT(*) of the public items                     {full:8.1f} ms")
    print(f"  count bounded at {BOUND + 1:,} rows                    {bounded:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
