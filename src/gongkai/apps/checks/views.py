"""Pages of the report checker — generic views of :mod:`gongkai.kernel.views`: the upload, the
user's checks, one check's result and its JSON. A check is its uploader's alone (another
user's is a 404)."""

from __future__ import annotations

from pathlib import PurePath
from typing import IO, Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from gongkai.apps.checks.actions import check_uploaded_report
from gongkai.apps.checks.filtersets import ReportCheckFilterSet
from gongkai.apps.checks.forms import BatchUploadForm, ReportUploadForm, RetryForm
from gongkai.apps.checks.jobs import batch_items, batch_jobs, start_batch
from gongkai.apps.checks.models import ReportCheck
from gongkai.apps.checks.presentation import batch_filter, batch_rows, report_context
from gongkai.apps.checks.tables import ReportCheckTable
from gongkai.domain.render.layout import SEVERITY_LABELS
from gongkai.kernel import jobs
from gongkai.kernel.ledgers import CONTENT_TYPES
from gongkai.kernel.models import Job
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    Button,
    DownloadView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
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

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        items = batch_items(self.object)
        shown = batch_filter(items, self.request.GET)
        rows = batch_rows(items, shown)
        context.update(
            job=self.object,
            items=items,
            rows=rows,
            shown=shown,
            severities=SEVERITY_LABELS,
            read=sum(1 for item in items if item.report is not None),
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
        items = batch_items(self.object)
        number = self.kwargs["number"]
        if not 1 <= number <= len(items) or items[number - 1].report is None:
            raise Http404(_("这次批量检查中没有第 %(number)d 份年报。") % {"number": number})
        item = items[number - 1]
        report = item.report
        assert report is not None
        context.update(job=self.object, item=item, report=report, **report_context(report))
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
