"""Pages of the annual reports — generic views of :mod:`gongkai.kernel.views`.

- staff: the user's bodies and their reports of a year (list), a report's workspace (page),
  its steps (``<pk>/actions/<op>/``), starting one and importing an earlier published one,
  the live validation of the narrative as typed, the draft as a Word document;
- the 上级: the overview of a subtree (page, with its table and the summed tables 三/四), its
  Excel export, and the deadlines of the bodies below;
- everyone: the published reports (list), one published report and its downloads.

Every record comes from a queryset the policy restricts (another body's report is a 404); the
building is :mod:`gongkai.apps.reports.annual`, the steps :mod:`gongkai.apps.reports.actions`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.checks.presentation import finding_rows, report_context, table_sections
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports import actions
from gongkai.apps.reports.annual import (
    available_actions,
    build_annual_report,
    deadline_of,
    differences,
    report_year,
    supervised_roots,
    undocumented_differences,
)
from gongkai.apps.reports.filtersets import AnnualIndexFilterSet, PublishedReportFilterSet
from gongkai.apps.reports.forms import (
    ApproveReportForm,
    BodyReturnReportForm,
    CorrectionForm,
    DeadlineForm,
    PublishedBatchForm,
    PublishedReportImportForm,
    PublishReportForm,
    ReturnReportForm,
    SaveNarrativeForm,
    SendForReviewForm,
    StartReportForm,
    SubmitReportForm,
    WithdrawReportForm,
)
from gongkai.apps.reports.jobs import pdf_of
from gongkai.apps.reports.models import AnnualReport, ReportCorrection
from gongkai.apps.reports.supervision import (
    FIGURES,
    SUMMED_SECTIONS,
    local_time,
    overview_rows,
    subtree_overview,
)
from gongkai.apps.reports.tables import (
    AnnualIndexTable,
    DifferenceTable,
    OverviewTable,
    PublishedReportTable,
    correction_tables,
    report_title,
)
from gongkai.domain.ledgers.table_io import write_xlsx
from gongkai.domain.render import DOCX_CONTENT_TYPE, render_docx
from gongkai.domain.render import render as render_report
from gongkai.domain.render.xlsx import add_table_sheets
from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES
from gongkai.domain.report.workflow import ACTION_LABELS, ReportAction, ReportStatus, editable
from gongkai.kernel.audit import trail
from gongkai.kernel.ledgers import CONTENT_TYPES
from gongkai.kernel.models import Job
from gongkai.kernel.stored_pdf import pdf_response
from gongkai.kernel.tables import configure_table
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionForm,
    ActionSpec,
    DownloadView,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
    PageView,
    beyond_last_page,
    querystring_without,
)

__all__ = [
    "AnnualIndexView",
    "AnnualReportActionView",
    "DraftDocxView",
    "ImportPublishedView",
    "LiveValidationView",
    "PublishedDownloadView",
    "PublishedIndexView",
    "PublishedPdfView",
    "PublishedReportView",
    "StartReportView",
    "SuperviseActionView",
    "SuperviseExportView",
    "SuperviseView",
    "WorkspaceView",
]

routes = Routes("reports")


class _ReportOfYear(ObjectView):
    """The report named by ``<body>/<year>/`` in the URL, from the restricted queryset."""

    def get_object(self) -> AnnualReport:
        report: AnnualReport = get_object_or_404(
            self.get_queryset(), body_id=self.kwargs["body"], year=self.kwargs["year"]
        )
        return report


class _BodyOfYear(ObjectView):
    """The body named by ``<body>/<year>/`` in the URL (one the user may see, else 404)."""

    queryset = Body.objects.all()
    object_kwarg = "body"

    def get_object(self) -> Body:
        body: Body = get_object_or_404(self.get_queryset(), pk=self.kwargs["body"])
        return body

    @property
    def year(self) -> int:
        return int(self.kwargs["year"])

    def workspace_url(self, year: int) -> str:
        return reverse("reports:annual", kwargs={"body": self.kwargs["body"], "year": year})


class _BodyYearEditView(_BodyOfYear, ObjectEditView):
    """A write about a body's report of a year: the body's own staff only (another body's is
    a 404, a 上级 gets 403). ``verb``: what the page does (its title)."""

    verb: ClassVar[Any] = ""

    def get_title(self) -> str:
        return f"{self.verb} {report_title(self.object.name, self.year)}"


# =============================================================================================
# The user's reports
# =============================================================================================


@routes("annual/", "annual_index")
class AnnualIndexView(ObjectListView):
    """年度报告: the bodies the user works for (and those below, for a 上级) with their report
    of the year."""

    queryset = Body.objects.all()
    table = AnnualIndexTable
    filterset = AnnualIndexFilterSet
    template_name = "reports/annual_index.html"
    per_page = 50

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.year = report_year(request.GET.get("year"))
        return super().dispatch(request, *args, **kwargs)

    def get_title(self) -> str:
        return _("%(year)s 年度政府信息公开工作年度报告") % {"year": self.year}

    def get_queryset(self) -> QuerySet[Any]:
        reports = AnnualReport.objects.restrict(self.request.user).filter(year=self.year)
        return (
            super()
            .get_queryset()
            .order_by("path")
            .prefetch_related(Prefetch("annual_reports", reports, to_attr="reports_of_year"))
        )

    def get_filterset(self, queryset: QuerySet[Any]) -> Any:
        data = self.request.GET.copy()
        data.setdefault("year", str(self.year))
        return AnnualIndexFilterSet(data, queryset=queryset, request=self.request)

    def get_table_kwargs(self) -> dict[str, Any]:
        return {"year": self.year}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(year=self.year, supervised=supervised_roots(self.request.user))
        return context


# =============================================================================================
# The workspace
# =============================================================================================


@routes("annual/<int:body>/<int:year>/", "annual")
class WorkspaceView(_BodyOfYear, PageView):
    """A body's report of a year: the narrative being written (with its live findings), the
    steps the user may take, the tables from the records, the differences after publication,
    the review trail and the audit trail."""

    template_name = "reports/annual.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        body = self.get_object()
        year = self.year
        user = self.request.user
        report = AnnualReport.objects.restrict(user).filter(body=body, year=year).first()
        context = super().get_context_data(**kwargs)
        context.update(
            body=body,
            year=year,
            annual=report,
            title=report_title(body.name, year),
            deadline=deadline_of(body, year),
            is_body_staff=self.user_can("change", body),
        )
        if report is None:
            context["start_form"] = StartReportForm()
            return context
        actions.note_review_opened(report, user)
        built = build_annual_report(body, year, report.narrative)
        steps = available_actions(report, user)
        forms = {
            op.value: form(obj=report, user=user, auto_id=f"{op.value}-%s")
            for op, form in _STEP_FORMS.items()
            if op in steps
        }
        # 提交上级 / 送本机关审核 from the narrative being edited: its button (and confirmation
        # box) under the text; from 待本机关审核 the 审核人's card beside it.
        submit_form, submit_op = None, ""
        if editable(ReportStatus(report.status)):
            for op in (ReportAction.SUBMIT, ReportAction.SEND_REVIEW):
                if op.value in forms:
                    submit_form, submit_op = forms.pop(op.value), op.value
        published = report.is_published
        found = differences(report) if published else []
        undocumented = undocumented_differences(report) if published else []
        context.update(
            built=built.report,
            facts=built.facts,
            **report_context(built.report),
            narrative_form=forms.pop(ReportAction.SAVE.value, None),
            submit_form=submit_form,
            submit_op=submit_op,
            step_forms=forms,
            events=list(report.events.select_related("actor")),
            differences=DifferenceTable(found) if found else None,
            undocumented=undocumented,
            correction_form=CorrectionForm(obj=report, user=user, auto_id="correction-%s")
            if undocumented and self.user_can("change", report)
            else None,
            corrections=correction_tables(report),
            import_form=PublishedReportImportForm(auto_id="import-%s")
            if context["is_body_staff"] and built.previous is None
            else None,
            trail=trail(report),
        )
        return context


_STEP_FORMS: dict[ReportAction, type[ActionForm]] = {
    ReportAction.SAVE: SaveNarrativeForm,
    ReportAction.SEND_REVIEW: SendForReviewForm,
    ReportAction.BODY_RETURN: BodyReturnReportForm,
    ReportAction.SUBMIT: SubmitReportForm,
    ReportAction.WITHDRAW: WithdrawReportForm,
    ReportAction.RETURN: ReturnReportForm,
    ReportAction.APPROVE: ApproveReportForm,
    ReportAction.PUBLISH: PublishReportForm,
}


#: What a step changed, where "已<step>。" does not say it.
_STEP_MESSAGES = {
    ReportAction.SUBMIT.value: gettext_lazy("已%(op)s，等待上级审核；上级打开审阅之前可以撤回。"),
    ReportAction.SEND_REVIEW.value: gettext_lazy("已%(op)s，由本机关审核人审核后提交上级。"),
    ReportAction.BODY_RETURN.value: gettext_lazy("已%(op)s，年报回到经办人，可以修改后重新送审。"),
    ReportAction.WITHDRAW.value: gettext_lazy("已%(op)s，年报回到草稿，可以修改后重新提交。"),
    ReportAction.PUBLISH.value: gettext_lazy("已%(op)s，年报已向社会公开。"),
}


@routes("annual/<int:pk>/actions/<slug:op>/", "action")
class AnnualReportActionView(ObjectActionView):
    """``<pk>/actions/<op>/``: one step of a report (save, submit, return, approve, publish)
    or a correction notice after publication."""

    queryset = AnnualReport.objects.select_related("body")
    summary_template = "reports/_summary.html"
    operations = {
        **{
            op.value: ActionSpec(
                ACTION_LABELS[op],
                form,
                permission=actions.step_permission(op),
                denied=lazy(actions.step_denied, str)(op),
            )
            for op, form in _STEP_FORMS.items()
        },
        "correct": ActionSpec(gettext_lazy("发布更正说明"), CorrectionForm),
    }

    def available(self, op: str, obj: AnnualReport) -> bool:
        if op == "correct":
            return obj.is_published
        return ReportAction(op) in available_actions(obj, self.request.user)

    def save(self, form: Any) -> Any:
        self.form = form
        return super().save(form)

    def success_message(self, obj: Any) -> str:
        if self.op == "save":
            section = self.form.cleaned_data.get("redraft")
            if section:
                return _("已按当前记录重新生成“%(title)s”。") % {"title": SECTION_TITLES[section]}
            return _("正文已保存。")
        if self.op == "correct":
            return _("更正说明已发布，与年报一并公开。")
        return _STEP_MESSAGES.get(self.op, _("已%(op)s。")) % {"op": self.spec.label}

    def get_success_url(self) -> str:
        saved = self.object
        report = saved.report if isinstance(saved, ReportCorrection) else saved
        return str(report.get_absolute_url())


@routes("annual/<int:body>/<int:year>/start/", "annual_start")
class StartReportView(_BodyYearEditView):
    """开始编制: the report of the year with its draft, by the body's own staff."""

    form_class = StartReportForm
    verb = gettext_lazy("开始编制")
    denied = gettext_lazy("只有本机关的工作人员可以开始编制年报。")

    def get_cancel_url(self) -> str:
        return self.workspace_url(self.year)

    def save(self, form: StartReportForm) -> AnnualReport:
        return actions.open_report(self.object, self.year, acting_user=self.request.user)

    def success_message(self, obj: AnnualReport) -> str:
        return _("已根据平台记录生成年报草稿，请修改正文后提交上级。")


