"""Reading and checking many published reports at once (``gongkai report batch``, issue 11).

:func:`run_batch` takes files, folders (searched recursively for the file names of
:data:`gongkai.domain.parsers.REPORT_SUFFIXES`) and zips (their parts read in memory, never
extracted to disk, each part held to :data:`gongkai.domain.limits.BATCH_ZIP`), reads every
report in a pool of worker processes, then checks each one with every rule, the cross-year rules
X1–X3 (and N1) against the report of the year before of the same body when the batch holds it.
Progress goes to a callback ``(files done, files in all)``, so the command line shows a bar and
a background job can record it.

Every file goes through the one reader of any supported file
(:func:`gongkai.domain.parsers.read_report_bytes`, with the limits of
:mod:`gongkai.domain.limits`) in a worker bounded like the sandboxed reader
(:mod:`gongkai.domain.sandbox`): its address space is limited when the worker starts, and each
file gets its own CPU-time budget. A worker that dies or hangs (past the wall-clock limit) is
replaced, and the files it held are read again one by one in the sandbox, where a file that
kills its reader fails alone. A file that cannot be read gets one Chinese line and the run goes
on.

The results: one :class:`BatchItem` per input file, in the order the inputs were given (folders
and zips in name order), as JSON lines (:meth:`BatchItem.to_json`) or as a workbook
(:func:`batch_table`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import resource
import signal
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from types import FrameType
from typing import Any

from gongkai.domain.ledgers.table_io import write_csv, write_xlsx
from gongkai.domain.limits import BATCH_ZIP, FileLimitError, check_zip_member
from gongkai.domain.parsers import REPORT_SUFFIXES, ReportReadError, read_report_bytes
from gongkai.domain.report.model import Finding, Report
from gongkai.domain.report.rules import check
from gongkai.domain.sandbox import (
    DEFAULT_LIMITS,
    SandboxError,
    SandboxLimits,
    limit_error,
    limit_memory,
    run_isolated,
)

__all__ = [
    "BatchInputError",
    "BatchItem",
    "BatchProgress",
    "BatchResult",
    "Source",
    "batch_csv",
    "batch_sources",
    "batch_table",
    "batch_xlsx",
    "cell_counts",
    "check_batch",
    "read_item",
    "read_source",
    "run_batch",
]

#: ``(files done, files in all)``, called once before the first file and after each file.
BatchProgress = Callable[[int, int], None]

_ZIP_SUFFIX = ".zip"
_CRASH = "{doing}“{name}”时程序出错，请把这份文件发给平台维护者"


class BatchInputError(ValueError):
    """A path given to the batch that does not exist (one Chinese line)."""


@dataclass(frozen=True)
class Source:
    """One input file: ``file`` as shown (the path as given, or ``archive.zip/dir/x.txt``),
    read from ``path`` on disk, or from the part ``member`` of the zip ``path``."""

    file: str
    path: str
    member: str | None = None
    size: int = 0  # bytes (as inflated), to hand the workers even shares

    @property
    def name(self) -> str:
        """The file's own name (what the reader's messages call it)."""
        return PurePosixPath(self.file).name


@dataclass
class BatchItem:
    """The outcome of one input file: its report (checked), or the one Chinese line saying why
    it could not be read."""

    file: str
    report: Report | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """``{"file", "report" (report JSON, report-format.md §5) | None, "error" | None}``."""
        return {
            "file": self.file,
            "report": self.report.to_dict() if self.report is not None else None,
            "error": self.error,
        }

    def to_json(self) -> str:
        """One line of ``--jsonl``."""
        return json.dumps(self.to_dict(), ensure_ascii=False)


@dataclass
class BatchResult:
    items: list[BatchItem]

    @property
    def reports(self) -> list[BatchItem]:
        return [item for item in self.items if item.report is not None]

    @property
    def failed(self) -> list[BatchItem]:
        return [item for item in self.items if item.report is None]


# =============================================================================================
# The inputs
# =============================================================================================


def _member_name(info: zipfile.ZipInfo) -> str:
    """A part's name as its author wrote it: zips made on Chinese Windows store GBK names
    without the UTF-8 flag, which :mod:`zipfile` decodes as CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _zip_entries(path: Path, shown: str) -> Iterator[Source | BatchItem]:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "文件已损坏"
        yield BatchItem(shown, error=f"无法打开压缩包“{path.name}”：{reason}")
        return
    if len(infos) > BATCH_ZIP.max_parts:
        yield BatchItem(
            shown,
            error=f"压缩包“{path.name}”中有 {len(infos):,} 个文件，"
            f"超过了 {BATCH_ZIP.max_parts:,} 个的上限，请分成几个压缩包",
        )
        return
    total = 0
    for info in infos:
        name = _member_name(info)
        if info.is_dir() or PurePosixPath(name).suffix.lower() not in REPORT_SUFFIXES:
            continue
        file = f"{shown}/{name}"
        total += info.file_size
        try:
            check_zip_member(info, BATCH_ZIP)
            if total > BATCH_ZIP.max_total_bytes:
                raise FileLimitError(
                    f"压缩包“{path.name}”解压后超过 "
                    f"{BATCH_ZIP.max_total_bytes // 1024**3} GB 的上限，其后的文件未读取"
                )
        except FileLimitError as exc:
            yield BatchItem(file, error=f"无法读取“{PurePosixPath(name).name}”：{exc}")
            continue
        yield Source(file, str(path), info.filename, info.file_size)


