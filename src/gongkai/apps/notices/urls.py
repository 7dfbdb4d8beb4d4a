"""URLs of the 公示栏与广播 register (mounted at /notices/)."""

from __future__ import annotations

from gongkai.apps.notices.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
