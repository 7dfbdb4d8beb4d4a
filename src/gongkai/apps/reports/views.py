"""Views of the reports app: the 年报检查 page, one check's result, and its JSON download.

Views stay thin: the workflow is :func:`gongkai.apps.reports.services.check_uploaded_report`,
the presentation helpers below only shape a stored result for the template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import content_disposition_header
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, FormView

from gongkai.apps.reports.choices import ReportFormatChoice
from gongkai.apps.reports.forms import ReportUploadForm
from gongkai.apps.reports.models import ReportCheck
from gongkai.apps.reports.services import ReportUploadError, check_uploaded_report
from gongkai.domain.render.html import render_tables_html
from gongkai.domain.render.layout import SEVERITY_LABELS, cell_label
from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES
from gongkai.domain.report.model import Finding, Report

__all__ = [
    "ReportCheckDetailView",
    "ReportCheckView",
    "report_check_json",
]

RECENT_CHECKS_SHOWN = 50

# The stubs make these views generic; at runtime Django's classes are not subscriptable.
if TYPE_CHECKING:
    _UploadFormView = FormView[ReportUploadForm]
    _CheckDetailView = DetailView[ReportCheck]
else:
    _UploadFormView = FormView
    _CheckDetailView = DetailView


# =============================================================================================
# Presentation helpers
# =============================================================================================


@dataclass(frozen=True)
class FindingRow:
    rule: str
    severity: str
    severity_label: str
    message: str
    cells: tuple[tuple[str, str], ...]  # (key, Chinese label)


@dataclass(frozen=True)
class TableSection:
    numeral: str
    title: str
    html: SafeString


@dataclass(frozen=True)
class NarrativeSection:
    numeral: str
    title: str
    paragraphs: tuple[str, ...]


_TABLE_START = re.compile(r'<table class="report-table (s[234])\b')
_SECTION_OF_TABLE = {"s2": "二", "s3": "三", "s4": "四"}


def table_sections(report: Report) -> list[TableSection]:
    """The rendered tables grouped under their section titles (二, 三, 四)."""
    html = render_tables_html(report, report.findings_by_cell())
    starts = list(_TABLE_START.finditer(html))
    if not starts:
        return [TableSection("", "", mark_safe(html))]  # escaped by the renderer
    grouped: dict[str, list[str]] = {}
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(html)
        grouped.setdefault(_SECTION_OF_TABLE[match.group(1)], []).append(html[match.start() : end])
    return [
        # The renderer escapes every text it emits (gongkai.domain.render.html).
        TableSection(numeral, SECTION_TITLES[numeral], mark_safe("".join(parts)))
        for numeral, parts in grouped.items()
    ]


def finding_rows(report: Report) -> list[FindingRow]:
    """Findings for the list, errors first (the rule order is kept within a severity)."""
    spec = report.spec

    def row(finding: Finding) -> FindingRow:
        return FindingRow(
            rule=finding.rule,
            severity=finding.severity,
            severity_label=SEVERITY_LABELS.get(finding.severity, finding.severity),
            message=finding.message,
            cells=tuple((key, cell_label(spec, key)) for key in finding.cells),
        )

    ordered = sorted(report.findings, key=lambda f: 0 if f.severity == "error" else 1)
    return [row(f) for f in ordered]


def narrative_sections(report: Report) -> list[NarrativeSection]:
    """The report's prose by section, in printed order (一 … 六), empty sections left out."""
    sections = []
    for numeral in SECTION_NUMERALS:
        text = report.narrative.get(numeral, "").strip()
        if text:
            paragraphs = tuple(p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip())
            sections.append(NarrativeSection(numeral, SECTION_TITLES[numeral], paragraphs))
    return sections


def ordered_report(check: ReportCheck) -> Report:
    """The stored report with its narrative in printed order.

    PostgreSQL's jsonb does not keep key order; ``Report.to_dict`` restores the cell order,
    the narrative sections are put back in 一 … 六 order here.
    """
    report = check.report()
    rank = {numeral: i for i, numeral in enumerate(SECTION_NUMERALS)}
    report.narrative = dict(
        sorted(report.narrative.items(), key=lambda item: rank.get(item[0], len(rank)))
    )
    return report


# =============================================================================================
# Views
# =============================================================================================


def _user_checks(request: HttpRequest) -> QuerySet[ReportCheck]:
    return ReportCheck.objects.restrict(request.user)


class ReportCheckView(LoginRequiredMixin, _UploadFormView):
    """年报检查: upload a published report; lists the user's earlier checks."""

    template_name = "reports/check.html"
    form_class = ReportUploadForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        checks = _user_checks(self.request).defer("source_text", "result")
        context["checks"] = checks[:RECENT_CHECKS_SHOWN]
        context["checks_total"] = checks.count()
        return context

    def form_valid(self, form: ReportUploadForm) -> HttpResponse:
        try:
            check = check_uploaded_report(self.request.user, form.cleaned_data["file"])
        except ReportUploadError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("已完成检查：%(errors)d 个错误，%(warnings)d 个警告。")
            % {"errors": check.error_count, "warnings": check.warning_count},
        )
        return redirect(check)


class ReportCheckDetailView(LoginRequiredMixin, _CheckDetailView):
    """One check: metadata, the tables with findings marked, the findings, the prose."""

    template_name = "reports/check_detail.html"
    context_object_name = "check"

    def get_queryset(self) -> QuerySet[ReportCheck]:
        return _user_checks(self.request)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = ordered_report(self.object)
        context.update(
            report=report,
            format_label=ReportFormatChoice(self.object.format).label
            if self.object.format in ReportFormatChoice.values
            else self.object.format,
            table_sections=table_sections(report),
            findings=finding_rows(report),
            narrative=narrative_sections(report),
        )
        return context


@login_required
@require_GET
def report_check_json(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The stored report JSON (with findings) as a file download."""
    check = get_object_or_404(_user_checks(request).only("pk", "filename", "result"), pk=pk)
    body = ordered_report(check).to_json() + "\n"
    stem = PurePath(check.filename).stem or "report"
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=f"{stem}.检查结果.json")
        or "attachment"
    )
    return response
