"""Benchmark: the 专栏's 法定主动公开内容 of one body with many items (issue 13 Build 1).

Run: ``.venv/bin/python benchmarks/bench_column_contents.py [--items N] [--runs N]
[--database-url URL]``. Without ``--database-url`` a temporary SQLite database is used; with a
``postgres://`` URL that database is dropped, created, migrated and filled (its own name).

The fill is bulk SQL: ``--items`` items (default 100,000) of ONE county department, 90 %
主动公开 and published, spread over the 27 contents of 条例第二十条、第二十一条 (skewed: item
(一) and (十五) the most; 10 % without a content), plus 20 other bodies below the same county
with ``--items``/10 items each. Then it times, ``--runs`` times each, p50/p95:

- the body's 专栏 groups (:func:`gongkai.apps.reports.contents.content_groups`: the counts by
  content and the newest 5 of every content);
- the jurisdiction counts of the county (:func:`content_counts`: every body below);
- the first page (20 rows) of the public catalog filtered by one content.

and prints the SQLite/PostgreSQL plan of the newest-of-a-content query.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from typing import Any

from bench_db import add_database_arguments, bench_database, load_items

OTHER_BODIES = 20
COLUMNS = (
    "body_id", "index_number", "title", "summary", "category", "topic", "publisher",
    "doc_number", "made_on", "published_on", "validity", "disclosure", "disclosure_reason",
    "channels", "secrecy_conclusion", "version", "created_at", "updated_at", "content",
)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    add_database_arguments(parser)
    args = parser.parse_args()
    with bench_database(args) as fill:
        if fill:
            _fill(args.items)
        _run(args.runs)
    return 0


def _rows(
    body_id: int, count: int, keys: list[str | None], weights: list[float], now: str
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(body_id)
    for i in range(count):
        made = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
        public = rng.random() < 0.9
        content = rng.choices(keys, weights)[0]
        yield (
            body_id, f"B{body_id}-{made.year}-{i:07d}", f"第{i}号信息", "", "other", "", "", "",
            made, made + timedelta(days=rng.randrange(20)) if public else None, "valid",
            "主动公开" if public else "依申请公开", "" if public else "内部事务",
            "政府网站" if public else "", "", 1, now, now, content,
        )  # fmt: skip


def _fill(count: int) -> None:
    from django.db import connection, transaction

    from gongkai.apps.catalog.search import install_search_index
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import create_body
    from gongkai.domain.catalog.contents import CONTENT_KEYS

    start = time.perf_counter()
    now = datetime.now().isoformat(sep=" ")
    keys: list[str | None] = [*CONTENT_KEYS, None]
    weights = [30.0 if k in ("a20.1", "a20.15") else 4.0 for k in CONTENT_KEYS] + [14.0]
    county = create_body("基准测试县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)
    big = create_body("基准测试县大局", parent=county)
    others = [create_body(f"基准测试县第{i + 1}局", parent=county) for i in range(OTHER_BODIES)]
    batches = [_rows(big.pk, count, keys, weights, now)] + [
        _rows(b.pk, count // 10, keys, weights, now) for b in others
    ]
    load_items(COLUMNS, itertools.chain.from_iterable(batches))
    with transaction.atomic(), connection.cursor() as cursor:
        install_search_index(connection)
        cursor.execute("ANALYZE")
    total = count + OTHER_BODIES * (count // 10)
    print(
        f"{connection.vendor}: {total:,} items ({count:,} in one body) loaded and indexed in "
        f"{time.perf_counter() - start:.1f} s",
        flush=True,
    )


def _timed(label: str, runs: int, work: Callable[[], object]) -> None:
    work()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"  {label:<46} p50 {statistics.median(times) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms",
        flush=True,
    )


def _run(runs: int) -> None:
    from django.db import connection
    from django.db.models import Count, QuerySet

    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.reports.contents import content_counts, content_groups

    big = Body.objects.get(name="基准测试县大局")
    county = Body.objects.get(name="基准测试县人民政府")
    items: QuerySet[CatalogItem] = CatalogItem.objects.public().filter(body=big)
    subtree = CatalogItem.objects.public().filter(body__in=county.subtree().order_by().values("pk"))
    print(f"{items.count():,} public items in the body, {subtree.count():,} in the county")
    counts = items.order_by().values_list("content").annotate(n=Count("pk"))
    _timed(
        "专栏 groups (counts + newest 5 of each)",
        runs,
        lambda: content_groups(items, big.pk, big.kind),
    )
    _timed("counts by content only", runs, lambda: list(counts.all()))
    body_ids = list(county.subtree().values_list("pk", flat=True))
    public = CatalogItem.objects.public()
    _timed("jurisdiction counts (21 bodies)", runs, lambda: content_counts(public, body_ids, ""))
    newest = items.filter(content="a20.7").order_by("-published_on", "-pk")
    _timed("public catalog ?content=a20.7, first 20 rows", runs, lambda: list(newest[:20]))
    sql, params = newest[:5].query.sql_with_params()
    with connection.cursor() as cursor:
        explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(explain + sql, params)
        plan = [" ".join(str(c) for c in row) for row in cursor.fetchall()]
    print("  plan of the newest 5 of a content:\n    " + "\n    ".join(plan))


if __name__ == "__main__":
    sys.exit(main())
