"""Three simultaneous imports of the same applications ledger into one body (issue 9, finding 8).

Run: ``.venv/bin/python benchmarks/concurrent_imports.py [--rows N] [--threads T]``. Uses its own
temporary SQLite file (the platform's default database: WAL, ``BEGIN IMMEDIATE``, a 5 s busy
timeout), or the database of ``DATABASE_URL`` when it is set (give a scratch PostgreSQL
database: the script creates a body in it). The imports run in threads started together, each
with its own connection; they must all succeed, run one after the other (the body's lock,
:func:`gongkai.kernel.ledgers.one_import_at_a_time`), and leave each application once. Exits 1
otherwise. The pytest version of this check runs on PostgreSQL
(``tests/web/test_ledger_concurrency.py``); the suite's SQLite test database is in memory.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench_ledger_import import _ledger


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=300)
    parser.add_argument("--threads", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-concurrent-") as tmp:
        if "DATABASE_URL" not in os.environ:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'concurrent.sqlite3'}"
        os.environ["GONGKAI_VAR_DIR"] = str(Path(tmp) / "var")
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        from gongkai.web.runtime import ensure_database

        ensure_database()
        from django.db import connections

        from gongkai.apps.applications.ledgers import import_applications
        from gongkai.apps.applications.models import Application
        from gongkai.apps.orgs.services import create_body

        body = create_body(f"并发导入测试局{time.time_ns()}")
        data = _ledger(args.rows)
        barrier = threading.Barrier(args.threads)
        outcomes: list[str] = []

        def worker() -> None:
            try:
                barrier.wait()
                start = time.perf_counter()
                result = import_applications(body, data, "台账.xlsx")
                took = time.perf_counter() - start
                outcomes.append(
                    f"ok in {took:.2f} s: created {result.created}, unchanged {result.unchanged}"
                )
            except Exception as exc:  # the script reports what each thread met
                outcomes.append(f"FAILED: {type(exc).__name__}: {exc}"[:200])
            finally:
                connections.close_all()

        threads = [threading.Thread(target=worker) for _i in range(args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        stored = Application.objects.filter(body=body).count()
    engine = os.environ["DATABASE_URL"].split(":", 1)[0]
    print(f"{args.threads} simultaneous imports of a {args.rows}-row ledger ({engine}):")
    for line in outcomes:
        print("  " + line)
    print(f"  applications stored: {stored} (expected {args.rows})")
    ok = stored == args.rows and all(line.startswith("ok") for line in outcomes)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
