"""Benchmark: the public search page /catalog/search/ over 100,000 catalog items (issue 13).

Run: ``.venv/bin/python benchmarks/bench_search_page.py [--items N] [--runs N]
[--database-url postgres://…/gk_bench_search_page]``. Without ``--database-url`` a temporary
SQLite database is used; a PostgreSQL database named there is dropped, created and migrated
(give it its own name, never the project's).

The fill goes through the ORM's ``bulk_create``, so the search index is kept the way the
platform keeps it (the FTS5 triggers on SQLite, the ``pg_trgm`` GIN indexes on PostgreSQL):
``--items`` items (85 % 主动公开 of which 95 % published; the rest drafts, 依申请公开, 不予公开)
over a county, 30 departments and 60 offices below them, titles of common administrative words,
40 % with a 文号, one public item in five with one or two files.

Then it asks the page itself through Django's test client — the filter form, the search, the
bounded count (up to 10,001 rows), the table with the marked words and the files — for every
kind of request (``--runs`` times each query, after a warm-up) and prints p50/p95 of the whole
response, the queries each page ran and the size of the HTML. Exits 1 when a p95 is over
:data:`P95_TARGET_S` (300 ms: the search itself, bench_search.py, aims at 100 ms).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

from bench_db import add_database_arguments, bench_database

P95_TARGET_S = 0.3
COUNTY = "基准县人民政府"
SEED = 2026
WORDS = ("乡村振兴", "防汛抗旱", "安全生产", "城乡低保", "义务教育", "森林防火", "河长制",
         "住房保障", "垃圾分类", "食品安全", "养老服务", "耕地保护")  # fmt: skip
KINDS = ("实施方案", "管理办法", "通知", "公告", "工作报告", "资金分配结果")
TOWNS = ("城关镇", "东山乡", "西河镇", "南湖街道", "北坡乡")
ISSUERS = ("政办发", "农发", "教发", "财发", "林发")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10)
    add_database_arguments(parser)
    args = parser.parse_args()
    with bench_database(args, settings="gongkai.web.settings_test") as fill:
        if fill:
            county = _fill(args.items)
        else:
            from gongkai.apps.orgs.models import Body

            county = Body.objects.get(name=COUNTY)
        return _measure(args.runs, county)


def _fill(count: int) -> Any:
    """The bodies (a county, 30 departments, two offices under each), ``count`` items, files."""
    from django.db import connection, transaction

    from gongkai.apps.catalog.models import CatalogAttachment, CatalogItem
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import create_body

    rng = random.Random(SEED)
    start = time.perf_counter()
    county = create_body(COUNTY, kind=BodyKind.COUNTY_GOVERNMENT)
    bodies = [county]
    for d in range(30):
        dept = create_body(f"基准县第{d + 1}局", parent=county)
        bodies += [dept] + [
            create_body(f"基准县第{d + 1}局第{k + 1}所", parent=dept) for k in (0, 1)
        ]
    with transaction.atomic():
        batch: list[CatalogItem] = []
        for i in range(count):
            batch.append(_item(rng, bodies[i % len(bodies)], i))
            if len(batch) == 5_000:
                CatalogItem.objects.bulk_create(batch)
                batch = []
        CatalogItem.objects.bulk_create(batch)
        files = []
        for pk in CatalogItem.objects.public().values_list("pk", flat=True).iterator():
            if rng.random() < 0.2:
                for n in range(1 + (rng.random() < 0.3)):
                    files.append(
                        CatalogAttachment(
                            item_id=pk,
                            file=f"attachments/bench/{pk}-{n}.pdf",
                            original_name=f"附件{n + 1}.pdf",
                            size=rng.randrange(10_000, 5_000_000),
                            content_type="application/pdf",
                            sha256=f"{pk:032d}{n:032d}",
                        )
                    )
        CatalogAttachment.objects.bulk_create(files, batch_size=5_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {count:,} items over {len(bodies)} bodies, {len(files):,} files, "
        f"filled in {time.perf_counter() - start:.0f} s",
        flush=True,
    )
    return county


def _item(rng: random.Random, body: Any, i: int) -> Any:
    from gongkai.apps.catalog.models import CatalogItem

    made = date(2016, 1, 1) + timedelta(days=rng.randrange(3650))
    roll = rng.random()
    disclosure = "主动公开" if roll < 0.85 else "依申请公开" if roll < 0.95 else "不予公开"
    published = None
    if disclosure == "主动公开" and rng.random() < 0.95:
        published = made + timedelta(days=rng.randrange(30))
    title = f"{rng.choice(TOWNS)}{rng.choice(WORDS)}{rng.choice(KINDS)}（第{i}号）"
    doc = f"基准{rng.choice(ISSUERS)}〔{made.year}〕{i % 300}号" if rng.random() < 0.4 else ""
    return CatalogItem(
        body=body,
        index_number=f"BENCH-{made.year}-{i:06d}",
        title=title,
        category=rng.choice(("normative", "other", "other", "other")),
        doc_number=doc,
        made_on=made,
        published_on=published,
        disclosure=disclosure,
        disclosure_reason="" if disclosure == "主动公开" else "内部事务信息",
        channels="政府网站" if published else "",
        secrecy_conclusion="approved" if published else "",
        secrecy_reviewed_on=made if published else None,
    )


def _measure(runs: int, county: Any) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongkai.apps.orgs.models import Body

    dept = Body.objects.get(name="基准县第7局")
    requests: dict[str, list[dict[str, Any]]] = {
        "no words (the hint)": [{}],
        "1 char": [{"q": "镇"}, {"q": "案"}],
        "2 chars": [{"q": "防汛"}, {"q": "公告"}],
        "3-4 chars": [{"q": "河长制"}, {"q": "乡村振兴"}],
        "文号 fragment": [{"q": "〔2023〕"}, {"q": "农发〔2021〕1"}],
        "body + 下级 + year": [{"q": "通知", "body": dept.pk, "below": "on", "year": 2022}],
        "county + 下级, 类别, 有效性": [
            {
                "q": "管理办法",
                "body": county.pk,
                "below": "on",
                "category": "normative",
                "validity": "valid",
            }
        ],  # fmt: skip
        "page 5": [{"q": "乡村振兴", "page": 5}],
        "miss": [{"q": "没有这样的文件"}],
    }
    client = Client(HTTP_HOST="localhost")
    print(f"p50/p95 of the whole page (test client), {runs} runs per request")
    ok = True
    query_counts: set[int] = set()
    for kind, cases in requests.items():
        times: list[float] = []
        notes = []
        for params in cases:
            response = client.get("/catalog/search/", params)  # warm-up
            assert response.status_code == 200, (params, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get("/catalog/search/", params)
            ran = len(queries)
            if params:
                query_counts.add(ran)
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get("/catalog/search/", params)
                times.append(time.perf_counter() - start)
            html = response.content.decode()
            rows = html.count('<td class="gk-stack-title"')
            notes.append(
                f"{params.get('q', '—')}: {rows} rows, {ran} queries, "
                f"{len(response.content) // 1024} KB"
            )
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        ok &= p95 < P95_TARGET_S
        print(
            f"  {kind:<28} p50 {statistics.median(times) * 1000:6.1f} ms  "
            f"p95 {p95 * 1000:6.1f} ms  {'ok' if p95 < P95_TARGET_S else 'OVER'}  "
            f"({'; '.join(notes)})",
            flush=True,
        )
    print(f"queries per page with results: {sorted(query_counts)}")
    print(
        f"{connection.vendor}: {'every p95 under' if ok else 'NOT every p95 under'} "
        f"{P95_TARGET_S * 1000:.0f} ms"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
