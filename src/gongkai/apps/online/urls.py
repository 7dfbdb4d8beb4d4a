"""Staff URLs of 网上申请 (mounted at /applications/online/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.online import views

__all__ = ["app_name", "urlpatterns"]

app_name = "online"

urlpatterns = [
    path("", views.OnlineRequestListView.as_view(), name="list"),
    path("<int:pk>/", views.OnlineRequestDetailView.as_view(), name="detail"),
    path("<int:pk>/actions/<slug:op>/", views.OnlineRequestActionView.as_view(), name="action"),
]
