"""Filters of the mailbox and proposal lists (django-filter): body, year, mailbox or kind,
state (未答复 / 已答复 / 已公开). The querysets passed in are already restricted."""

from __future__ import annotations

from typing import Any

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.db.models import Max, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.engagement.choices import ProposalKind, ReplyState
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.apps.orgs.models import Body
from gongkai.kernel.forms import bootstrapify

__all__ = ["MailboxMessageFilterSet", "ProposalFilterSet", "state_q"]


def state_q(state: str) -> Q:
    """The rows in ``state`` today (the three states exclude each other)."""
    if state == ReplyState.PENDING:
        return Q(replied_on__isnull=True)
    if state == ReplyState.REPLIED:
        return Q(replied_on__isnull=False, published_on__isnull=True)
    if state == ReplyState.PUBLISHED:
        return Q(published_on__isnull=False)
    raise ValueError(f"unknown state {state!r}")


def _bodies(request: Any) -> Any:
    return Body.objects.restrict(request.user).order_by("path") if request else []


class _EngagementFilterSet(django_filters.FilterSet):  # type: ignore[misc]
    """Shared filters; ``date_field`` is the date that places a row in a year."""

    date_field = "received_on"

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
            span = self.queryset.order_by().aggregate(
                first=Min(self.date_field), last=Max(self.date_field)
            )
            if span["first"] is not None:
                years.update(range(span["first"].year, span["last"].year + 1))
        year_field = self.form.fields["year"]
        assert isinstance(year_field, forms.ChoiceField)
        # django-filter adds the empty choice (``empty_label``) itself.
        year_field.choices = [
            (str(y), _("%(year)s 年") % {"year": y}) for y in sorted(years, reverse=True)
        ]
        for field in self.form.fields.values():
            field.error_messages["invalid_choice"] = _("所选项不在可选范围内。")
        bootstrapify(self.form)

    def filter_year(self, queryset: QuerySet[Any], name: str, value: str) -> Any:
        return queryset.filter(**{f"{self.date_field}__year": int(value)})

    def filter_state(self, queryset: QuerySet[Any], name: str, value: str) -> Any:
        return queryset.filter(state_q(value))


class MailboxMessageFilterSet(_EngagementFilterSet):
    """/engagement/mailbox/: body, year, mailbox, state."""

    mailbox = django_filters.ChoiceFilter(label=_("信箱"), empty_label=_("全部信箱"))

    class Meta:
        model = MailboxMessage
        fields = ["body", "year", "mailbox", "state"]

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
    """/engagement/proposals/: body, year, kind, state."""

    date_field = "assigned_on"

    kind = django_filters.ChoiceFilter(
        choices=ProposalKind.choices, label=_("类别"), empty_label=_("全部类别")
    )

    class Meta:
        model = Proposal
        fields = ["body", "year", "kind", "state"]
