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

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from gongkai.apps.applications.ledgers import (
    LedgerKind,
    export_applications,
    export_cases,
    export_filename,
    import_applications,
    import_cases,
    ledger_template,
)
from gongkai.apps.applications.reporting import build_report
from gongkai.apps.orgs.models import Body
from gongkai.domain.render.html import render_tables_html
from gongkai.kernel.forms import LedgerUploadForm
from gongkai.kernel.ledgers import (
    CONTENT_TYPES,
    ExportFormat,
    ImportResult,
    LedgerView,
    export_year,
    file_response,
    ledger_years,
)

__all__ = [
    "ApplicationLedgerView",
    "export_ledger",
    "ledger_index",
    "report_json",
    "report_tables",
    "template_download",
]

KIND_LABELS: dict[str, Any] = {
    "applications": gettext_lazy("依申请公开登记台账"),
    "cases": gettext_lazy("行政复议、行政诉讼台账"),
}


class ApplicationLedgerForm(LedgerUploadForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("台账类型"), choices=list(KIND_LABELS.items()), initial="applications"
    )
    field_order = ("kind", "file")


@login_required
@require_GET
def ledger_index(request: HttpRequest) -> HttpResponse:
    bodies = Body.objects.restrict(request.user).order_by("path")
    return render(
        request,
        "applications/ledgers/index.html",
        {"bodies": bodies, "kinds": KIND_LABELS, "default_year": timezone.localdate().year - 1},
    )


class ApplicationLedgerView(LedgerView):
    """/ledgers/<body>/: the §1–2 ledgers (依申请公开, 复议诉讼) of a body."""

    queryset = Body.objects.all()
    form_class = ApplicationLedgerForm
    template_name = "applications/ledgers/body.html"
    extra_context = {"kinds": KIND_LABELS}

    def run_import(self, upload: Any, data: dict[str, Any]) -> ImportResult:
        kind: LedgerKind = data["kind"]
        run = import_applications if kind == "applications" else import_cases
        return run(self.body, upload.read(), upload.name, self.request.user)


@login_required
@require_GET
def export_ledger(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    body = get_object_or_404(Body.objects.restrict(request.user), pk=pk)
    if kind not in KIND_LABELS:
        raise Http404(_("未知的台账类型。"))
    fmt = request.GET.get("fmt", "xlsx")
    if fmt not in CONTENT_TYPES:
        raise Http404(_("导出格式只能是 xlsx 或 csv。"))
    year = export_year(request)
    export_fmt: ExportFormat = "csv" if fmt == "csv" else "xlsx"
    ledger_kind: LedgerKind = "cases" if kind == "cases" else "applications"
    if ledger_kind == "applications":
        data = export_applications(body, year, export_fmt)
    else:
        data = export_cases(body, year, export_fmt)
    return file_response(data, export_filename(body, ledger_kind, year, export_fmt), fmt)


@login_required
@require_GET
def template_download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in KIND_LABELS or fmt not in CONTENT_TYPES:
        raise Http404(_("没有这个模板。"))
    ledger_kind: LedgerKind = "cases" if kind == "cases" else "applications"
    export_fmt: ExportFormat = "csv" if fmt == "csv" else "xlsx"
    data = ledger_template(ledger_kind, export_fmt)
    return file_response(data, f"{KIND_LABELS[kind]}模板.{fmt}", fmt)


@login_required
@require_GET
def report_tables(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    body = get_object_or_404(Body.objects.restrict(request.user), pk=pk)
    if not 1990 <= year <= 2200:
        raise Http404(_("年度不正确。"))
    report = build_report(body, year)
    tables_html = render_tables_html(report, {})
    # Table 二 is not counted from records yet: show tables 三 and 四 only.
    start = tables_html.find('<table class="report-table s3')
    shown = tables_html[start:] if start >= 0 else tables_html
    return render(
        request,
        "applications/ledgers/report.html",
        {
            "body": body,
            "year": year,
            "report": report,
            "tables_html": mark_safe(shown),  # the domain renderer escapes every text
            "years": ledger_years(),
        },
    )


@login_required
@require_GET
def report_json(request: HttpRequest, pk: int, year: int) -> JsonResponse:
    body = get_object_or_404(Body.objects.restrict(request.user), pk=pk)
    if not 1990 <= year <= 2200:
        raise Http404(_("年度不正确。"))
    response = JsonResponse(
        build_report(body, year).to_dict(), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = (
        content_disposition_header(True, f"{body.name}-{year}年-表三表四.json") or ""
    )
    return response
