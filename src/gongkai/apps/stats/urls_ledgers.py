"""URLs of the ledger pages and the tables from records (mounted at /ledgers/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.stats import ledger_views as views

__all__ = ["app_name", "urlpatterns"]

app_name = "ledgers"

urlpatterns = [
    path("", views.LedgerIndexView.as_view(), name="index"),
    path("template/<slug:kind>.<slug:fmt>", views.LedgerTemplateView.as_view(), name="template"),
    path("<int:body>/", views.ApplicationLedgerView.as_view(), name="body"),
    path("<int:pk>/export/<slug:kind>/", views.LedgerExportView.as_view(), name="export"),
    path("<int:pk>/report/<int:year>/", views.ReportTablesView.as_view(), name="report"),
    path("<int:pk>/report/<int:year>/json/", views.ReportJsonView.as_view(), name="report_json"),
]
