"""URLs of the 依申请公开 staff pages (mounted at /applications/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.applications import online_views, views

__all__ = ["app_name", "urlpatterns"]

app_name = "applications"

urlpatterns = [
    path("", views.ApplicationListView.as_view(), name="list"),
    path("new/", views.ApplicationCreateView.as_view(), name="new"),
    path("<int:pk>/", views.ApplicationDetailView.as_view(), name="detail"),
    path("<int:pk>/actions/<slug:op>/", views.ApplicationActionView.as_view(), name="action"),
    # 网上申请 submitted by applicants, confirmed here (条例第三十一条).
    path("online/", online_views.OnlineRequestListView.as_view(), name="online_list"),
    path("online/<int:pk>/", online_views.OnlineRequestDetailView.as_view(), name="online_detail"),
    path(
        "online/<int:pk>/confirm/",
        online_views.OnlineRequestDetailView.as_view(),
        {"op": "confirm"},
        name="online_confirm",
    ),
    path(
        "online/<int:pk>/reject/",
        online_views.OnlineRequestDetailView.as_view(),
        {"op": "reject"},
        name="online_reject",
    ),
]
