"""Signing in and the account's own pages: the login lockout (django-axes) and the password
change.

The throttling itself is django-axes (settings ``AXES_*``): after ``AXES_FAILURE_LIMIT``
failed logins within the window an account, and separately a client address
(:func:`gongkai.kernel.throttle.client_address`), is refused on ``/accounts/login/`` and
``/admin/`` until the window has passed. Here: the page the refused person sees
(:func:`lockout_response`) and the audit entry of each lockout (:func:`record_lockout`).
"""

from __future__ import annotations

from typing import Any

from axes.models import AccessAttempt  # type: ignore[import-untyped]
from axes.signals import user_locked_out  # type: ignore[import-untyped]
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.db import models, transaction
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.kernel import audit
from gongkai.kernel.forms import bootstrapify

__all__ = [
    "BootstrapPasswordChangeForm",
    "PasswordChangeView",
    "lockout_minutes",
    "lockout_response",
    "record_lockout",
]

audit.register_actions(
    {
        "accounts.locked_out": gettext_lazy("登录失败次数过多，暂时锁定"),
        "accounts.password_change": gettext_lazy("修改密码"),
    }
)


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the login page's place says why and for how long (429)."""
    context = {"minutes": lockout_minutes(), "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)


@receiver(user_locked_out)
def record_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any
) -> None:
    """One audit entry per lockout, on the account when it exists (else on axes' record of
    the attempts). Attempts during a lockout are refused without being counted
    (``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``): axes signals them too, but
    only the failure that reached the limit was counted (``axes_failures_since_start``)."""
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None:
        return
    target: models.Model | None = None
    if username:
        target = get_user_model()._default_manager.filter(username=username).first()
    if target is None:
        target = AccessAttempt.objects.filter(username=username, ip_address=ip_address).first()
    if target is None:
        return
    data = {
        "username": username or "",
        "address": ip_address or "",
        "failures": failures,
        "minutes": lockout_minutes(),
        "path": request.path,
    }
    audit.log(target, "accounts.locked_out", None, data)


class BootstrapPasswordChangeForm(PasswordChangeForm):
    """Django's password change form (old password, the new one twice, the password rules of
    ``AUTH_PASSWORD_VALIDATORS``) with Bootstrap widgets."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrapify(self)


class PasswordChangeView(auth_views.PasswordChangeView):
    """``/accounts/password/``: a signed-in person changes their own password. The session
    stays signed in; the change is an audit entry on the account."""

    form_class = BootstrapPasswordChangeForm
    template_name = "kernel/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form: Any) -> HttpResponse:
        with transaction.atomic():
            response = super().form_valid(form)
            # request.user is a lazy wrapper; the entry names the account itself.
            account = get_user_model()._default_manager.get(pk=form.user.pk)
            audit.log(account, "accounts.password_change", account)
        messages.success(self.request, _("密码已修改，下次登录请使用新密码。"))
        return response
