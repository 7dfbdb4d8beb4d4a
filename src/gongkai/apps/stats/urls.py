"""URLs of the 行政事项统计 pages (mounted at /stats/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.stats import views

__all__ = ["app_name", "urlpatterns"]

app_name = "stats"

urlpatterns = [
    path("", views.MatterListView.as_view(), name="matters"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("money/", views.MoneyListView.as_view(), name="money"),
    path("<slug:kind>/new/", views.RecordFormView.as_view(), name="new"),
    path("<slug:kind>/<int:pk>/edit/", views.RecordFormView.as_view(), name="edit"),
    path("ledger/<int:body>/", views.StatsLedgerView.as_view(), name="ledger"),
    path("ledger/<int:body>/export/<slug:kind>/", views.stats_ledger_export, name="ledger_export"),
    path(
        "ledger/template/<slug:kind>.<slug:fmt>",
        views.stats_ledger_template,
        name="ledger_template",
    ),
]