@routes("annual/<int:body>/<int:year>/import-previous/", "annual_import_previous")
class ImportPublishedView(_BodyYearEditView):
    """Import the published report of ``year`` (a report file), so that the next year's report
    takes its figures — for a body that starts using the platform after that year."""

    form_class = PublishedReportImportForm
    verb = gettext_lazy("导入")
    denied = gettext_lazy("只有本机关的工作人员可以导入本机关已发布的年报。")

    def get_cancel_url(self) -> str:
        return self.workspace_url(self.year + 1)

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def save(self, form: PublishedReportImportForm) -> AnnualReport:
        return actions.import_published(
            self.object, self.year, form.cleaned_data["file"], acting_user=self.request.user
        )

    def success_message(self, obj: AnnualReport) -> str:
        return _("已导入 %(year)d 年度已发布的年报。") % {"year": obj.year}


@routes("annual/<int:body>/<int:year>/validate/", "annual_validate")
class LiveValidationView(_ReportOfYear, PageView):
    """The findings of the report with the narrative as typed (POST, nothing saved; the
    workspace's live validation), or as stored (GET)."""

    queryset = AnnualReport.objects.select_related("body")
    template_name = "reports/_annual_findings.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = self.get_object()
        narrative = report.narrative
        if self.request.method == "POST":
            posted = self.request.POST
            narrative = {n: posted.get(f"section_{n}", "") for n in SECTION_NUMERALS}
        built = build_annual_report(report.body, report.year, narrative).report
        context = super().get_context_data(**kwargs)
        context.update(built=built, findings=finding_rows(built))
        return context


