"""Pages of 行政复议/行政诉讼 cases: the list, recording a case, one case (and closing it).

Queries start from ``ReviewCase.objects.restrict(user)``; changes go through
:mod:`gongkai.apps.cases.actions`; 上级 reads and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.actions import close_case, record_case
from gongkai.apps.cases.forms import CaseFilterForm, CloseCaseForm, ReviewCaseForm
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.forms import apply_action_error
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    _CaseFormView = FormView[ReviewCaseForm]
else:
    _CaseFormView = FormView

__all__ = ["CaseCreateView", "CaseDetailView", "CaseListView"]

PER_PAGE = 25


def _cases(request: HttpRequest) -> QuerySet[ReviewCase]:
    return ReviewCase.objects.restrict(request.user).select_related("body", "application")


class CaseListView(LoginRequiredMixin, TemplateView):
    """/cases/: the cases of the user's bodies, filtered by type and state."""

    template_name = "cases/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = CaseFilterForm(self.request.GET or None)
        cases = _cases(self.request)
        if form.is_valid():
            if form.cleaned_data["kind"]:
                cases = cases.filter(kind=form.cleaned_data["kind"])
            if form.cleaned_data["state"] == "pending":
                cases = cases.filter(result="")
            elif form.cleaned_data["state"] == "closed":
                cases = cases.exclude(result="")
        page = Paginator(cases, PER_PAGE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            form=form,
            page=page,
            querystring=query.urlencode(),
            can_record=Body.objects.restrict(self.request.user, "change").exists(),
        )
        return context


class CaseCreateView(LoginRequiredMixin, _CaseFormView):
    """/cases/new/[?application=<pk>]: record a case (经办人/审核人/管理员 only)."""

    template_name = "cases/form.html"
    form_class = ReviewCaseForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.application: Application | None = None
        pk = request.GET.get("application", "")
        if pk:
            if not pk.isdigit():
                return redirect("cases:new")
            self.application = get_object_or_404(Application.objects.restrict(request.user), pk=pk)
            if not user_can(request.user, "change", self.application):
                raise PermissionDenied(_("您只能查看这件申请，不能登记案件。"))
        if not Body.objects.restrict(request.user, "change").exists():
            raise PermissionDenied(_("您不是任何机关的经办人、审核人或管理员，不能登记案件。"))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "application": self.application,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(application=self.application, **kwargs)

    def form_valid(self, form: ReviewCaseForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            case = record_case(
                self.request.user,
                data["body"],
                number=data["number"],
                kind=data["kind"],
                filed_on=data["filed_on"],
                application=data["application"],
                note=data["note"],
            )
        except ActionPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except ActionError as exc:
            apply_action_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("已登记案件 %(number)s。") % {"number": case.number})
        return redirect("cases:detail", pk=case.pk)


class CaseDetailView(LoginRequiredMixin, TemplateView):
    """/cases/<pk>/: the case, its history, and (pending, for staff) the closing form."""

    template_name = "cases/detail.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.case: ReviewCase | None = None

    def get_case(self) -> ReviewCase:
        if self.case is None:
            self.case = get_object_or_404(_cases(self.request), pk=self.kwargs["pk"])
        return self.case

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case = self.get_case()
        may_close = case.is_pending and user_can(self.request.user, "change", case)
        context.update(
            case=case,
            may_close=may_close,
            close_form=kwargs.get("close_form") or (CloseCaseForm() if may_close else None),
            history=case.history.select_related("history_user").order_by("-history_date"),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        case = self.get_case()
        if not user_can(request.user, "change", case):
            raise PermissionDenied(_("您只能查看这个案件，不能结案。"))
        form = CloseCaseForm(request.POST)
        if form.is_valid():
            try:
                close_case(
                    request.user, case, form.cleaned_data["result"], form.cleaned_data["closed_on"]
                )
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(request, _("案件已结案。"))
                return redirect("cases:detail", pk=case.pk)
        return self.render_to_response(self.get_context_data(close_form=form))
