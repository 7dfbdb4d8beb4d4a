"""URLs of the 行政事项统计 pages (mounted at /stats/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.stats import views

__all__ = ["app_name", "urlpatterns"]

app_name = "stats"

urlpatterns = [
    path("", views.MatterListView.as_view(), name="matters"),
    path("matters/new/", views.MatterEditView.as_view(), name="matter_new"),
    path("matters/<int:pk>/edit/", views.MatterEditView.as_view(), name="matter_edit"),
    path("decisions/", views.DecisionListView.as_view(), name="decisions"),
    path("decisions/new/", views.DecisionEditView.as_view(), name="decision_new"),
    path("decisions/<int:pk>/edit/", views.DecisionEditView.as_view(), name="decision_edit"),
    path("money/", views.MoneyListView.as_view(), name="money"),
    path("money/new/", views.MoneyEditView.as_view(), name="money_new"),
    path("money/<int:pk>/edit/", views.MoneyEditView.as_view(), name="money_edit"),
    path("ledger/<int:body>/", views.StatsLedgerView.as_view(), name="ledger"),
    path(
        "ledger/<int:body>/export/<slug:kind>/",
        views.StatsLedgerExportView.as_view(),
        name="ledger_export",
    ),
    path(
        "ledger/template/<slug:kind>.<slug:fmt>",
        views.StatsLedgerTemplateView.as_view(),
        name="ledger_template",
    ),
]
