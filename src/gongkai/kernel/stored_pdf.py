"""The stored PDF of a fixed Word document, made by a background job the first time it is
asked for: the published annual report (``reports.jobs``) and a letter as issued
(``letters.jobs``). One way for both (docs/pdf.md):

- the app keeps the bytes (its own model) and gives :func:`pdf_of` the means to read them,
  the row to lock and the job function with its parameters;
- :func:`pdf_of` returns the stored PDF, else the job that makes it: started now unless one
  is queued or running, or failed less than :data:`RETRY_AFTER` ago — decided under the
  row's lock, so concurrent requests start at most one;
- the job function converts with :func:`convert` (LibreOffice, about 2 s: never in a
  request), a failure being its one Chinese line (:class:`~gongkai.kernel.jobs.JobFailed`);
- :func:`pdf_response` is what the PDF link answers: the file; else a page saying it is being
  made that reloads itself (202), or why it cannot be (503), beside the Word file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from gongkai.domain.render.pdf import PDF_CONTENT_TYPE, PdfConversionError, docx_to_pdf
from gongkai.kernel import jobs
from gongkai.kernel.jobs import JobFailed, JobFunction, JobRun
from gongkai.kernel.models import Job, JobStatus

__all__ = ["RETRY_AFTER", "PdfState", "convert", "pdf_of", "pdf_response"]

#: How long a failed conversion (LibreOffice missing, a timeout) is shown before a new request
#: starts another.
RETRY_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class PdfState:
    """The PDF as a request finds it: ready (``data``), or the job that makes it (queued or
    running; failed: ``job.error`` says why)."""

    data: bytes | None
    job: Job | None

    @property
    def failed(self) -> bool:
        return self.data is None and self.job is not None and self.job.status == JobStatus.FAILED


def pdf_of(
    *,
    stored: Callable[[], bytes | None],
    lock: models.QuerySet[Any],
    function: JobFunction,
    title: Callable[[], str],
    **params: Any,
) -> PdfState:
    """``stored()``, the PDF kept; without one, the job ``function(run, **params)`` that makes
    it (titled ``title()``, started by no user), started now unless one is queued or running,
    or failed less than :data:`RETRY_AFTER` ago. ``lock`` is the row whose lock makes one
    request at a time decide. With the immediate task backend (the tests) the job has run
    when the surrounding transaction commits."""
    data = stored()
    if data is not None:
        return PdfState(data, None)
    with transaction.atomic():
        lock.select_for_update().exists()
        data = stored()  # made while this request waited for the lock
        if data is not None:
            return PdfState(data, None)
        job = jobs.latest(function, **params)
        busy = job is not None and not job.finished
        failed_lately = (
            job is not None
            and job.status == JobStatus.FAILED
            and job.finished_at is not None
            and timezone.now() - job.finished_at < RETRY_AFTER
        )
        if job is None or not (busy or failed_lately):
            job = jobs.start(function, title=title(), started_by=None, **params)
    job.refresh_from_db()
    return PdfState(stored(), job)


def convert(run: JobRun, docx: bytes) -> bytes:
    """The PDF of the Word file ``docx`` (in a job: a failure is the job's one line)."""
    run.progress(0, 1)
    try:
        data = docx_to_pdf(docx)
    except PdfConversionError as exc:
        raise JobFailed(str(exc)) from None
    run.progress(1)
    return data


def pdf_response(
    request: HttpRequest,
    state: PdfState,
    *,
    title: str,
    word_url: str,
    back_url: str,
    back_label: str,
) -> HttpResponse:
    """The PDF link's answer: the file ``title``.pdf; else the page that says it is being made
    (202, reloads every 3 s) or why it cannot be (503), with the Word file's link."""
    if state.data is not None:
        response = HttpResponse(state.data, content_type=PDF_CONTENT_TYPE)
        response["Content-Disposition"] = content_disposition_header(True, f"{title}.pdf") or ""
        return response
    context = {
        "title": title,
        "state": state,
        "word_url": word_url,
        "back_url": back_url,
        "back_label": back_label,
    }
    status = 503 if state.failed else 202
    return TemplateResponse(request, "kernel/stored_pdf.html", context, status=status)
