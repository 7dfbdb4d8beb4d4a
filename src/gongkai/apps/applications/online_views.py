"""网上申请 pages: the public form and status query (no login), the staff list and decisions.

Public pages never show anyone's data except, on the status page, the status of the one
submission whose tracking code and query code were both given. Staff pages start from
``OnlineRequest.objects.restrict(user, "change")``: the personal data of a submission is shown
only to the 经办人/审核人/管理员 of its body (anyone else gets a 404).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.apps.applications.choices import OnlineRequestStatus
from gongkai.apps.applications.models import OnlineRequest
from gongkai.apps.applications.online import (
    confirm_online_request,
    lookup_online_request,
    reject_online_request,
    submit_online_request,
    submitted_on,
)
from gongkai.apps.applications.online_forms import (
    ConfirmOnlineRequestForm,
    OnlineApplicationForm,
    OnlineStatusForm,
    RejectOnlineRequestForm,
)
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.throttle import allow

__all__ = [
    "OnlineRequestDetailView",
    "OnlineRequestListView",
    "apply_body",
    "apply_index",
    "apply_status",
]

HANDLED_ROWS = 20

# =============================================================================================
# Public pages (no login)
# =============================================================================================


_SUBMITTED_KEY = "gongkai_online_submitted"


@require_http_methods(["GET"])
def apply_index(request: HttpRequest) -> HttpResponse:
    """/apply/: choose the body the application is addressed to."""
    return render(
        request, "applications/online/index.html", {"bodies": list(Body.objects.order_by("path"))}
    )


@never_cache
@require_http_methods(["GET", "POST"])
def apply_body(request: HttpRequest, body: int) -> HttpResponse:
    """/apply/<body>/: the form; on success the tracking and query codes, shown this once."""
    the_body = get_object_or_404(Body, pk=body)
    if request.method == "POST":
        form = OnlineApplicationForm(request.POST)
        if not allow(request, "apply-submit", *settings.GONGKAI_APPLY_SUBMIT_LIMIT):
            form.is_valid()  # keep what was typed; nothing is stored
            form.add_error(None, _("提交过于频繁，请稍后再试。"))
            return render(
                request,
                "applications/online/form.html",
                {"body": the_body, "form": form},
                status=429,
            )
        if form.is_valid():
            try:
                submitted = submit_online_request(the_body, **form.applicant_fields())
            except ActionError as exc:
                form.add_error(None, exc.message)
            else:
                # Post/redirect/get: a reload of the result page cannot submit twice. The codes
                # wait in the session for that one page view, then are gone.
                request.session[_SUBMITTED_KEY] = {
                    "body": the_body.pk,
                    "tracking_code": submitted.request.tracking_code,
                    "query_code": submitted.query_code,
                    "submitted_at": submitted.request.submitted_at.isoformat(),
                }
                return redirect("apply:submitted")
    else:
        form = OnlineApplicationForm()
    return render(request, "applications/online/form.html", {"body": the_body, "form": form})


@never_cache
@require_http_methods(["GET"])
def apply_submitted(request: HttpRequest) -> HttpResponse:
    """The codes of the submission just made, shown once (a reload finds them gone)."""
    shown = request.session.pop(_SUBMITTED_KEY, None)
    if not shown:
        return redirect("apply:status")
    return render(
        request,
        "applications/online/submitted.html",
        {
            "body": get_object_or_404(Body, pk=shown["body"]),
            "tracking_code": shown["tracking_code"],
            "query_code": shown["query_code"],
            "submitted_at": datetime.fromisoformat(shown["submitted_at"]),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def apply_status(request: HttpRequest) -> HttpResponse:
    """/apply/status/: tracking code + query code → the status of that one submission.

    Codes travel by POST (not in the address, not in logs). Wrong codes, an unknown tracking
    code and a malformed input all get the same message.
    """
    found: OnlineRequest | None = None
    error = ""
    status = 200
    if request.method == "POST" and not allow(
        request, "apply-status", *settings.GONGKAI_APPLY_STATUS_LIMIT
    ):
        # Too many guesses from this address: nothing is looked up.
        error, status = _("查询过于频繁，请稍后再试。"), 429
    elif request.method == "POST":
        posted = OnlineStatusForm(request.POST)
        if posted.is_valid():
            found = lookup_online_request(
                posted.cleaned_data["tracking_code"], posted.cleaned_data["query_code"]
            )
        if found is None:
            error = _("查询编号或查询码不正确，请核对后重新输入。")
    # A fresh form: nothing typed is echoed back, every failure reads the same.
    context: dict[str, Any] = {"form": OnlineStatusForm(), "found": found, "error": error}
    if found is not None:
        context.update(
            body_name=found.body.name,
            submitted_on=submitted_on(found),
            app=found.application,
        )
    return render(request, "applications/online/status.html", context, status=status)


# =============================================================================================
# Staff pages
# =============================================================================================


def staff_requests(request: HttpRequest) -> QuerySet[OnlineRequest]:
    return OnlineRequest.objects.restrict(request.user, "change").select_related(
        "body", "application", "handled_by"
    )


class OnlineRequestListView(LoginRequiredMixin, View):
    """/applications/online/: pending submissions of the user's bodies, then recent decisions."""

    def get(self, request: HttpRequest) -> HttpResponse:
        queryset = staff_requests(request)
        pending = queryset.filter(status=OnlineRequestStatus.PENDING).order_by("submitted_at", "pk")
        handled = queryset.exclude(status=OnlineRequestStatus.PENDING).order_by(
            "-confirmed_at", "-pk"
        )
        return render(
            request,
            "applications/online/list.html",
            {
                "pending": list(pending),
                "handled": list(handled[:HANDLED_ROWS]),
                "several_bodies": Body.objects.restrict(request.user, "change").count() > 1,
            },
        )


