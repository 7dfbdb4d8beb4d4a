"""The public 政府信息公开专栏 of a body (条例第十二条, mounted at /bodies/): its five parts —
指南, 制度, 法定主动公开内容, 年报, 申请 — the bodies below it, its 指南 in full, and its Atom
feeds (a body's own, a jurisdiction's: the body and every body below it) of newly published
catalog items and annual reports. Public: only ``CatalogItem.objects.public()`` and published
reports are read."""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import reduce
from typing import Any

from django.contrib.syndication.views import Feed
from django.db import connections
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.catalog.choices import CategoryChoice
from gongkai.apps.catalog.models import CatalogItem, CatalogNode, Interpretation
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.contents import content_counts, content_groups
from gongkai.apps.reports.forms import GuideContactsForm, GuideForm, GuideResetForm
from gongkai.apps.reports.guide import generated_guide, shown_guide
from gongkai.apps.reports.models import AnnualReport
from gongkai.apps.reports.tables import report_title
from gongkai.domain.applications.guide import guide_text
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import ActionSpec, ObjectActionView, PageView

__all__ = ["RULES_NODE_NAME", "column_routes"]

column_routes = Routes("column")

#: The catalog node whose items are the body's 政府信息公开制度 (the national column's name).
RULES_NODE_NAME = "政府信息公开制度"
#: Items shown per catalog node on the column (the node's full list is the public catalog).
ITEMS_PER_NODE = 5
#: The newest 制度 shown (the rest are in the public catalog).
RULES_SHOWN = 50
#: Entries of a feed.
FEED_ENTRIES = 50


def _public_items(bodies: Body | QuerySet[Body]) -> QuerySet[CatalogItem]:
    items = CatalogItem.objects.public()
    if isinstance(bodies, Body):
        return items.filter(body=bodies)
    return items.filter(body__in=bodies.order_by().values("pk"))


def _newest(items: QuerySet[CatalogItem], groups: list[Q], n: int) -> list[CatalogItem]:
    """The newest ``n`` items of each group (``items.filter(group)``), newest first, in one
    query of one bounded read per group — each walks an index from its newest end (the
    (body, disclosure, node, published_on) index of a node, the (body, disclosure,
    published_on) one of a body). Sorting all of a body's items instead (a window function,
    an ORDER BY over the subtree) took seconds at 100,000s of items: docs/architecture.md."""
    if not groups:
        return []
    order = ("-published_on", "-pk")
    parts = [items.filter(group).order_by(*order)[:n] for group in groups]
    if connections[items.db].features.supports_slicing_ordering_in_compound:
        rows: Iterable[CatalogItem] = parts[0].union(*parts[1:], all=True)
    else:  # SQLite: no LIMIT inside UNION, but in ``IN (…)``: rowid lookups of every part
        chosen = reduce(operator.or_, (Q(pk__in=part.values("pk")) for part in parts))
        rows = CatalogItem.objects.filter(chosen)
    return sorted(rows, key=lambda i: (i.published_on, i.pk), reverse=True)


def _newest_per_node(
    items: QuerySet[CatalogItem], nodes: list[int | None]
) -> dict[int | None, list[CatalogItem]]:
    """The newest :data:`ITEMS_PER_NODE` items of each node (:func:`_newest`)."""
    groups = [Q(node=pk) if pk else Q(node__isnull=True) for pk in nodes]
    newest: dict[int | None, list[CatalogItem]] = {}
    for item in _newest(items, groups, ITEMS_PER_NODE):
        newest.setdefault(item.node_id, []).append(item)
    return newest


@dataclass(frozen=True)
class NodeGroup:
    node: CatalogNode | None
    count: int
    items: list[CatalogItem]


class _BodyColumn(PageView):
    public = True
    permission = None
    queryset = Body.objects.all()
    object_kwarg = "body"

    def body(self) -> Body:
        return get_object_or_404(Body, pk=self.kwargs["body"])


#: The newest 政策解读 shown on a body's 专栏.
INTERPRETATIONS_SHOWN = 5


@column_routes("", "index")
class ColumnIndexView(PageView):
    """/bodies/: every body, as the tree, each linking to its 专栏."""

    public = True
    permission = None
    template_name = "column/index.html"
    title = gettext_lazy("政府信息公开专栏")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        bodies = Body.objects.order_by("path")
        return {**super().get_context_data(**kwargs), "bodies": bodies}


