"""Staff URLs of 网上申请 (mounted at /applications/online/)."""

from __future__ import annotations

from gongkai.apps.online.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
