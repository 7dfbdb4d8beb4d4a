"""Benchmark: one platform for a whole province (issue 15, Build 1) — today's code measured in a
province-sized PostgreSQL database.

Run (PostgreSQL only; a database of its own, dropped and refilled unless ``--reuse``)::

    nice -n 19 .venv/bin/python benchmarks/bench_province.py \\
        --database-url postgres://postgres@127.0.0.1:5432/gk_province [--small] \\
        [--bodies N] [--items N] [--applications N] [--decisions N] [--years 2019-2025] \\
        [--daily-sizes 250000,500000] [--runs N] [--json FILE] [--reuse] \\
        [--only daily,reports,pages,search]

The fill (``COPY … FROM STDIN`` through psycopg 3, never the ORM; each table's secondary
indexes dropped during its load and built after it, then ``ANALYZE``):

- a 省→市→县→乡/部门 tree of ``--bodies`` bodies (default 3,000: 1 province, about 14 cities,
  100 counties, the rest the province's and the cities' departments and the counties'
  townships and departments), with ``orgs.Body``'s kinds and its stored ``path``/``depth``;
- ``--items`` catalog items (default 5,000,000; the shapes of ``bench_search.py``), spread
  unevenly over the bodies (a few busy ones);
- ``--applications`` applications (default 500,000; every applicant type and outcome; 1 % open
  — registered, 待补正, 征求意见中 — received in the weeks before the day of the daily job, some
  of them overdue; 8 % with a correction, 5 % with an approved extension; the stored
  ``due_on``; events for registration, correction, extension and reply);
- ``--decisions`` ``stats.Decision`` rows (default 10,000,000, the four categories);

all over ``--years`` (default 2019–2025). ``--small``: 100 bodies, 50,000 items, 5,000
applications, 100,000 decisions.

Measured (median and p95 of ``--runs`` runs after one warm-up; printed as a table and written to
``--json FILE``), for the last year of ``--years``:

- the province overview: ``reports.supervision.subtree_overview`` of the root, and the roll-up
  tables 三/四 of the tree: ``stats.reporting.build_subtree_summary``;
- one body's whole report: ``reports.annual.build_annual_report`` of the busiest body;
- the public search across the province: ``catalog.search.search_public`` (the query kinds of
  ``bench_search.py``; the first page of 21 rows);
- the daily job: ``applications.jobs.run_daily`` (what ``gongkai daily`` and the ``daily`` job
  run): its first run (concluding the lapses, writing the reminders) and its re-runs (which
  find the same applications and write nothing new). With ``--daily-sizes A,B`` the
  applications are loaded in two steps — the first ``A`` (all the open ones among them), then
  the ``B - A`` more concluded ones — and the job is timed after each: the same work due, two
  totals.

``--only NAME[,NAME]`` (``daily``, ``reports``, ``pages``, ``search``) measures only those:
``--reuse --only search`` times the search on a filled database without the rest (nor the
refresh of stale summaries, which only the reports and the pages read).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench_db import add_database_arguments, bench_database, copy_rows
from bench_search import COLUMNS as ITEM_COLUMNS
from bench_search import PAGE, query_kinds
from bench_search import _rows as item_rows

SMALL = {"bodies": 100, "items": 50_000, "applications": 5_000, "decisions": 100_000}
DEFAULTS = {"bodies": 3_000, "items": 5_000_000, "applications": 500_000, "decisions": 10_000_000}
PROVINCE_NAME = "基准省人民政府"
OPEN_SHARE = 0.01
CORRECTION_SHARE = 0.08
EXTENSION_SHARE = 0.05
DECISION_CATEGORIES = ("licensing", "other_services", "penalty", "compulsion")
# What is measured, in this order (``--only`` picks some).
MEASURED = ("daily", "reports", "pages", "search")
MATTERS = ("建设工程规划许可", "食品经营许可", "道路运输经营许可", "环境违法处罚", "查封扣押")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name, default in DEFAULTS.items():
        parser.add_argument(f"--{name}", type=int, help=f"default {default:,}")
    parser.add_argument("--small", action="store_true", help="100 bodies, 50k items, …")
    parser.add_argument("--years", default="2019-2025", help="first-last (default 2019-2025)")
    parser.add_argument("--daily-sizes", help="A,B: time the daily job at A then B applications")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the measurements to this file")
    parser.add_argument(
        "--only",
        help=f"NAME[,NAME]: measure only these ({', '.join(MEASURED)}; default all of them)",
    )
    add_database_arguments(parser)
    args = parser.parse_args()
    only = MEASURED
    if args.only:
        only = tuple(name.strip() for name in args.only.split(","))
        if unknown := set(only) - set(MEASURED):
            parser.error(
                f"--only: unknown {', '.join(sorted(unknown))}; known {', '.join(MEASURED)}"
            )
    if not (args.database_url or "").startswith(("postgres://", "postgresql://")):
        parser.error(
            "只支持 PostgreSQL：请用 --database-url postgres://…/<自己的库名> 指定基准测试的数据库"
            "（--db 的 SQLite 不适用于省级规模）。"
        )
    preset = SMALL if args.small else DEFAULTS
    scale = {name: getattr(args, name) or preset[name] for name in DEFAULTS}
    first, _, last = args.years.partition("-")
    years = (int(first), int(last or first))
    sizes = [scale["applications"]]
    if args.daily_sizes:
        sizes = sorted(int(s) for s in args.daily_sizes.split(","))
        scale["applications"] = sizes[-1]
    if sizes[0] <= scale["applications"] * OPEN_SHARE:
        parser.error("--daily-sizes: the smaller size must hold the open applications (1 %)")
    bench = Bench(scale=scale, years=years, runs=args.runs, sizes=sizes, only=only)
    # The test settings: the pages are requested with the test client (no collected static
    # files), the jobs run inline.
    with bench_database(args, settings="gongkai.web.settings_test") as fill:
        bench.run(fill)
    bench.print_table()
    if args.json:
        args.json.write_text(json.dumps(bench.result(), ensure_ascii=False, indent=2) + "\n")
    return 0


# ---------------------------------------------------------------------------------------------
# The tree of bodies
# ---------------------------------------------------------------------------------------------


@dataclass
class Node:
    id: int
    name: str
    kind: str
    parent: Node | None
    path: str = ""

    def __post_init__(self) -> None:
        self.path = f"{self.parent.path if self.parent else '/'}{self.id}/"


def tree(count: int, first_id: int) -> list[Node]:
    """A 省→市→县→乡/部门 tree of ``count`` bodies (ids from ``first_id``): 1 province,
    ``count // 214`` cities, ``count // 30`` counties; of the rest 3 % the province's
    departments, 15 % the cities' and the rest the counties' townships and departments."""
    from gongkai.apps.orgs.choices import BodyKind

    ids = iter(range(first_id, first_id + count))
    province = Node(next(ids), PROVINCE_NAME, BodyKind.PROVINCE_GOVERNMENT, None)
    nodes = [province]
    cities = [
        Node(next(ids), f"基准省第{i + 1}市人民政府", BodyKind.CITY_GOVERNMENT, province)
        for i in range(max(1, count // 214))
    ]
    nodes += cities
    county = BodyKind.COUNTY_GOVERNMENT
    counties = [
        Node(next(ids), f"基准省第{i + 1}县人民政府", county, cities[i % len(cities)])
        for i in range(max(1, min(count // 30, count - len(nodes) - 1)))
    ]
    nodes += counties
    rest = count - len(nodes)
    province_departments = rest * 3 // 100
    city_departments = rest * 15 // 100
    for i in range(rest):
        if i < province_departments:
            parent, kind, what = province, BodyKind.DEPARTMENT, "厅"
        elif i < province_departments + city_departments:
            parent, kind, what = cities[i % len(cities)], BodyKind.DEPARTMENT, "局"
        elif i % 2:
            parent, kind, what = counties[i % len(counties)], BodyKind.TOWNSHIP_GOVERNMENT, "镇"
        else:
            parent, kind, what = counties[i % len(counties)], BodyKind.DEPARTMENT, "局"
        name = f"{parent.name.removesuffix('人民政府')}第{i + 1}{what}"
        if kind == BodyKind.TOWNSHIP_GOVERNMENT:
            name += "人民政府"
        nodes.append(Node(next(ids), name, kind, parent))
    return nodes


def _copy_bodies(nodes: Sequence[Node], now: datetime) -> int:
    """COPY the bodies: the named fields, every other column its model default."""
    from gongkai.apps.orgs.models import Body

    given = ("id", "name", "kind", "parent", "path", "depth", "created_at", "updated_at")
    column = {f.name: str(f.column) for f in Body._meta.concrete_fields}
    defaults = {
        column[f.name]: f.get_default() for f in Body._meta.concrete_fields if f.name not in given
    }
    columns = [*(column[n] for n in given), *defaults]
    rows = (
        (
            n.id, n.name, str(n.kind), n.parent.id if n.parent else None, n.path,
            n.path.count("/") - 2, now, now, *defaults.values(),
        )
        for n in nodes
    )  # fmt: skip
    return copy_rows(Body._meta.db_table, columns, rows)


# ---------------------------------------------------------------------------------------------
# The records
# ---------------------------------------------------------------------------------------------


def _weighted(body_ids: Sequence[int], rng: random.Random, size: int) -> list[int]:
    """``size`` body ids, each body as often as its (log-normal) weight says: a few busy
    bodies, many quiet ones; the first id is the busiest."""
    weights = sorted((rng.lognormvariate(0, 1.2) for _ in body_ids), reverse=True)
    total = sum(weights)
    out: list[int] = []
    for body_id, weight in zip(body_ids, weights, strict=True):
        out += [body_id] * max(1, round(size * weight / total))
    return out


def _day(rng: random.Random, years: tuple[int, int], last: date) -> date:
    first = date(years[0], 1, 1)
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _decision_rows(
    bodies: Sequence[int], count: int, years: tuple[int, int], now: datetime
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(4)
    last = date(years[1], 12, 31)
    for _ in range(count):
        n = 1 if rng.random() < 0.9 else rng.randint(2, 50)
        yield (
            bodies[rng.randrange(len(bodies))], DECISION_CATEGORIES[rng.randrange(4)],
            MATTERS[rng.randrange(len(MATTERS))], _day(rng, years, last), n, 1, now,
        )  # fmt: skip


DECISION_COLUMNS = (
    "body_id", "category", "matter_name", "decided_on", "count", "version", "created_at",
)  # fmt: skip
APPLICATION_COLUMNS = (
    "id", "body_id", "number", "channel", "received_on", "applicant_type", "applicant_name",
    "id_type", "id_number", "phone", "email", "address", "postcode", "content",
    "requested_form", "requested_delivery", "status", "custom_due_on", "outcome",
    "legal_basis", "reply_text", "withheld", "replied_on", "delivered_on", "delivery_way",
    "delivery_proof", "due_on", "correction_notice_due_on", "deadline_provisional",
    "deadline_trace", "version", "created_at", "updated_at",
)  # fmt: skip
EVENT_COLUMNS = ("application_id", "kind", "on", "note", "data", "created_at")
EXTENSION_COLUMNS = ("application_id", "days", "reason", "requested_on", "approved_on")


@dataclass
class Applications:
    """The applications' rows and their events and extensions, made in one pass."""

    events: list[tuple[Any, ...]] = field(default_factory=list)
    extensions: list[tuple[Any, ...]] = field(default_factory=list)

    def rows(
        self,
        bodies: Sequence[int],
        ids: range,
        open_count: int,
        years: tuple[int, int],
        today: date,
        now: datetime,
    ) -> Iterator[tuple[Any, ...]]:
        """Applications ``ids``; the first ``open_count`` ids overall are open (received in the
        40 days before ``today``), the others concluded (replied within 60 days)."""
        from gongkai.apps.applications.choices import ApplicantTypeChoice, Channel, EventKind
        from gongkai.domain.applications.outcomes import OUTCOME_KEYS

        rng = random.Random(ids.start * 7 + 5)
        types = ApplicantTypeChoice.values
        channels = [Channel.ONLINE, Channel.ONLINE, Channel.REGISTERED_POST, Channel.IN_PERSON]
        open_statuses = ("registered",) * 6 + ("awaiting_correction", "consulting")
        last = today - timedelta(days=60)

        def event(pk: int, kind: EventKind, on: date) -> None:
            self.events.append((pk, kind.value, on, "", "{}", now))

        for pk in ids:
            is_open = pk - 1 < open_count
            if is_open:
                received = today - timedelta(days=rng.randrange(40))
            else:
                received = _day(rng, years, last)
            corrected = rng.random() < CORRECTION_SHARE
            extended = rng.random() < EXTENSION_SHARE
            due = received + timedelta(days=28 + (28 if extended else 0))
            status, outcome, replied = "replied", "", None
            if is_open:
                status = open_statuses[rng.randrange(len(open_statuses))]
                corrected |= status == "awaiting_correction"
            else:
                outcome = OUTCOME_KEYS[rng.randrange(len(OUTCOME_KEYS))]
                replied = received + timedelta(days=rng.randrange(1, 60))
                status = ("replied", "delivered", "archived")[rng.randrange(3)]
            event(pk, EventKind.REGISTER, received)
            if corrected:
                asked = received + timedelta(days=rng.randrange(1, 7))
                event(pk, EventKind.CORRECTION_REQUESTED, asked)
                if status != "awaiting_correction":
                    back = min(asked + timedelta(days=rng.randrange(1, 10)), replied or today)
                    event(pk, EventKind.CORRECTION_RECEIVED, back)
            if extended:
                asked = received + timedelta(days=rng.randrange(10, 20))
                self.extensions.append((pk, 20, "需要检索的档案较多", asked, asked))
                event(pk, EventKind.EXTENSION_APPROVED, asked)
            if replied:
                event(pk, EventKind.REPLY, replied)
            yield (
                pk, bodies[rng.randrange(len(bodies))], f"SQ{received.year}-{pk:08d}",
                channels[rng.randrange(len(channels))], received, types[rng.randrange(len(types))],
                "申请人", "", "", "", "", "", "", "申请公开某项目的审批文件", "", "", status,
                None, outcome, "", "", "", replied, None, "", "", due, None, False, "[]", 1,
                now, now,
            )  # fmt: skip


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def _p95(times: Sequence[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * (len(ordered) - 1)))]


