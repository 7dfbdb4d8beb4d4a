"""Benchmark: the result pages of a 批量检查 of 2,000 reports (issue 11).

Run: ``.venv/bin/python benchmarks/bench_batch_page.py [--reports N] [--runs N]``.

A finished batch job of ``--reports`` files (default 2,000: consistent sample reports of 200
bodies over 2019–2025, one in three with a wrong total so the rules find errors, one in ten a
real published fixture as read, one in fifty a file that could not be read) is written as the
job writes it (:func:`gongkai.apps.checks.jobs.finish_batch`) in a temporary SQLite database.
Then, as its starter sees them through Django's test client (median of ``--runs``): the result
page, its second page, the page filtered by body, by rule and severity, and one report's page.
Target: every page under 0.3 s; exits 1 when a median is over it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "reports"
PAGE_TARGET_S = 0.3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["GONGKAI_VAR_DIR"] = str(Path(tmp) / "var")
        os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings_test"
        from gongkai.web.runtime import ensure_database

        ensure_database()
        return _run(args.reports, args.runs)


def _items(count: int) -> list[object]:
    from gongkai.domain.batch import BatchItem, check_batch
    from gongkai.domain.parsers import read_report_bytes
    from gongkai.domain.report.model import Report
    from gongkai.domain.report.samples import consistent_report

    fixtures = [
        read_report_bytes(path.read_bytes(), path.name) for path in sorted(FIXTURES.glob("*.txt"))
    ]
    items = []
    for n in range(count):
        if n % 50 == 49:
            items.append(BatchItem(f"批/{n:05d}.pdf", error=f"无法读取“{n:05d}.pdf”：文件已损坏"))
            continue
        if n % 10 == 9:
            report = fixtures[n // 10 % len(fixtures)]
            items.append(BatchItem(f"批/{n:05d}-fixture.txt", Report.from_dict(report.to_dict())))
            continue
        year = 2019 + n % 7
        report = consistent_report(
            "2019" if year < 2021 else "2021", year=year, org=f"第{n % 200:03d}示例县", seed=n
        )
        if n % 3 == 0:
            key = next(k for k in report.cells if k.startswith("s3.") and "total" in k)
            report.set(key, int(report.cells[key] or 0) + 1)
        items.append(BatchItem(f"批/{n:05d}.txt", report))
    check_batch(items)  # type: ignore[arg-type]
    return items


def _run(count: int, runs: int) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from gongkai.apps.checks.jobs import batch_check, finish_batch
    from gongkai.domain.batch import BatchResult
    from gongkai.kernel.jobs import JobRun, start
    from gongkai.kernel.models import Job, JobStatus

    user = get_user_model().objects.create_user("bench_clerk")
    started = time.perf_counter()
    items = _items(count)
    made = time.perf_counter() - started
    job = start(batch_check, title="bench", started_by=user, files=[])
    started = time.perf_counter()
    workbook = finish_batch(JobRun(job), BatchResult(items))  # type: ignore[arg-type]
    written = time.perf_counter() - started
    relative = workbook.relative_to(Path(os.environ["GONGKAI_VAR_DIR"]).resolve())
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE, result_file=str(relative), done=count, total=count
    )
    jsonl = workbook.parent / "results.jsonl"
    print(
        f"{count:,} files ({jsonl.stat().st_size / 1024**2:.1f} MB of JSON lines) "
        f"made in {made:.1f} s, written by finish_batch in {written:.2f} s"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    page = reverse("checks:batch_job", kwargs={"pk": job.pk})
    org = "第007示例县"
    urls = {
        "result page": page,
        "page 2": f"{page}?page=2",
        "filtered by body": f"{page}?{urlencode({'org': org})}",
        "rule R1, errors": f"{page}?rule=R1&severity=error",
        "one report": reverse("checks:batch_report", kwargs={"pk": job.pk, "number": 1001}),
    }
    failed = False
    for name, url in urls.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        median = statistics.median(times)
        size = len(response.content) / 1024
        print(f"{name:18} {median * 1000:8.1f} ms (median of {runs}), {size:,.0f} KB")
        failed = failed or median > PAGE_TARGET_S
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
