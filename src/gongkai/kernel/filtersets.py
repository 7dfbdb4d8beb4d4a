"""Filter sets of the staff lists (django-filter): the base with Bootstrap widgets and Chinese
messages, and the search filter the apps share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import django_filters  # type: ignore[import-untyped]
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.kernel.forms import DateInput, bootstrapify
from gongkai.kernel.params import FIRST_YEAR, LAST_YEAR, parse_year

__all__ = [
    "BaseFilterSet",
    "YearField",
    "date_from_filter",
    "date_to_filter",
    "search_filter",
    "summary_year",
    "year_filter",
]


class BaseFilterSet(django_filters.FilterSet):  # type: ignore[misc]
    """A filter set whose form has Bootstrap widgets and Chinese error messages. The queryset
    it gets is already restricted by the view."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = _("请按“年-月-日”填写日期。")
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("所选项不在可选范围内。")
            field.widget.attrs.setdefault("id", f"filter-{name}")
        bootstrapify(self.form)


def search_filter(fields: Sequence[str], *, label: Any, placeholder: Any) -> Any:
    """A text box searching ``fields`` with ``contains`` (Chinese has no case; SQLite's and
    PostgreSQL's LIKE then behave alike, and PostgreSQL's ILIKE could not use an index)."""

    def search(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__contains": value})
        return queryset.filter(condition)

    return django_filters.CharFilter(
        method=search,
        label=label,
        widget=forms.TextInput(attrs={"placeholder": placeholder}),
    )


def date_from_filter(field_name: str, label: Any) -> Any:
    """Rows whose ``field_name`` is on or after the date given."""
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr="gte", label=label, widget=DateInput()
    )


def date_to_filter(field_name: str, label: Any) -> Any:
    """Rows whose ``field_name`` is on or before the date given."""
    return django_filters.DateFilter(
        field_name=field_name, lookup_expr="lte", label=label, widget=DateInput()
    )


class YearField(forms.IntegerField):
    """A year typed into a filter, read by :func:`gongkai.kernel.params.parse_year` (ASCII
    digits, ``first..last``); anything else is the form's error, not a query."""

    def __init__(self, *, first: int = FIRST_YEAR, last: int = LAST_YEAR, **kwargs: Any) -> None:
        self.first, self.last = first, last
        kwargs.setdefault("min_value", first)
        kwargs.setdefault("max_value", last)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        year = parse_year(str(value).strip(), first=self.first, last=self.last)
        if year is None:
            raise forms.ValidationError(
                _("年度应为 %(first)s 至 %(last)s 之间的四位数字。"),
                code="invalid",
                params={"first": self.first, "last": self.last},
            )
        return year


class _YearFilter(django_filters.Filter):  # type: ignore[misc]
    field_class = YearField


def year_filter(*, label: Any, method: str | None = None, **kwargs: Any) -> Any:
    """A year filter (``?year=``), bounded (``first``/``last``, default 1990–2200)."""
    return _YearFilter(label=label, method=method, **kwargs)


def summary_year(chosen: Any, listed: QuerySet[Any], date_field: str) -> int:
    """The year a list's summary counts: the year filtered by, else the year of the newest
    record listed (the list shows every year: a summary of an empty current year says
    nothing), else this year."""
    if chosen:
        return int(chosen)
    newest = listed.order_by(f"-{date_field}").values_list(date_field, flat=True).first()
    return newest.year if newest else timezone.localdate().year
