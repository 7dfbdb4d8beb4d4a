"""URLs of the report checker (mounted at /reports/check/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.checks import views

__all__ = ["app_name", "urlpatterns"]

app_name = "checks"

urlpatterns = [
    path("", views.ReportCheckUploadView.as_view(), name="upload"),
    path("mine/", views.ReportCheckListView.as_view(), name="list"),
    path("<int:pk>/", views.ReportCheckDetailView.as_view(), name="detail"),
    path("<int:pk>/json/", views.ReportCheckJsonView.as_view(), name="json"),
]
