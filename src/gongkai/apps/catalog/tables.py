"""Tables of the catalog pages (django-tables2): the staff item list and the art. 26 list, the
public catalog of a body, the catalog tree of a body.

The art. 26 badges are the model's words (:meth:`CatalogItem.is_publication_overdue`,
:meth:`CatalogItem.is_published_late`, :attr:`CatalogItem.is_awaiting_secrecy_review`), the
same as the list filters' and the 超期未发布 list's; the due date is computed when the page is
read (today and the current calendar), never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import django_tables2 as tables  # type: ignore[import-untyped]
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gongkai.apps.catalog.attachment_search import attachment_snippet
from gongkai.apps.catalog.choices import DisclosureChoice
from gongkai.apps.catalog.models import CatalogItem, CatalogNode, Interpretation
from gongkai.apps.catalog.search import highlight, search_terms
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.catalog.interpretation import interpretation_due, working_days_late
from gongkai.domain.workdays.calendar import WorkingCalendar
from gongkai.kernel.forms import human_size
from gongkai.kernel.tables import BaseTable, DateColumn

__all__ = [
    "CatalogItemTable",
    "InterpretationTable",
    "MissingInterpretationTable",
    "NodeTable",
    "OverdueItemTable",
    "PublicItemTable",
    "SearchResultTable",
    "TreeRow",
    "tree",
]


def item_badges(
    item: CatalogItem, today: date, calendar: WorkingCalendar
) -> list[tuple[str, str, str]]:
    """``(css, testid, text)`` of the badges an item carries as of ``today``."""
    badges: list[tuple[str, str, str]] = []
    if item.is_publication_overdue(today, calendar):
        badges.append(("text-bg-danger", "overdue-flag", _("超期未发布")))
    elif item.is_published_late(calendar):
        badges.append(("text-bg-danger", "overdue-flag", _("超期发布")))
    if item.is_awaiting_secrecy_review:
        badges.append(("text-bg-warning", "awaiting-review", _("待保密审查")))
    return badges


class _TitleColumn(tables.Column):  # type: ignore[misc]
    """The item's name, linked to its page, with its badges."""

    def render(self, record: CatalogItem, table: Any) -> SafeString:
        badges = format_html_join(
            "",
            ' <span class="badge {}" data-testid="{}">{}</span>',
            item_badges(record, table.today, table.calendar),
        )
        return format_html('<a href="{}">{}</a>{}', record.get_absolute_url(), record.title, badges)