@routes("annual/<int:body>/<int:year>/draft.docx", "annual_draft_docx")
class DraftDocxView(_ReportOfYear, DownloadView):
    """The report as it stands in the workspace (tables from the records today, the saved
    narrative) as a Word document, to read or circulate as a draft."""

    queryset = AnnualReport.objects.select_related("body")

    def get_file(self) -> tuple[bytes, str, str]:
        report = self.get_object()
        built = build_annual_report(report.body, report.year, report.narrative).report
        name = _("%(title)s（草稿）.docx") % {"title": report_title(report.body.name, report.year)}
        return render_docx(built), name, DOCX_CONTENT_TYPE


# =============================================================================================
# Published (public: 条例第五十条)
# =============================================================================================


@routes("published/", "published_index")
class PublishedIndexView(ObjectListView):
    """The published annual reports of every body, newest first."""

    public = True
    permission = None
    queryset = (
        AnnualReport.objects.published().select_related("body").order_by("-year", "body__path")
    )
    table = PublishedReportTable
    filterset = PublishedReportFilterSet
    title = gettext_lazy("政府信息公开工作年度报告")


@routes("published/<int:body>/<int:year>/", "annual_published")
class PublishedReportView(_ReportOfYear, ObjectDetailView):
    """The report as published: frozen, identical to what was approved, with its correction
    notices."""

    public = True
    permission = None
    queryset = AnnualReport.objects.published().select_related("body")
    template_name = "reports/annual_published.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report: AnnualReport = self.object
        published = report.published_report()
        if published is None:  # pragma: no cover - the constraint guarantees a snapshot
            raise Http404
        context.update(
            annual=report,
            report=published,
            title=report_title(report.body.name, report.year),
            **report_context(published),
            corrections=correction_tables(report),
        )
        return context


