"""Admin registration of the catalog tree, items and attachments (read-only: changes go
through the actions, which write the audit log; the admin shows each record's trail)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.catalog.models import CatalogAttachment, CatalogItem, CatalogNode, Interpretation
from gongkai.kernel.admin import ReadOnlyAdmin, ReadOnlyInline

__all__ = ["CatalogItemAdmin", "CatalogNodeAdmin", "InterpretationAdmin"]


class AttachmentInline(ReadOnlyInline):
    model = CatalogAttachment
    fields = ("original_name", "size", "content_type", "sha256", "uploaded_by", "uploaded_at")
    readonly_fields = fields


@admin.register(CatalogNode)
class CatalogNodeAdmin(ReadOnlyAdmin):
    list_display = ("name", "body", "parent", "order")
    list_filter = ("body",)
    search_fields = ("name",)
    list_select_related = ("body", "parent")


@admin.register(CatalogItem)
class CatalogItemAdmin(ReadOnlyAdmin):
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
    inlines = (AttachmentInline,)


@admin.register(Interpretation)
class InterpretationAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "item", "body", "published_on")
    list_filter = ("kind", "body")
    search_fields = ("title", "text", "item__title")
    date_hierarchy = "published_on"
    list_select_related = ("body", "item")
    raw_id_fields = ("item",)
