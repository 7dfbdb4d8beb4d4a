"""Jobs of the 年报检查 on the task engine (:mod:`gongkai.kernel.jobs`).

:func:`read_reports` reads published reports from files on the server, one after the other,
through the same sandboxed reader and limits as an upload (:func:`services.reader_limits`),
and reports its progress after each file: the first job of the engine, and the shape a batch
over many files takes (progress files done / total, one line per file, a file that cannot be
read gets its error line and the run goes on).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from gongkai.apps.checks.services import reader_limits
from gongkai.domain.parsers import ReportReadError
from gongkai.domain.sandbox import read_and_check_isolated
from gongkai.kernel.jobs import JobFailed, JobRun

__all__ = ["read_reports"]


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
