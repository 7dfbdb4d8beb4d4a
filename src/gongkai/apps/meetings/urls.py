"""URLs of the meeting register (mounted at /meetings/)."""

from __future__ import annotations

from gongkai.apps.meetings.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
