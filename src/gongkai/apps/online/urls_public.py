"""Public URLs of 网上申请 (mounted at /apply/, no login)."""

from __future__ import annotations

from gongkai.apps.online.views import apply_routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
