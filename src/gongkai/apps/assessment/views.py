"""Pages of 考核 — each a generic view of :mod:`gongkai.kernel.views`.

- the index: the assessments the user manages as 上级, the subtrees they may assess, and the
  published score sheets of the user's own bodies;
- the supervisor's pages (``supervise`` on the assessment's body, else 404): create an
  assessment for a year (the default indicators), the ranking and the indicators, correct an
  indicator, a manual score with its evidence, 发布, the Excel export;
- a body's score sheet: the supervisor's at any time, the body's own staff once published,
  anybody else 404.
"""

from __future__ import annotations

from typing import IO, Any

from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.assessment import actions
from gongkai.apps.assessment.choices import AssessmentStatus, IndicatorKind
from gongkai.apps.assessment.export import ranking_xlsx
from gongkai.apps.assessment.forms import AssessmentForm, IndicatorForm, PublishForm, ScoreForm
from gongkai.apps.assessment.models import Assessment, Indicator, Score
from gongkai.apps.assessment.services import may_see_sheet, own_sheets, sheet_of, sheets
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.annual import supervised_roots
from gongkai.domain.assessment import points
from gongkai.kernel.permissions import user_can
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    DownloadView,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    PageView,
)

__all__ = [
    "AssessmentCreateView",
    "AssessmentDetailView",
    "EvidenceView",
    "ExportView",
    "IndexView",
    "IndicatorEditView",
    "PublishView",
    "ScoreEditView",
    "SheetView",
]

routes = Routes("assessment")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@routes("", "index")
class IndexView(PageView):
    """/assessment/"""

    template_name = "assessment/index.html"
    title = gettext_lazy("考核")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "managed": Assessment.objects.restrict(user).select_related("body"),
            "roots": supervised_roots(user),
            "own": own_sheets(user),
        }


@routes("bodies/<int:body>/new/", "new")
class AssessmentCreateView(ObjectEditView):
    """/assessment/bodies/<body>/new/: a new assessment of the bodies below ``body``."""

    queryset = Assessment.objects.select_related("body")
    form_class = AssessmentForm
    template_name = "assessment/form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.body = get_object_or_404(
            Body.objects.restrict(request.user, "supervise"), pk=kwargs["body"]
        )
        self.object = None
        # The form's own dispatch (the supervise check above replaces ObjectEditView's).
        return super(ObjectEditView, self).dispatch(request, *args, **kwargs)

    def get_title(self) -> str:
        return _("新建考核：%(body)s所属机关") % {"body": self.body.name}

    def save(self, form: AssessmentForm) -> Assessment:
        return actions.create_assessment(
            self.body,
            acting_user=self.request.user,
            year=form.cleaned_data["year"],
            title=form.cleaned_data["title"],
        )

    def success_message(self, obj: Any) -> str:
        return _("已创建考核“%(title)s”，并列出了默认指标（合计 100 分）。") % {"title": obj}

    def get_cancel_url(self) -> str:
        return reverse("assessment:index")


@routes("<int:pk>/", "detail")
class AssessmentDetailView(ObjectDetailView):
    """/assessment/<pk>/: the ranking (rank, body, each indicator, total) and the indicators."""

    queryset = Assessment.objects.select_related("body")
    template_name = "assessment/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        assessment: Assessment = self.object
        indicators = list(assessment.indicators.all())
        draft = assessment.status == AssessmentStatus.DRAFT
        context.update(
            indicators=indicators,
            weight_total=sum(i.weight for i in indicators),
            sheets=sheets(assessment),
            editable=draft and context["may_change"],
            publish_form=PublishForm(obj=assessment, user=self.request.user) if draft else None,
        )
        return context


@routes("indicators/<int:pk>/edit/", "indicator_edit")
class IndicatorEditView(ObjectEditView):
    """/assessment/indicators/<pk>/edit/"""

    queryset = Indicator.objects.select_related("assessment__body")
    form_class = IndicatorForm
    template_name = "assessment/form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form: IndicatorForm) -> Indicator:
        return actions.update_indicator(
            self.object,
            acting_user=self.request.user,
            expected_version=form.expected_version,
            **form.values(),
        )

    def success_message(self, obj: Any) -> str:
        return _("已修改指标“%(label)s”。") % {"label": obj.label}


