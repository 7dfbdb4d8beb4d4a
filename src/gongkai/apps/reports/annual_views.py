"""Views of the annual report workspace and the supervisor's overview.

Thin: the workflow and the building are :mod:`gongkai.apps.reports.annual`, the overview's
figures :mod:`gongkai.apps.reports.supervision`; these views check access, read the form and
render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports import annual
from gongkai.apps.reports.choices import ReportStatusChoice
from gongkai.apps.reports.forms import (
    DeadlineForm,
    NarrativeForm,
    PublishedReportImportForm,
    ReviewForm,
)
from gongkai.apps.reports.models import AnnualReport
from gongkai.apps.reports.supervision import FIGURES, subtree_overview
from gongkai.apps.reports.views import finding_rows, narrative_sections, table_sections
from gongkai.domain.render import DOCX_CONTENT_TYPE, render_docx
from gongkai.domain.render import render as render_report
from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES
from gongkai.domain.report.model import Report
from gongkai.domain.report.workflow import (
    ACTION_LABELS,
    Actor,
    ReportAction,
    WorkflowError,
)
from gongkai.kernel.permissions import user_can

__all__ = [
    "annual_action",
    "annual_correct",
    "annual_download",
    "annual_draft_docx",
    "annual_import_previous",
    "annual_index",
    "annual_published",
    "annual_redraft",
    "annual_save",
    "annual_start",
    "annual_validate",
    "annual_workspace",
    "published_index",
    "supervise",
    "supervise_export",
]


def _default_year() -> int:
    """The year being reported on: last year (reports are compiled in January)."""
    return timezone.localdate().year - 1


def _year(value: Any) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return _default_year()
    return year if 2008 <= year <= 2100 else _default_year()


def _body(request: HttpRequest, pk: int) -> Body:
    body = get_object_or_404(Body, pk=pk)
    if not user_can(request.user, "view", body):
        raise Http404
    return body


def _report_or_none(body: Body, year: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(body=body, year=year).first()


# =============================================================================================
# The list of a user's reports
# =============================================================================================


@login_required
@require_GET
def annual_index(request: HttpRequest) -> HttpResponse:
    """年度报告: the reports of the bodies the user works for (and those below, for 上级)."""
    year = _year(request.GET.get("year"))
    bodies = list(Body.objects.restrict(request.user).order_by("path"))
    reports = {r.body_id: r for r in AnnualReport.objects.filter(body__in=bodies, year=year)}
    rows = [
        {
            "body": body,
            "report": reports.get(body.pk),
            "deadline": annual.deadline_of(body, year),
        }
        for body in bodies
    ]
    supervised = annual.supervised_roots(request.user)
    return render(
        request,
        "reports/annual_index.html",
        {
            "year": year,
            "years": range(_default_year() + 1, 2018, -1),
            "rows": rows,
            "supervised": supervised,
        },
    )


# =============================================================================================
# The workspace
# =============================================================================================


def _workspace_context(
    request: HttpRequest, body: Body, year: int, report: AnnualReport | None
) -> dict[str, Any]:
    actors = annual.actors_for(request.user, body)
    context: dict[str, Any] = {
        "body": body,
        "year": year,
        "annual": report,
        "actors": actors,
        "is_body_staff": Actor.BODY in actors,
        "deadline": annual.deadline_of(body, year),
        "section_titles": SECTION_TITLES,
    }
    if report is None:
        return context
    built = annual.build_annual_report(body, year, report.narrative)
    actions = annual.available_actions(report, request.user)
    editing = ReportAction.SAVE in actions
    context.update(
        built=built.report,
        facts=built.facts,
        findings=finding_rows(built.report),
        table_sections=table_sections(built.report),
        narrative=narrative_sections(built.report),
        editing=editing,
        narrative_form=NarrativeForm(report=report) if editing else None,
        review_form=ReviewForm(),
        actions=[(a.value, ACTION_LABELS[a]) for a in actions if a is not ReportAction.SAVE],
        events=list(report.events.select_related("actor")),
        differences=annual.differences(report) if report.is_published else [],
        undocumented=annual.undocumented_differences(report) if report.is_published else [],
        corrections=list(report.corrections.all()),
        prefill_previous=built.previous is not None,
        import_form=PublishedReportImportForm() if Actor.BODY in actors else None,
    )
    return context


@login_required
@require_GET
def annual_workspace(request: HttpRequest, body: int, year: int) -> HttpResponse:
    target = _body(request, body)
    report = _report_or_none(target, year)
    return render(request, "reports/annual.html", _workspace_context(request, target, year, report))


@login_required
@require_POST
def annual_start(request: HttpRequest, body: int, year: int) -> HttpResponse:
    target = _body(request, body)
    try:
        report = annual.open_report(target, year, request.user)
    except WorkflowError as exc:
        messages.error(request, str(exc))
        return redirect("reports:annual", body=target.pk, year=year)
    messages.success(request, _("已根据平台记录生成年报草稿，请修改正文后提交上级。"))
    return redirect(report)


def _narrative_from(request: HttpRequest) -> dict[str, str]:
    return {n: request.POST.get(f"section_{n}", "") for n in SECTION_NUMERALS}


def _expected_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


@login_required
@require_POST
def annual_save(request: HttpRequest, body: int, year: int) -> HttpResponse:
    target = _body(request, body)
    report = get_object_or_404(AnnualReport, body=target, year=year)
    try:
        annual.save_narrative(
            report, request.user, _narrative_from(request), _expected_version(request)
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("正文已保存。"))
    return redirect(report)


@login_required
@require_POST
def annual_action(request: HttpRequest, body: int, year: int, action: str) -> HttpResponse:
    target = _body(request, body)
    report = get_object_or_404(AnnualReport, body=target, year=year)
    try:
        move = ReportAction(action)
    except ValueError:
        raise Http404 from None
    if move is ReportAction.SAVE:
        raise Http404
    form = ReviewForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    narrative = _narrative_from(request) if "section_一" in request.POST else None
    try:
        annual.act(
            report,
            request.user,
            move,
            comment=comment,
            expected_version=_expected_version(request),
            narrative=narrative,
        )
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已%(action)s。") % {"action": ACTION_LABELS[move]})
    return redirect(report)


@login_required
@require_POST
def annual_redraft(request: HttpRequest, body: int, year: int, section: str) -> HttpResponse:
    """Replace one section with the draft the records give today; the other sections are
    saved as they stand on the page."""
    target = _body(request, body)
    report = get_object_or_404(AnnualReport, body=target, year=year)
    if section not in SECTION_NUMERALS:
        raise Http404
    narrative = _narrative_from(request)
    narrative[section] = annual.draft_sections(target, year).get(section, "")
    try:
        annual.save_narrative(report, request.user, narrative, _expected_version(request))
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("已按当前记录重新生成“%(title)s”。") % {"title": SECTION_TITLES[section]},
        )
    return redirect(report)


@login_required
@require_POST
def annual_correct(request: HttpRequest, body: int, year: int) -> HttpResponse:
    """Publish a correction notice for the differences since publication."""
    target = _body(request, body)
    report = get_object_or_404(AnnualReport, body=target, year=year)
    try:
        annual.publish_correction(report, request.user, request.POST.get("note", ""))
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("更正说明已发布，与年报一并公开。"))
    return redirect(report)


@login_required
@require_POST
def annual_validate(request: HttpRequest, body: int, year: int) -> HttpResponse:
    """Live validation: the findings of the report with the narrative as typed (not saved)."""
    target = _body(request, body)
    get_object_or_404(AnnualReport, body=target, year=year)
    built = annual.build_annual_report(target, year, _narrative_from(request))
    return render(
        request,
        "reports/_annual_findings.html",
        {"findings": finding_rows(built.report), "built": built.report},
    )


# =============================================================================================
# The published report and downloads
# =============================================================================================


def _published(request: HttpRequest, body: int, year: int) -> tuple[AnnualReport, Report]:
    target = get_object_or_404(Body, pk=body)
    report = get_object_or_404(
        AnnualReport, body=target, year=year, status=ReportStatusChoice.PUBLISHED
    )
    published = report.published_report()
    if published is None:  # pragma: no cover - the constraint guarantees a snapshot
        raise Http404
    return report, published


@require_GET
def annual_published(request: HttpRequest, body: int, year: int) -> HttpResponse:
    """The report as published: frozen, public (条例第五十条), identical to what was approved."""
    report, published = _published(request, body, year)
    return render(
        request,
        "reports/annual_published.html",
        {
            "annual": report,
            "report": published,
            "findings": finding_rows(published),
            "table_sections": table_sections(published),
            "narrative": narrative_sections(published),
            "corrections": list(report.corrections.all()),
        },
    )


_DOWNLOADS = {
    "json": ("application/json; charset=utf-8", "json"),
    "md": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "docx": (DOCX_CONTENT_TYPE, "docx"),
}


def _attachment(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        content_disposition_header(as_attachment=True, filename=filename) or "attachment"
    )
    return response


@require_GET
def annual_download(request: HttpRequest, body: int, year: int, fmt: str) -> HttpResponseBase:
    """The published report as JSON, Markdown, HTML or Word (public once published)."""
    if fmt not in _DOWNLOADS:
        raise Http404
    report, published = _published(request, body, year)
    if fmt == "docx":
        data = render_docx(published)
    elif fmt == "json":
        data = (published.to_json() + "\n").encode("utf-8")
    else:
        data = render_report(published, fmt).encode("utf-8")
    content_type, suffix = _DOWNLOADS[fmt]
    name = f"{report.body.name}{report.year}年政府信息公开工作年度报告.{suffix}"
    return _attachment(data, content_type, name)


@login_required
@require_GET
def annual_draft_docx(request: HttpRequest, body: int, year: int) -> HttpResponse:
    """The report as it stands in the workspace (tables from the records today, the saved
    narrative) as a Word document, for the body's staff to read or circulate as a draft."""
    target = _body(request, body)
    report = get_object_or_404(AnnualReport, body=target, year=year)
    built = annual.build_annual_report(target, year, report.narrative).report
    name = f"{target.name}{year}年政府信息公开工作年度报告（草稿）.docx"
    return _attachment(render_docx(built), DOCX_CONTENT_TYPE, name)