_DOWNLOADS = {
    "json": "application/json; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": DOCX_CONTENT_TYPE,
}


@routes("published/<int:body>/<int:year>/download.<str:fmt>", "annual_download")
class PublishedDownloadView(_ReportOfYear, DownloadView):
    """The published report as JSON, Markdown, HTML or Word."""

    public = True
    permission = None
    queryset = AnnualReport.objects.published().select_related("body")

    def get_file(self) -> tuple[bytes, str, str]:
        fmt = self.kwargs["fmt"]
        if fmt not in _DOWNLOADS:
            raise Http404
        report = self.get_object()
        published = report.published_report()
        if published is None:  # pragma: no cover - the constraint guarantees a snapshot
            raise Http404
        if fmt == "docx":
            data = render_docx(published)
        elif fmt == "json":
            data = (published.to_json() + "\n").encode("utf-8")
        else:
            data = render_report(published, fmt).encode("utf-8")
        return data, f"{report_title(report.body.name, report.year)}.{fmt}", _DOWNLOADS[fmt]


@routes("published/<int:body>/<int:year>/pdf/", "annual_pdf")
class PublishedPdfView(_ReportOfYear, PageView):
    """The published report as PDF (LibreOffice from its Word file): the stored file; the
    first time it is asked for, a page that says it is being made and reloads itself until it
    is (202); when it cannot be made (LibreOffice missing), why, beside the Word file (503)."""

    public = True
    permission = None
    queryset = AnnualReport.objects.published().select_related("body")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        report: AnnualReport = self.get_object()
        return pdf_response(
            request,
            pdf_of(report),
            title=report_title(report.body.name, report.year),
            word_url=reverse("reports:annual_download", args=[report.body_id, report.year, "docx"]),
            back_url=reverse("reports:annual_published", args=[report.body_id, report.year]),
            back_label=_("返回年报"),
        )


# =============================================================================================
# The 上级's overview (条例第四十九条)
# =============================================================================================


class _Supervised(ObjectView):
    """The body named in the URL, one whose subtree the user oversees (else 404)."""

    queryset = Body.objects.all()
    permission = "supervise"
    object_kwarg = "body"
    replica_reads = True  # the overview only reads (gongkai.kernel.replica)


