"""URLs of the ledger pages and the tables from records (mounted at /ledgers/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.applications import ledger_views as views

__all__ = ["app_name", "urlpatterns"]

app_name = "ledgers"

urlpatterns = [
    path("", views.ledger_index, name="index"),
    path(
        "template/<slug:kind>.<slug:fmt>",
        views.template_download,
        name="template",
    ),
    path("<int:body>/", views.ApplicationLedgerView.as_view(), name="body"),
    path("<int:pk>/export/<slug:kind>/", views.export_ledger, name="export"),
    path("<int:pk>/report/<int:year>/", views.report_tables, name="report"),
    path("<int:pk>/report/<int:year>/json/", views.report_json, name="report_json"),
]
