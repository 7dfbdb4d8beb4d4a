"""URLs of the token pages (mounted at /api-tokens/); the API itself is gongkai.apps.api.api."""

from __future__ import annotations

from gongkai.apps.api.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
