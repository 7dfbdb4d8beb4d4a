"""The admin is where bodies and memberships are entered and changed: every change (a body,
a membership, one in the body's inline, a deletion) is an entry of the audit log, shown on the
record's 历史 page (:class:`gongkai.kernel.admin.AuditedAdmin`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body, Membership
from gongkai.kernel.admin import AuditedAdmin
from gongkai.kernel.audit import log

__all__ = ["BodyAdmin", "MembershipAdmin", "MembershipInline"]

if TYPE_CHECKING:
    _MembershipInline = admin.TabularInline[Membership, Body]
else:
    _MembershipInline = admin.TabularInline


class MembershipInline(_MembershipInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Body)
class BodyAdmin(AuditedAdmin):
    # Who the body is: the list's columns and the first fieldset (regulation_power: derived).
    _identity = (
        "name",
        "short_name",
        "kind",
        "regulation_power",
        "parent",
        "credit_code",
        "org_code",
    )
    list_display = _identity
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "credit_code", "org_code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("regulation_power", "path", "depth", "created_at", "updated_at")
    inlines = (MembershipInline,)
    fieldsets = (
        (None, {"fields": _identity}),
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
                    "report_body_review",
                    "correction_period_working_days",
                )
            },
        ),
        (
            _("文书"),
            {
                "fields": (
                    "letter_number_prefix",
                    "reconsideration_body",
                    "court",
                    "fee_payment_info",
                )
            },
        ),
        (_("系统"), {"fields": ("path", "depth", "created_at", "updated_at")}),
    )

    @admin.display(description=_("可以制定规章"), boolean=True)
    def regulation_power(self, obj: Body) -> bool | None:
        """Derived from the kind (《立法法》第九十三条); unknown for 其他."""
        return obj.may_make_regulations

    # Deleting a body deletes its memberships with it (on_delete=CASCADE): each is an entry.
    def _log_memberships_deleted(self, request: HttpRequest, bodies: QuerySet[Body]) -> None:
        for membership in Membership.objects.filter(body__in=bodies).select_related("user"):
            log(membership, "admin.delete", request.user, {"deleted": str(membership)})

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        self._log_memberships_deleted(request, Body.objects.filter(pk=obj.pk))
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        self._log_memberships_deleted(request, queryset)
        super().delete_queryset(request, queryset)


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ("user", "body", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "body__name")
    autocomplete_fields = ("user", "body")
