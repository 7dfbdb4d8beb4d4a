"""Jobs of the annual reports on the task engine (:mod:`gongkai.kernel.jobs`).

:func:`published_batch` checks the published reports of the bodies below a 上级 as one batch
(issue 11): every rule, and the cross-year rules between consecutive published years of each
body; its result is that of a 批量检查 (:func:`gongkai.apps.checks.jobs.finish_batch`), shown on
the same pages."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from gongkai.apps.checks.jobs import finish_batch, register_batch_job
from gongkai.apps.checks.services import reader_limits
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport
from gongkai.domain.batch import BatchItem, BatchResult, check_batch
from gongkai.kernel.jobs import JobFailed, JobRun

__all__ = ["published_batch"]


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