def _entries(path: Path, shown: str) -> Iterator[Source | BatchItem]:
    if path.suffix.lower() == _ZIP_SUFFIX:
        yield from _zip_entries(path, shown)
    else:
        yield Source(shown, str(path), size=path.stat().st_size)


def batch_sources(paths: Iterable[str | Path]) -> list[Source | BatchItem]:
    """The input files of ``paths`` in order: a file as it is (any name: the reader says what
    it cannot read), a folder's report files and zips in name order (recursively), a zip's
    report files in the order of the archive. A zip, or a zip part over the limits, is already
    a :class:`BatchItem` with its error. Raises :class:`BatchInputError` for a path that does
    not exist."""
    entries: list[Source | BatchItem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                suffix = found.suffix.lower()
                if found.is_file() and (suffix in REPORT_SUFFIXES or suffix == _ZIP_SUFFIX):
                    entries.extend(_entries(found, str(found)))
        elif path.exists():
            entries.extend(_entries(path, str(given)))
        else:
            raise BatchInputError(f"找不到文件或文件夹：{given}")
    return entries


# =============================================================================================
# Reading one file
# =============================================================================================


def read_item(file: str, data: bytes) -> BatchItem:
    """The report in ``data`` (the file ``file``) as read (not yet checked: see
    :func:`check_batch`), or the reader's one Chinese line. Any other exception is a bug of
    the reader."""
    try:
        report = read_report_bytes(data, PurePosixPath(file).name)
    except ReportReadError as exc:
        return BatchItem(file, error=" ".join(str(exc).split()))
    return BatchItem(file, report=report)


@lru_cache(maxsize=4)
def _archive(path: str) -> zipfile.ZipFile:
    """An open zip (a worker reads many parts of one archive)."""
    return zipfile.ZipFile(path)


def _source_bytes(source: Source) -> bytes:
    if source.member is None:
        return Path(source.path).read_bytes()
    archive = _archive(source.path)
    with archive.open(source.member) as part:
        return part.read(BATCH_ZIP.max_part_bytes + 1)


def read_source(source: Source) -> BatchItem:
    """:func:`read_item` of a file on disk or a part of a zip (an unreadable one: its line)."""
    try:
        data = _source_bytes(source)
    except (zipfile.BadZipFile, EOFError, ValueError, KeyError) as exc:
        reason = "压缩包中的这个文件已损坏" if not isinstance(exc, KeyError) else "压缩包已改变"
        return BatchItem(source.file, error=f"无法读取“{source.name}”：{reason}")
    except OSError as exc:
        return BatchItem(
            source.file, error=f"无法读取“{source.name}”：{exc.strerror or '读取文件失败'}"
        )
    return read_item(source.file, data)


# =============================================================================================
# The worker processes
# =============================================================================================


class _CpuSpent(Exception):
    """Raised in a worker when the file it reads has used up its CPU-time budget."""


def _on_cpu_limit(_signum: int, _frame: FrameType | None) -> None:
    raise _CpuSpent


def _start_worker(limits: SandboxLimits) -> None:
    """A worker of the pool: the sandbox's memory limit, SIGXCPU as an exception (the CPU limit
    is set per file, :func:`_work`), Ctrl-C left to the parent."""
    limit_memory(limits)
    signal.signal(signal.SIGXCPU, _on_cpu_limit)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def _cpu_budget(limits: SandboxLimits) -> Iterator[None]:
    """``limits.cpu_seconds`` of CPU time for what runs inside (RLIMIT_CPU counts the worker's
    whole life, so its soft limit is moved on each time)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (int(_cpu_used()) + 1 + limits.cpu_seconds, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (hard, hard))


def _work_one(source: Source, limits: SandboxLimits) -> BatchItem:
    try:
        with _cpu_budget(limits):
            return read_source(source)
    except _CpuSpent:
        reason = "cpu"
    except MemoryError:
        reason = "memory"
    except Exception:  # noqa: BLE001 - a bug of the reader: this file fails alone
        return BatchItem(source.file, error=_CRASH.format(doing="读取", name=source.name))
    return BatchItem(source.file, error=f"无法读取“{source.name}”：{limit_error(limits, reason)}")


def _work(sources: list[Source], limits: SandboxLimits) -> list[BatchItem]:
    """In a worker: :func:`read_source` of each of ``sources``, each within the CPU time of
    ``limits``."""
    return [_work_one(source, limits) for source in sources]


def _isolated(source: Source, limits: SandboxLimits) -> BatchItem:
    """A file whose worker died or hung, read again alone in the sandbox."""
    try:
        item, _peak = run_isolated(read_source, source, limits=limits)
    except SandboxError as exc:
        if exc.crashed:
            return BatchItem(source.file, error=_CRASH.format(doing="读取", name=source.name))
        return BatchItem(source.file, error=f"无法读取“{source.name}”：{exc}")
    assert isinstance(item, BatchItem)
    return item


def _stop(pool: ProcessPoolExecutor) -> None:
    """Kill the workers of ``pool`` (one of them hangs) and drop it."""
    # ProcessPoolExecutor has no public way to kill a worker before Python 3.14
    # (terminate_workers); its process table is the only handle.
    for process in list(pool._processes.values()):
        process.kill()
    pool.shutdown(wait=True, cancel_futures=True)


_CHUNK_FILES = 16
_CHUNK_BYTES = 256 * 1024


def _chunks(sources: Sequence[tuple[int, Source]]) -> list[list[tuple[int, Source]]]:
    """``sources`` in tasks of a few small files (a pool's task costs a round trip) or one
    large one."""
    chunks: list[list[tuple[int, Source]]] = []
    size = 0
    for entry in sources:
        if not chunks or len(chunks[-1]) >= _CHUNK_FILES or size + entry[1].size > _CHUNK_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(entry)
        size += entry[1].size
    return chunks


def _pool(jobs: int, limits: SandboxLimits) -> ProcessPoolExecutor:
    """Worker processes forked from a server that has imported the readers."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["gongkai.domain.batch"])
    return ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(limits,)
    )


def _read_all(
    sources: Sequence[tuple[int, Source]],
    jobs: int,
    limits: SandboxLimits,
    done: Callable[[int, BatchItem], None],
) -> None:
    """Read ``sources`` (index, source) in ``jobs`` worker processes, handing each outcome to
    ``done(index, item)``."""
    pending = list(reversed(_chunks(sources)))
    suspects: list[tuple[int, Source]] = []
    window = jobs * 3  # tasks handed to the pool at a time: a dead worker costs few re-reads
    while pending:
        pool = _pool(jobs, limits)
        running: dict[Future[list[BatchItem]], list[tuple[int, Source]]] = {}
        try:
            while pending or running:
                while pending and len(running) < window:
                    chunk = pending.pop()
                    running[pool.submit(_work, [s for _, s in chunk], limits)] = chunk
                finished, _ = wait(
                    running, timeout=limits.wall_seconds, return_when=FIRST_COMPLETED
                )
                if not finished:  # a worker hangs where no signal reaches it
                    raise TimeoutError
                for future in finished:
                    error = future.exception()
                    if isinstance(error, BrokenProcessPool):
                        raise error
                    chunk = running.pop(future)
                    if error is not None:  # e.g. no memory left to send the result back
                        suspects.extend(chunk)
                        continue
                    for (index, _source), item in zip(chunk, future.result(), strict=True):
                        done(index, item)
        except (BrokenProcessPool, TimeoutError):
            suspects.extend(entry for chunk in running.values() for entry in chunk)
            _stop(pool)
        except BaseException:  # Ctrl-C, a cancelled job: no worker outlives the batch
            _stop(pool)
            raise
        else:
            pool.shutdown()
    for index, source in sorted(suspects):
        done(index, _isolated(source, limits))


def _check_chunk(
    pairs: list[tuple[Report, Report | None]], limits: SandboxLimits | None
) -> list[list[Finding] | None]:
    """The findings of each report checked against its predecessor (None when the check
    failed: a bug of a rule); in a worker, each within the CPU time of ``limits``."""
    findings: list[list[Finding] | None] = []
    for report, previous in pairs:
        try:
            if limits is None:
                findings.append(check(report, previous).findings)
                continue
            with _cpu_budget(limits):
                findings.append(check(report, previous).findings)
        except Exception:  # noqa: BLE001 - the report is set aside, see check_batch
            findings.append(None)
    return findings


# =============================================================================================
# The batch
# =============================================================================================


def _pairs(
    items: Sequence[BatchItem], context: Sequence[Report] = ()
) -> list[tuple[BatchItem, Report, Report | None]]:
    """Each item read, its report, and the report of the year before of the same body when
    ``items`` (first) or ``context`` hold it (the first one, if several)."""
    by_body_year: dict[tuple[str, int], Report] = {}
    for known in [item.report for item in items if item.report is not None] + list(context):
        if known.org and known.year is not None:
            by_body_year.setdefault((known.org, known.year), known)
    pairs: list[tuple[BatchItem, Report, Report | None]] = []
    for item in items:
        report = item.report
        if report is not None:
            previous = None
            if report.org and report.year is not None:
                previous = by_body_year.get((report.org, report.year - 1))
            pairs.append((item, report, previous))
    return pairs


def check_batch(
    items: Sequence[BatchItem],
    jobs: int = 1,
    limits: SandboxLimits = DEFAULT_LIMITS,
    *,
    context: Sequence[Report] = (),
) -> None:
    """Give each report read its findings: every rule, and the cross-year rules against the
    report of the year before of the same body when ``items`` hold it, or else ``context``
    (reports read only as the year before, not checked: a batch of chosen years); in ``jobs``
    worker processes under ``limits`` (in this one when 1)."""
    pairs = _pairs(items, context)
    size = _CHUNK_FILES * 4
    tasks = [
        [(report, previous) for _item, report, previous in pairs[start : start + size]]
        for start in range(0, len(pairs), size)
    ]
    results: list[list[Finding] | None] = []
    if jobs == 1 or len(tasks) == 1:
        for task in tasks:
            results += _check_chunk(task, None)
    else:
        try:
            with _pool(jobs, limits) as pool:
                for found in pool.map(_check_chunk, tasks, [limits] * len(tasks)):
                    results += found
        except BrokenProcessPool:  # a worker died: check here, where a failure is caught
            results = [found for task in tasks for found in _check_chunk(task, None)]
    for (item, report, _previous), findings in zip(pairs, results, strict=True):
        if findings is None:
            item.report = None
            item.error = _CRASH.format(doing="检查", name=PurePosixPath(item.file).name)
        else:
            report.findings = findings


def run_batch(
    paths: Iterable[str | Path],
    *,
    jobs: int | None = None,
    progress: BatchProgress | None = None,
    limits: SandboxLimits = DEFAULT_LIMITS,
) -> BatchResult:
    """Read and check every report in ``paths`` (files, folders, zips) with ``jobs`` worker
    processes (default: one per core). Raises :class:`BatchInputError` for a path that does
    not exist; a file that cannot be read is an item with its error."""
    entries = batch_sources(paths)
    total = len(entries)
    items: list[BatchItem | None] = [e if isinstance(e, BatchItem) else None for e in entries]
    count = sum(1 for item in items if item is not None)
    if progress is not None:
        progress(count, total)

    def done(index: int, item: BatchItem) -> None:
        nonlocal count
        items[index] = item
        count += 1
        if progress is not None:
            progress(count, total)

    sources = [(i, e) for i, e in enumerate(entries) if isinstance(e, Source)]
    if sources:
        workers = max(1, min(jobs or os.cpu_count() or 1, len(sources)))
        _read_all(sources, workers, limits, done)
    result = [item for item in items if item is not None]
    assert len(result) == total
    check_batch(result, workers if sources else 1, limits)
    return BatchResult(result)


# =============================================================================================
# The result as a table
# =============================================================================================

_REPORT_HEADERS = ("文件", "机关", "年度", "格式", "读取", "推算", "缺失", "错误", "提示")
_FINDING_HEADERS = ("文件", "机关", "年度", "规则", "级别", "单元格", "说明")
_SEVERITY = {"error": "错误", "warning": "提示"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in a worksheet


def cell_counts(report: Report) -> dict[str, int]:
    """How many of the report's cells were ``read``, ``inferred`` and ``missing``."""
    counts = {"read": 0, "inferred": 0, "missing": 0}
    for provenance in report.provenance.values():
        kind = provenance.split(":", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def batch_table(result: BatchResult) -> tuple[list[str], list[dict[str, object]]]:
    """One row per report (file, body, year, format, cells read / inferred / missing, errors,
    warnings, then a column per rule with its number of findings) and the error of each file
    that could not be read: (headers, rows)."""
    reports = [item.report for item in result.items if item.report is not None]
    rules = sorted({finding.rule for report in reports for finding in report.findings})
    headers = [*_REPORT_HEADERS, *rules, "无法读取的原因"]
    rows: list[dict[str, object]] = []
    for item in result.items:
        report = item.report
        if report is None:
            rows.append({"文件": item.file, "无法读取的原因": item.error})
            continue
        counts = cell_counts(report)
        row: dict[str, object] = {
            "文件": item.file,
            "机关": report.org or "",
            "年度": report.year,
            "格式": f"{report.format} 年版",
            "读取": counts["read"],
            "推算": counts["inferred"],
            "缺失": counts["missing"],
            "错误": len(report.errors),
            "提示": len(report.warnings),
        }
        for rule in rules:
            row[rule] = sum(1 for f in report.findings if f.rule == rule)
        rows.append(row)
    return headers, rows


def _finding_rows(result: BatchResult) -> Iterator[tuple[object, ...]]:
    for item in result.reports:
        report = item.report
        assert report is not None
        for finding in report.findings:
            yield (
                item.file,
                report.org or "",
                report.year,
                finding.rule,
                _SEVERITY.get(finding.severity, finding.severity),
                "、".join(finding.cells),
                finding.message,
            )


def batch_xlsx(result: BatchResult) -> bytes:
    """The workbook of ``--out results.xlsx``: sheet 年报 (:func:`batch_table`), sheet 发现的问题
    (a row per finding: file, body, year, rule, severity, cells, message)."""
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    def findings_sheet(workbook: Any) -> None:
        sheet = workbook.create_sheet("发现的问题")
        sheet.append(list(_FINDING_HEADERS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in _finding_rows(result):
            sheet.append([_CONTROL.sub("", v) if isinstance(v, str) else v for v in row])
        sheet.freeze_panes = "A2"

    headers, rows = batch_table(result)
    return write_xlsx(headers, rows, sheet_title="年报", more_sheets=findings_sheet)


def batch_csv(result: BatchResult) -> bytes:
    """``--out results.csv``: the sheet 年报 of :func:`batch_xlsx` in UTF-8 with BOM."""
    headers, rows = batch_table(result)
    return write_csv(headers, rows)
