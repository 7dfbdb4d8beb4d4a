"""URLs of the 依申请公开 staff pages (mounted at /applications/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.applications import views

__all__ = ["app_name", "urlpatterns"]

app_name = "applications"

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="list"),
    path("new/", views.ApplicationCreateView.as_view(), name="new"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="detail"),
    path("<int:pk>/actions/<slug:op>/", views.ApplicationActionView.as_view(), name="action"),
]
