from __future__ import annotations

from django.urls import path

from gongkai.apps.reports import annual_views, views

__all__ = ["app_name", "urlpatterns"]

app_name = "reports"

urlpatterns = [
    path("check/", views.ReportCheckView.as_view(), name="check"),
    path("check/<int:pk>/", views.ReportCheckDetailView.as_view(), name="check_detail"),
    path("check/<int:pk>/json/", views.report_check_json, name="check_json"),
]

urlpatterns += [
    path("annual/", annual_views.annual_index, name="annual_index"),
    path("annual/<int:body>/<int:year>/", annual_views.annual_workspace, name="annual"),
    path("annual/<int:body>/<int:year>/start/", annual_views.annual_start, name="annual_start"),
    path("annual/<int:body>/<int:year>/save/", annual_views.annual_save, name="annual_save"),
    path(
        "annual/<int:body>/<int:year>/redraft/<str:section>/",
        annual_views.annual_redraft,
        name="annual_redraft",
    ),
    path(
        "annual/<int:body>/<int:year>/correct/",
        annual_views.annual_correct,
        name="annual_correct",
    ),
    path(
        "annual/<int:body>/<int:year>/validate/",
        annual_views.annual_validate,
        name="annual_validate",
    ),
    path(
        "annual/<int:body>/<int:year>/do/<str:action>/",
        annual_views.annual_action,
        name="annual_action",
    ),
    path(
        "annual/<int:body>/<int:year>/import-previous/",
        annual_views.annual_import_previous,
        name="annual_import_previous",
    ),
    path(
        "annual/<int:body>/<int:year>/draft.docx",
        annual_views.annual_draft_docx,
        name="annual_draft_docx",
    ),
    path("published/", annual_views.published_index, name="published_index"),
    path(
        "published/<int:body>/<int:year>/",
        annual_views.annual_published,
        name="annual_published",
    ),
    path(
        "published/<int:body>/<int:year>/download.<str:fmt>",
        annual_views.annual_download,
        name="annual_download",
    ),
    path("supervise/<int:body>/", annual_views.supervise, name="supervise"),
    path(
        "supervise/<int:body>/export.xlsx",
        annual_views.supervise_export,
        name="supervise_export",
    ),
]
