"""Benchmark: importing a 10,000-row applications ledger (target: under 10 s on SQLite).

Run: ``make benchmark`` or ``.venv/bin/python benchmarks/bench_ledger_import.py [--rows N]``.
Sets up its own temporary SQLite database, writes a ``.xlsx`` ledger with corrections,
consultations, extensions and every outcome, and times
:func:`gongkai.apps.applications.ledgers.import_applications` from the file's bytes (reading,
checking every row, deadlines, writing records, events and history), then the re-import of the
same file (nothing changes). Exits 1 when the first import is over the target.
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

TARGET_S = 10.0
ROWS = 10_000


def _ledger(rows: int) -> bytes:
    from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType, outcome_label
    from gongkai.domain.ledgers.applications import APPLICATION_COLUMNS, CHANNELS
    from gongkai.domain.ledgers.table_io import write_xlsx

    rng = random.Random(2)
    types = [t.label for t in ApplicantType]
    data: list[dict[str, object]] = []
    for i in range(rows):
        received = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
        last = received
        row: dict[str, object] = {
            "申请编号": f"2025-{i:05d}",
            "收到申请日期": received,
            "申请方式": CHANNELS[i % len(CHANNELS)],
            "申请人类型": types[rng.randrange(len(types))],
            "申请人": f"申请人{i}",
            "申请内容": "关于某项目立项批复、资金使用情况和验收材料的政府信息",
        }
        if rng.random() < 0.15:
            row["补正告知日期"] = last = received + timedelta(days=3)
            row["补正收到日期"] = last = last + timedelta(days=5)
        if rng.random() < 0.2:
            row["征求意见日期"] = last = last + timedelta(days=2)
            if rng.random() < 0.6:
                row["征求意见回复日期"] = last = last + timedelta(days=9)
        if rng.random() < 0.1:
            row["延期工作日"] = rng.randint(1, 20)
        if rng.random() < 0.9:
            row["办理结果"] = outcome_label(OUTCOME_KEYS[i % len(OUTCOME_KEYS)])
            row["答复日期"] = last + timedelta(days=rng.randint(1, 40))
        data.append(row)
    return write_xlsx(APPLICATION_COLUMNS, data, sheet_title="依申请公开登记台账")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=ROWS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gongkai-bench-") as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        os.environ["GONGKAI_VAR_DIR"] = str(Path(tmp) / "var")
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
        from gongkai.web.runtime import ensure_database

        ensure_database()
        from gongkai.apps.applications.ledgers import import_applications
        from gongkai.apps.applications.models import Application, ApplicationEvent
        from gongkai.apps.orgs.services import create_body

        body = create_body("基准测试县教育局")
        data = _ledger(args.rows)
        start = time.perf_counter()
        result = import_applications(body, data, "台账.xlsx")
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = import_applications(body, data, "台账.xlsx")
        second = time.perf_counter() - start
        apps = Application.objects.filter(body=body).count()
        events = ApplicationEvent.objects.filter(application__body=body).count()
    print(
        f"import of a {args.rows}-row .xlsx ledger ({len(data) // 1024} KiB): {first:.2f} s "
        f"({result.created} applications, {events} events created); "
        f"re-import: {second:.2f} s ({again.unchanged} unchanged, {apps} applications in all) "
        f"(target: < {TARGET_S:.0f} s)"
    )
    ok = first < TARGET_S and apps == args.rows and again.created == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
