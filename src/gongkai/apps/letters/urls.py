"""URLs of the letters pages (mounted at /letters/)."""

from __future__ import annotations

from gongkai.apps.letters.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
