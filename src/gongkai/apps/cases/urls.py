"""URLs of the 行政复议/行政诉讼 pages (mounted at /cases/)."""

from __future__ import annotations

from gongkai.apps.cases.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
