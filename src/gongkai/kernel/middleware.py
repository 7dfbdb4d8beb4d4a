"""Response headers every page carries that Django has no setting for."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

__all__ = ["PermissionsPolicyMiddleware"]


class PermissionsPolicyMiddleware:
    """``Permissions-Policy: GONGKAI_PERMISSIONS_POLICY`` on every response (the platform
    uses no camera, microphone, location or payment API; a page may not ask for them)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.GONGKAI_PERMISSIONS_POLICY)
        return response
