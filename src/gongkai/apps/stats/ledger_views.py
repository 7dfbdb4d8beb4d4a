"""Staff pages for ledgers and the tables from records (mounted under ``/ledgers/``).

- ``/ledgers/``: the bodies the user may see, with upload, export and template links;
- ``/ledgers/<body>/``: upload a ledger (all-or-nothing, errors listed by row and column),
  download a year's ledger, open the tables page;
- ``/ledgers/<body>/export/<kind>/?year=Y&fmt=xlsx|csv``: the exported ledger;
- ``/ledgers/template/<kind>.<fmt>``: the blank template;
- ``/ledgers/<body>/report/<year>/``: tables 三 and 四 counted from the records (and JSON).

A body the user may not see is a 404; uploading needs the right to change the body's records.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django import forms
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications import ledgers as application_ledgers
from gongkai.apps.cases import ledgers as case_ledgers
from gongkai.apps.checks.presentation import table_sections
from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.reporting import build_report
from gongkai.kernel.forms import LedgerUploadForm
from gongkai.kernel.ledgers import (
    CONTENT_TYPES,
    ExportFormat,
    ImportResult,
    LedgerView,
    export_format,
    export_year,
    ledger_years,
)
from gongkai.kernel.tables import BaseTable
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import DownloadView, ObjectDetailView, ObjectListView

__all__ = [
    "ApplicationLedgerView",
    "LedgerExportView",
    "LedgerIndexView",
    "LedgerTemplateView",
    "ReportJsonView",
    "ReportTablesView",
]

routes = Routes("ledgers")

KIND_LABELS: dict[str, Any] = {
    "applications": gettext_lazy("依申请公开登记台账"),
    "cases": gettext_lazy("行政复议、行政诉讼台账"),
}


class ApplicationLedgerForm(LedgerUploadForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("台账类型"), choices=list(KIND_LABELS.items()), initial="applications"
    )
    field_order = ("kind", "file")


@dataclass(frozen=True)
class Ledger:
    """One ledger of the page: how it is imported, exported, named and templated."""

    importer: Callable[..., ImportResult]
    exporter: Callable[[Body, int, ExportFormat], bytes]
    filename: Callable[[Body, int, ExportFormat], str]
    template: Callable[[ExportFormat], bytes]


#: The two ledgers of this page (§1 依申请公开, §2 复议诉讼).
LEDGERS: dict[str, Ledger] = {
    "applications": Ledger(
        application_ledgers.import_applications,
        application_ledgers.export_applications,
        application_ledgers.export_filename,
        application_ledgers.ledger_template,
    ),
    "cases": Ledger(
        case_ledgers.import_cases,
        case_ledgers.export_cases,
        case_ledgers.export_filename,
        case_ledgers.ledger_template,
    ),
}


def _ledger(kind: str) -> Ledger:
    if kind not in LEDGERS:
        raise Http404(_("未知的台账类型。"))
    return LEDGERS[kind]


def _report_year(year: int) -> int:
    if not 1990 <= year <= 2200:
        raise Http404(_("年度不正确。"))
    return year


class LedgerBodyTable(BaseTable):
    """The bodies of /ledgers/, each with its ledger page and its tables 三、四."""

    noun = gettext_lazy("个机关")

    name = tables.Column(
        verbose_name=gettext_lazy("机关名称"),
        linkify=("ledgers:body", {"body": tables.A("pk")}),
        order_by=("path",),
    )
    code = tables.Column(verbose_name=gettext_lazy("代码"), empty_values=(), orderable=False)
    links = tables.Column(verbose_name=gettext_lazy("操作"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        empty_text = gettext_lazy("您还不属于任何机关，请联系管理员。")

    def render_code(self, record: Body) -> str:
        return record.code or "—"

    def render_links(self, record: Body) -> SafeString:
        year = timezone.localdate().year - 1
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("ledgers:body", kwargs={"body": record.pk}),
            _("导入/导出台账"),
            reverse("ledgers:report", kwargs={"pk": record.pk, "year": year}),
            _("%(year)s 年表三、表四") % {"year": year},
        )


@routes("", "index")
class LedgerIndexView(ObjectListView):
    """/ledgers/: the bodies the user may see, with the templates of the two ledgers."""

    queryset = Body.objects.order_by("path")
    table = LedgerBodyTable
    template_name = "stats/ledgers/index.html"
    title = gettext_lazy("台账与年报表三、表四")
    extra_context = {"kinds": KIND_LABELS}


@routes("<int:body>/", "body")
class ApplicationLedgerView(LedgerView):
    """/ledgers/<body>/: the §1–2 ledgers (依申请公开, 复议诉讼) of a body."""

    queryset = Body.objects.all()
    form_class = ApplicationLedgerForm
    template_name = "stats/ledgers/body.html"
    extra_context = {
        "kinds": KIND_LABELS,
        "template_url": "ledgers:template",
        "export_url": "ledgers:export",
    }

    def run_import(self, upload: Any, data: dict[str, Any]) -> ImportResult:
        importer = _ledger(data["kind"]).importer
        return importer(self.body, upload.read(), upload.name, self.request.user)


@routes("<int:pk>/export/<slug:kind>/", "export")
class LedgerExportView(DownloadView):
    """/ledgers/<body>/export/<kind>/?year=Y&fmt=xlsx|csv: a year's ledger of a body."""

    queryset = Body.objects.all()

    def get_file(self) -> tuple[bytes, str, str]:
        body = self.get_object()
        ledger = _ledger(self.kwargs["kind"])
        fmt = export_format(self.request.GET.get("fmt", "xlsx"))
        year = export_year(self.request)
        return (
            ledger.exporter(body, year, fmt),
            ledger.filename(body, year, fmt),
            CONTENT_TYPES[fmt],
        )


@routes("template/<slug:kind>.<slug:fmt>", "template")
class LedgerTemplateView(DownloadView):
    """/ledgers/template/<kind>.<fmt>: the blank template of a ledger."""

    def get_file(self) -> tuple[bytes, str, str]:
        kind = self.kwargs["kind"]
        ledger = _ledger(kind)
        fmt = export_format(self.kwargs["fmt"])
        return (
            ledger.template(fmt),
            f"{KIND_LABELS[kind]}模板.{fmt}",
            CONTENT_TYPES[fmt],
        )


@routes("<int:pk>/report/<int:year>/", "report")
class ReportTablesView(ObjectDetailView):
    """/ledgers/<body>/report/<year>/: tables 三 and 四 counted from the records."""

    queryset = Body.objects.all()
    template_name = "stats/ledgers/report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = _report_year(self.kwargs["year"])
        report = build_report(self.object, year)  # counted, not checked: no findings
        # Table 二 is not counted from records here: show tables 三 and 四 only.
        shown = [section for section in table_sections(report) if section.numeral in ("三", "四")]
        context.update(
            body=self.object, year=year, report=report, table_sections=shown, years=ledger_years()
        )
        return context


@routes("<int:pk>/report/<int:year>/json/", "report_json")
class ReportJsonView(DownloadView):
    """/ledgers/<body>/report/<year>/json/: tables 三 and 四 as the report JSON."""

    queryset = Body.objects.all()

    def get_file(self) -> tuple[str, str, str]:
        body = self.get_object()
        year = _report_year(self.kwargs["year"])
        data = json.dumps(build_report(body, year).to_dict(), ensure_ascii=False, indent=2)
        return data, f"{body.name}-{year}年-表三表四.json", "application/json"
