"""Benchmark: the hostile files of issue 9 (findings 2, 3, 9) against the readers.

Run: ``.venv/bin/python benchmarks/bench_reader_bombs.py [--timeout S] [--only NAME …]``.
Each file of ``tests/reader_bombs.py`` is read in a fresh process (the report reader and the
rules, or the ledger table reader), so the time (of the reading, imports excluded) and the
peak RSS (of the whole process, Python and the readers' libraries included) are that file's
alone. The web reads uploads in a limited child process besides
(``gongkai.domain.sandbox``); this measures the readers themselves. Prints
one line per file: seconds, peak RSS in MB, and how it ended (the Chinese refusal, a raw
exception, or killed at the timeout). Exits 1 when a file takes over 2 s or 300 MB, or ends in
anything but a refusal.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from reader_bombs import BOMBS  # noqa: E402

TARGET_S = 2.0
TARGET_MB = 300.0

_CHILD = r"""
import sys, time
from pathlib import Path
path, name, kind = sys.argv[1:4]
data = Path(path).read_bytes()
from gongkai.domain.ledgers.table_io import LedgerFileError, read_table
from gongkai.domain.parsers import ReportReadError, read_report_bytes
from gongkai.domain.report.rules import check
expected = (LedgerFileError, ReportReadError)
start = time.perf_counter()
try:
    if kind == "ledger":
        read_table(data, name)
    else:
        check(read_report_bytes(data, name))
    outcome = "read"
except expected as exc:
    outcome = "refused: " + str(exc)
except BaseException as exc:
    outcome = f"RAISED {exc.__class__.__name__}: {str(exc)[:80]}"
import resource
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{time.perf_counter() - start:.3f}\t{rss:.0f}\t{outcome}")
"""


def _run(
    name: str, data: bytes, filename: str, kind: str, timeout: float
) -> tuple[float, float, str]:
    with tempfile.NamedTemporaryFile(suffix=Path(filename).suffix) as handle:
        handle.write(data)
        handle.flush()
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", _CHILD, handle.name, filename, kind],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        try:
            out, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out = ""
        wall = time.perf_counter() - start
    if not out:
        return wall, float("nan"), f"KILLED after {timeout:.0f} s"
    seconds, rss_mb, outcome = out.strip().split("\t", 2)
    return float(seconds), float(rss_mb), outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--only", nargs="*", default=None)
    args = parser.parse_args()
    failed = False
    print(f"{'file':<22} {'bytes':>9} {'read s':>8} {'peak MB':>8}  outcome")
    for name, (build, filename, kind) in BOMBS.items():
        if args.only and name not in args.only:
            continue
        data = build()
        seconds, rss, outcome = _run(name, data, filename, kind, args.timeout)
        bad = seconds > TARGET_S or not rss < TARGET_MB or not outcome.startswith("refused")
        failed |= bad
        print(f"{name:<22} {len(data):>9} {seconds:>8.2f} {rss:>8.0f}  {outcome[:90]}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
