"""URLs of the 主动公开目录 pages (mounted at /catalog/)."""

from __future__ import annotations

from django.urls import path

from gongkai.apps.catalog import views

__all__ = ["app_name", "urlpatterns"]

app_name = "catalog"

urlpatterns = [
    path("", views.ItemListView.as_view(), name="list"),
    path("overdue/", views.OverdueListView.as_view(), name="overdue"),
    path("new/", views.ItemCreateView.as_view(), name="new"),
    path("<int:pk>/", views.ItemDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.ItemEditView.as_view(), name="edit"),
    path("<int:pk>/actions/<slug:op>/", views.ItemActionView.as_view(), name="action"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("tree/<int:body>/", views.TreeView.as_view(), name="tree"),
    path("tree/<int:body>/new/", views.NodeCreateView.as_view(), name="new_node"),
    path("nodes/<int:pk>/<slug:op>/", views.NodeActionView.as_view(), name="node"),
    path("ledger/<int:body>/", views.CatalogLedgerView.as_view(), name="ledger"),
    path("ledger/<int:body>/export/", views.LedgerExportView.as_view(), name="ledger_export"),
    path("ledger/template.<slug:fmt>", views.LedgerTemplateView.as_view(), name="ledger_template"),
    path("public/<int:body>/", views.PublicCatalogView.as_view(), name="public"),
]
