"""Jobs of the 年报检查 on the task engine (:mod:`gongkai.kernel.jobs`).

:func:`read_reports` reads published reports from files on the server, one after the other,
through the same sandboxed reader and limits as an upload (:func:`services.reader_limits`),
and reports its progress after each file: the first job of the engine, and the shape a batch
over many files takes (progress files done / total, one line per file, a file that cannot be
read gets its error line and the run goes on).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.apps.checks.models import BatchReport, BatchRuleCount
from gongkai.apps.checks.services import display_name, read_upload_bytes, reader_limits
from gongkai.domain.batch import BatchItem, BatchResult, batch_xlsx, cell_counts, run_batch
from gongkai.domain.parsers import ReportReadError
from gongkai.domain.report.model import Report
from gongkai.domain.sandbox import read_and_check_isolated
from gongkai.kernel import jobs
from gongkai.kernel.jobs import JobFailed, JobRun
from gongkai.kernel.models import Job

__all__ = [
    "RESULTS_JSONL",
    "RESULTS_XLSX",
    "UPLOADS",
    "batch_check",
    "batch_jobs",
    "batch_report",
    "finish_batch",
    "read_reports",
    "register_batch_job",
    "start_batch",
]


def read_reports(run: JobRun, *, paths: list[str]) -> dict[str, Any]:
    """Read and check each file of ``paths``: per file its body, year, cells read and the
    errors and warnings by rule, or its error line. A file that is not there fails the job
    (it can be retried once the file is back)."""
    missing = [path for path in paths if not Path(path).is_file()]
    if missing:
        raise JobFailed(_("找不到文件：%(paths)s") % {"paths": "、".join(missing)})
    run.progress(0, len(paths))
    lines: list[dict[str, Any]] = []
    for done, path in enumerate(paths, 1):
        name = Path(path).name
        try:
            _text, report = read_and_check_isolated(
                Path(path).read_bytes(), name, limits=reader_limits()
            )
        except ReportReadError as exc:
            lines.append({"file": path, "report": None, "error": " ".join(str(exc).split())})
        else:
            lines.append(
                {
                    "file": path,
                    "report": {
                        "org": report.org,
                        "year": report.year,
                        "format": report.format,
                        "cells": sum(1 for p in report.provenance.values() if p == "read"),
                        "errors": sorted({f.rule for f in report.errors}),
                        "warnings": sorted({f.rule for f in report.warnings}),
                    },
                    "error": None,
                }
            )
        run.progress(done)
    return {"files": lines, "read": sum(1 for line in lines if line["error"] is None)}


#: The folder of a batch job's uploaded files (under the job's directory).
UPLOADS = "uploads"
#: The batch job's files: every item as a JSON line, and the workbook (the job's result).
RESULTS_JSONL = "results.jsonl"
RESULTS_XLSX = "年报批量检查结果.xlsx"


def _shown(file: str, stored: dict[str, str]) -> str:
    """The item's file as the user named it: the stored path replaced by the upload's name
    (a zip's part keeps its name inside the zip)."""
    for path, name in stored.items():
        if file == path or file.startswith(path + "/"):
            return name + file[len(path) :]
    return file


def batch_check(run: JobRun, *, files: list[list[str]]) -> Path:
    """Read and check the uploaded files of a batch (``files``: [stored name, name as
    uploaded], stored under ``run.directory()/uploads``; zips read part by part by the batch)
    with every rule and the cross-year rules between the reports of the batch; writes the
    items as JSON lines and the workbook, returns the workbook."""
    folder = run.directory() / UPLOADS
    stored = {str(folder / name): shown for name, shown in files}
    missing = [shown for path, shown in stored.items() if not Path(path).is_file()]
    if missing:
        raise JobFailed(
            _("找不到上传的文件：%(names)s，请重新上传。") % {"names": "、".join(missing)}
        )
    result = run_batch(list(stored), progress=run.progress, limits=reader_limits())
    for item in result.items:
        item.file = _shown(item.file, stored)
    return finish_batch(run, result)


def _summary(job: Job, number: int, item: BatchItem, offset: int, length: int) -> BatchReport:
    row = BatchReport(
        job=job, number=number, file=item.file, offset=offset, length=length, error=item.error or ""
    )
    report = item.report
    if report is not None:
        counts = cell_counts(report)
        row.org, row.year, row.format = (report.org or "")[:255], report.year, report.format
        row.cells_read, row.cells_inferred = counts["read"], counts["inferred"]
        row.cells_missing = counts["missing"]
        row.error_count, row.warning_count = len(report.errors), len(report.warnings)
    return row


def finish_batch(run: JobRun, result: BatchResult) -> Path:
    """Write a batch job's result: every item as a JSON line in its folder, a summary row per
    item in the database (:class:`BatchReport`, with its findings counted by rule and
    severity: what the result page lists and filters; the line's place in the file, which a
    report's page reads alone) and the workbook, which is returned (the job's result)."""
    rows: list[BatchReport] = []
    offset = 0
    with (run.directory() / RESULTS_JSONL).open("wb") as out:
        for number, item in enumerate(result.items, 1):
            line = (item.to_json() + "\n").encode("utf-8")
            out.write(line)
            rows.append(_summary(run.job, number, item, offset, len(line)))
            offset += len(line)
    workbook = run.directory() / RESULTS_XLSX
    workbook.write_bytes(batch_xlsx(result))
    with transaction.atomic():
        BatchReport.objects.filter(job=run.job).delete()  # an earlier run's
        BatchReport.objects.bulk_create(rows, batch_size=500)
        counts = [
            BatchRuleCount(report=row, rule=rule, severity=severity, count=count)
            for row, item in zip(rows, result.items, strict=True)
            if item.report is not None
            for (rule, severity), count in sorted(
                Counter((f.rule, f.severity) for f in item.report.findings).items()
            )
        ]
        BatchRuleCount.objects.bulk_create(counts, batch_size=1000)
    return workbook


#: The kinds of job whose result is a batch (:func:`finish_batch`): their pages are those of
#: the 批量检查. An app whose job writes a batch registers it (:func:`register_batch_job`).
_BATCH_KINDS: set[str] = set()


def register_batch_job(function: Callable[..., Path]) -> None:
    """Show the jobs of ``function`` (a job function ending in :func:`finish_batch`) on the
    pages of the 批量检查."""
    _BATCH_KINDS.add(f"{function.__module__}.{function.__qualname__}")


def batch_jobs() -> QuerySet[Job]:
    """The jobs whose result is a batch."""
    return Job.objects.filter(kind__in=sorted(_BATCH_KINDS))


register_batch_job(batch_check)


def start_batch(uploads: list[UploadedFile], *, acting_user: Any) -> Job:
    """Save ``uploads`` (report files and zips, each within the upload limit) under a new
    batch job's folder — under names of our own (a number and the checked suffix), never the
    client's — and queue the job (:func:`batch_check`), which starts once the files are
    written (the transaction commits)."""
    names = [display_name(upload) for upload in uploads]
    stored = [f"{i:03d}{PurePath(name).suffix.lower()}" for i, name in enumerate(names, 1)]
    title = _("批量检查 %(count)d 个文件：%(names)s") % {
        "count": len(names),
        "names": "、".join(names),
    }
    with transaction.atomic():
        job = jobs.start(
            batch_check,
            title=title,
            started_by=acting_user,
            files=[[name, shown] for name, shown in zip(stored, names, strict=True)],
        )
        folder = JobRun(job).directory() / UPLOADS
        folder.mkdir(exist_ok=True)
        for upload, name in zip(uploads, stored, strict=True):
            data = read_upload_bytes(upload, settings.GONGKAI_MAX_UPLOAD_BYTES)
            (folder / name).write_bytes(data)
    return job


def batch_report(job: Job, row: BatchReport) -> Report:
    """The report of ``row`` (a file of ``job`` that was read), with its findings: its one
    line of the job's JSON lines. Raises :class:`FileNotFoundError` when the job's files are
    gone."""
    workbook = jobs.result_path(job)
    if workbook is None or row.error:
        raise FileNotFoundError(row.file)
    with (workbook.parent / RESULTS_JSONL).open("rb") as lines:
        lines.seek(row.offset)
        data = json.loads(lines.read(row.length))
    return Report.from_dict(data["report"])