@login_required
@require_POST
def annual_import_previous(request: HttpRequest, body: int, year: int) -> HttpResponse:
    """Import the published report of ``year`` (a report file) so the next year can use its
    figures — for a body that starts using the platform after that year."""
    target = _body(request, body)
    form = PublishedReportImportForm(request.POST, request.FILES)
    if not form.is_valid():
        for message in form.errors.get("file", []):
            messages.error(request, str(message))
        return redirect("reports:annual", body=target.pk, year=year + 1)
    try:
        annual.import_published(target, year, request.user, form.cleaned_data["file"])
    except WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已导入 %(year)d 年度已发布的年报。") % {"year": year})
    return redirect("reports:annual", body=target.pk, year=year + 1)


# =============================================================================================
# Supervisor view
# =============================================================================================


@login_required
def supervise(request: HttpRequest, body: int) -> HttpResponse:
    """上级: every body of the subtree, its report's status and findings, the deadlines, and
    tables 三/四 added up over the subtree."""
    root = _body(request, body)
    if not annual.supervises_subtree(request.user, root):
        raise Http404
    year = _year(request.GET.get("year") or request.POST.get("year"))
    deadline_form = DeadlineForm(root=root)
    if request.method == "POST":
        deadline_form = DeadlineForm(request.POST, root=root)
        if deadline_form.is_valid():
            changed = deadline_form.apply(request.user)
            messages.success(request, _("已为 %(count)d 个机关设置年报期限。") % {"count": changed})
            return redirect(f"{request.path}?year={year}")
    overview = subtree_overview(root, year)
    return render(
        request,
        "reports/supervise.html",
        {
            "root": root,
            "year": year,
            "years": range(_default_year() + 1, 2018, -1),
            "overview": overview,
            "deadline_form": deadline_form,
            "summary_sections": table_sections(overview.summary),
            "figures": FIGURES,
        },
    )


