"""Pages of the report checker — generic views of :mod:`gongkai.kernel.views`: the upload, the
user's checks, one check's result and its JSON. A check is its uploader's alone (another
user's is a 404)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.checks.actions import check_uploaded_report
from gongkai.apps.checks.filtersets import ReportCheckFilterSet
from gongkai.apps.checks.forms import ReportUploadForm
from gongkai.apps.checks.models import ReportCheck
from gongkai.apps.checks.presentation import report_context
from gongkai.apps.checks.tables import ReportCheckTable
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    Button,
    DownloadView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

__all__ = [
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
