"""The 适老化 display (larger type, higher contrast, larger targets) a visitor may choose on any
page: remembered in a cookie that the server reads, so that the first paint is already right,
and switched by a plain form POST (CSRF-checked) that leads back to the page, so that it works
without JavaScript. The look itself is ``html.gk-elder`` in ``kernel/gongkai.css``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View

__all__ = ["COOKIE", "ELDER", "STANDARD", "DisplayModeView", "elder_mode"]

#: The cookie and its two values.
COOKIE = "gk_display"
ELDER = "elder"
STANDARD = "standard"
#: Remembered for a year.
MAX_AGE = 365 * 24 * 3600


def elder_mode(request: HttpRequest) -> bool:
    """Whether the visitor chose the 适老化 display."""
    return request.COOKIES.get(COOKIE) == ELDER


class DisplayModeView(View):
    """``POST mode=elder|standard, next=<this page>``: sets the cookie and goes back to
    ``next`` (a path of this site only; anything else goes to the home page). Any other
    ``mode`` is the standard display."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        mode = ELDER if request.POST.get("mode") == ELDER else STANDARD
        target = request.POST.get("next", "")
        safe = url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        response = HttpResponseRedirect(target if safe and target.startswith("/") else "/")
        response.set_cookie(
            COOKIE, mode, max_age=MAX_AGE, samesite="Lax", secure=request.is_secure(), httponly=True
        )
        return response