@require_GET
def published_index(request: HttpRequest) -> HttpResponse:
    """The published annual reports of every body (public: 条例第五十条), newest first."""
    reports = AnnualReport.objects.filter(status=ReportStatusChoice.PUBLISHED).select_related(
        "body"
    )
    year = request.GET.get("year")
    if year and year.isdigit():
        reports = reports.filter(year=int(year))
    query = (request.GET.get("q") or "").strip()[:50]
    if query:
        reports = reports.filter(body__name__contains=query)
    years = (
        AnnualReport.objects.filter(status=ReportStatusChoice.PUBLISHED)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return render(
        request,
        "reports/published_index.html",
        {
            "reports": reports.order_by("-year", "body__path")[:500],
            "years": list(years),
            "year": int(year) if year and year.isdigit() else None,
            "query": query,
        },
    )


@login_required
@require_GET
def supervise_export(request: HttpRequest, body: int) -> HttpResponseBase:
    """The overview as an Excel sheet (one row per body, with its headline figures)."""
    from gongkai.apps.reports.supervision import overview_rows
    from gongkai.domain.ledgers.table_io import write_xlsx
    from gongkai.kernel.ledgers import file_response

    root = _body(request, body)
    if not annual.supervises_subtree(request.user, root):
        raise Http404
    year = _year(request.GET.get("year"))
    headers, rows = overview_rows(subtree_overview(root, year))
    data = write_xlsx(headers, rows, sheet_title=f"{year}年度年报总览")
    return file_response(data, f"{root.name}{year}年度年报总览.xlsx", "xlsx")
