from __future__ import annotations

from django.urls import path

from gongkai.apps.reports import views

__all__ = ["app_name", "urlpatterns"]

app_name = "reports"

urlpatterns = [
    path("check/", views.ReportCheckView.as_view(), name="check"),
    path("check/<int:pk>/", views.ReportCheckDetailView.as_view(), name="check_detail"),
    path("check/<int:pk>/json/", views.report_check_json, name="check_json"),
]
