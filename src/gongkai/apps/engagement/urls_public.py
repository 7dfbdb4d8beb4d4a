"""Public URLs of 意见征集 (mounted at /consult/, no login): the consultations, one with its
draft, the comment form while it runs, and the feedback once published."""

from __future__ import annotations

from gongkai.apps.engagement.views import consult_routes as routes

__all__ = ["app_name", "urlpatterns"]

app_name = routes.app_name
urlpatterns = routes.patterns
