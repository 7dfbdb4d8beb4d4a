"""URLs of the annual reports (mounted at /reports/; the report checker is at
/reports/check/, :mod:`gongkai.apps.checks.urls`)."""

from __future__ import annotations

from gongkai.apps.reports.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
