"""Admin registration of bodies and memberships (with their change history)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin  # type: ignore[import-untyped]

from gongkai.apps.orgs.models import Body, Membership

__all__ = ["BodyAdmin", "MembershipAdmin", "MembershipInline"]

if TYPE_CHECKING:
    _BodyAdmin = admin.ModelAdmin[Body]
    _MembershipAdmin = admin.ModelAdmin[Membership]
    _MembershipInline = admin.TabularInline[Membership, Body]
else:
    _BodyAdmin = _MembershipAdmin = admin.ModelAdmin
    _MembershipInline = admin.TabularInline


class MembershipInline(_MembershipInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Body)
class BodyAdmin(SimpleHistoryAdmin, _BodyAdmin):  # type: ignore[misc]
    list_display = ("name", "short_name", "kind", "parent", "credit_code", "org_code")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "credit_code", "org_code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "depth", "created_at", "updated_at")
    inlines = (MembershipInline,)
    fieldsets = (
        (None, {"fields": ("name", "short_name", "kind", "parent", "credit_code", "org_code")}),
        (
            _("指南联系信息"),
            {
                "fields": (
                    "office_name",
                    "office_address",
                    "office_postcode",
                    "office_phone",
                    "office_fax",
                    "office_email",
                    "office_hours",
                )
            },
        ),
        (
            _("设置"),
            {
                "fields": (
                    "report_deadline_month",
                    "report_deadline_day",
                    "correction_period_working_days",
                )
            },
        ),
        (_("系统"), {"fields": ("path", "depth", "created_at", "updated_at")}),
    )


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin, _MembershipAdmin):  # type: ignore[misc]
    list_display = ("user", "body", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "body__name")
    autocomplete_fields = ("user", "body")
