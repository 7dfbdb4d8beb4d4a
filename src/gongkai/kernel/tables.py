"""Tables of the staff lists (django-tables2): the base every list table derives from, and the
columns the apps share. A list page is a table class and a filter set
(:class:`gongkai.kernel.views.ObjectListView`), rendered by ``kernel/_table.html``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from math import ceil
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django_tables2.data import TableQuerysetData  # type: ignore[import-untyped]

from gongkai.kernel.audit import user_label
from gongkai.kernel.params import page_number, page_size

__all__ = [
    "COUNT_LIMIT",
    "BadgeColumn",
    "BaseTable",
    "DateColumn",
    "Listing",
    "NumberColumn",
    "UserColumn",
    "configure_table",
    "count_up_to",
]

#: The most rows a ``lazy`` list counts (the catalog's million items): up to it the total and
#: the page count are exact, beyond it the list says "超过 10,000 条" and pages without a count.
#: Counting 10,001 rows costs about what reading the page costs (benchmarks/bench_list_count.py).
COUNT_LIMIT = 10_000


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


class NumberColumn(tables.Column):  # type: ignore[misc]
    """A count or an amount: the figure and its header both at the right edge (a header over
    the left of its column read as the header of the figure to its left)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", {"th": {"class": "text-end"}, "td": {"class": "text-end"}})
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


@dataclass(frozen=True)
class Listing:
    """What the caption and the pager of a paginated table say: ``共 N 条，第 x / y 页`` (or
    ``找到 N 条`` when the list is filtered or searched). ``total`` is None when a ``lazy`` list
    has more than :data:`COUNT_LIMIT` rows (then ``pages`` is unknown, None, too); ``asked``
    is the page number asked for when it lay beyond the last page (the view redirects)."""

    total: int | None
    number: int
    pages: int | None
    searched: bool
    asked: int | None
    limit: int

    @property
    def limit_text(self) -> str:
        """The count limit as people write it (10,000)."""
        return f"{self.limit:,}"


class CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told its count (counted once, bounded, by :func:`configure_table`)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # Paginator.count is a cached_property


def count_up_to(rows: QuerySet[Any], limit: int = COUNT_LIMIT) -> int:
    """``rows`` counted up to ``limit + 1`` (``SELECT COUNT(*) FROM (… LIMIT n)``): a result
    over ``limit`` says "more than ``limit``" without counting a million rows. The bounded
    count of the ``lazy`` lists and of the API's pages (``gongkai.apps.api``)."""
    return rows.order_by()[: limit + 1].count()


def _count_up_to(table: tables.Table, limit: int) -> int:
    """The table's rows counted up to ``limit + 1`` (:func:`count_up_to`)."""
    data = table.data
    if isinstance(data, TableQuerysetData):
        return count_up_to(data.data, limit)
    return min(len(data), limit + 1)


def requested_order(request: HttpRequest, table: tables.Table) -> list[str]:
    """The ``?sort=`` of the request (comma-separated, ``-`` for descending), keeping only the
    table's orderable columns: anything else (a typo, a fuzzed ``.I``) is dropped here rather
    than handed to django-tables2, which reads a ``.`` as a legacy accessor path."""
    wanted: list[str] = []
    for value in request.GET.getlist(table.prefixed_order_by_field):
        for name in value.split(","):
            bare = name.strip().removeprefix("-")
            if bare in table.columns and table.columns[bare].orderable:
                wanted.append(name.strip())
    return wanted


def configure_table(
    request: HttpRequest,
    table: tables.Table,
    *,
    per_page: int,
    lazy: bool = False,
    searched: bool = False,
    count_limit: int | None = None,
) -> tables.Table:
    """Sort and paginate ``table`` from the request (``?sort=``, ``?page=``, ``?per_page=``,
    prefixed by the table's prefix), in place of django-tables2's ``RequestConfig``, whose
    ``int()`` takes ``-1`` and ``-2147483649``: the page and its size are read by
    :mod:`gongkai.kernel.params` (bounded; a bad value is the default). The table's
    ``listing`` (:class:`Listing`) is what its caption says (``searched``: 找到 N 条).

    A ``lazy`` list counts at most ``count_limit`` (default :data:`COUNT_LIMIT`) + 1 rows;
    beyond it, it pages without counting (``per_page + 1`` rows read). A page past the end
    shows the last one and says so in ``listing.asked``
    (:func:`gongkai.kernel.views.beyond_last_page` redirects there); finding the last page of
    a list beyond the limit counts it whole, once, for that odd URL.
    """
    table.request = request
    order_by = requested_order(request, table)
    if order_by:
        table.order_by = order_by
    number = page_number(request.GET, table.prefixed_page_field)
    size = page_size(request.GET, per_page, table.prefixed_per_page_field)
    kwargs: dict[str, Any] = {"per_page": size}
    total: int | None = None
    limit = COUNT_LIMIT if count_limit is None else count_limit
    if lazy:
        counted = _count_up_to(table, limit)
        if counted > limit:
            kwargs["paginator_class"] = tables.LazyPaginator
        else:
            total = counted
            kwargs.update(paginator_class=CountedPaginator, count=counted)
    asked = None
    try:
        table.paginate(page=number, **kwargs)
    except PageNotAnInteger:  # pragma: no cover - page_number always gives an integer
        table.page = table.paginator.page(1)
    except EmptyPage:
        asked = number
        if isinstance(table.paginator, tables.LazyPaginator):
            last = max(1, ceil(len(table.data) / size))
        else:
            last = table.paginator.num_pages
        table.page = table.paginator.page(last)
    if total is None and not lazy:
        total = table.paginator.count
    pages = table.paginator.num_pages if total is not None else None
    table.listing = Listing(total, table.page.number, pages, searched, asked, limit)
    return table