@dataclass
class Measure:
    name: str
    function: str
    times: list[float]
    note: str = ""
    target_s: float | None = None
    queries: int = 0

    def row(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "function": self.function,
            "runs": len(self.times),
            "queries": self.queries,
            "median_s": round(statistics.median(self.times), 4),
            "p95_s": round(_p95(self.times), 4),
            "target_s": self.target_s,
            "note": self.note,
        }


@dataclass
class Bench:
    scale: dict[str, int]
    years: tuple[int, int]
    runs: int
    sizes: list[int]
    only: Sequence[str] = MEASURED
    measures: list[Measure] = field(default_factory=list)
    queries: int = 0
    spread: list[int] = field(default_factory=list)
    fill_s: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def year(self) -> int:
        return self.years[1]

    @property
    def today(self) -> date:
        """The day of the daily job and of the overview: in the last year's December."""
        return date(self.year, 12, 15)

    def timed(self, call: Callable[[], Any], runs: int | None = None) -> list[float]:
        """The times of ``runs`` calls after a warm-up, whose SQL queries are counted (in
        ``self.queries``)."""
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            call()  # warm-up
        self.queries = len(queries.captured_queries)
        times = []
        for _ in range(runs or self.runs):
            start = time.perf_counter()
            call()
            times.append(time.perf_counter() - start)
        return times

    def add(
        self,
        name: str,
        function: str,
        times: list[float],
        note: str = "",
        target_s: float | None = None,
    ) -> None:
        """Record a measure, with the query count of its last warm-up."""
        self.measures.append(Measure(name, function, times, note, target_s, self.queries))

    def step(self, what: str, start: float) -> None:
        if what in self.fill_s:
            what = f"{what} ({len(self.fill_s)})"
        self.fill_s[what] = round(time.perf_counter() - start, 1)
        print(f"  {what}: {self.fill_s[what]:.1f} s", flush=True)

    # -- fill ----------------------------------------------------------------------------------

    def fill_records(self) -> None:
        from django.db import connection, transaction

        from gongkai.apps.catalog.search import install_search_index
        from gongkai.apps.orgs.models import Body
        from gongkai.apps.stats.models import Decision

        now = datetime.now().astimezone()
        rng = random.Random(15)
        start = time.perf_counter()
        first_id = (Body.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        nodes = tree(self.scale["bodies"], first_id)
        with transaction.atomic():
            _copy_bodies(nodes, now)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('orgs_body', 'id'), %s)", [nodes[-1].id]
                )
        self.step(f"{len(nodes):,} bodies", start)
        ids = [n.id for n in nodes]
        start = time.perf_counter()
        spread = _weighted(ids, rng, 20_000)
        span = self.years[1] - self.years[0] + 1
        with transaction.atomic():
            # Every secondary index (the trigram ones too) dropped during the load and built
            # after it: COPY into a table with its 18 indexes took 831 s for 5M items.
            copy_rows(
                "catalog_catalogitem",
                ITEM_COLUMNS,
                item_rows(spread, self.scale["items"], now.isoformat(), self.years[0], span),
            )
        self.step(f"{self.scale['items']:,} catalog items (COPY, then their indexes)", start)
        start = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            install_search_index(connection)
        self.step("catalog search indexes", start)
        start = time.perf_counter()
        with transaction.atomic():
            copy_rows(
                Decision._meta.db_table,
                DECISION_COLUMNS,
                _decision_rows(spread, self.scale["decisions"], self.years, now),
            )
        self.step(f"{self.scale['decisions']:,} decisions", start)
        self.spread = spread

    def fill_applications(self, ids: range, open_count: int) -> None:
        from django.db import connection, transaction

        now = datetime.now().astimezone()
        start = time.perf_counter()
        made = Applications()
        with transaction.atomic():
            rows = made.rows(self.spread, ids, open_count, self.years, self.today, now)
            copy_rows("applications_application", APPLICATION_COLUMNS, rows)
            copy_rows("applications_applicationevent", EVENT_COLUMNS, made.events)
            copy_rows("applications_extension", EXTENSION_COLUMNS, made.extensions)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('applications_application', 'id'), %s)",
                    [ids.stop - 1],
                )
        self.step(
            f"{len(ids):,} applications, {len(made.events):,} events, "
            f"{len(made.extensions):,} extensions",
            start,
        )

    def analyze(self) -> None:
        from django.db import connection

        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.step("ANALYZE", start)

    # -- run -----------------------------------------------------------------------------------

    def run(self, fill: bool) -> None:
        from django.db import connection

        from gongkai.apps.applications.models import Application
        from gongkai.apps.catalog.models import CatalogItem
        from gongkai.apps.orgs.models import Body
        from gongkai.apps.stats.models import Decision

        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs", flush=True)
        open_count = round(self.sizes[-1] * OPEN_SHARE)
        if fill:
            print(f"filling {self.scale} over {self.years[0]}–{self.years[1]}", flush=True)
            self.fill_records()
            done = 0
            for size in self.sizes:
                self.fill_applications(range(done + 1, size + 1), open_count)
                done = size
                self.analyze()
                if len(self.sizes) > 1 and size != self.sizes[-1] and "daily" in self.only:
                    self.measure_daily(size)
        if {"reports", "pages"} & set(self.only):
            self.refresh_summaries(everything=fill)  # what the overview and its pages read
        self.counts = {
            "bodies": Body.objects.count(),
            "catalog items": CatalogItem.objects.count(),
            "applications": Application.objects.count(),
            "decisions": Decision.objects.count(),
        }
        print(f"{connection.vendor}: {self.counts}", flush=True)
        if "daily" in self.only:
            self.measure_daily(self.counts["applications"])
        if "reports" in self.only:
            self.measure_reports()
        if "pages" in self.only:
            self.measure_pages()
        if "search" in self.only:
            self.measure_search()

    def refresh_summaries(self, everything: bool) -> None:
        """The stored summaries of the measured year (``reports.summaries``), every body's: what
        the overview reads. After a fill all of them are computed (timed as a fill step); on a
        reused database only the stale ones."""
        from gongkai.apps.reports.summaries import refresh

        start = time.perf_counter()
        count = refresh(years=[self.year], everything=everything)
        self.step(f"{count:,} summaries of {self.year} computed", start)

    def measure_daily(self, size: int) -> None:
        from gongkai.apps.applications.jobs import run_daily
        from gongkai.apps.applications.models import Application

        due = (
            Application.objects.overdue(self.today) | Application.objects.due_soon(self.today)
        ).count()
        start = time.perf_counter()
        first = run_daily(self.today)
        first_s = time.perf_counter() - start
        note = (
            f"{size:,} applications, {due:,} overdue or due soon; first run "
            f"{first_s:.2f} s ({len(first['lapsed'])} lapsed, {len(first['reminders'])} "
            "reminders), then re-runs that write nothing new"
        )
        times = self.timed(lambda: run_daily(self.today))
        self.add(
            f"daily job, {size:,} applications",
            "applications.jobs.run_daily",
            times,
            note,
            60.0,
        )
        print(f"  daily job at {size:,}: {note}", flush=True)

    def measure_reports(self) -> None:
        from gongkai.apps.orgs.models import Body
        from gongkai.apps.reports.annual import build_annual_report
        from gongkai.apps.reports.summaries import summary_years
        from gongkai.apps.reports.supervision import subtree_overview
        from gongkai.apps.stats.reporting import build_subtree_summary

        root = Body.objects.get(name=PROVINCE_NAME)
        busy = Body.objects.get(pk=self.spread[0]) if self.spread else None
        if busy is None:  # --reuse: the body with the most applications of the year
            from django.db.models import Count

            busy = Body.objects.annotate(n=Count("applications")).order_by("-n", "pk").first()
            assert busy is not None
        bodies = Body.objects.subtree(root).count()
        times = self.timed(lambda: subtree_overview(root, self.year, self.today))
        self.add(
            f"province overview {self.year}",
            "reports.supervision.subtree_overview",
            times,
            f"{bodies:,} bodies: status, findings, deadlines, figures and tables 三/四 "
            "read from the stored summaries",
            2.0,
        )
        times = self.timed(lambda: self.change_and_refresh(busy), runs=min(self.runs, 3))
        self.add(
            "one change → its summaries current",
            "orgs.changes.mark_changed + reports.summaries.refresh",
            times,
            f"the busiest body ({busy.name}): every year {min(summary_years(self.today))}–"
            f"{self.year} recomputed (what the refresh job does after a change)",
        )
        times = self.timed(lambda: build_subtree_summary(root, self.year))
        self.add(
            f"roll-up tables 三/四 {self.year}",
            "stats.reporting.build_subtree_summary",
            times,
            f"{bodies:,} bodies added up",
        )
        from gongkai.apps.assessment.reporting import METRIC_FACTS, metric_facts

        ids = list(Body.objects.subtree(root).values_list("pk", flat=True))

        def indicators() -> None:
            for metric in METRIC_FACTS:
                metric_facts(metric, ids, self.year)

        times = self.timed(indicators)
        self.add(
            f"考核 indicators {self.year}",
            "assessment.reporting.metric_facts",
            times,
            f"the {len(METRIC_FACTS)} computed indicators of {bodies:,} bodies",
            2.0,
        )
        times = self.timed(lambda: build_annual_report(busy, self.year))
        self.add(
            f"one body's whole report {self.year}",
            "reports.annual.build_annual_report",
            times,
            f"the busiest body: {busy.name}",
            1.0,
        )
        print("  reports timed", flush=True)

    def measure_pages(self) -> None:
        """Whole requests (Django's test client: middleware, permissions, templates) of the
        busiest body's staff and of the province's 上级, and of a citizen."""
        from django.contrib.auth import get_user_model
        from django.db.models import Count
        from django.test import Client
        from django.urls import reverse

        from gongkai.apps.orgs.choices import Role
        from gongkai.apps.orgs.models import Body, Membership

        root = Body.objects.get(name=PROVINCE_NAME)
        busy = Body.objects.annotate(n=Count("catalog_items")).order_by("-n", "pk").first()
        assert busy is not None
        users = get_user_model().objects
        clerk, _ = users.get_or_create(username="bench-clerk")
        chief, _ = users.get_or_create(username="bench-province")
        for user, body, roles in (
            (clerk, busy, (Role.CLERK, Role.REVIEWER)),
            (chief, root, (Role.SUPERVISOR,)),
        ):
            for role in roles:
                Membership.objects.get_or_create(user=user, body=body, role=role)
        staff, supervisor, public = (Client(HTTP_HOST="127.0.0.1") for _ in range(3))
        staff.force_login(clerk)
        supervisor.force_login(chief)
        pages = (
            ("工作台", staff, reverse("workbench"), f"{busy.name}'s 经办人/审核人"),
            ("catalog list (staff)", staff, reverse("catalog:list"), "first page"),
            ("public catalog of the body", public, reverse("catalog:public", args=[busy.pk]), ""),
            ("专栏 of the body", public, reverse("column:body", args=[busy.pk]), ""),
            (
                "public search page",
                public,
                reverse("catalog:search") + "?q=%E9%A3%9F%E5%93%81",
                "q=食品, across the province",
            ),
            (
                "subtree charts (province)",
                supervisor,
                reverse("charts:subtree_year", args=[root.pk, self.year]),
                "every chart of the province's tree",
            ),
            (
                "supervise page (province)",
                supervisor,
                reverse("reports:supervise", args=[root.pk]) + f"?year={self.year}",
                "the overview as the 上级 sees it",
            ),
        )
        for name, client, url, note in pages:

            def get(client: Client = client, url: str = url) -> None:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)

            times = self.timed(get)
            self.add(f"page: {name}", url, times, note, 1.0)
        print("  pages timed", flush=True)

    def change_and_refresh(self, body: Any) -> None:
        from gongkai.apps.orgs.changes import mark_changed
        from gongkai.apps.reports.summaries import refresh, summary_years

        mark_changed([body.pk])
        refresh([body.pk], summary_years(self.today))

    def measure_search(self) -> None:
        from gongkai.apps.catalog.search import search_public
        from gongkai.apps.orgs.models import Body

        root = Body.objects.get(name=PROVINCE_NAME)
        busy = Body.objects.subtree(root).exclude(pk=root.pk).order_by("pk").first()
        everything: list[float] = []
        for kind, cases in query_kinds(busy, self.year - 1).items():
            times: list[float] = []
            for case in cases:

                def page(case: dict[str, Any] = case) -> None:
                    list(search_public(**case).values_list("pk", "title")[:PAGE])

                times += self.timed(page)
            everything += times
            self.add(f"search: {kind}", "catalog.search.search_public", times, "", 0.1)
        self.add(
            "search: every query kind",
            "catalog.search.search_public",
            everything,
            f"first page of {PAGE} rows",
            0.1,
        )
        self.measures[-1].queries = 0  # of no one query: shown as —
        print("  search timed", flush=True)

    # -- output --------------------------------------------------------------------------------

    def result(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "years": list(self.years),
            "counts": self.counts,
            "fill_s": self.fill_s,
            "today": self.today.isoformat(),
            "measures": [m.row() for m in self.measures],
        }

    def print_table(self) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"Province benchmark ({self.counts})")
        columns = ("measure", "function", "runs", "queries", "median s", "p95 s", "target", "note")
        for column in columns:
            table.add_column(column)
        for m in self.measures:
            row = m.row()
            verdict = ""
            if m.target_s is not None:
                ok = row["p95_s" if m.target_s < 1 else "median_s"] < m.target_s
                verdict = f"< {m.target_s:g} s {'ok' if ok else 'OVER'}"
            table.add_row(
                m.name, m.function, str(row["runs"]), str(m.queries or "—"),
                f"{row['median_s']:.3f}", f"{row['p95_s']:.3f}", verdict, m.note,
            )  # fmt: skip
        Console(width=200).print(table)


if __name__ == "__main__":
    sys.exit(main())
