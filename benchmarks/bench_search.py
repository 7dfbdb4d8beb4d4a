"""Benchmark: Chinese search over 1,000,000 published items (issue 13, item 2).

Run: ``.venv/bin/python benchmarks/bench_search.py [--items N] [--runs N]
[--database-url URL]``. Without ``--database-url`` a temporary SQLite database is used; with a
``postgres://`` URL that database is dropped, created, migrated and filled (give it its own
name, never the project's).

The fill is bulk SQL (SQLite ``executemany`` with the search triggers dropped and the FTS table
rebuilt once; PostgreSQL ``COPY`` with the GIN indexes built after the load): ``--items`` items
(default 1,000,000; 85 % 主动公开 of which 95 % published, the rest drafts, 依申请公开 and 不予公开)
over 200 bodies, titles made of common Chinese administrative words (so a query of one or two
characters matches hundreds of thousands of rows, a rare word a few dozen), 40 % with a 文号.

Then, for each query kind — one, two, three and four characters, 文号 fragments, a rare word,
a miss, and a query filtered by body and year — it times the first page of
:func:`gongkai.apps.catalog.search.search_public` (21 rows read, as the lazily paged list reads
them) ``--runs`` times per query and prints p50/p95. Target: p95 < 100 ms; exits 1 when over.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

from bench_db import add_database_arguments, bench_database, load_items

P95_TARGET_S = 0.1
BODIES = 200
PAGE = 21
TOPICS = (
    "乡村振兴", "疫情防控", "防汛抗旱", "安全生产", "财政预算", "城乡低保", "义务教育", "医疗保障",
    "森林防火", "环境保护", "交通运输", "住房保障", "农田水利", "就业创业", "养老服务", "食品安全",
    "市场监管", "人才引进", "招商引资", "文化旅游", "生态补偿", "退役军人", "残疾人就业",
    "耕地保护",
    "征地补偿", "危房改造", "供水工程", "垃圾分类", "河长制", "网格化管理",
)  # fmt: skip
ACTIONS = ("工作方案", "实施意见", "管理办法", "通知", "公告", "情况报告", "考核结果", "资金分配")
PLACES = ("城关镇", "东山乡", "西河镇", "南湖街道", "北坡乡", "新华社区", "河口村", "青山镇")
RARE = "鹭鸶湾湿地"  # in one title in 20,000
QUERIES = {
    "1 char": ["水", "镇", "案", "鹭"],
    "2 chars": ["防汛", "低保", "公告", "湿地"],
    "3 chars": ["安全生", "城关镇", "补偿款", "河长制"],
    "4 chars": ["乡村振兴", "管理办法", "南湖街道", "垃圾分类"],
    "文号 fragment": ["〔2023〕", "政办发〔2021〕1", "农发", "〕17号"],
    "索引号 fragment": ["MB0000017X/2019", "/2020-0012", "2021-00123", "X/2018-"],
    "rare word": [RARE, "鹭鸶湾"],
    "miss": ["无此内容的查询", "不存在"],
}
DOC_PREFIXES = ("政办发", "政发", "农发", "教发", "财发", "卫发", "环发", "林发")


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

COLUMNS = (
    "body_id", "index_number", "title", "summary", "category", "topic", "publisher",
    "doc_number", "made_on", "published_on", "validity", "disclosure", "disclosure_reason",
    "channels", "secrecy_conclusion", "version", "created_at", "updated_at", "repealed_on",
)  # fmt: skip


def _rows(
    body_ids: list[int], count: int, now: str, first_year: int = 2016, years: int = 10
) -> Iterator[tuple[Any, ...]]:
    """``count`` items over ``body_ids`` (in turn), made in ``years`` years from
    ``first_year``."""
    rng = random.Random(13)
    for i in range(count):
        made = date(first_year, 1, 1) + timedelta(days=rng.randrange(365 * years))
        r = rng.random()
        disclosure = "主动公开" if r < 0.85 else "依申请公开" if r < 0.95 else "不予公开"
        published = None
        if disclosure == "主动公开" and rng.random() < 0.95:
            published = made + timedelta(days=rng.randrange(40))
        place = PLACES[rng.randrange(len(PLACES))]
        topic = TOPICS[rng.randrange(len(TOPICS))]
        action = ACTIONS[rng.randrange(len(ACTIONS))]
        extra = RARE if rng.randrange(20_000) == 0 else ""
        c = rng.random()
        category = "regulation" if c < 0.05 else "normative" if c < 0.3 else "other"
        v = rng.random()
        validity = "valid"
        if category != "other":
            validity = "valid" if v < 0.85 else "expired" if v < 0.95 else "repealed"
        title = f"关于{place}{extra}{topic}{action}的第{i}号文件"
        doc = ""
        if rng.random() < 0.4:
            doc = f"某县{DOC_PREFIXES[rng.randrange(len(DOC_PREFIXES))]}〔{made.year}〕{i % 200}号"
        body = i % len(body_ids)
        # The canonical 索引号 code/YYYY-NNNNN, a code (统一社会信用代码) per body.
        index_number = f"11640521MB{body:07d}X/{made.year}-{i // len(body_ids) + 1:05d}"
        yield (
            body_ids[body], index_number, title, "", category, "",
            "", doc, made, published, validity, disclosure,
            "" if disclosure == "主动公开" else "涉及内部事务信息",
            "政府网站" if published else "", "", 1, now, now,
            None if validity == "valid" else made + timedelta(days=365),
        )  # fmt: skip


def _fill(count: int) -> None:
    from django.db import connection, transaction

    from gongkai.apps.catalog.search import install_search_index
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import create_body

    start = time.perf_counter()
    now = datetime.now().isoformat(sep=" ")
    county = create_body("基准测试县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)
    body_ids = [create_body(f"基准测试县第{i + 1}局", parent=county).pk for i in range(BODIES)]
    rows = _rows(body_ids, count, now)
    load_items(COLUMNS, rows)
    loaded = time.perf_counter() - start
    with transaction.atomic(), connection.cursor() as cursor:
        install_search_index(connection)  # the triggers and FTS rebuild / the GIN indexes
        cursor.execute("ANALYZE")
    print(
        f"{connection.vendor}: {count:,} items loaded in {loaded:.1f} s, "
        f"indexed in {time.perf_counter() - start - loaded:.1f} s",
        flush=True,
    )


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def _time(runs: int, **kwargs: Any) -> tuple[list[float], list[float], list[float], int, int]:
    """Times of the first page, of the full count (the API's paginator asks for both) and of
    :func:`gongkai.kernel.tables.count_up_to` (at most 10,001, as the API and lists count)."""
    from gongkai.apps.catalog.search import search_public
    from gongkai.kernel.tables import count_up_to

    pages, counts, capped = [], [], []
    found = total = 0
    for _ in range(runs):
        start = time.perf_counter()
        found = len(list(search_public(**kwargs).values_list("pk", "title")[:PAGE]))
        pages.append(time.perf_counter() - start)
        start = time.perf_counter()
        total = search_public(**kwargs).count()
        counts.append(time.perf_counter() - start)
        start = time.perf_counter()
        count_up_to(search_public(**kwargs))
        capped.append(time.perf_counter() - start)
    return pages, counts, capped, found, total


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def query_kinds(body: Any, year: int) -> dict[str, list[dict[str, Any]]]:
    """The query kinds timed (keyword arguments of ``search_public``), ``body`` and ``year``
    those of the filtered ones."""
    kinds: dict[str, list[dict[str, Any]]] = {
        kind: [{"query": q} for q in queries] for kind, queries in QUERIES.items()
    }
    kinds["filtered (body, year)"] = [
        {"query": q, "bodies": body, "year": year} for q in ("水", "防汛", "乡村振兴", "〔2020〕")
    ]
    kinds["filtered (category, validity)"] = [
        {"query": "水", "category": "regulation", "validity": "repealed"},
        {"query": "管理办法", "category": "regulation", "validity": "expired"},
        {"query": "防汛", "category": "normative", "validity": "valid"},
        {"query": "〔2020〕", "category": "normative", "validity": "valid"},
    ]
    kinds["filtered (validity)"] = [
        {"query": q, "validity": "repealed"} for q in ("水", "管理办法", "〔2020〕", "防汛")
    ]
    kinds["filtered (year, category)"] = [
        {"query": q, "year": year - 1, "category": "normative"}
        for q in ("镇", "低保", RARE, "农发")
    ]
    return kinds


def _run(runs: int) -> int:
    from django.db import connection

    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.orgs.models import Body

    body = Body.objects.filter(name__startswith="基准测试县第").order_by("pk").first()
    public = CatalogItem.objects.public().count()
    print(f"{public:,} public items; p50/p95 of the first page ({PAGE} rows), {runs} runs each")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    kinds = query_kinds(body, 2020)
    ok = True
    for kind, cases in kinds.items():
        pages: list[float] = []
        counts: list[float] = []
        capped: list[float] = []
        hits = []
        for case in cases:
            _time(1, **case)  # warm-up
            case_pages, case_counts, case_capped, found, total = _time(runs, **case)
            pages += case_pages
            counts += case_counts
            capped += case_capped
            hits.append(f"{case['query']}:{found}/{total}")
        p95 = _p95(pages)
        ok &= p95 < P95_TARGET_S
        print(
            f"  {kind:<30} page p50 {statistics.median(pages) * 1000:6.1f} "
            f"p95 {p95 * 1000:6.1f} ms {'ok' if p95 < P95_TARGET_S else 'OVER'}; "
            f"count p50 {statistics.median(counts) * 1000:6.1f} "
            f"p95 {_p95(counts) * 1000:6.1f} ms; count≤10k p50 "
            f"{statistics.median(capped) * 1000:6.1f} p95 {_p95(capped) * 1000:6.1f} ms  "
            f"({' '.join(hits)})",
            flush=True,
        )
    print(f"{connection.vendor}: {'all p95 under' if ok else 'some p95 over'} 100 ms")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
