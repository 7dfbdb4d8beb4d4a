"""Filters of the application list (django-filter): body, status, applicant type, outcome,
received date range, handler, overdue, and a search over number, applicant and content."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.choices import (
    OPEN_STATUSES,
    ApplicantTypeChoice,
    Status,
    outcome_field_choices,
)
from gongkai.apps.applications.models import Application
from gongkai.apps.orgs.models import Body, Membership
from gongkai.kernel.forms import DateInput, bootstrapify

__all__ = ["ApplicationFilterSet", "overdue_q"]

_YES_NO = [("", _("全部")), ("true", _("是")), ("false", _("否"))]


def overdue_q(today: Any) -> Q:
    """Open past the due date, or replied after it (条例第三十三条)."""
    return Q(status__in=sorted(OPEN_STATUSES), due_on__lt=today) | Q(
        replied_on__isnull=False, due_on__isnull=False, replied_on__gt=F("due_on")
    )


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else []


def _handlers(request: Any) -> Any:
    user_model = get_user_model()
    if request is None:
        return user_model.objects.none()
    members = Membership.objects.filter(body__in=Body.objects.restrict(request.user).values("pk"))
    return user_model.objects.filter(pk__in=members.values("user_id")).order_by("username")


class HandlerChoiceField(django_filters.fields.ModelChoiceField):  # type: ignore[misc]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class HandlerFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]
    field_class = HandlerChoiceField


class ApplicationFilterSet(django_filters.FilterSet):  # type: ignore[misc]
    """The filters of /applications/; the queryset passed in is already restricted."""

    q = django_filters.CharFilter(
        method="search",
        label=_("搜索"),
        widget=forms.TextInput(attrs={"placeholder": _("申请编号、申请人或申请内容")}),
    )
    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("受理机关"), empty_label=_("全部机关")
    )
    status = django_filters.ChoiceFilter(
        choices=Status.choices, label=_("办理状态"), empty_label=_("全部状态")
    )
    applicant_type = django_filters.ChoiceFilter(
        choices=ApplicantTypeChoice.choices, label=_("申请人类型"), empty_label=_("全部类型")
    )
    outcome = django_filters.ChoiceFilter(
        choices=outcome_field_choices, label=_("办理结果"), empty_label=_("全部结果")
    )
    received_after = django_filters.DateFilter(
        field_name="received_on",
        lookup_expr="gte",
        label=_("收到日期自"),
        widget=DateInput(),
    )
    received_before = django_filters.DateFilter(
        field_name="received_on",
        lookup_expr="lte",
        label=_("收到日期至"),
        widget=DateInput(),
    )
    handler = HandlerFilter(queryset=_handlers, label=_("经办人"), empty_label=_("全部经办人"))
    overdue = django_filters.ChoiceFilter(
        choices=_YES_NO[1:], method="filter_overdue", label=_("超期"), empty_label=_("全部")
    )

    class Meta:
        model = Application
        fields = [
            "q",
            "body",
            "status",
            "applicant_type",
            "outcome",
            "received_after",
            "received_before",
            "handler",
            "overdue",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.error_messages["invalid_choice"] = _("所选项不在可选范围内。")
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("请按“年-月-日”填写日期。")
        bootstrapify(self.form)

    def search(self, queryset: QuerySet[Application], name: str, value: str) -> Any:
        # `contains`, not `icontains`: Chinese has no case, and SQLite's LIKE and PostgreSQL's
        # LIKE then behave alike (PostgreSQL's ILIKE cannot use an ordinary index).
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__contains=value)
            | Q(applicant_name__contains=value)
            | Q(content__contains=value)
        )

    def filter_overdue(self, queryset: QuerySet[Application], name: str, value: str) -> Any:
        condition = overdue_q(timezone.localdate())
        if value == "true":
            return queryset.filter(condition)
        if value == "false":
            return queryset.exclude(condition)
        return queryset
