"""Pages of the report checker — generic views of :mod:`gongkai.kernel.views`: the upload, the
user's checks, one check's result and its JSON. A check is its uploader's alone (another
user's is a 404)."""

from __future__ import annotations

from pathlib import PurePath
from typing import IO, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gongkai.apps.checks.actions import check_uploaded_report
from gongkai.apps.checks.filtersets import BatchReportFilterSet, ReportCheckFilterSet
from gongkai.apps.checks.forms import BatchUploadForm, ReportUploadForm, RetryForm
from gongkai.apps.checks.jobs import batch_jobs, batch_report, start_batch
from gongkai.apps.checks.models import BatchReport, ReportCheck
from gongkai.apps.checks.presentation import report_context
from gongkai.apps.checks.tables import BatchReportTable, ReportCheckTable
from gongkai.kernel import jobs
from gongkai.kernel.ledgers import CONTENT_TYPES
from gongkai.kernel.models import Job, JobStatus
from gongkai.kernel.tables import configure_table
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    Button,
    DownloadView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
    beyond_last_page,
    querystring_without,
)

__all__ = [
    "BatchJobStatusView",
    "BatchJobView",
    "BatchReportView",
    "BatchRetryView",
    "BatchUploadView",
    "BatchXlsxView",
    "ReportCheckDetailView",
    "ReportCheckJsonView",
    "ReportCheckListView",
    "ReportCheckUploadView",
]

routes = Routes("checks")


@routes("", "upload")
class ReportCheckUploadView(ObjectEditView):
    """年报检查: upload a published report; the result page follows."""

    queryset = ReportCheck.objects.all()
    form_class = ReportUploadForm
    template_name = "checks/upload.html"
    title = gettext_lazy("年报检查")

    def save(self, form: ReportUploadForm) -> ReportCheck:
        return check_uploaded_report(form.cleaned_data["file"], acting_user=self.request.user)

    def success_message(self, obj: ReportCheck) -> str:
        return _("已完成检查：%(errors)d 个错误，%(warnings)d 个警告。") % {
            "errors": obj.error_count,
            "warnings": obj.warning_count,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["checks_total"] = ReportCheck.objects.restrict(self.request.user).count()
        return context


@routes("mine/", "list")
class ReportCheckListView(ObjectListView):
    """我的检查记录: the user's checks, newest first."""

    queryset = ReportCheck.objects.defer("source_text", "result")
    table = ReportCheckTable
    filterset = ReportCheckFilterSet
    title = gettext_lazy("我的检查记录")

    def get_buttons(self) -> list[Button]:
        return [Button(_("上传年报检查"), reverse("checks:upload"), primary=True)]


@routes("<int:pk>/", "detail")
class ReportCheckDetailView(ObjectDetailView):
    """One check: metadata, the tables with findings marked, the findings, the prose."""

    queryset = ReportCheck.objects.select_related("owner")
    template_name = "checks/detail.html"
    title = gettext_lazy("检查结果")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(check=self.object, **report_context(self.object.report()))
        return context


@routes("<int:pk>/json/", "json")
class ReportCheckJsonView(DownloadView):
    """The stored report JSON (with findings) as a file."""

    queryset = ReportCheck.objects.only("pk", "filename", "result")

    def get_file(self) -> tuple[bytes, str, str]:
        check: ReportCheck = self.get_object()
        stem = PurePath(check.filename).stem or "report"
        data = (check.report().to_json() + "\n").encode("utf-8")
        return data, f"{stem}.检查结果.json", "application/json; charset=utf-8"


# =============================================================================================
# 批量检查: many files or zips as one background job (issue 11)
# =============================================================================================


class _BatchJobs(ObjectView):
    """The pages of batch jobs (a job of another kind is no batch page: 404)."""

    queryset = Job.objects.all()

    def get_base_queryset(self) -> QuerySet[Any]:
        return batch_jobs()


@routes("batch/", "batch")
class BatchUploadView(_BatchJobs, ObjectEditView):
    """批量检查: upload several reports or zips; the job's page follows."""

    form_class = BatchUploadForm
    template_name = "checks/batch_upload.html"
    title = gettext_lazy("批量检查")
    error_aliases = {"file": "reports"}

    def save(self, form: BatchUploadForm) -> Job:
        return start_batch(form.cleaned_data["reports"], acting_user=self.request.user)

    def success_message(self, obj: Job) -> str:
        return _("已开始批量检查：%(title)s。完成后本页显示结果。") % {"title": obj.title}

    def get_success_url(self) -> str:
        return reverse("checks:batch_job", kwargs={"pk": self.object.pk})


@routes("batch/<int:pk>/", "batch_job")
class BatchJobView(_BatchJobs, ObjectDetailView):
    """A batch job: progress while it runs, why it failed (and a retry), and when done its
    reports, filtered by body, rule and severity, and the workbook."""

    template_name = "checks/batch_job.html"
    title = gettext_lazy("批量检查结果")
    per_page = 50

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)
        table = context.get("table")
        return (table and beyond_last_page(request, table)) or self.render_to_response(context)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        job: Job = self.object
        context["job"] = job
        if job.status != JobStatus.DONE:
            return context
        rows = BatchReport.objects.filter(job=job)
        filterset = BatchReportFilterSet(self.request.GET, queryset=rows, request=self.request)
        shown = filterset.qs if filterset.is_valid() else rows.none()
        searched = any(self.request.GET.get(name, "") for name in filterset.form.fields)
        table = configure_table(
            self.request, BatchReportTable(shown), per_page=self.per_page, searched=searched
        )
        context.update(
            filterset=filterset,
            table=table,
            querystring=querystring_without(self.request, table.prefixed_page_field),
            sort_querystring=querystring_without(
                self.request, table.prefixed_page_field, table.prefixed_order_by_field
            ),
            files=rows.count(),
            read=rows.filter(error="").count(),
        )
        return context


