"""Benchmark: ``gongkai report batch`` over 2,000 text/HTML reports and over PDFs (issue 11).

Run: ``.venv/bin/python benchmarks/bench_report_batch.py [--reports N] [--pdfs N] [--jobs N]``.

The text/HTML reports are consistent samples of 200 bodies over the years 2019–2025 (both
formats) rendered as published text, one in five as the platform's web page instead (saved as
GB18030 with a ``<meta charset="gb2312">``, as government sites do), with the real published
fixtures mixed in; the PDFs are copies of
the fixture 001.pdf. Each set is read by the real command (``python -m gongkai report batch
DIR --jsonl FILE``, in a process of its own, with its pool of workers), timed from start to
exit (imports and writing the JSON lines included), while the resident memory of the whole
process tree (the command and its workers) is sampled every 20 ms. The same files are then read
one by one in this process (read + check, no pool) for the ratio.

The CPU time of the command's process tree (sampled with the memory) next to the loop's shows
what the pool itself costs, whatever else runs on the machine; the load average before and
after, and how many cores two CPU-bound processes got just before (a fixed loop run alone, then
twice at once), say whether it was quiet.

Targets (2 cores): text/HTML ≥ 200 reports/s, PDF ≥ 10/s, peak RSS of the tree < 500 MB. Exits 1
when one is missed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gongkai.domain.parsers import read_report_bytes
from gongkai.domain.render import render
from gongkai.domain.report.rules import check
from gongkai.domain.report.samples import consistent_report

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "reports"
TEXT_TARGET = 200.0
PDF_TARGET = 10.0
MEMORY_TARGET_MB = 500.0
_PAGE = os.sysconf("SC_PAGE_SIZE")
_TICKS = os.sysconf("SC_CLK_TCK")


def _make_texts(folder: Path, count: int) -> None:
    fixtures = sorted(FIXTURES.glob("*.txt"))
    for n in range(count):
        if n % 10 == 9:  # one in ten a real published report, as it was published
            shutil.copy(fixtures[n // 10 % len(fixtures)], folder / f"{n:05d}-fixture.txt")
            continue
        year = 2019 + n % 7
        report = consistent_report(
            "2019" if year < 2021 else "2021",
            year=year,
            org=f"第{n % 200:03d}示例县人民政府",
            seed=n,
        )
        if n % 5 == 2:
            page = render(report, "html").replace('charset="utf-8"', 'charset="gb2312"')
            (folder / f"{n:05d}.html").write_bytes(page.encode("gb18030"))
            continue
        (folder / f"{n:05d}.txt").write_text(render(report, "txt"), encoding="utf-8")


def _make_pdfs(folder: Path, count: int) -> None:
    for n in range(count):
        shutil.copy(FIXTURES / "001.pdf", folder / f"{n:04d}.pdf")


def _tree(root: int, cpu: dict[int, int]) -> int:
    """Resident bytes of ``root`` and all its descendants (from /proc); records in ``cpu`` each
    one's CPU clock ticks (user + system) so far."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * _PAGE
        ticks[pid] = int(fields[11]) + int(fields[12])
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        cpu[pid] = max(cpu.get(pid, 0), ticks.get(pid, 0))
        todo.extend(children.get(pid, []))
    return total


def _run_batch(folder: Path, jobs: int | None) -> tuple[float, int, float, int]:
    """(seconds, peak RSS of the tree, CPU seconds of the tree, exit code) of the real command
    over ``folder`` (the CPU time as last sampled, every 20 ms: a few ticks may be missed)."""
    jsonl = folder.with_suffix(".jsonl")
    command = [sys.executable, "-m", "gongkai", "report", "batch", str(folder)]
    command += ["--jsonl", str(jsonl)]
    if jobs:
        command += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    cpu: dict[int, int] = {}
    while process.poll() is None:
        peak = max(peak, _tree(process.pid, cpu))
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    lines = jsonl.read_text(encoding="utf-8").count("\n")
    assert lines == len(list(folder.iterdir())), (lines, process.stderr)
    return seconds, peak, sum(cpu.values()) / _TICKS, process.returncode


def _burn(count: int) -> float:
    """Seconds of a fixed CPU-bound loop."""
    start, total = time.perf_counter(), 0
    for n in range(count):
        total += n * n
    return time.perf_counter() - start


def _cores_free() -> float:
    """How many cores two CPU-bound processes get now (2.0 on an idle 2-core machine; ~1 or
    less when other work holds the cores): the loop alone, then twice at once."""
    work = 5_000_000
    alone = _burn(work)
    start = time.perf_counter()
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [work, work]))
    return 2 * alone / (time.perf_counter() - start)


def _one_by_one(folder: Path) -> tuple[float, float]:
    """(seconds, CPU seconds) of reading and checking the files of ``folder`` one after the
    other in this process."""
    start, cpu = time.perf_counter(), time.process_time()
    for path in sorted(folder.iterdir()):
        try:
            check(read_report_bytes(path.read_bytes(), path.name))
        except Exception:  # noqa: BLE001 - the batch reports these; here only time counts
            continue
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--pdfs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        sets = [("text/HTML", Path(tmp) / "text", args.reports, _make_texts, TEXT_TARGET)]
        sets.append(("PDF", Path(tmp) / "pdf", args.pdfs, _make_pdfs, PDF_TARGET))
        for name, folder, count, make, target in sets:
            folder.mkdir()
            make(folder, count)
            load, cores = os.getloadavg()[0], _cores_free()
            seconds, peak, cpu, code = _run_batch(folder, args.jobs)
            alone, alone_cpu = _one_by_one(folder)
            rate, mb = count / seconds, peak / 1024 / 1024
            print(
                f"{name}: {count} files in {seconds:.2f} s = {rate:.0f}/s "
                f"(target ≥ {target:.0f}/s), peak RSS of the process tree {mb:.0f} MB "
                f"(target < {MEMORY_TARGET_MB:.0f} MB), exit {code}, CPU of the tree "
                f"{cpu:.1f} s; one by one in one process: {alone:.2f} s = {count / alone:.0f}/s "
                f"(CPU {alone_cpu:.1f} s), batch {alone / seconds:.2f}× as fast; load average "
                f"{load:.2f} before, {os.getloadavg()[0]:.2f} after; two CPU-bound processes "
                f"got {cores:.1f} cores before"
            )
            ok = ok and rate >= target and mb < MEMORY_TARGET_MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
