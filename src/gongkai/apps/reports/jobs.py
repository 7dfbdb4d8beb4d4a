"""Jobs of the annual reports on the task engine (:mod:`gongkai.kernel.jobs`).

:func:`published_batch` checks the published reports of the bodies below a 上级 as one batch
(issue 11): every rule, and the cross-year rules between consecutive published years of each
body; its result is that of a 批量检查 (:func:`gongkai.apps.checks.jobs.finish_batch`), shown on
the same pages.

:func:`published_pdf` makes the PDF of a published report (LibreOffice from its Word file,
:mod:`gongkai.domain.render.pdf`: about 2 s, too slow for a request) and stores it
(:class:`~gongkai.apps.reports.models.PublishedPdf`); :func:`pdf_of` is what the PDF link
asks: the stored PDF, else the job that makes it — the one mechanism of
:mod:`gongkai.kernel.stored_pdf` (started on the first request, at most one at a time per
report; a failure is shown for :data:`RETRY_AFTER` before the next request tries again)."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.apps.checks.jobs import finish_batch, register_batch_job
from gongkai.apps.checks.services import reader_limits
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport, PublishedPdf
from gongkai.apps.reports.tables import report_title
from gongkai.domain.batch import BatchItem, BatchResult, check_batch
from gongkai.domain.render.docx import render_docx
from gongkai.kernel import stored_pdf
from gongkai.kernel.jobs import JobFailed, JobRun
from gongkai.kernel.stored_pdf import RETRY_AFTER, PdfState, convert

__all__ = ["RETRY_AFTER", "PdfState", "pdf_of", "published_batch", "published_pdf"]


def published_batch(
    run: JobRun, *, body: int, first_year: int | None = None, last_year: int | None = None
) -> Path:
    """Check every published report of the bodies below ``body`` (by body, then year) of the
    years ``first_year``–``last_year`` (either end open when None). The report of the year
    before ``first_year`` is read too, as the year before of the cross-year rules X1–X3 (and
    N1) of the first year, without being a checked report of the batch."""
    root = Body.objects.filter(pk=body).first()
    if root is None:
        raise JobFailed(_("机关已不存在，无法检查其下级机关的年报。"))
    published = (
        AnnualReport.objects.published()
        .filter(body__in=Body.objects.subtree(root).exclude(pk=root.pk))
        .select_related("body")
        .order_by("body__path", "year")
    )
    if first_year is not None:
        published = published.filter(year__gte=first_year - 1)
    if last_year is not None:
        published = published.filter(year__lte=last_year)
    rows: list[AnnualReport] = []  # the years checked
    before: list[AnnualReport] = []  # the year before the first: for X1–X3 only
    for row in published:
        (before if first_year is not None and row.year < first_year else rows).append(row)
    run.progress(0, len(rows))
    context = [report for row in before if (report := row.published_report()) is not None]
    items = []
    for done, row in enumerate(rows, 1):
        report = row.published_report()
        if report is not None:
            name = _("%(body)s %(year)d 年度报告") % {"body": row.body.name, "year": row.year}
            items.append(BatchItem(name, report))
        run.progress(done)
    check_batch(items, 1, reader_limits(), context=context)
    return finish_batch(run, BatchResult(items))


register_batch_job(published_batch)


def published_pdf(run: JobRun, *, report: int, digest: str) -> dict[str, int]:
    """Make and store the PDF of the published ``report`` as of its snapshot ``digest``."""
    row = AnnualReport.objects.published().filter(pk=report).first()
    if row is None or row.snapshot_digest() != digest:
        raise JobFailed(_("这份年报已不是发布时的版本，PDF 未生成。"))
    published = row.published_report()
    if published is None:  # pragma: no cover - the constraint guarantees a snapshot
        raise JobFailed(_("这份年报没有发布快照，PDF 未生成。"))
    data = convert(run, render_docx(published))
    PublishedPdf.objects.update_or_create(
        report=row, defaults={"digest": digest, "data": data, "created_at": timezone.now()}
    )
    return {"bytes": len(data)}


def pdf_of(report: AnnualReport) -> PdfState:
    """The stored PDF of the published ``report`` (of its current snapshot); without one, the
    job that makes it (:func:`gongkai.kernel.stored_pdf.pdf_of`)."""
    digest = report.snapshot_digest()

    def stored() -> bytes | None:
        data = (
            PublishedPdf.objects.filter(report=report, digest=digest)
            .values_list("data", flat=True)
            .first()
        )
        return bytes(data) if data is not None else None

    return stored_pdf.pdf_of(
        stored=stored,
        lock=AnnualReport.objects.filter(pk=report.pk),
        function=published_pdf,
        title=lambda: (
            _("生成%(title)s的 PDF") % {"title": report_title(report.body.name, report.year)}
        ),
        report=report.pk,
        digest=digest,
    )


# ---------------------------------------------------------------------------------------------
# The stored summaries (issue 15)
# ---------------------------------------------------------------------------------------------


def refresh_summaries(run: JobRun) -> dict[str, int]:
    """Recompute every stale summary (:func:`gongkai.apps.reports.summaries.refresh`)."""
    from gongkai.apps.reports.summaries import refresh

    return {"refreshed": refresh(progress=run.progress)}


def schedule_refresh() -> None:
    """Queue :func:`refresh_summaries` unless one is already queued (one run picks up every
    change committed before it starts; a change committed while it runs queues the next)."""
    from gongkai.kernel import jobs
    from gongkai.kernel.models import Job, JobStatus

    queued = Job.objects.filter(
        kind=f"{refresh_summaries.__module__}.{refresh_summaries.__qualname__}",
        status=JobStatus.QUEUED,
    )
    if not queued.exists():
        jobs.start(refresh_summaries, title=_("更新年度汇总"), started_by=None)
