"""Tables of the staff lists (django-tables2): the base every list table derives from, and the
columns the apps share. A list page is a table class and a filter set
(:class:`gongkai.kernel.views.ObjectListView`), rendered by ``kernel/_table.html``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableQuerysetData  # type: ignore[import-untyped]

from gongkai.kernel.audit import user_label
from gongkai.kernel.params import page_number, page_size

__all__ = ["BadgeColumn", "BaseTable", "DateColumn", "UserColumn", "configure_table"]


class StableQuerysetData(TableQuerysetData):  # type: ignore[misc]
    """A queryset ordered by the chosen column and then by primary key: rows that tie on the
    column (two applications received the same day) keep one order from page to page and on
    every database, so no row is shown twice or skipped when paging. Grouped rows
    (``values()``, one row a group) have no primary key and keep their own ordering."""

    data: QuerySet[Any]

    def order_by(self, aliases: Any) -> None:
        super().order_by(aliases)
        rows: QuerySet[Any] = self.data
        ordering = tuple(rows.query.order_by)
        rows_are_records = rows._iterable_class is ModelIterable
        if ordering and rows_are_records and not {"pk", "-pk"} & set(ordering):
            self.data = rows.order_by(*ordering, "pk")


class BaseTable(tables.Table):  # type: ignore[misc]
    """Bootstrap markup, a Chinese empty text; subclasses set ``Meta.model`` and ``fields``.
    Querysets are ordered stably (:class:`StableQuerysetData`)."""

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and TableQuerysetData.validate(data):
            data = StableQuerysetData(data)
        super().__init__(data, *args, **kwargs)

    #: What one row is called in the caption (共 N 件申请).
    noun: Any = _("条记录")

    class Meta:
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("没有符合条件的记录。")
        template_name = "kernel/_table.html"


class DateColumn(tables.DateColumn):  # type: ignore[misc]
    """An ISO date (2026-03-02), never wrapped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("format", "Y-m-d")
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)


class UserColumn(tables.Column):  # type: ignore[misc]
    """A person by full name (else user name); nobody: —."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", "—")
        super().__init__(*args, **kwargs)

    def render(self, value: Any) -> str:
        return user_label(value) if value is not None else "—"


class BadgeColumn(tables.Column):  # type: ignore[misc]
    """A choice shown as a Bootstrap badge, coloured by value (``badges``: value → class)."""

    def __init__(self, *args: Any, badges: Mapping[Any, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.badges = badges

    def render(self, value: Any, record: Any, bound_column: Any) -> SafeString:
        raw = getattr(record, bound_column.accessor.split(".")[-1], None)
        return format_html(
            '<span class="badge {}">{}</span>', self.badges.get(str(raw), "text-bg-light"), value
        )


def configure_table(
    request: HttpRequest, table: tables.Table, *, per_page: int, lazy: bool = False
) -> tables.Table:
    """Sort and paginate ``table`` from the request (``?sort=``, ``?page=``, ``?per_page=``,
    prefixed by the table's prefix), in place of django-tables2's ``RequestConfig``, whose
    ``int()`` takes ``-1`` and ``-2147483649``: the page and its size are read by
    :mod:`gongkai.kernel.params` (bounded; a bad value is the default). ``lazy`` pages without
    counting (``per_page + 1`` rows read). A page past the end shows the last one."""
    tables.RequestConfig(request, paginate=False).configure(table)
    kwargs: dict[str, Any] = {
        "page": page_number(request.GET, table.prefixed_page_field),
        "per_page": page_size(request.GET, per_page, table.prefixed_per_page_field),
    }
    if lazy:
        kwargs["paginator_class"] = tables.LazyPaginator
    try:
        table.paginate(**kwargs)
    except PageNotAnInteger:  # pragma: no cover - page_number always gives an integer
        table.page = table.paginator.page(1)
    except EmptyPage:
        table.page = table.paginator.page(table.paginator.num_pages)
    return table
