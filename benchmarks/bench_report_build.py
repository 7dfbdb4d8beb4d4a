"""Benchmark: the whole annual report of one body, and the county summary of 50 bodies.

Targets (issue): the whole report of one body with 1,000,000 catalog items, 100,000
applications and 2,000,000 decisions builds in under 2 s on SQLite; the county summary of 50
bodies in under 5 s.

Run: ``.venv/bin/python benchmarks/bench_report_build.py [--runs N] [--scale F] [--db PATH]``.

Sets up its own temporary SQLite database (migrated), then fills it with raw ``executemany`` in
big batches, the table's indexes dropped during the load and created again after it:

- a county (root) with 49 departments; the benchmarked department holds 1,000,000 catalog items
  (2016–2025; 94 % 其他, 3 % 规章, 3 % 行政规范性文件, some repealed; 40 % with a 文号;
  85 % 主动公开 — most of them published within weeks — 10 % 依申请公开, 5 % 不予公开;
  one to three channels each),
  100,000 applications (2022–2025, every applicant type and outcome, 10 % still open),
  2,000,000 decisions (2022–2025, the four categories), 300 cases, matters and money records;
- 100,000 more applications and 300 more cases spread over the other 49 bodies.

Then, after one warm-up run, it times (median of ``--runs``, default 5):

- **whole report** of 2024 for the department:
  :func:`gongkai.apps.stats.reporting.build_full_tables` (tables 二/三/四), the consistency rules
  (:func:`gongkai.domain.report.rules.validate`) on the result, and
  :func:`gongkai.apps.stats.reporting.publication_facts` (the narrative's channel and document
  counts), and the workspace's whole report
  (:func:`gongkai.apps.reports.annual.build_annual_report`: tables of the year and the year
  before, narrative facts, draft, every rule);
- **county summary** of 2024: :func:`gongkai.apps.stats.reporting.build_subtree_summary` of the
  root (tables 三/四 of the 50 bodies added up).

Prints the timings with pass/fail and exits 1 when a median is over its target. ``--db PATH``
keeps the database at PATH (reused — and migrated — when it exists, so a second run skips the
fill); ``--explain`` prints SQLite's ``EXPLAIN QUERY PLAN`` of every query of one build.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

REPORT_TARGET_S = 2.0
SUMMARY_TARGET_S = 5.0
# Not in the issue: the supervisor's page should open in a few seconds too.
OVERVIEW_TARGET_S = 5.0
YEAR = 2024
BODIES = 50
ITEMS = 1_000_000
APPLICATIONS = 100_000
DECISIONS = 2_000_000
OTHER_APPLICATIONS = 100_000
BATCH = 50_000
BIG_BODY_NAME = "基准测试县市场监督管理局"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every row count")
    parser.add_argument("--db", type=Path, help="keep (and reuse) the database at this path")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        db = args.db.resolve() if args.db else Path(tmp) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        os.environ["GONGKAI_VAR_DIR"] = str(Path(tmp) / "var")
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        from gongkai.web.runtime import ensure_database

        ensure_database()
        return _run(args.runs, args.scale, args.explain)


# ---------------------------------------------------------------------------------------------
# Filling the database
# ---------------------------------------------------------------------------------------------


def _insert(table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> int:
    from django.db import connection

    names = ", ".join(f'"{c}"' for c in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(["%s"] * len(columns))})'
    total = 0
    batch: list[tuple[Any, ...]] = []
    with connection.cursor() as cursor:
        # Building an index once over the loaded rows is many times faster than keeping it
        # up to date row by row: drop the table's indexes, load, create them again.
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        for row in rows:
            batch.append(row)
            if len(batch) == BATCH:
                cursor.executemany(sql, batch)
                total += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            total += len(batch)
        for _name, create in indexes:
            cursor.execute(create)
    return total


def _day(rng: random.Random, first_year: int, years: int) -> date:
    return date(first_year, 1, 1) + timedelta(days=rng.randrange(years * 365))


def _catalog_rows(body_id: int, count: int, now: str) -> Iterator[tuple[Any, ...]]:
    from gongkai.apps.catalog.models import join_channels
    from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS

    rng = random.Random(3)
    channel_sets = [
        join_channels(rng.sample(CATALOG_CHANNELS, rng.randint(1, 3))) for _ in range(40)
    ]
    for i in range(count):
        made = _day(rng, 2016, 10)
        r = rng.random()
        category = "regulation" if r < 0.03 else "normative" if r < 0.06 else "other"
        r = rng.random()
        disclosure = "主动公开" if r < 0.85 else "依申请公开" if r < 0.95 else "不予公开"
        published = None
        if disclosure == "主动公开" and rng.random() < 0.95:
            published = (made + timedelta(days=rng.randrange(40))).isoformat()
        repealed, validity = None, "valid"
        if category != "other" and rng.random() < 0.15:
            repealed = (made + timedelta(days=rng.randrange(1, 1500))).isoformat()
            validity = "repealed"
        reason = "" if disclosure == "主动公开" else "涉及内部事务信息"
        channels = channel_sets[rng.randrange(len(channel_sets))] if published else ""
        # 40 % are 文件 with a 文号 (counted as documents made); the rest other information.
        doc_number = f"基准发〔{made.year}〕{i}号" if rng.random() < 0.4 else ""
        yield (
            body_id, f"BENCH-{i:07d}", f"关于第 {i} 项工作的通知", "", category, "", "",
            doc_number,
            made.isoformat(), published, validity, None, repealed, disclosure, reason,
            channels, None, "", 1, now, now,
        )  # fmt: skip


CATALOG_COLUMNS = (
    "body_id", "index_number", "title", "summary", "category", "topic", "publisher",
    "doc_number", "made_on", "published_on", "validity", "valid_from", "repealed_on",
    "disclosure", "disclosure_reason", "channels", "secrecy_reviewed_on",
    "secrecy_conclusion", "version", "created_at", "updated_at",
)  # fmt: skip


def _decision_rows(body_id: int, count: int, now: str) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(4)
    categories = ("licensing", "other_services", "penalty", "compulsion")
    for _ in range(count):
        n = 1 if rng.random() < 0.9 else rng.randint(2, 50)
        yield (body_id, categories[rng.randrange(4)], "某某事项", _day(rng, 2022, 4), n, 1, now)


def _application_rows(
    body_ids: Sequence[int], count: int, now: str, seed: int
) -> Iterator[tuple[Any, ...]]:
    from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType

    rng = random.Random(seed)
    types = [t.value for t in ApplicantType]
    for i in range(count):
        received = _day(rng, 2022, 4)
        concluded = rng.random() < 0.9
        outcome = OUTCOME_KEYS[rng.randrange(len(OUTCOME_KEYS))] if concluded else ""
        replied = (received + timedelta(days=rng.randrange(60))).isoformat() if concluded else None
        yield (
            body_ids[i % len(body_ids)], f"B{seed}-{i:07d}", "online", received.isoformat(),
            types[rng.randrange(6)], "申请人", "", "", "", "", "", "", "基准测试", "", "",
            "replied" if concluded else "registered", None, outcome, "", "", replied, None, "",
            "", None, None, False, "[]", 1, now, now,
        )  # fmt: skip


APPLICATION_COLUMNS = (
    "body_id", "number", "channel", "received_on", "applicant_type", "applicant_name",
    "id_type", "id_number", "phone", "email", "address", "postcode", "content",
    "requested_form", "requested_delivery", "status", "custom_due_on", "outcome",
    "legal_basis", "reply_text", "replied_on", "delivered_on", "delivery_way",
    "delivery_proof", "due_on", "correction_notice_due_on", "deadline_provisional",
    "deadline_trace", "version", "created_at", "updated_at",
)  # fmt: skip


def _cases(body_ids: Sequence[int], count: int, prefix: str) -> None:
    from gongkai.apps.cases.models import ReviewCase

    kinds = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
    results = ["upheld", "corrected", "other"]
    ReviewCase.objects.bulk_create(
        ReviewCase(
            body_id=body_ids[i % len(body_ids)],
            number=f"{prefix}-{i}",
            kind=kinds[i % 3],
            filed_on=date(2023, 6, 1) + timedelta(days=i % 700),
            result=results[i % 3] if i % 2 else "",
            closed_on=date(2023, 6, 1) + timedelta(days=i % 700 + 60) if i % 2 else None,
        )
        for i in range(count)
    )


def _fill(scale: float) -> None:
    from decimal import Decimal

    from django.db import connection, transaction

    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.orgs.services import create_body
    from gongkai.apps.stats.models import Matter, MoneyRecord

    start = time.perf_counter()
    now = datetime.now().isoformat(sep=" ")
    county = create_body("基准测试县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)
    big = create_body(BIG_BODY_NAME, parent=county)
    for i in range(BODIES - 2):
        create_body(f"基准测试县第{i + 1}局", parent=county)
    others = list(Body.objects.subtree(county).exclude(pk=big.pk).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        # A throwaway database: no fsync, and a page cache big enough to keep the indexes'
        # random inserts off the disk (1 GB at most, given back when the connection closes).
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -1000000")
        cursor.execute("PRAGMA temp_store = MEMORY")
    with transaction.atomic():
        n = _insert(
            "catalog_catalogitem", CATALOG_COLUMNS, _catalog_rows(big.pk, int(ITEMS * scale), now)
        )
        print(f"  {n:>9,} catalog items   ({time.perf_counter() - start:5.1f} s)", flush=True)
        n = _insert(
            "stats_decision",
            ("body_id", "category", "matter_name", "decided_on", "count", "version", "created_at"),
            _decision_rows(big.pk, int(DECISIONS * scale), now),
        )
        print(f"  {n:>9,} decisions       ({time.perf_counter() - start:5.1f} s)", flush=True)
        n = _insert(
            "applications_application",
            APPLICATION_COLUMNS,
            _application_rows([big.pk], int(APPLICATIONS * scale), now, 5),
        )
        n += _insert(
            "applications_application",
            APPLICATION_COLUMNS,
            _application_rows(others, int(OTHER_APPLICATIONS * scale), now, 6),
        )
        print(f"  {n:>9,} applications    ({time.perf_counter() - start:5.1f} s)", flush=True)
        _cases([big.pk], 300, "B")
        _cases(others, 300, "C")
        Matter.objects.bulk_create(
            Matter(
                body=big,
                category=("licensing", "penalty", "fees")[i % 3],
                name=f"事项{i}",
                effective_on=date(2019, 1, 1) + timedelta(days=i * 3),
                cancelled_on=date(2024, 6, 1) if i % 7 == 0 else None,
            )
            for i in range(500)
        )
        MoneyRecord.objects.bulk_create(
            MoneyRecord(
                body=big,
                category="fees" if i % 4 else "procurement",
                item_name=f"项目{i}",
                on=date(2023, 1, 1) + timedelta(days=i),
                amount_yuan=Decimal("1234.50"),
            )
            for i in range(600)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"filled in {time.perf_counter() - start:.1f} s", flush=True)


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


@contextmanager
def _explained() -> Iterator[None]:
    """Print the query plan of every SELECT run inside the block."""
    from django.db import connection

    def explain(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        if sql.lstrip().upper().startswith("SELECT"):
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
                plan = [row[-1] for row in cursor.fetchall()]
            print(f"\n{sql[:300]}{' …' if len(sql) > 300 else ''}")
            for line in plan:
                print(f"    {line}")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(explain):
        yield


def _median(runs: int, build: Callable[[], Any]) -> tuple[float, list[float], Any]:
    result = build()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = build()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times, result


def _verdict(what: str, median: float, times: list[float], target: float) -> bool:
    """Print one timing line; True when it failed."""
    ok = median < target
    print(
        f"{what}: median {median:.3f} s [{', '.join(f'{t:.3f}' for t in times)}] "
        f"target < {target:.0f} s: {'PASS' if ok else 'FAIL'}",
        flush=True,
    )
    return not ok


def _run(runs: int, scale: float, explain: bool) -> int:
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.reports.annual import build_annual_report
    from gongkai.apps.reports.supervision import subtree_overview
    from gongkai.apps.stats.reporting import (
        build_full_tables,
        build_subtree_summary,
        publication_facts,
    )
    from gongkai.domain.report.rules import validate

    if not Body.objects.filter(name=BIG_BODY_NAME).exists():
        _fill(scale)
    big = Body.objects.get(name=BIG_BODY_NAME)
    county = big.parent
    assert county is not None

    def tables_rules_facts() -> Any:
        report = build_full_tables(big, YEAR)
        findings = validate(report)
        return report, findings, publication_facts(big, YEAR)

    def summary() -> Any:
        return build_subtree_summary(county, YEAR)

    if explain:
        with _explained():
            tables_rules_facts()
            build_annual_report(big, YEAR)
            summary()

    failed = False
    median, times, (report, findings, facts) = _median(runs, tables_rules_facts)
    failed |= _verdict(
        f"whole report {YEAR} (build_full_tables + rules.validate + publication_facts)",
        median,
        times,
        REPORT_TARGET_S,
    )
    channels, made, by_disclosure = facts
    print(
        f"  s2.regulations.in_force {report.cells['s2.regulations.in_force']}, "
        f"s2.licensing.decisions {report.cells['s2.licensing.decisions']}, "
        f"s3.new_received.total {report.cells['s3.new_received.total']}, "
        f"{len(findings)} findings; made {made} {by_disclosure}; published by channel {channels}"
    )
    median, times, built = _median(runs, lambda: build_annual_report(big, YEAR))
    failed |= _verdict(
        f"whole report {YEAR} (reports.annual.build_annual_report: tables of {YEAR} and "
        f"{YEAR - 1}, narrative facts, draft, rules)",
        median,
        times,
        REPORT_TARGET_S,
    )
    print(f"  {len(built.report.findings)} findings")
    median, times, total = _median(runs, summary)
    failed |= _verdict(
        f"county summary {YEAR} ({Body.objects.subtree(county).count()} bodies, "
        "build_subtree_summary)",
        median,
        times,
        SUMMARY_TARGET_S,
    )
    print(
        f"  s3.new_received.total {total.cells['s3.new_received.total']}, "
        f"s3.carried_forward.total {total.cells['s3.carried_forward.total']}, "
        f"s4.reconsideration.total {total.cells['s4.reconsideration.total']}"
    )
    median, times, overview = _median(runs, lambda: subtree_overview(county, YEAR))
    failed |= _verdict(
        f"supervisor overview {YEAR} ({len(overview.rows)} bodies: each body's whole report "
        "with its findings, deadlines, and the summary)",
        median,
        times,
        OVERVIEW_TARGET_S,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
