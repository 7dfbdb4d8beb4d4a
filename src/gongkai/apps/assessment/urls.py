"""URLs of the 考核 pages (mounted at /assessment/)."""

from __future__ import annotations

from gongkai.apps.assessment.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
