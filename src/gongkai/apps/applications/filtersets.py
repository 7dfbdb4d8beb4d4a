"""Filters of the application list (django-filter): body, status, applicant type, outcome,
received date range, handler, 超期 and 逾期答复, and a search over number, applicant and
content. 超期 and 逾期答复 are the model's words (``ApplicationQuerySet.overdue`` and
``replied_late``), as on the workbench, the badges and in the daily run."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.choices import (
    ApplicantTypeChoice,
    NotificationChannel,
    NotificationStatus,
    Status,
    outcome_field_choices,
)
from gongkai.apps.applications.models import Application, ApplicationQuerySet, Notification
from gongkai.apps.orgs.models import Body, Membership
from gongkai.kernel.audit import user_label
from gongkai.kernel.filtersets import (
    BaseFilterSet,
    date_from_filter,
    date_to_filter,
    search_filter,
)

__all__ = ["ApplicationFilterSet", "HandlerFilter", "NotificationFilterSet", "handlers_of"]

_YES_NO = [("true", _("是")), ("false", _("否"))]


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else Body.objects.none()


def handlers_of(request: Any) -> Any:
    """The people of the bodies the user sees (the choices of a 经办人 filter)."""
    user_model = get_user_model()
    if request is None:
        return user_model.objects.none()
    members = Membership.objects.filter(body__in=Body.objects.restrict(request.user).values("pk"))
    return user_model.objects.filter(pk__in=members.values("user_id")).order_by("username")


class HandlerChoiceField(django_filters.fields.ModelChoiceField):  # type: ignore[misc]
    def label_from_instance(self, obj: Any) -> str:
        return user_label(obj)


class HandlerFilter(django_filters.ModelChoiceFilter):  # type: ignore[misc]
    field_class = HandlerChoiceField


class ApplicationFilterSet(BaseFilterSet):
    """The filters of /applications/; the queryset passed in is already restricted."""

    q = search_filter(
        ["number", "applicant_name", "content"],
        label=_("搜索"),
        placeholder=_("申请编号、申请人或申请内容"),
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
    received_after = date_from_filter("received_on", _("收到日期自"))
    received_before = date_to_filter("received_on", _("收到日期至"))
    handler = HandlerFilter(queryset=handlers_of, label=_("经办人"), empty_label=_("全部经办人"))
    overdue = django_filters.ChoiceFilter(
        choices=_YES_NO, method="filter_overdue", label=_("超期未答复"), empty_label=_("全部")
    )
    replied_late = django_filters.ChoiceFilter(
        choices=_YES_NO, method="filter_replied_late", label=_("逾期答复"), empty_label=_("全部")
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
            "replied_late",
        ]

    def filter_overdue(self, queryset: ApplicationQuerySet, name: str, value: str) -> Any:
        return _yes_no(queryset, queryset.overdue(timezone.localdate()), value)

    def filter_replied_late(self, queryset: ApplicationQuerySet, name: str, value: str) -> Any:
        return _yes_no(queryset, queryset.replied_late(), value)


def _yes_no(queryset: QuerySet[Application], matching: QuerySet[Application], value: str) -> Any:
    """``matching`` for 是, the rest of ``queryset`` for 否."""
    if value == "true":
        return matching
    if value == "false":
        return queryset.exclude(pk__in=matching.values("pk"))
    return queryset


class NotificationFilterSet(BaseFilterSet):
    """The filters of /applications/notifications/: status, channel, an application number."""

    q = search_filter(["application__number"], label=_("申请编号"), placeholder=_("申请编号"))
    status = django_filters.ChoiceFilter(
        choices=NotificationStatus.choices, label=_("发送状态"), empty_label=_("全部状态")
    )
    channel = django_filters.ChoiceFilter(
        choices=NotificationChannel.choices, label=_("方式"), empty_label=_("全部方式")
    )

    class Meta:
        model = Notification
        fields = ["q", "status", "channel"]
