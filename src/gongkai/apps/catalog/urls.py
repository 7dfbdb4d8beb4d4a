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
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.ItemEditView.as_view(), name="edit"),
    path("<int:pk>/actions/<slug:op>/", views.ItemActionView.as_view(), name="action"),
    path("<int:pk>/attachments/", views.upload_attachment, name="upload"),
    path("attachments/<int:pk>/", views.download_attachment, name="attachment"),
    path("attachments/<int:pk>/delete/", views.delete_attachment, name="delete_attachment"),
    path("tree/<int:body>/", views.tree, name="tree"),
    path("nodes/<int:pk>/<slug:op>/", views.node_action, name="node"),
    path("ledger/<int:body>/", views.CatalogLedgerView.as_view(), name="ledger"),
    path("ledger/<int:body>/export/", views.catalog_ledger_export, name="ledger_export"),
    path("ledger/template.<slug:fmt>", views.catalog_ledger_template, name="ledger_template"),
    path("public/<int:body>/", views.public_catalog, name="public"),
]
