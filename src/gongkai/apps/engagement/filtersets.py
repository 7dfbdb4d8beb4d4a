"""Filters of the mailbox and proposal lists (django-filter): a search, body, year, mailbox or
kind, state (未答复 / 已答复 / 已公开). The querysets passed in are already restricted; the
year and the state are the model's words (``EngagementQuerySet.of_year`` and ``in_state``), as
in the year's summary above the lists and in the annual report."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.engagement.choices import PeriodStatus, ProposalKind, ReplyState
from gongkai.apps.engagement.models import (
    Consultation,
    ConsultationQuerySet,
    EngagementQuerySet,
    MailboxMessage,
    Proposal,
)
from gongkai.apps.orgs.models import Body
from gongkai.kernel.filtersets import BaseFilterSet, search_filter

__all__ = ["ConsultationFilterSet", "MailboxMessageFilterSet", "ProposalFilterSet"]


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else Body.objects.none()


class _EngagementFilterSet(BaseFilterSet):
    """The filters both lists share (the search is each list's own)."""

    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("承办机关"), empty_label=_("全部机关")
    )
    year = django_filters.ChoiceFilter(
        method="filter_year", label=_("年度"), empty_label=_("全部年度")
    )
    state = django_filters.ChoiceFilter(
        choices=ReplyState.choices,
        method="filter_state",
        label=_("办理情况"),
        empty_label=_("全部"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = {timezone.localdate().year}
        if self.queryset is not None:
            # The range of years from the first to the last record: two index look-ups, where
            # the distinct years would read every row.
            start = self.queryset.model.START_FIELD
            span = self.queryset.order_by().aggregate(first=Min(start), last=Max(start))
            if span["first"] is not None:
                years.update(range(span["first"].year, span["last"].year + 1))
        year_field = self.form.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)
        # django-filter adds the empty choice (``empty_label``) itself.
        year_field.choices = [
            (str(y), _("%(year)s 年") % {"year": y}) for y in sorted(years, reverse=True)
        ]

    def filter_year(self, queryset: EngagementQuerySet[Any], name: str, value: str) -> Any:
        return queryset.of_year(int(value))

    def filter_state(self, queryset: EngagementQuerySet[Any], name: str, value: str) -> Any:
        return queryset.in_state(value)


class MailboxMessageFilterSet(_EngagementFilterSet):
    """/engagement/mailbox/: search, body, year, mailbox, state."""

    q = search_filter(
        ["subject", "content", "reply"], label=_("搜索"), placeholder=_("主题、内容或答复")
    )
    mailbox = django_filters.ChoiceFilter(label=_("信箱"), empty_label=_("全部信箱"))

    class Meta:
        model = MailboxMessage
        fields = ["q", "body", "year", "mailbox", "state"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names: list[str] = []
        if self.queryset is not None:
            names = list(
                self.queryset.order_by("mailbox").values_list("mailbox", flat=True).distinct()
            )
        mailbox_field = self.form.fields["mailbox"]
        assert isinstance(mailbox_field, forms.ChoiceField)
        mailbox_field.choices = [(n, n) for n in names]


class ProposalFilterSet(_EngagementFilterSet):
    """/engagement/proposals/: search, body, year, kind, state."""

    q = search_filter(
        ["title", "number", "proposer", "reply"],
        label=_("搜索"),
        placeholder=_("标题、编号、代表/委员或答复"),
    )
    kind = django_filters.ChoiceFilter(
        choices=ProposalKind.choices, label=_("类别"), empty_label=_("全部类别")
    )

    class Meta:
        model = Proposal
        fields = ["q", "body", "year", "kind", "state"]


class ConsultationFilterSet(BaseFilterSet):
    """/engagement/consultations/: search, body, status today, 逾期未反馈."""

    q = search_filter(["title", "reasons"], label=_("搜索"), placeholder=_("标题或起草说明"))
    body = django_filters.ModelChoiceFilter(
        queryset=_bodies, label=_("征集机关"), empty_label=_("全部机关")
    )
    status = django_filters.ChoiceFilter(
        choices=PeriodStatus.choices, method="filter_status", label=_("状态"), empty_label=_("全部")
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label=_("逾期未反馈"),
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Consultation
        fields = ["q", "body", "status", "overdue"]

    def filter_status(self, queryset: ConsultationQuerySet, name: str, value: str) -> Any:
        return queryset.in_status(value, timezone.localdate())

    def filter_overdue(self, queryset: ConsultationQuerySet, name: str, value: bool) -> Any:
        return queryset.feedback_overdue(timezone.localdate()) if value else queryset