#: Bodies per page of the overview's table.
OVERVIEW_PER_PAGE = 100


@routes("supervise/<int:body>/", "supervise")
class SuperviseView(_Supervised, PageView):
    """Every body of the subtree: its report's state and findings, the deadline, the headline
    figures; tables 三/四 added up over the subtree; the deadlines of the bodies below."""

    template_name = "reports/supervise.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)
        return beyond_last_page(request, context["table"]) or self.render_to_response(context)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        root: Body = self.get_object()
        year = report_year(self.request.GET.get("year"))
        overview = subtree_overview(root, year)
        freshness = overview.freshness
        # A province is thousands of rows: the table pages; the counts, the 数据截至 line and
        # the summed tables are of the whole subtree, the export lists every body.
        table = configure_table(
            self.request, OverviewTable(overview.rows, year=year), per_page=OVERVIEW_PER_PAGE
        )
        context = super().get_context_data(**kwargs)
        context.update(
            root=root,
            year=year,
            title=_("%(name)s及下级机关 %(year)s 年度报告") % {"name": root.name, "year": year},
            years=range(report_year(None) + 1, 2018, -1),
            overview=overview,
            freshness=freshness,
            freshness_text=freshness.describe(marked=True),
            as_of=local_time(freshness.as_of),
            table=table,
            querystring=querystring_without(self.request, table.prefixed_page_field),
            summary_sections=[
                s for s in table_sections(overview.summary) if s.numeral in SUMMED_SECTIONS
            ],
            deadline_form=DeadlineForm(obj=root, user=self.request.user),
            figures=FIGURES,
        )
        return context


@routes("supervise/<int:body>/export.xlsx", "supervise_export")
class SuperviseExportView(_Supervised, DownloadView):
    """The overview as an Excel workbook: a sheet with one row per body and its headline
    figures, then tables 三 and 四 added up over the subtree in the official layout — the
    overview's summary, the very tables the supervise page shows."""

    def get_file(self) -> tuple[bytes, str, str]:
        root: Body = self.get_object()
        year = report_year(self.request.GET.get("year"))
        overview = subtree_overview(root, year)
        headers, rows = overview_rows(overview)
        caption = _(
            "%(name)s及下级机关 %(year)s 年度合计（%(count)d 个机关，数据截至 %(time)s）"
        ) % {
            "name": root.name,
            "year": year,
            "count": len(overview.rows),
            "time": local_time(overview.as_of),
        }
        data = write_xlsx(
            headers,
            rows,
            sheet_title=f"{year}年度年报总览",
            more_sheets=lambda workbook: add_table_sheets(
                workbook, overview.summary, SUMMED_SECTIONS, caption=caption
            ),
        )
        return data, f"{root.name}{year}年度年报总览.xlsx", CONTENT_TYPES["xlsx"]


@routes("supervise/<int:pk>/actions/<slug:op>/", "supervise_action")
class SuperviseActionView(ObjectActionView):
    """``supervise/<pk>/actions/deadlines/``: the 上级 sets the deadline of the reports of the
    bodies below (条例第四十九条)."""

    queryset = Body.objects.all()
    operations = {
        "deadlines": ActionSpec(
            gettext_lazy("设置年报期限"),
            DeadlineForm,
            permission="supervise",
            denied=gettext_lazy("只有上级机关可以设置下级机关的年报期限。"),
        ),
        "batch": ActionSpec(
            gettext_lazy("批量检查下级机关已发布的年报"),
            PublishedBatchForm,
            permission="supervise",
            denied=gettext_lazy("只有上级机关可以检查下级机关的年报。"),
        ),
    }

    def get_cancel_url(self) -> str:
        url = reverse("reports:supervise", kwargs={"body": self.kwargs["pk"]})
        return f"{url}?year={report_year(self.request.GET.get('year'))}"

    def get_success_url(self) -> str:
        if isinstance(self.object, Job):  # the batch: its page
            return reverse("checks:batch_job", kwargs={"pk": self.object.pk})
        return self.get_cancel_url()

    def success_message(self, obj: Any) -> str:
        if isinstance(obj, Job):
            return _("已开始：%(title)s。完成后本页显示结果。") % {"title": obj.title}
        return _("已为 %(count)d 个机关设置年报期限。") % {"count": obj}
