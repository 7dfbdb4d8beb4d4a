"""URLs of the 行政事项统计 pages (mounted at /stats/)."""

from __future__ import annotations

from gongkai.apps.stats.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
