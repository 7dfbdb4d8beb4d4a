"""URLs of the 行政复议/行政诉讼 pages (mounted at /cases/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.cases import views

__all__ = ["app_name", "urlpatterns"]

app_name = "cases"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="list"),
    path("new/", views.CaseCreateView.as_view(), name="new"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="detail"),
    path("<int:pk>/actions/<slug:op>/", views.CaseActionView.as_view(), name="action"),
]
