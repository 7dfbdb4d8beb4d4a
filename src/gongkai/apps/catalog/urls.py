"""URLs of the 主动公开目录 pages (mounted at /catalog/)."""

from __future__ import annotations

from gongkai.apps.catalog.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
