"""Benchmark: tables 三 and 四 of a body with 100,000 applications (target: under 1 s on SQLite).

Run: ``make benchmark`` or ``.venv/bin/python benchmarks/bench_tables_100k.py [--runs N]``.
Sets up its own temporary SQLite database (migrated, 100,000 applications received 2023–2025 with
every outcome, 300 cases), then times :func:`gongkai.apps.stats.reporting.build_report`
for 2024. Exits 1 when the slowest run is over the target.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TARGET_S = 1.0
COUNT = 100_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=COUNT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["GONGKAI_VAR_DIR"] = str(Path(tmp) / "var")
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        from gongkai.web.runtime import ensure_database

        ensure_database()
        return _run(args.runs, args.count)


def _run(runs: int, count: int) -> int:
    from django.db import connection, transaction

    from gongkai.apps.applications.models import Application
    from gongkai.apps.cases.models import ReviewCase
    from gongkai.apps.orgs.services import create_body
    from gongkai.apps.stats.reporting import build_report
    from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType

    rng = random.Random(1)
    body = create_body("基准测试县人民政府")
    types = [t.value for t in ApplicantType]
    start = time.perf_counter()
    with transaction.atomic():
        batch: list[Application] = []
        for i in range(count):
            received = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
            concluded = rng.random() < 0.9
            batch.append(
                Application(
                    body=body,
                    number=f"B-{i:06d}",
                    channel="online",
                    received_on=received,
                    applicant_type=types[rng.randrange(6)],
                    applicant_name="申请人",
                    content="基准测试",
                    status="replied" if concluded else "registered",
                    outcome=OUTCOME_KEYS[rng.randrange(len(OUTCOME_KEYS))] if concluded else "",
                    replied_on=received + timedelta(days=rng.randrange(60)) if concluded else None,
                )
            )
            if len(batch) == 5000:
                Application.objects.bulk_create(batch)
                batch = []
        Application.objects.bulk_create(batch)
        kinds = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
        ReviewCase.objects.bulk_create(
            ReviewCase(
                body=body,
                number=f"C-{i}",
                kind=kinds[i % 3],
                filed_on=date(2024, 1, 1) + timedelta(days=i),
                result="upheld" if i % 2 else "",
                closed_on=date(2024, 1, 1) + timedelta(days=i + 30) if i % 2 else None,
            )
            for i in range(300)
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"created {count} applications in {time.perf_counter() - start:.1f} s")
    times = []
    report = None
    for _ in range(runs):
        start = time.perf_counter()
        report = build_report(body, 2024)
        times.append(time.perf_counter() - start)
    assert report is not None
    print(
        f"build_report 2024 over {count} applications: first {times[0]:.3f} s, "
        f"best {min(times):.3f} s, worst {max(times):.3f} s "
        f"(new {report.cells['s3.new_received.total']}, "
        f"carried over {report.cells['s3.carried_over.total']}, "
        f"processed {report.cells['s3.total_processed.total']}, "
        f"carried forward {report.cells['s3.carried_forward.total']}) "
        f"(target: < {TARGET_S:.0f} s)"
    )
    return 0 if max(times) < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