@column_routes("<int:body>/", "body")
class ColumnView(_BodyColumn):
    """/bodies/<body>/: the body's 政府信息公开专栏 and the bodies below it."""

    template_name = "column/body.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        body = self.body()
        items = _public_items(body)
        # 法定主动公开内容: by 条例第二十条、第二十一条 (default), or by the catalog tree
        # (?view=nodes); the other grouping is not queried (``none()`` runs no query).
        by_nodes = self.request.GET.get("view") == "nodes"
        in_nodes = items if by_nodes else items.none()
        counts = dict(
            in_nodes.order_by().values_list("node").annotate(n=Count("pk")).values_list("node", "n")
        )
        nodes = {
            n.pk: n
            for n in CatalogNode.objects.filter(pk__in=[k for k in counts if k]).select_related(
                "parent"
            )
        }
        newest = _newest_per_node(in_nodes, list(counts))
        rule_nodes = CatalogNode.objects.filter(body=body, name=RULES_NODE_NAME)
        groups = [
            NodeGroup(nodes.get(pk) if pk else None, n, newest.get(pk, []))
            for pk, n in sorted(
                counts.items(), key=lambda kv: (nodes[kv[0]].order, kv[0]) if kv[0] else (-1, 0)
            )
        ]
        by_category = dict(
            items.order_by()
            .values_list("category")
            .annotate(n=Count("pk"))
            .values_list("category", "n")
        )
        reports = (
            AnnualReport.objects.published()
            .filter(body=body)
            .annotate(n_corrections=Count("corrections"))
            .order_by("-year")
        )
        return {
            **super().get_context_data(**kwargs),
            "title": _("%(body)s · 政府信息公开专栏") % {"body": body.name},
            "body": body,
            "guide": shown_guide(body, self.request)[:2],
            "rules": _newest(
                items,
                [Q(node=pk) for pk in rule_nodes.values_list("pk", flat=True)],
                RULES_SHOWN,
            ),
            "groups": groups,
            # 政策解读: the newest published, each linking to its document's page.
            "interpretations": list(
                Interpretation.objects.public()
                .filter(body=body)
                .select_related("item")
                .order_by("-published_on", "-pk")[:INTERPRETATIONS_SHOWN]
            ),
            "categories": [(c.label, by_category.get(c.value, 0)) for c in CategoryChoice],
            "view": "nodes" if by_nodes else "contents",
            "contents": [] if by_nodes else content_groups(items, body.pk, body.kind),
            "reports": reports,
            "below": body.subtree().exclude(pk=body.pk).order_by("path"),
            "ancestors": Body.objects.filter(pk__in=body.ancestor_ids())
            .exclude(pk=body.pk)
            .order_by("path"),
        }


@column_routes("<int:body>/contents/", "contents")
class JurisdictionContentsView(_BodyColumn):
    """/bodies/<body>/contents/: the 法定主动公开内容 published by the body and every body below
    it, counted by 条例第二十条、第二十一条 (with how many bodies published each)."""

    template_name = "column/contents.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        body = self.body()
        body_ids = list(body.subtree().order_by("path").values_list("pk", flat=True))
        return {
            **super().get_context_data(**kwargs),
            "title": _("%(body)s及下级机关 · 法定主动公开内容") % {"body": body.name},
            "body": body,
            "n_bodies": len(body_ids),
            # Every content (both lists of 第二十一条): the bodies below are of several levels.
            "counts": content_counts(CatalogItem.objects.public(), body_ids, ""),
        }


@column_routes("<int:body>/guide/", "guide")
class GuideView(_BodyColumn):
    """/bodies/<body>/guide/: the body's 政府信息公开指南 in full."""

    template_name = "column/guide.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        body = self.body()
        return {
            **super().get_context_data(**kwargs),
            "title": _("%(body)s政府信息公开指南") % {"body": body.name},
            "body": body,
            "guide": shown_guide(body, self.request),
            "edited": bool(body.guide_text),
            "may_edit": self.user_can("administer", body),
        }


_GUIDE_DENIED = gettext_lazy("只有本机关的管理员可以修改政府信息公开指南。")


