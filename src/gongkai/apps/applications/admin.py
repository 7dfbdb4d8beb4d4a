"""Admin registration of applications (read-only: changes go through the actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin  # type: ignore[import-untyped]

from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    Consultation,
    Extension,
    FeeNotice,
    OnlineRequest,
    Reminder,
)

__all__ = ["ApplicationAdmin", "OnlineRequestAdmin", "ReminderAdmin"]

if TYPE_CHECKING:
    _AppAdmin = admin.ModelAdmin[Application]
    _ReminderAdmin = admin.ModelAdmin[Reminder]
    _OnlineAdmin = admin.ModelAdmin[OnlineRequest]
    _EventInline = admin.TabularInline[ApplicationEvent, Application]
    _ConsultationInline = admin.TabularInline[Consultation, Application]
    _ExtensionInline = admin.TabularInline[Extension, Application]
    _FeeInline = admin.TabularInline[FeeNotice, Application]
else:
    _AppAdmin = _ReminderAdmin = _OnlineAdmin = admin.ModelAdmin
    _EventInline = _ConsultationInline = _ExtensionInline = _FeeInline = admin.TabularInline


class _ReadOnlyInlineMixin:
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EventInline(_ReadOnlyInlineMixin, _EventInline):
    model = ApplicationEvent
    fields = ("on", "kind", "by", "note", "data")


class ConsultationInline(_ReadOnlyInlineMixin, _ConsultationInline):
    model = Consultation


class ExtensionInline(_ReadOnlyInlineMixin, _ExtensionInline):
    model = Extension


class FeeNoticeInline(_ReadOnlyInlineMixin, _FeeInline):
    model = FeeNotice


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin, _AppAdmin):  # type: ignore[misc]
    """Applications are read here; every change is an action (with its event and deadline)."""

    list_display = (
        "number",
        "body",
        "received_on",
        "applicant_name",
        "applicant_type",
        "status",
        "due_on",
        "deadline_provisional",
        "outcome",
        "handler",
    )
    list_filter = ("status", "applicant_type", "channel", "deadline_provisional", "body")
    search_fields = ("number", "applicant_name", "content")
    date_hierarchy = "received_on"
    list_select_related = ("body", "handler")
    inlines = (EventInline, ConsultationInline, ExtensionInline, FeeNoticeInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Reminder)
class ReminderAdmin(_ReminderAdmin):
    list_display = ("application", "kind", "due_on", "sent_on", "emailed", "recipients")
    list_filter = ("kind", "emailed")
    list_select_related = ("application",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(OnlineRequest)
class OnlineRequestAdmin(SimpleHistoryAdmin, _OnlineAdmin):  # type: ignore[misc]
    """Read-only: requests are confirmed or refused on the staff pages."""

    list_display = ("tracking_code", "body", "applicant_name", "submitted_at", "status")
    list_filter = ("status", "body")
    search_fields = ("tracking_code", "applicant_name")
    list_select_related = ("body",)
    exclude = ("query_code_hash",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
