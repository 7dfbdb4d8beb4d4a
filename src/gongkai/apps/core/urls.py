from __future__ import annotations

from django.urls import path

from gongkai.apps.core.views import HomeView

__all__ = ["urlpatterns"]

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
]
