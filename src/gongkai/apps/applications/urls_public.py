"""Public URLs of 网上申请 (mounted at /apply/, no login)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.applications import online_views

__all__ = ["app_name", "urlpatterns"]

app_name = "apply"

urlpatterns = [
    path("", online_views.apply_index, name="index"),
    path("status/", online_views.apply_status, name="status"),
    path("submitted/", online_views.apply_submitted, name="submitted"),
    path("<int:body>/", online_views.apply_body, name="form"),
]
