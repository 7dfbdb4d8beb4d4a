"""URLs of the 信箱来信 and 建议提案 pages (mounted at /engagement/).

/engagement/ is the first register (信箱来信). 登记答复 and 公开答复 are the two operations of
the kernel's action view (``op``), each at its own address."""

from __future__ import annotations

from gongkai.apps.engagement.views import routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