@routes("indicators/<int:pk>/bodies/<int:body>/score/", "score")
class ScoreEditView(ObjectEditView):
    """/assessment/indicators/<pk>/bodies/<body>/score/: a manual score with its evidence."""

    queryset = Indicator.objects.filter(kind=IndicatorKind.MANUAL).select_related(
        "assessment__body"
    )
    form_class = ScoreForm
    template_name = "assessment/form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            self.indicator = indicator = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
            self.body = get_object_or_404(indicator.assessment.assessed_bodies(), pk=kwargs["body"])
            self.score = Score.objects.filter(indicator=indicator, body=self.body).first()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "score": self.score}

    def get_title(self) -> str:
        return _("评分：%(body)s · %(label)s") % {
            "body": self.body.name,
            "label": self.indicator.label,
        }

    def save(self, form: ScoreForm) -> Score:
        data = form.cleaned_data
        return actions.score_manual(
            self.indicator,
            self.body,
            acting_user=self.request.user,
            value=data["value"],
            evidence=data["evidence"],
            evidence_file=data.get("evidence_file"),
            expected_version=form.expected_version,
        )

    def success_message(self, obj: Any) -> str:
        return _("已为“%(body)s”的“%(label)s”评 %(value)s 分。") % {
            "body": self.body.name,
            "label": self.indicator.label,
            "value": points(obj.value),
        }

    def get_success_url(self) -> str:
        return self.get_cancel_url()

    def get_cancel_url(self) -> str:
        return reverse(
            "assessment:sheet", kwargs={"pk": self.indicator.assessment_id, "body": self.body.pk}
        )


@routes("<int:pk>/publish/", "publish", {"op": "publish"})
class PublishView(ObjectActionView):
    """/assessment/<pk>/publish/"""

    queryset = Assessment.objects.select_related("body")
    operations = {"publish": ActionSpec(gettext_lazy("发布考核结果"), PublishForm)}

    def available(self, op: str, obj: Assessment) -> bool:
        return obj.status == AssessmentStatus.DRAFT

    def success_message(self, obj: Any) -> str:
        return _("已发布“%(title)s”：各被考核机关现在可以查看本机关的考核得分。") % {"title": obj}


@routes("<int:pk>/bodies/<int:body>/", "sheet")
class SheetView(PageView):
    """/assessment/<pk>/bodies/<body>/: one body's score sheet, with how each computed value
    was derived."""

    template_name = "assessment/sheet.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        assessment = get_object_or_404(
            Assessment.objects.select_related("body"), pk=self.kwargs["pk"]
        )
        body = get_object_or_404(Body, pk=self.kwargs["body"])
        user = self.request.user
        if not may_see_sheet(user, assessment, body):
            raise Http404(_("没有这份考核表。"))
        supervising = user_can(user, "change", assessment)
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("%(title)s：%(body)s") % {"title": assessment, "body": body.name},
            assessment=assessment,
            body=body,
            sheet=sheet_of(assessment, body),
            supervising=supervising,
            editable=supervising and assessment.status == AssessmentStatus.DRAFT,
        )
        return context


@routes("scores/<int:pk>/evidence/", "evidence")
class EvidenceView(DownloadView):
    """/assessment/scores/<pk>/evidence/: a manual score's 佐证材料, to who may see its sheet."""

    permission = None
    queryset = Score.objects.select_related("assessment__body", "body")

    def get_file(self) -> tuple[bytes | str | IO[bytes], str, str]:
        score: Score = self.get_object()
        if not may_see_sheet(self.request.user, score.assessment, score.body):
            raise Http404(_("没有这份佐证材料。"))
        if not score.evidence_file:
            raise Http404(_("这项评分没有上传佐证材料。"))
        try:
            handle = score.evidence_file.open("rb")
        except FileNotFoundError:
            raise Http404(_("佐证材料文件不存在。")) from None
        return handle, score.evidence_name, score.evidence_content_type


@routes("<int:pk>/export.xlsx", "export")
class ExportView(DownloadView):
    """/assessment/<pk>/export.xlsx: the ranking as Excel."""

    queryset = Assessment.objects.select_related("body")

    def get_file(self) -> tuple[bytes, str, str]:
        assessment = self.get_object()
        return ranking_xlsx(assessment), f"{assessment.title}.xlsx", XLSX
