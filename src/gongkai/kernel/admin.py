"""The admin's part of the one audit log: every change made in the admin is an audit entry
(instead of Django's separate ``LogEntry``), and a record's 历史 page shows its trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from gongkai.kernel.actions import has_version
from gongkai.kernel.audit import changes_between, initial_changes, log, snapshot, trail
from gongkai.kernel.models import AuditEntry, Job

__all__ = ["AuditEntryAdmin", "AuditedAdmin", "JobAdmin", "ReadOnlyAdmin", "ReadOnlyInline"]

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
    _TabularInline = admin.TabularInline[Any, Any]
else:
    _ModelAdmin = admin.ModelAdmin
    _TabularInline = admin.TabularInline


class AuditedAdmin(_ModelAdmin):
    """A model admin whose changes are audit entries (``admin.add`` / ``admin.change`` /
    ``admin.delete``) with the changed fields, the rows of its inlines included; a change
    raises a versioned record's version (a form opened before it is refused)."""

    def _log_saved(self, request: HttpRequest, obj: Any, before: dict[str, Any] | None) -> None:
        """The entry of a saved record; ``before`` None: it is new (its filled-in fields)."""
        if before is None:
            log(obj, "admin.add", request.user, changes=initial_changes(obj))
        else:
            changes = changes_between(type(obj), before, snapshot(obj))
            log(obj, "admin.change", request.user, changes=changes)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before: dict[str, Any] | None = None
        if change and obj.pk is not None:
            stored = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = snapshot(stored) if stored is not None else None
            if has_version(type(obj)):
                obj.version += 1  # a form opened before this change is refused
        super().save_model(request, obj, form, change)
        self._log_saved(request, obj, before)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        """An inline's rows: an entry for each one added, changed or deleted."""
        rows = [f for f in formset.initial_forms if f.instance.pk is not None]
        for row in rows:
            if row in formset.deleted_forms:
                log(row.instance, "admin.delete", request.user, {"deleted": str(row.instance)})
        changed = [row.instance.pk for row in rows if row.has_changed()]
        stored = formset.model._default_manager.filter(pk__in=changed)
        before = {obj.pk: snapshot(obj) for obj in stored}
        super().save_formset(request, form, formset, change)
        for obj in formset.new_objects:
            self._log_saved(request, obj, None)
        for obj, _fields in formset.changed_objects:
            self._log_saved(request, obj, before.get(obj.pk, {}))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        log(obj, "admin.delete", request.user, {"deleted": str(obj)})
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            log(obj, "admin.delete", request.user, {"deleted": str(obj)})
        super().delete_queryset(request, queryset)

    # Django's own LogEntry would be a second log of the same changes.
    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        return None

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        return None

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        return None

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        obj = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_or_change_permission(request, obj):
            return super().history_view(request, object_id, extra_context)
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(item)s 的操作记录") % {"item": obj},
            "opts": self.model._meta,
            "object": obj,
            "trail": trail(obj),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "kernel/admin_trail.html", context)


class ReadOnlyAdmin(AuditedAdmin):
    """Records changed only through the actions: the admin shows them and their trail."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(_TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ("timestamp", "action", "object_repr", "content_type", "user_label")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "action", "user_label")
    date_hierarchy = "timestamp"


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    """The background jobs, as their pages show them (retry: ``kernel.jobs.retry``)."""

    list_display = ("created_at", "title", "status", "done", "total", "started_by", "error")
    list_filter = ("status", "kind")
    search_fields = ("title", "kind", "error")
    date_hierarchy = "created_at"
