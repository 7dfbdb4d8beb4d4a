"""网上申请 pages: the public form and status query (no login), the staff list, the submission
and the two decisions — generic views of :mod:`gongkai.kernel.views`.

Public pages never show anyone's data except, on the status page, the status of the one
submission whose tracking code and query code were both given. Staff pages ask for ``change``
on the submission: its personal data is shown only to the 经办人/审核人/管理员 of its body
(anyone else, a 上级 too, gets a 404).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import FormView

from gongkai.apps.applications.services import applicant_steps, pending_lapse
from gongkai.apps.online.actions import (
    CODE_ALPHABET,
    TRACKING_CODE_LENGTH,
    lookup_online_request,
    submit_online_request,
    submitted_on,
)
from gongkai.apps.online.filtersets import OnlineRequestFilterSet
from gongkai.apps.online.forms import (
    ConfirmOnlineRequestForm,
    OnlineApplicationForm,
    OnlineStatusForm,
    RejectOnlineRequestForm,
)
from gongkai.apps.online.models import OnlineRequest
from gongkai.apps.online.tables import OnlineRequestTable
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import ActionError
from gongkai.kernel.params import parse_code
from gongkai.kernel.throttle import allow
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    ObjectActionView,
    ObjectDetailView,
    ObjectListView,
    ObjectView,
    PageView,
)

__all__ = [
    "ApplyFormView",
    "ApplyIndexView",
    "ApplyPaperFormView",
    "ApplyStatusView",
    "ApplySubmittedView",
    "OnlineRequestActionView",
    "OnlineRequestDetailView",
    "OnlineRequestListView",
]

routes = Routes("online")
apply_routes = Routes("apply")

_SUBMITTED_KEY = "gongkai_online_submitted"


# =============================================================================================
# Public pages (no login)
# =============================================================================================


@apply_routes("", "index")
class ApplyIndexView(PageView):
    """/apply/: choose the body the application is addressed to."""

    public = True
    template_name = "online/index.html"
    title = gettext_lazy("网上申请")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "bodies": Body.objects.order_by("path")}


@apply_routes("<int:body>/", "form")
@method_decorator(never_cache, name="dispatch")
class ApplyFormView(ObjectView, FormView):  # type: ignore[type-arg]
    """/apply/<body>/: the form; on success the tracking and query codes, shown this once."""

    public = True
    permission = None
    queryset = Body.objects.all()
    object_kwarg = "body"
    form_class = OnlineApplicationForm
    template_name = "online/form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "body": self.get_object()}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not allow(request, "apply-submit", *settings.GONGKAI_APPLY_SUBMIT_LIMIT):
            form = self.get_form()
            form.is_valid()  # keep what was typed; nothing is stored
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: OnlineApplicationForm) -> HttpResponse:
        body = self.get_object()
        try:
            submitted = submit_online_request(body, **form.applicant_fields())
        except ActionError as exc:
            form.add_error(None, exc.message)
            return self.form_invalid(form)
        # Post/redirect/get: a reload of the result page cannot submit twice. The codes wait
        # in the session for that one page view, then are gone.
        self.request.session[_SUBMITTED_KEY] = {
            "body": body.pk,
            "tracking_code": submitted.request.tracking_code,
            "query_code": submitted.query_code,
            "submitted_at": submitted.request.submitted_at.isoformat(),
        }
        return redirect("apply:submitted")


@apply_routes("<int:body>/paper/", "paper")
class ApplyPaperFormView(PageView):
    """/apply/<body>/paper/: the body's paper application form (条例第二十九条), print-ready
    on A4, with blank lines to write on and the address to send it to."""

    public = True
    template_name = "online/paper_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "body": get_object_or_404(Body, pk=self.kwargs["body"]),
        }


@apply_routes("submitted/", "submitted")
@method_decorator(never_cache, name="dispatch")
class ApplySubmittedView(PageView):
    """The codes of the submission just made, shown once (a reload finds them gone)."""

    public = True
    template_name = "online/submitted.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.shown = request.session.pop(_SUBMITTED_KEY, None)
        if not self.shown:
            return redirect("apply:status")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "body": get_object_or_404(Body, pk=self.shown["body"]),
            "tracking_code": self.shown["tracking_code"],
            "query_code": self.shown["query_code"],
            "submitted_at": datetime.fromisoformat(self.shown["submitted_at"]),
        }


@apply_routes("status/", "status")
@method_decorator(never_cache, name="dispatch")
class ApplyStatusView(PageView):
    """/apply/status/: tracking code + query code → the status of that one submission.

    Codes travel by POST (not in the address, not in logs). Wrong codes, an unknown tracking
    code and a malformed input all get the same message; a fresh form echoes nothing typed.
    """

    public = True
    template_name = "online/status.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # ?code= pre-fills the tracking code (the receipt's link); the query code never
        # travels in an address.
        code = parse_code(
            self.request.GET.get("code"), alphabet=CODE_ALPHABET, length=TRACKING_CODE_LENGTH
        )
        context.setdefault("form", OnlineStatusForm(initial={"tracking_code": code or ""}))
        context.setdefault("found", None)
        context.setdefault("error", "")
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not allow(request, "apply-status", *settings.GONGKAI_APPLY_STATUS_LIMIT):
            # Too many guesses from this address: nothing is looked up.
            context = self.get_context_data(error=_("查询过于频繁，请稍后再试。"))
            return self.render_to_response(context, status=429)
        posted = OnlineStatusForm(request.POST)
        found: OnlineRequest | None = None
        if posted.is_valid():
            found = lookup_online_request(
                posted.cleaned_data["tracking_code"], posted.cleaned_data["query_code"]
            )
        if found is None:
            context = self.get_context_data(error=_("查询编号或查询码不正确，请核对后重新输入。"))
            return self.render_to_response(context)
        app = found.application
        return self.render_to_response(
            self.get_context_data(
                found=found,
                body_name=found.body.name,
                submitted_on=submitted_on(found),
                app=app,
                # Only what concerns the applicant: never staff notes (services.applicant_step).
                steps=applicant_steps(app) if app is not None else [],
                lapse=pending_lapse(app) if app is not None else None,
            )
        )


# =============================================================================================
# Staff pages
# =============================================================================================


@routes("", "list")
class OnlineRequestListView(ObjectListView):
    """/applications/online/: the submissions of the user's bodies, the waiting ones first."""

    queryset = OnlineRequest.objects.select_related("body", "application", "handled_by")
    permission = "change"
    table = OnlineRequestTable
    filterset = OnlineRequestFilterSet
    template_name = "online/list.html"
    title = gettext_lazy("网上申请")

    def get_table_kwargs(self) -> dict[str, Any]:
        several = Body.objects.restrict(self.request.user, "change").count() > 1
        return {"exclude": () if several else ("body",)}


