"""Public URLs of 网上申请 (mounted at /apply/, no login)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.online import views

__all__ = ["app_name", "urlpatterns"]

app_name = "apply"

urlpatterns = [
    path("", views.ApplyIndexView.as_view(), name="index"),
    path("status/", views.ApplyStatusView.as_view(), name="status"),
    path("submitted/", views.ApplySubmittedView.as_view(), name="submitted"),
    path("<int:body>/", views.ApplyFormView.as_view(), name="form"),
]
