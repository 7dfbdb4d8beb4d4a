"""URLs of the chart pages (mounted at /charts/): a body's year, a supervisor's subtree, and
each chart's workbook."""

from __future__ import annotations

from gongkai.apps.charts.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