class OnlineRequestDetailView(LoginRequiredMixin, View):
    """/applications/online/<pk>/: the submission; POST ``confirm`` or ``reject``."""

    def _render(
        self,
        request: HttpRequest,
        item: OnlineRequest,
        confirm_form: ConfirmOnlineRequestForm | None = None,
        reject_form: RejectOnlineRequestForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        return render(
            request,
            "applications/online/detail.html",
            {
                "item": item,
                "submitted_on": submitted_on(item),
                "confirm_form": confirm_form
                or ConfirmOnlineRequestForm(initial={"received_on": timezone.localdate()}),
                "reject_form": reject_form or RejectOnlineRequestForm(),
                "history": item.history.select_related("history_user").order_by(
                    "-history_date", "-pk"
                ),
            },
            status=status,
        )

    def get(self, request: HttpRequest, pk: int, **_kwargs: Any) -> HttpResponse:
        return self._render(request, get_object_or_404(staff_requests(request), pk=pk))

    def post(self, request: HttpRequest, pk: int, op: str = "") -> HttpResponse:
        item = get_object_or_404(staff_requests(request), pk=pk)
        if op == "confirm":
            return self._confirm(request, item)
        if op == "reject":
            return self._reject(request, item)
        return redirect("applications:online_detail", pk=item.pk)

    def _confirm(self, request: HttpRequest, item: OnlineRequest) -> HttpResponse:
        form = ConfirmOnlineRequestForm(request.POST)
        if form.is_valid():
            try:
                app = confirm_online_request(request.user, item, form.cleaned_data["received_on"])
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                for error in exc.field_errors.get("received_on", [exc.message]):
                    form.add_error("received_on", error)
            else:
                messages.success(
                    request,
                    _("已确认受理网上申请 %(code)s，登记为申请 %(number)s。")
                    % {"code": item.tracking_code, "number": app.number},
                )
                return redirect("applications:detail", pk=app.pk)
        return self._render(request, item, confirm_form=form, status=400)

    def _reject(self, request: HttpRequest, item: OnlineRequest) -> HttpResponse:
        form = RejectOnlineRequestForm(request.POST)
        if form.is_valid():
            try:
                reject_online_request(request.user, item, form.cleaned_data["reason"])
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, _("网上申请 %(code)s 已不予受理。") % {"code": item.tracking_code}
                )
                return redirect("applications:online_list")
        return self._render(request, item, reject_form=form, status=400)
