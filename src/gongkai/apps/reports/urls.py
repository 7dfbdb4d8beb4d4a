"""URLs of the annual reports (mounted at /reports/; the report checker is at
/reports/check/, :mod:`gongkai.apps.checks.urls`)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.reports import views

__all__ = ["app_name", "urlpatterns"]

app_name = "reports"

urlpatterns = [
    path("annual/", views.AnnualIndexView.as_view(), name="annual_index"),
    path("annual/<int:body>/<int:year>/", views.WorkspaceView.as_view(), name="annual"),
    path(
        "annual/<int:body>/<int:year>/start/",
        views.StartReportView.as_view(),
        name="annual_start",
    ),
    path(
        "annual/<int:body>/<int:year>/import-previous/",
        views.ImportPublishedView.as_view(),
        name="annual_import_previous",
    ),
    path(
        "annual/<int:body>/<int:year>/validate/",
        views.LiveValidationView.as_view(),
        name="annual_validate",
    ),
    path(
        "annual/<int:body>/<int:year>/draft.docx",
        views.DraftDocxView.as_view(),
        name="annual_draft_docx",
    ),
    path(
        "annual/<int:pk>/actions/<slug:op>/",
        views.AnnualReportActionView.as_view(),
        name="action",
    ),
    path("published/", views.PublishedIndexView.as_view(), name="published_index"),
    path(
        "published/<int:body>/<int:year>/",
        views.PublishedReportView.as_view(),
        name="annual_published",
    ),
    path(
        "published/<int:body>/<int:year>/download.<str:fmt>",
        views.PublishedDownloadView.as_view(),
        name="annual_download",
    ),
    path("supervise/<int:body>/", views.SuperviseView.as_view(), name="supervise"),
    path(
        "supervise/<int:body>/export.xlsx",
        views.SuperviseExportView.as_view(),
        name="supervise_export",
    ),
    path(
        "supervise/<int:pk>/actions/<slug:op>/",
        views.SuperviseActionView.as_view(),
        name="supervise_action",
    ),
]
