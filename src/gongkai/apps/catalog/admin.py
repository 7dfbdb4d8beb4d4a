"""Admin registration of the catalog tree and items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin  # type: ignore[import-untyped]

from gongkai.apps.catalog.models import CatalogItem, CatalogNode

__all__ = ["CatalogItemAdmin", "CatalogNodeAdmin"]

if TYPE_CHECKING:
    _NodeAdmin = admin.ModelAdmin[CatalogNode]
    _ItemAdmin = admin.ModelAdmin[CatalogItem]
else:
    _NodeAdmin = admin.ModelAdmin
    _ItemAdmin = admin.ModelAdmin


@admin.register(CatalogNode)
class CatalogNodeAdmin(SimpleHistoryAdmin, _NodeAdmin):  # type: ignore[misc]
    list_display = ("name", "body", "parent", "order")
    list_filter = ("body",)
    search_fields = ("name",)
    list_select_related = ("body", "parent")


@admin.register(CatalogItem)
class CatalogItemAdmin(SimpleHistoryAdmin, _ItemAdmin):  # type: ignore[misc]
    list_display = (
        "index_number",
        "title",
        "body",
        "category",
        "made_on",
        "published_on",
        "validity",
        "disclosure",
        "secrecy_conclusion",
    )
    list_filter = ("category", "validity", "disclosure", "secrecy_conclusion", "body")
    search_fields = ("index_number", "title", "doc_number", "summary")
    date_hierarchy = "made_on"
    list_select_related = ("body", "node")
    raw_id_fields = ("node", "secrecy_reviewer")
