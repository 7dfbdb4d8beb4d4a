"""Pages of 行政复议/行政诉讼 cases — generic views of :mod:`gongkai.kernel.views`: the list,
recording a case (from an application's page: ``?application=<pk>``), one case with its audit
trail, and closing it (``<pk>/actions/close/``).

Queries start from the case policy (another body's case is a 404); changes go through
:mod:`gongkai.apps.cases.actions`; a 上级 reads and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.actions import record_case
from gongkai.apps.cases.filtersets import CaseFilterSet
from gongkai.apps.cases.forms import CloseCaseForm, ReviewCaseForm
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.cases.tables import CaseTable
from gongkai.kernel.params import parse_record_id
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    Button,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

__all__ = ["CaseActionView", "CaseCreateView", "CaseDetailView", "CaseListView"]

routes = Routes("cases")

CLOSE = "close"
_CLOSE_LABEL = gettext_lazy("登记结案")


@routes("", "list")
class CaseListView(ObjectListView):
    """/cases/: the cases of the user's bodies, filtered by type, state and filing date."""

    queryset = ReviewCase.objects.select_related("body", "application")
    table = CaseTable
    filterset = CaseFilterSet
    title = gettext_lazy("行政复议、行政诉讼案件")

    def get_buttons(self) -> list[Button]:
        if not self.policy.user_has_permission(self.request.user, "change"):
            return []
        return [Button(_("登记案件"), reverse("cases:new"), primary=True)]


@routes("new/", "new")
class CaseCreateView(ObjectEditView):
    """/cases/new/[?application=<pk>]: record a case (经办人/审核人/管理员 only); from an
    application's page the form starts with that application and its body."""

    queryset = ReviewCase.objects.all()
    form_class = ReviewCaseForm
    template_name = "cases/form.html"
    title = gettext_lazy("登记行政复议、行政诉讼案件")
    denied = gettext_lazy("您不是任何机关的经办人、审核人或管理员，不能登记案件。")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.application: Application | None = None
        text = request.GET.get("application", "")
        if text and request.user.is_authenticated:
            pk = parse_record_id(text)
            if pk is None:
                return redirect("cases:new")
            self.application = get_object_or_404(Application.objects.restrict(request.user), pk=pk)
            if not self.user_can("change", self.application):
                raise PermissionDenied(_("您只能查看这件申请，不能登记案件。"))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "application": self.application}

    def get_cancel_url(self) -> str:
        if self.application is not None:
            return self.application.get_absolute_url()
        return reverse("cases:list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(application=self.application, **kwargs)

    def save(self, form: ReviewCaseForm) -> ReviewCase:
        fields = dict(form.cleaned_data)
        return record_case(fields.pop("body"), acting_user=self.request.user, **fields)

    def success_message(self, obj: ReviewCase) -> str:
        return _("已登记案件 %(number)s。") % {"number": obj.number}


@routes("<int:pk>/", "detail")
class CaseDetailView(ObjectDetailView):
    """/cases/<pk>/: the case, its audit trail, and (pending, for its body's staff) the
    closing form, which posts to :class:`CaseActionView`."""

    queryset = ReviewCase.objects.select_related("body", "application")
    template_name = "cases/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case: ReviewCase = self.object
        may_close = context["may_change"] and case.is_pending
        context.update(
            title=_("案件 %(number)s") % {"number": case.number},
            close_label=_CLOSE_LABEL,
            close_form=CloseCaseForm(obj=case, user=self.request.user) if may_close else None,
        )
        return context


@routes("<int:pk>/actions/<slug:op>/", "action")
class CaseActionView(ObjectActionView):
    """/cases/<pk>/actions/close/: 登记结案 (the result and its date) of a pending case."""

    queryset = ReviewCase.objects.select_related("body", "application")
    summary_template = "cases/_summary.html"
    operations = {
        CLOSE: ActionSpec(
            _CLOSE_LABEL,
            CloseCaseForm,
            denied=gettext_lazy("您只能查看这个案件，不能结案。"),
        )
    }

    def available(self, op: str, obj: ReviewCase) -> bool:
        return obj.is_pending

    def state_message(self, op: str, obj: ReviewCase) -> str:
        return _("案件 %(number)s 已经审结，不能再次结案。") % {"number": obj.number}

    def success_message(self, obj: ReviewCase) -> str:
        return _("案件 %(number)s 已结案。") % {"number": obj.number}
