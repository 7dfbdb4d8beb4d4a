"""Benchmark: the public 专栏 and the machine pages with 1,000,000 catalog items (issue 13,
items 1 and 4).

Run: ``.venv/bin/python benchmarks/bench_sitemap.py [--items N] [--runs N]
[--database-url URL]``. Without ``--database-url`` a temporary SQLite database is used; with a
``postgres://`` URL that database is dropped, created, migrated and filled (give it its own
name, never the project's).

The fill is bulk SQL (`bench_db.load_items`: SQLite ``executemany``, PostgreSQL ``COPY``; the search
triggers and trigram indexes are left out, no page here reads them): ``--items`` items (default
1,000,000; 85 % 主动公开 of which 95 % published, the rest drafts, 依申请公开 and 不予公开). Of them
80 % belong to one body (the "big" body: a county government that files everything it ever
published) over 40 catalog nodes of very different sizes (one holds three items, the largest
hundreds of thousands), the rest are spread over 50 bodies below it.

Each page is fetched through the Django test client (URL routing, the view's queries and the
template, as a visitor gets it) ``--runs`` times after a warm-up; p50/p95 printed. Pages: the
big body's 专栏 (by 法定主动公开内容, and by its catalog nodes: ``?view=nodes``) and 指南, its
Atom feed and its jurisdiction's, ``sitemap.xml`` (the index, which counts the pages of each
section), the first, a middle and the last page of ``sitemap-catalog.xml``, and an item by its
索引号. Target: p95 < 500 ms per page; exits 1 when
over.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from bench_db import add_database_arguments, bench_database, load_items

P95_TARGET_S = 0.5
BODIES = 50
NODES = 40
BIG_SHARE = 0.8

COLUMNS = (
    "body_id", "node_id", "index_number", "title", "summary", "category", "topic", "publisher",
    "doc_number", "made_on", "published_on", "validity", "disclosure", "disclosure_reason",
    "channels", "secrecy_conclusion", "version", "created_at", "updated_at",
)  # fmt: skip
CATEGORIES = ("regulation", "normative", "other", "other", "other", "other")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=10)
    add_database_arguments(parser)
    args = parser.parse_args()
    with bench_database(args) as fill:
        if fill:
            _fill(args.items)
        return _run(args.runs)


# ---------------------------------------------------------------------------------------------
# Filling
# ---------------------------------------------------------------------------------------------


def _node_weights() -> list[float]:
    # Zipf-like: the first node holds most items, the last a handful.
    return [1.0 / (k + 1) ** 1.6 for k in range(NODES)]


def _rows(
    big: int, big_nodes: list[int], others: list[int], count: int, now: str
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(12)
    weights = _node_weights()
    today = date.today()
    for i in range(count):
        made = today - timedelta(days=rng.randrange(3650))
        r = rng.random()
        disclosure = "主动公开" if r < 0.85 else "依申请公开" if r < 0.95 else "不予公开"
        published = None
        if disclosure == "主动公开" and rng.random() < 0.95:
            published = min(made + timedelta(days=rng.randrange(40)), today)
        if rng.random() < BIG_SHARE:
            body, node = big, rng.choices(big_nodes, weights)[0]
        else:
            body, node = others[i % len(others)], None
        yield (
            body, node, f"BENCH-{made.year}-{i:07d}", f"基准测试信息第{i}号", "",
            CATEGORIES[i % len(CATEGORIES)], "", "", "", made, published, "valid", disclosure,
            "" if disclosure == "主动公开" else "涉及内部事务信息",
            "政府网站" if published else "", "", 1, now, now,
        )  # fmt: skip


def _fill(count: int) -> None:
    from django.db import connection

    from gongkai.apps.catalog.models import CatalogNode
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import create_body
    from gongkai.apps.reports.column import RULES_NODE_NAME

    start = time.perf_counter()
    now = datetime.now().isoformat(sep=" ")
    big = create_body("基准测试县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)
    others = [create_body(f"基准测试县第{i + 1}局", parent=big).pk for i in range(BODIES)]
    root = CatalogNode.objects.create(body=big, name="政府信息公开目录")
    names = [RULES_NODE_NAME, *(f"目录{k}" for k in range(1, NODES))]
    nodes = [
        CatalogNode.objects.create(body=big, parent=root, name=name, order=k).pk
        for k, name in enumerate(names)
    ]
    nodes.reverse()  # the 制度 node is the smallest
    rows = _rows(big.pk, nodes, others, count, now)
    load_items(COLUMNS, rows)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
    if connection.vendor == "postgresql":
        # As autovacuum leaves a table: the visibility map set, so index-only scans stay so.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE catalog_catalogitem")
    print(
        f"{connection.vendor}: {count:,} items loaded in {time.perf_counter() - start:.1f} s",
        flush=True,
    )


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _run(runs: int) -> int:
    from django.conf import settings

    # Pages are rendered without ``collectstatic``: plain static URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.orgs.models import Body
    from gongkai.web.sitemaps import CatalogItemSitemap

    big = Body.objects.get(name="基准测试县人民政府")
    public = CatalogItem.objects.public()
    n_public = public.count()
    n_big = public.filter(body=big).count()
    pages = -(-n_public // CatalogItemSitemap.limit)
    item = public.filter(body=big).order_by("pk").last()
    assert item is not None
    print(
        f"{n_public:,} public items ({n_big:,} of the big body), {pages} sitemap pages; "
        f"p50/p95 of {runs} runs each",
        flush=True,
    )
    cases = {
        "专栏 (big body)": reverse("column:body", args=[big.pk]),
        "专栏 ?view=nodes": reverse("column:body", args=[big.pk]) + "?view=nodes",
        "指南": reverse("column:guide", args=[big.pk]),
        "feed.atom": reverse("column:feed", args=[big.pk]),
        "jurisdiction.atom": reverse("column:jurisdiction_feed", args=[big.pk]),
        "sitemap.xml (index)": reverse("sitemap"),
        "sitemap-bodies.xml": reverse("sitemap_section", args=["bodies"]),
        "sitemap-catalog p=1": reverse("sitemap_section", args=["catalog"]) + "?p=1",
        f"sitemap-catalog p={pages // 2}": reverse("sitemap_section", args=["catalog"])
        + f"?p={max(pages // 2, 1)}",
        f"sitemap-catalog p={pages}": reverse("sitemap_section", args=["catalog"]) + f"?p={pages}",
        "item by 索引号": reverse("catalog:public_by_index", args=[big.pk, item.index_number]),
    }
    client = Client(HTTP_HOST="localhost")
    ok = True
    for name, url in cases.items():
        first = client.get(url)  # warm-up
        assert first.status_code in (200, 301), (url, first.status_code)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append(time.perf_counter() - start)
        p95 = _p95(times)
        ok &= p95 < P95_TARGET_S
        print(
            f"  {name:<26} p50 {statistics.median(times) * 1000:7.1f} ms  "
            f"p95 {p95 * 1000:7.1f} ms  {'ok' if p95 < P95_TARGET_S else 'OVER'}",
            flush=True,
        )
    print(f"{connection.vendor}: {'all p95 under' if ok else 'some p95 over'} 500 ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