@routes("batch/<int:pk>/status/", "batch_status")
class BatchJobStatusView(_BatchJobs, View):
    """The job's progress as JSON for the page's poll (checks/batch-job.js)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        job: Job = self.get_object()
        return JsonResponse(
            {
                "status": job.status,
                "label": job.get_status_display(),
                "done": job.done,
                "total": job.total,
                "percent": job.percent,
                "finished": job.finished,
            }
        )


@routes("batch/<int:pk>/<int:number>/", "batch_report")
class BatchReportView(_BatchJobs, ObjectDetailView):
    """One report of a finished batch: its tables with the findings on the cells."""

    template_name = "checks/batch_report.html"
    title = gettext_lazy("批量检查中的年报")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        number = self.kwargs["number"]
        row = BatchReport.objects.filter(job=self.object, number=number, error="").first()
        try:
            report = batch_report(self.object, row) if row is not None else None
        except FileNotFoundError:
            report = None
        if report is None:
            raise Http404(_("这次批量检查中没有第 %(number)d 份年报。") % {"number": number})
        context.update(job=self.object, item=row, report=report, **report_context(report))
        return context


@routes("batch/<int:pk>/xlsx/", "batch_xlsx")
class BatchXlsxView(_BatchJobs, DownloadView):
    """The workbook of a finished batch (a row per report, a row per finding)."""

    def get_file(self) -> tuple[bytes | str | IO[bytes], str, str]:
        job: Job = self.get_object()
        workbook = jobs.result_path(job)
        if workbook is None or not workbook.is_file():
            raise Http404(_("批量检查“%(title)s”还没有结果。") % {"title": job.title})
        return workbook.open("rb"), workbook.name, CONTENT_TYPES["xlsx"]


@routes("batch/<int:pk>/retry/", "batch_retry")
class BatchRetryView(_BatchJobs, ObjectEditView):
    """Run a failed batch again (its files are still in its folder)."""

    form_class = RetryForm
    title = gettext_lazy("重试批量检查")

    def save(self, form: RetryForm) -> Job:
        return jobs.retry(self.object, acting_user=self.request.user)

    def success_message(self, obj: Job) -> str:
        return _("已重新开始：%(title)s。") % {"title": obj.title}

    def get_title(self) -> str:
        return str(self.title)

    def get_success_url(self) -> str:
        return reverse("checks:batch_job", kwargs={"pk": self.object.pk})

    def get_cancel_url(self) -> str:
        return self.get_success_url()