@column_routes("<int:pk>/guide/actions/<slug:op>/", "guide_action")
class GuideActionView(ObjectActionView):
    """/bodies/<pk>/guide/actions/<op>/: the 管理员 edits the 指南 (``edit``), returns to the
    generated one (``reset``, when it was edited) or edits the contact facts it is generated
    from (``contacts``)."""

    queryset = Body.objects.all()
    operations = {  # noqa: RUF012 - declared once, read only
        "edit": ActionSpec(
            gettext_lazy("修改政府信息公开指南"), GuideForm, "administer", _GUIDE_DENIED
        ),
        "reset": ActionSpec(
            gettext_lazy("指南恢复为自动生成"), GuideResetForm, "administer", _GUIDE_DENIED
        ),
        "contacts": ActionSpec(
            gettext_lazy("修改指南的联系方式"), GuideContactsForm, "administer", _GUIDE_DENIED
        ),
    }

    def available(self, op: str, obj: Body) -> bool:
        return op != "reset" or bool(obj.guide_text)

    def state_message(self, op: str, obj: Body) -> str:
        return _("指南已经是自动生成的。")

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        if self.op == "edit" and not self.object.guide_text:
            # The generated text with the site's full addresses, as the public sees it.
            initial["guide_text"] = guide_text(generated_guide(self.object, self.request))
        return initial

    def get_success_url(self) -> str:
        return reverse("column:guide", kwargs={"body": self.kwargs["pk"]})

    def get_cancel_url(self) -> str:
        return self.get_success_url()

    def success_message(self, obj: Any) -> str:
        if self.op == "reset":
            return _("指南已恢复为自动生成。")
        if self.op == "contacts":
            return _("已保存指南的联系方式。")
        return _("已保存政府信息公开指南。")


# =============================================================================================
# Atom feeds
# =============================================================================================


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str
    published: datetime
    description: str
    author: str


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class BodyFeed(Feed):  # type: ignore[type-arg]
    """The newly published catalog items and annual reports of a body (Atom)."""

    feed_type = Atom1Feed
    jurisdiction = False

    def get_object(self, request: HttpRequest, body: int) -> Body:
        return get_object_or_404(Body, pk=body)

    def bodies(self, body: Body) -> Body | QuerySet[Body]:
        return body.subtree() if self.jurisdiction else body

    def title(self, body: Body) -> str:
        if self.jurisdiction:
            return _("%(body)s及下级机关 · 政府信息公开") % {"body": body.name}
        return _("%(body)s · 政府信息公开") % {"body": body.name}

    def link(self, body: Body) -> str:
        return reverse("column:body", args=[body.pk])

    def author_name(self, body: Body) -> str:
        # RFC 4287 §4.1.1: a feed has an author (its entries name theirs too).
        return body.name

    def subtitle(self, body: Body) -> str:
        return _("新发布的主动公开政府信息和政府信息公开工作年度报告")

    def items(self, body: Body) -> list[FeedEntry]:
        bodies = self.bodies(body)
        if isinstance(bodies, Body):
            newest = list(_public_items(bodies).order_by("-published_on", "-pk")[:FEED_ENTRIES])
            names = {bodies.pk: bodies.name}
        else:  # the newest of each body of the subtree, then the newest of those
            names = dict(bodies.values_list("pk", "name"))
            groups = [Q(body=pk) for pk in names]
            newest = _newest(CatalogItem.objects.public(), groups, FEED_ENTRIES)[:FEED_ENTRIES]
        reports = AnnualReport.objects.published().select_related("body").order_by("-published_at")
        if isinstance(bodies, Body):
            reports = reports.filter(body=bodies)
        else:
            reports = reports.filter(body__in=bodies.order_by().values("pk"))
        entries = [
            FeedEntry(
                item.title,
                reverse("catalog:public_item", args=[item.pk]),
                _midnight(item.published_on) if item.published_on else timezone.now(),
                f"{names[item.body_id]} {item.doc_number} {item.index_number}".strip(),
                names[item.body_id],
            )
            for item in newest
        ] + [
            FeedEntry(
                report_title(r.body.name, r.year),
                reverse("reports:annual_published", args=[r.body_id, r.year]),
                r.published_at or timezone.now(),
                r.body.name,
                r.body.name,
            )
            for r in reports[:FEED_ENTRIES]
        ]
        entries.sort(key=lambda e: e.published, reverse=True)
        return entries[:FEED_ENTRIES]

    def item_title(self, item: FeedEntry) -> str:
        return item.title

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_description(self, item: FeedEntry) -> str:
        return item.description

    def item_pubdate(self, item: FeedEntry) -> datetime:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime:
        # RFC 4287 §4.1.2: every entry has an <updated> (Django writes it only when given).
        return item.published

    def item_author_name(self, item: FeedEntry) -> str:
        return item.author


class JurisdictionFeed(BodyFeed):
    """The same for the body and every body below it."""

    jurisdiction = True