class _PublishedColumn(tables.Column):  # type: ignore[misc]
    """The 发布日期; unpublished 主动公开 items show their art. 26 due date instead."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("empty_values", ())
        kwargs.setdefault("attrs", {"td": {"class": "text-nowrap"}})
        super().__init__(*args, **kwargs)

    def render(self, record: CatalogItem, table: Any) -> SafeString:
        if record.published_on is not None:
            return format_html("{}", record.published_on.isoformat())
        due = ""
        if record.disclosure == DisclosureChoice.PROACTIVE:
            due = format_html(
                '<div class="small text-body-secondary">{} {}</div>',
                _("期限"),
                record.publication_due(table.calendar).isoformat(),
            )
        return format_html('<span class="text-body-secondary">{}</span>{}', _("未发布"), due)


class CatalogItemTable(BaseTable):
    """The staff list of /catalog/ (paged without counting: a body may hold a million)."""

    noun = gettext_lazy("条信息")

    index_number = tables.Column(
        verbose_name=gettext_lazy("索引号"), attrs={"td": {"class": "text-nowrap small"}}
    )
    title = _TitleColumn(verbose_name=gettext_lazy("名称"))
    doc_number = tables.Column(verbose_name=gettext_lazy("文号"), default="—")
    category = tables.Column(verbose_name=gettext_lazy("信息类别"))
    body = tables.Column(verbose_name=gettext_lazy("机关"), order_by=("body__path",))
    made_on = DateColumn(verbose_name=gettext_lazy("成文日期"), order_by=("made_on", "pk"))
    published_on = _PublishedColumn(
        verbose_name=gettext_lazy("发布日期"), order_by=("published_on", "pk")
    )
    disclosure = tables.Column(verbose_name=gettext_lazy("公开属性"))
    validity = tables.Column(verbose_name=gettext_lazy("有效性"))

    class Meta(BaseTable.Meta):
        model = CatalogItem
        fields: tuple[str, ...] = (
            "index_number",
            "title",
            "doc_number",
            "category",
            "body",
            "made_on",
            "published_on",
            "disclosure",
            "validity",
        )
        order_by: tuple[str, ...] = ("-made_on",)
        empty_text = gettext_lazy("没有符合条件的信息。")

    def __init__(
        self,
        *args: Any,
        today: date | None = None,
        calendar: WorkingCalendar | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.calendar = calendar or load_calendar()


class OverdueItemTable(CatalogItemTable):
    """超过第二十六条期限未发布: the oldest first."""

    class Meta(CatalogItemTable.Meta):
        order_by = ("made_on",)
        empty_text = gettext_lazy("没有超过第二十六条期限未发布的信息。")


class PublicItemTable(BaseTable):
    """The public catalog of a body: published 主动公开 items and their files, nothing of the
    保密审查. The queryset prefetches the attachments (one query per page)."""

    index_number = tables.Column(
        verbose_name=gettext_lazy("索引号"), attrs={"td": {"class": "text-nowrap small"}}
    )
    title = tables.Column(
        verbose_name=gettext_lazy("名称"), attrs={"td": {"class": "gk-stack-title"}}
    )
    doc_number = tables.Column(verbose_name=gettext_lazy("文号"), default="—")
    node = tables.Column(
        verbose_name=gettext_lazy("信息分类"), default="—", order_by=("node__name",)
    )
    made_on = DateColumn(verbose_name=gettext_lazy("成文日期"), order_by=("made_on", "pk"))
    published_on = DateColumn(
        verbose_name=gettext_lazy("发布日期"), order_by=("published_on", "pk")
    )
    validity = tables.Column(verbose_name=gettext_lazy("有效性"))
    attachments = tables.Column(verbose_name=gettext_lazy("附件"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = CatalogItem
        fields = (
            "index_number",
            "title",
            "doc_number",
            "node",
            "made_on",
            "published_on",
            "validity",
            "attachments",
        )
        order_by: tuple[str, ...] = ("-published_on",)
        empty_text = gettext_lazy("没有符合条件的公开信息。")
        # On a phone each item is a card (gongkai.css: .gk-stack), its title first.
        attrs = {"class": f"{BaseTable.Meta.attrs['class']} gk-stack"}

    def marked(self, text: str) -> str | SafeString:
        """A searched text as shown (the search results mark the words found)."""
        return text

    def render_index_number(self, value: str) -> str | SafeString:
        return self.marked(value)

    def render_doc_number(self, value: str) -> str | SafeString:
        return self.marked(value)

    def render_title(self, record: CatalogItem) -> SafeString:
        url = reverse("catalog:public_item", kwargs={"pk": record.pk})
        title = self.marked(record.title)
        # 政策解读 (CatalogItemQuerySet.with_interpretation_flag): a link to them on its page.
        interpreted = (
            format_html(
                ' <a class="badge text-bg-info text-decoration-none" href="{}#interpretations"'
                ' data-testid="interpretation-link">{}</a>',
                url,
                _("解读"),
            )
            if getattr(record, "has_interpretation", False)
            else ""
        )
        if not record.summary:
            return format_html('<a href="{}">{}</a>{}', url, title, interpreted)
        summary = record.summary if len(record.summary) <= 120 else record.summary[:119] + "…"
        return format_html(
            '<a href="{}">{}</a>{}<div class="small text-body-secondary gk-summary">{}</div>',
            url,
            title,
            interpreted,
            summary,
        )

    def render_node(self, value: CatalogNode) -> str:
        return value.name

    def render_validity(self, value: str, record: CatalogItem) -> str:
        if record.repealed_on is None:
            return value
        return f"{value}（{record.repealed_on.isoformat()}）"

    def render_attachments(self, record: CatalogItem) -> SafeString | str:
        files = list(record.attachments.all())
        if not files:
            return "—"
        return format_html_join(
            "",
            '<div><a href="{}">{}</a> <span class="small text-body-secondary">{}</span></div>',
            ((a.get_absolute_url(), a.original_name, human_size(a.size)) for a in files),
        )


class SearchResultTable(PublicItemTable):
    """The results of the search page: the public items of every body, newest registered
    first (as :func:`gongkai.apps.catalog.search.search_public` orders them; no sorting by
    column, which would sort every match), the words found marked in the 名称, 文号, 索引号 and
    机关 (:func:`gongkai.apps.catalog.search.highlight`, escaped)."""

    noun = gettext_lazy("条信息")

    node = None
    body = tables.Column(verbose_name=gettext_lazy("机关"))

    class Meta(PublicItemTable.Meta):
        fields = (
            "title",
            "index_number",
            "doc_number",
            "body",
            "made_on",
            "published_on",
            "validity",
            "attachments",
        )
        sequence = fields
        orderable = False
        order_by: tuple[str, ...] = ()
        empty_text = gettext_lazy("没有找到符合条件的公开信息。")

    def __init__(self, *args: Any, query: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.query = query

    def marked(self, text: str) -> str | SafeString:
        return highlight(text, self.query)

    def render_body(self, value: Body) -> str | SafeString:
        return self.marked(value.name)

    def render_title(self, record: CatalogItem) -> SafeString:
        """The title (marked); an item found by the text of its files only shows the passage
        found, so the visitor sees why it is a result (docs/search.md, "Attachment text")."""
        shown = super().render_title(record)
        terms = search_terms(self.query)
        searched = (record.title, record.doc_number, record.index_number, record.body.name)
        if not terms or any(terms in (text or "") for text in searched):
            return shown
        passage = attachment_snippet(record, terms)
        if not passage:
            return shown
        return format_html(
            '{}<div class="small gk-passage">{}{}</div>', shown, _("附件中："), passage
        )


# =============================================================================================
# The catalog tree of a body
# =============================================================================================


@dataclass(frozen=True)
class TreeRow:
    """A node in tree order: its depth, whether it is the first or last of its siblings, its
    sub-nodes and items."""

    node: CatalogNode
    depth: int
    first: bool
    last: bool
    children: int
    items: int


def tree(nodes: QuerySet[CatalogNode]) -> list[TreeRow]:
    """``nodes`` (one body's) in tree order, depth first, siblings by their order."""
    annotated = list(
        nodes.annotate(
            n_children=Count("children", distinct=True), n_items=Count("items", distinct=True)
        ).order_by("order", "pk")
    )
    by_parent: dict[int | None, list[CatalogNode]] = {}
    for node in annotated:
        by_parent.setdefault(node.parent_id, []).append(node)
    rows: list[TreeRow] = []

    def walk(parent: int | None, depth: int) -> None:
        siblings = by_parent.get(parent, [])
        for i, node in enumerate(siblings):
            rows.append(
                TreeRow(
                    node,
                    depth,
                    i == 0,
                    i == len(siblings) - 1,
                    node.n_children,  # type: ignore[attr-defined]
                    node.n_items,  # type: ignore[attr-defined]
                )
            )
            walk(node.pk, depth + 1)

    walk(None, 0)
    return rows


class NodeTable(BaseTable):
    """The nodes of a body's tree; who may change them renames, moves and deletes them here."""

    noun = gettext_lazy("个目录")

    name = tables.Column(verbose_name=gettext_lazy("目录"), accessor="node__name", empty_values=())
    contents = tables.Column(verbose_name=gettext_lazy("内容"), empty_values=())
    actions = tables.TemplateColumn(
        verbose_name=gettext_lazy("操作"),
        template_name="catalog/_node_actions.html",
        attrs={"td": {"class": "text-end"}},
    )

    class Meta(BaseTable.Meta):
        orderable = False
        empty_text = gettext_lazy("还没有目录分类。")
        row_attrs = {"data-testid": "node"}

    def render_name(self, record: TreeRow) -> SafeString:
        return format_html(
            '<span class="text-body-secondary">{}</span><a href="{}?node={}">{}</a>',
            "— " * record.depth,
            reverse("catalog:list"),
            record.node.pk,
            record.node.name,
        )

    def render_contents(self, record: TreeRow) -> str:
        if record.children:
            return ngettext("%(n)d 个下级目录", "%(n)d 个下级目录", record.children) % {
                "n": record.children
            }
        return ngettext("%(n)d 条信息", "%(n)d 条信息", record.items) % {"n": record.items}


# =============================================================================================
# 政策解读
# =============================================================================================


class InterpretationTable(BaseTable):
    """/catalog/interpretations/: the 解读 of the user's bodies, the newest first."""

    noun = gettext_lazy("条解读")

    published_on = DateColumn(
        verbose_name=gettext_lazy("发布日期"),
        order_by=("published_on", "pk"),
        default=gettext_lazy("未发布"),
    )
    title = tables.Column(verbose_name=gettext_lazy("解读标题"), linkify=True)
    kind = tables.Column(verbose_name=gettext_lazy("解读形式"))
    item = tables.Column(
        verbose_name=gettext_lazy("解读的文件"), linkify=True, order_by=("item__title",)
    )
    body = tables.Column(verbose_name=gettext_lazy("机关"), order_by=("body__path",))

    class Meta(BaseTable.Meta):
        model = Interpretation
        fields = ("published_on", "title", "kind", "item", "body")
        order_by = ("-published_on",)
        empty_text = gettext_lazy("没有符合条件的政策解读。")


class _LateColumn(tables.Column):  # type: ignore[misc]
    """The due date of the 解读 and how many working days past it the document is today
    (the domain's :func:`working_days_late`)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(empty_values=(), orderable=False, **kwargs)

    def render(self, record: CatalogItem, table: Any) -> SafeString:
        assert record.published_on is not None
        days = record.body.interpretation_days
        due = interpretation_due(record.published_on, days, table.calendar)
        late = working_days_late(record.published_on, days, table.today, table.calendar)
        if late:
            text = ngettext("逾期 %(n)d 个工作日", "逾期 %(n)d 个工作日", late) % {"n": late}
            badge = format_html('<span class="badge text-bg-danger">{}</span>', text)
        else:
            badge = format_html('<span class="badge text-bg-warning">{}</span>', _("期限内"))
        return format_html(
            '{} <div class="small text-body-secondary">{} {}</div>', badge, _("期限"), due
        )


class MissingInterpretationTable(BaseTable):
    """规范性文件未发布解读 (:meth:`CatalogItemQuerySet.without_interpretation`), the oldest
    publication first, each with the link to register its 解读."""

    noun = gettext_lazy("件规范性文件")

    published_on = DateColumn(
        verbose_name=gettext_lazy("文件发布日期"), order_by=("published_on", "pk")
    )
    title = tables.Column(verbose_name=gettext_lazy("文件名称"), linkify=True)
    doc_number = tables.Column(verbose_name=gettext_lazy("文号"), default="—")
    body = tables.Column(verbose_name=gettext_lazy("机关"), order_by=("body__path",))
    late = _LateColumn(verbose_name=gettext_lazy("解读期限"))
    add = tables.Column(verbose_name=gettext_lazy("操作"), empty_values=(), orderable=False)

    class Meta(BaseTable.Meta):
        model = CatalogItem
        fields = ("published_on", "title", "doc_number", "body", "late", "add")
        order_by = ("published_on",)
        empty_text = gettext_lazy("所有已发布的规范性文件都已发布政策解读。")

    def __init__(
        self,
        *args: Any,
        today: date | None = None,
        calendar: WorkingCalendar | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.calendar = calendar or load_calendar()

    def render_add(self, record: CatalogItem) -> SafeString:
        return format_html(
            '<a class="btn btn-sm btn-outline-primary" href="{}">{}</a>',
            reverse("catalog:new_interpretation", kwargs={"item": record.pk}),
            _("登记解读"),
        )
