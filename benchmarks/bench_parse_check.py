"""Benchmark: parse + check of the seed report (target: median under 20 ms).

Run: ``make benchmark`` or ``.venv/bin/python benchmarks/bench_parse_check.py [--runs N]``.
Exits 1 when the median is over the target, so it can gate a release.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from gongkai.domain.parsers.text import parse_text
from gongkai.domain.report.rules import check

TARGET_MS = 20.0
ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_9fd22329478e75da.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--file", type=Path, default=SEED)
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8")
    check(parse_text(text))  # warm-up: imports, regex compilation
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        check(parse_text(text))
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    print(
        f"parse + check {args.file.name}: {args.runs} runs, median {median:.2f} ms, "
        f"p95 {p95:.2f} ms, max {max(times):.2f} ms (target: median < {TARGET_MS:.0f} ms)"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
