"""URLs of the 依申请公开 staff pages (mounted at /applications/)."""

from __future__ import annotations

from gongkai.apps.applications.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
