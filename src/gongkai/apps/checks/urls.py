"""URLs of the report checker (mounted at /reports/check/)."""

from __future__ import annotations

from gongkai.apps.checks.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
