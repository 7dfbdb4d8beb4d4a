"""Benchmark: the catalog list (``/catalog/``) of a body with 1,000,000 items, with its bounded
count (issue 10, finding 16: "共 N 条，第 x / y 页"; beyond ``kernel.tables.COUNT_LIMIT`` rows
"共超过 10,000 条").

Run: ``.venv/bin/python benchmarks/bench_list_count.py [--runs N] [--db PATH]``. The data is
that of ``bench_report_build.py`` (the same fill; ``--db PATH`` reuses a database that script
kept with its own ``--db``, else a temporary one is filled, ~2 min).

Times (median of ``--runs``, default 5), as the department's clerk sees them through Django's
test client: the first page, page 300, a search matching few rows, a search matching many, and
the bounded count query alone next to ``COUNT(*)`` over the body's items. Target: every page
under 1 s; exits 1 when a median is over it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_report_build as fill  # noqa: E402  (the fill of the report benchmark)

PAGE_TARGET_S = 1.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="reuse (or keep) the database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        db = args.db.resolve() if args.db else Path(tmp) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{db}"
        os.environ["GONGKAI_VAR_DIR"] = str(Path(tmp) / "var")
        os.environ["DJANGO_SETTINGS_MODULE"] = "gongkai.web.settings_test"
        from gongkai.web.runtime import ensure_database

        ensure_database()
        return _run(args.runs)


def _run(runs: int) -> int:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.orgs.services import add_member
    from gongkai.kernel.tables import COUNT_LIMIT

    if not Body.objects.filter(name=fill.BIG_BODY_NAME).exists():
        fill._fill(1.0)
    big = Body.objects.get(name=fill.BIG_BODY_NAME)
    user, created = get_user_model().objects.get_or_create(username="bench_clerk")
    if created:
        add_member(user, big, "clerk")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    items = CatalogItem.objects.filter(body=big)
    print(f"{items.count():,} catalog items of {big.name}")

    failed = False

    def page(url: str) -> Any:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    for url in (
        "/catalog/",
        "/catalog/?page=300",
        "/catalog/?q=%E4%B8%8D%E5%AD%98%E5%9C%A8%E7%9A%84%E6%A0%87%E9%A2%98",  # 不存在的标题
        "/catalog/?q=%E9%80%9A%E7%9F%A5",  # 通知
    ):
        median, times, _result = fill._median(runs, lambda url=url: page(url))
        failed |= fill._verdict(f"GET {url}", median, times, PAGE_TARGET_S)

    median, times, counted = fill._median(runs, lambda: items.order_by()[: COUNT_LIMIT + 1].count())
    print(f"bounded count (≤ {COUNT_LIMIT + 1:,} rows): median {median:.4f} s → {counted:,}")
    median, times, counted = fill._median(runs, lambda: items.count())
    print(f"COUNT(*) over the body's items: median {median:.4f} s → {counted:,}")
    return 1 if failed else 0


if __name__ == "__main__":
    started = time.perf_counter()
    code = main()
    print(f"done in {time.perf_counter() - started:.1f} s")
    sys.exit(code)
