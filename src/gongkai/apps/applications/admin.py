"""Admin registration of applications (read-only: changes go through the actions)."""

from __future__ import annotations

from django.contrib import admin

from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    Consultation,
    Extension,
    FeeNotice,
    Notification,
    Reminder,
)
from gongkai.kernel.admin import ReadOnlyAdmin, ReadOnlyInline

__all__ = ["ApplicationAdmin", "NotificationAdmin", "ReminderAdmin"]


class EventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ("on", "kind", "by", "note", "data")


class ConsultationInline(ReadOnlyInline):
    model = Consultation


class ExtensionInline(ReadOnlyInline):
    model = Extension


class FeeNoticeInline(ReadOnlyInline):
    model = FeeNotice


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
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


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ("application", "kind", "due_on", "sent_on", "emailed", "recipients")
    list_filter = ("kind", "emailed")
    list_select_related = ("application",)


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    """The applicant's notifications (the outbox): sent by the actions, retried by
    ``gongkai notifications send``."""

    list_display = ("application", "kind", "channel", "status", "attempts", "sent_at", "created_at")
    list_filter = ("status", "channel", "kind")
    search_fields = ("application__number",)
    list_select_related = ("application",)