@routes("<int:pk>/", "detail")
class OnlineRequestDetailView(ObjectDetailView):
    """/applications/online/<pk>/: the submission, and for a waiting one the two decisions."""

    queryset = OnlineRequest.objects.select_related("body", "application", "handled_by")
    permission = "change"
    template_name = "online/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item: OnlineRequest = self.object
        user = self.request.user
        context.update(
            item=item,
            title=_("网上申请 %(code)s") % {"code": item.tracking_code},
            submitted_on=submitted_on(item),
            confirm_form=ConfirmOnlineRequestForm(
                obj=item, user=user, initial={"received_on": timezone.localdate()}
            ),
            reject_form=RejectOnlineRequestForm(obj=item, user=user),
        )
        return context


@routes("<int:pk>/actions/<slug:op>/", "action")
class OnlineRequestActionView(ObjectActionView):
    """/applications/online/<pk>/actions/confirm|reject/: 确认受理 or 不予受理."""

    queryset = OnlineRequest.objects.select_related("body")
    permission = "change"
    summary_template = "online/_summary.html"
    operations = {
        "confirm": ActionSpec(gettext_lazy("确认受理"), ConfirmOnlineRequestForm),
        "reject": ActionSpec(gettext_lazy("不予受理"), RejectOnlineRequestForm),
    }

    def success_message(self, obj: Any) -> str:
        item: OnlineRequest = self.get_object()
        if self.op == "confirm":
            return _("已确认受理网上申请 %(code)s，登记为申请 %(number)s。") % {
                "code": item.tracking_code,
                "number": obj.number,
            }
        return _("网上申请 %(code)s 已不予受理。") % {"code": item.tracking_code}

    def get_success_url(self) -> str:
        if self.op == "reject":
            return reverse("online:list")
        return super().get_success_url()
