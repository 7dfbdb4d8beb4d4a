"""Pages of the 主动公开目录 — each a generic view of :mod:`gongkai.kernel.views`: the item list
and the art. 26 list (paged without counting: a body may hold a million items), the item page,
drafting and editing, the operations (保密审查, 发布, 修改, 废止, attachments), the downloads,
the catalog tree of a body, the §3 ledger page and the public catalog of a body.

Every query starts from the model's permission policy (another body's record is a 404, a 上级
reads and changes nothing); every change is an action of :mod:`gongkai.apps.catalog.actions`.
"""

from __future__ import annotations

from functools import cached_property
from typing import IO, Any, ClassVar, cast

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.catalog.actions import (
    LIFE_CYCLE_CATEGORIES,
    create_interpretation,
    create_item,
    create_node,
    update_interpretation,
    update_item,
)
from gongkai.apps.catalog.choices import DisclosureChoice, ValidityChoice
from gongkai.apps.catalog.filtersets import (
    CatalogItemFilterSet,
    InterpretationFilterSet,
    PublicItemFilterSet,
    SearchFilterSet,
)
from gongkai.apps.catalog.forms import (
    INTERPRETATION_FORMS,
    ITEM_FORMS,
    NODE_FORMS,
    AttachmentForm,
    InterpretationForm,
    ItemForm,
    NodeForm,
)
from gongkai.apps.catalog.ledgers import (
    catalog_filename,
    catalog_template,
    export_catalog,
    import_catalog,
)
from gongkai.apps.catalog.models import (
    CatalogAttachment,
    CatalogItem,
    CatalogNode,
    Interpretation,
)
from gongkai.apps.catalog.tables import (
    CatalogItemTable,
    InterpretationTable,
    MissingInterpretationTable,
    NodeTable,
    OverdueItemTable,
    PublicItemTable,
    SearchResultTable,
    item_badges,
    tree,
)
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.kernel.ledgers import (
    CONTENT_TYPES,
    ExportFormat,
    ImportResult,
    LedgerView,
    export_format,
    export_year,
)
from gongkai.kernel.permissions import user_can
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    Button,
    DownloadView,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    PageView,
)

__all__ = [
    "AttachmentDownloadView",
    "CatalogLedgerView",
    "InterpretationActionView",
    "InterpretationCreateView",
    "InterpretationDetailView",
    "InterpretationEditView",
    "InterpretationListView",
    "ItemActionView",
    "ItemCreateView",
    "ItemDetailView",
    "ItemEditView",
    "ItemListView",
    "LedgerExportView",
    "LedgerTemplateView",
    "MissingInterpretationListView",
    "NodeActionView",
    "NodeCreateView",
    "OverdueListView",
    "PublicCatalogView",
    "SearchView",
    "TreeView",
    "offered_operations",
]

routes = Routes("catalog")

_READ_ONLY = gettext_lazy("您只能查看本机关的主动公开信息，不能修改。")
_REVIEWERS_ONLY = gettext_lazy("只有审核人或管理员可以进行保密审查。")


# =============================================================================================
# Lists
# =============================================================================================


@routes("", "list")
class ItemListView(ObjectListView):
    """/catalog/: filters, search and a page of items (no count over everything)."""

    queryset = CatalogItem.objects.select_related("body")
    table = CatalogItemTable
    filterset: ClassVar[Any] = CatalogItemFilterSet
    lazy = True
    template_name = "catalog/list.html"
    title = gettext_lazy("主动公开目录")

    def get_table_kwargs(self) -> dict[str, Any]:
        # One body: no 机关 column.
        return {"exclude": () if self.bodies.count() > 1 else ("body",)}

    @cached_property
    def bodies(self) -> QuerySet[Body]:
        return Body.objects.restrict(self.request.user).order_by("path")

    def get_buttons(self) -> list[Button]:
        buttons = [
            Button(_("超过第二十六条期限未发布"), reverse("catalog:overdue")),
            Button(_("政策解读"), reverse("catalog:interpretations")),
        ]
        if self.policy.user_has_permission(self.request.user, "change"):
            buttons.append(Button(_("登记信息"), reverse("catalog:new"), primary=True))
        return buttons

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["bodies"] = self.bodies[:50]
        return context


@routes("overdue/", "overdue")
class OverdueListView(ItemListView):
    """/catalog/overdue/: 主动公开 items still unpublished after the 20 working days of
    条例第二十六条 (:meth:`CatalogItemQuerySet.publication_overdue`), the oldest first."""

    table = OverdueItemTable
    filterset = None
    template_name = "catalog/overdue.html"
    title = gettext_lazy("超过第二十六条期限未发布的信息")

    def get_base_queryset(self) -> QuerySet[CatalogItem]:
        return CatalogItem.objects.select_related("body").publication_overdue(timezone.localdate())

    def get_buttons(self) -> list[Button]:
        return [Button(_("主动公开目录"), reverse("catalog:list"))]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "today": timezone.localdate()}


# =============================================================================================
# Drafting, the item page and its operations
# =============================================================================================


@routes("<int:pk>/edit/", "edit")
class ItemEditView(ObjectEditView):
    """/catalog/<pk>/edit/: the metadata of an item (never its 索引号)."""

    queryset = CatalogItem.objects.select_related("body")
    form_class = ItemForm
    title = gettext_lazy("登记主动公开信息")
    denied = _READ_ONLY

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "item": self.object}

    def save(self, form: ItemForm) -> CatalogItem:
        user = self.request.user
        if self.object is None:
            data = form.cleaned_data
            return create_item(
                data["body"],
                acting_user=user,
                index_number=data["index_number"],
                **form.item_fields(),
            )
        return update_item(
            self.object,
            acting_user=user,
            expected_version=form.cleaned_data.get("version"),
            **form.item_fields(),
        )

    def success_message(self, obj: CatalogItem) -> str:
        if "pk" not in self.kwargs:
            return _("已登记信息，索引号 %(n)s。") % {"n": obj.index_number}
        return _("已保存修改。")

    def get_cancel_url(self) -> str:
        return super().get_cancel_url() or reverse("catalog:list")


@routes("new/", "new")
class ItemCreateView(ItemEditView):
    """/catalog/new/: register a document at drafting, with its 公开属性."""

    denied = gettext_lazy("您不是任何机关的经办人、审核人或管理员，不能登记主动公开信息。")


#: The operations offered as buttons on the item page (attachments have their own section).
BUTTON_OPS = ("review", "publish", "amend", "repeal")


def operation_available(op: str, item: CatalogItem) -> bool:
    """Whether the item's state allows ``op`` now (the action checks again)."""
    unpublished = item.published_on is None
    if op in ("review", "publish"):
        return unpublished
    if op in ("amend", "repeal"):
        return item.category in LIFE_CYCLE_CATEGORIES and item.validity == ValidityChoice.VALID
    if op == "detach":
        return unpublished and item.attachments.exists()
    return True


def offered_operations(user: Any, item: CatalogItem) -> list[str]:
    """The operation buttons ``user`` sees on the item page: the 保密审查 for 审核人/管理员 of a
    主动公开 item, 发布 once it passed the review, 修改/废止 of a valid 规章 or 规范性文件."""
    if not user_can(user, "change", item):
        return []
    offered = []
    for op in BUTTON_OPS:
        if not operation_available(op, item):
            continue
        if op == "review" and not (
            item.disclosure == DisclosureChoice.PROACTIVE and user_can(user, "approve", item)
        ):
            continue
        if op == "publish" and not item.may_be_published:
            continue
        offered.append(op)
    return offered


@routes("<int:pk>/", "detail")
class ItemDetailView(ObjectDetailView):
    """/catalog/<pk>/: the §2 metadata, 保密审查, art. 26, attachments and the audit trail."""

    queryset = CatalogItem.objects.select_related("body", "node", "secrecy_reviewer")
    template_name = "catalog/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item: CatalogItem = self.object
        user = self.request.user
        calendar = load_calendar()
        context.update(
            item=item,
            title=item.title,
            badges=item_badges(item, timezone.localdate(), calendar),
            due=(
                item.publication_due(calendar)
                if item.disclosure == DisclosureChoice.PROACTIVE
                else None
            ),
            operations=[
                Button(
                    str(ITEM_FORMS[op][0]),
                    reverse("catalog:action", kwargs={"pk": item.pk, "op": op}),
                )
                for op in offered_operations(user, item)
            ],
            attachments=list(item.attachments.select_related("uploaded_by")),
            attachment_form=(
                AttachmentForm(obj=item, user=user) if context["may_change"] else None
            ),
            interpretations=list(item.interpretations.all()),
            may_interpret=context["may_change"],
        )
        return context


@routes("<int:pk>/actions/<slug:op>/", "action")
class ItemActionView(ObjectActionView):
    """/catalog/<pk>/actions/<op>/: 保密审查, 发布, 修改, 废止, 上传附件, 删除附件."""

    queryset = CatalogItem.objects.select_related("body")
    summary_template = "catalog/_summary.html"
    operations = {
        op: ActionSpec(
            label,
            form,
            permission="approve" if op == "review" else "change",
            denied=(
                gettext_lazy("只有审核人或管理员可以进行保密审查。")
                if op == "review"
                else _READ_ONLY
            ),
        )
        for op, (label, form) in ITEM_FORMS.items()
    }

    def available(self, op: str, obj: CatalogItem) -> bool:
        return operation_available(op, obj)

    def save(self, form: Any) -> CatalogItem:
        done = form.perform()
        if self.op == "attach":
            self.done = _("已上传附件“%(name)s”。") % {"name": done.original_name}
        elif self.op == "detach":
            self.done = _("已删除附件“%(name)s”。") % {
                "name": form.cleaned_data["attachment"].original_name
            }
        else:
            self.done = _("已%(op)s。") % {"op": self.spec.label}
        item: CatalogItem = self.object
        return item

    def success_message(self, obj: CatalogItem) -> str:
        return self.done


@routes("attachments/<int:pk>/", "attachment")
class AttachmentDownloadView(DownloadView):
    """/catalog/attachments/<pk>/: a file, to the staff who may see the item, or to anyone once
    the item is published as 主动公开. Others get a 404 (nothing tells them the file exists)."""

    public = True
    permission = None
    queryset = CatalogAttachment.objects.select_related("item__body")

    def get_object(self) -> CatalogAttachment:
        attachment: CatalogAttachment = super().get_object()
        item = attachment.item
        if not (item.is_public or self.user_can("view", item)):
            raise Http404(_("附件不存在。"))
        return attachment

    def get_file(self) -> tuple[IO[bytes], str, str]:
        self.attachment = self.get_object()
        try:
            handle = self.attachment.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("附件文件已不存在。")) from None
        return handle, self.attachment.original_name, self.attachment.content_type

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        public = self.attachment.item.is_public
        response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
        return response


# =============================================================================================
# The catalog tree of a body
# =============================================================================================


class _BodyPage:
    """A page about one body of the user's (``<int:body>`` in the URL; another's is a 404)."""

    request: HttpRequest
    kwargs: dict[str, Any]

    @cached_property
    def body(self) -> Body:
        return get_object_or_404(Body.objects.restrict(self.request.user), pk=self.kwargs["body"])


@routes("tree/<int:body>/", "tree")
class TreeView(_BodyPage, ObjectListView):
    """/catalog/tree/<body>/: the nodes of a body in tree order; who may change them renames,
    moves, deletes and adds them."""

    queryset = CatalogNode.objects.all()
    table = NodeTable
    per_page = 1000
    template_name = "catalog/tree.html"

    def get_base_queryset(self) -> QuerySet[CatalogNode]:
        return CatalogNode.objects.filter(body=self.body)

    def get_title(self) -> str:
        return _("%(body)s · 目录分类") % {"body": self.body.name}

    @cached_property
    def may_change(self) -> bool:
        return self.user_can("change", self.body)

    def get_table(self, rows: QuerySet[CatalogNode], *, searched: bool = False) -> Any:
        return super().get_table(cast(Any, tree(rows)), searched=searched)

    def get_table_kwargs(self) -> dict[str, Any]:
        return {"exclude": () if self.may_change else ("actions",)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = NodeForm(user=self.request.user, body=self.body) if self.may_change else None
        context.update(body=self.body, form=form)
        return context


@routes("tree/<int:body>/new/", "new_node")
class NodeCreateView(_BodyPage, ObjectEditView):
    """/catalog/tree/<body>/new/: add a node to a body's tree."""

    queryset = CatalogNode.objects.all()
    form_class = NodeForm
    title = gettext_lazy("添加目录")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.user_can("change", self.body):
            raise PermissionDenied(_READ_ONLY)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "body": self.body}

    def save(self, form: NodeForm) -> CatalogNode:
        data = form.cleaned_data
        return create_node(self.body, data["name"], data["parent"], acting_user=self.request.user)

    def success_message(self, obj: CatalogNode) -> str:
        return _("已添加目录“%(n)s”。") % {"n": obj.name}

    def get_cancel_url(self) -> str:
        return reverse("catalog:tree", kwargs={"body": self.body.pk})


@routes("nodes/<int:pk>/<slug:op>/", "node")
class NodeActionView(ObjectActionView):
    """/catalog/nodes/<pk>/<op>/: rename, up, down, delete (an empty node only)."""

    queryset = CatalogNode.objects.select_related("body")
    operations = {
        op: ActionSpec(label, form, denied=_READ_ONLY) for op, (label, form) in NODE_FORMS.items()
    }

    def save(self, form: Any) -> CatalogNode:
        node: CatalogNode = self.object
        done = form.perform()
        return done if done is not None else node  # deleted: the node as it was

    def success_message(self, obj: CatalogNode) -> str:
        if self.op == "rename":
            return _("已重命名目录。")
        if self.op == "delete":
            return _("已删除目录“%(n)s”。") % {"n": obj.name}
        return super().success_message(obj)


# =============================================================================================
# The §3 ledger of a body
# =============================================================================================


@routes("ledger/<int:body>/", "ledger")
class CatalogLedgerView(LedgerView):
    """/catalog/ledger/<body>/: import (all or nothing, every error listed) and export."""

    queryset = Body.objects.all()
    template_name = "catalog/ledger.html"
    denied = _READ_ONLY

    def run_import(self, upload: Any, data: dict[str, Any]) -> ImportResult:
        return import_catalog(self.body, upload.read(), upload.name, self.request.user)


@routes("ledger/<int:body>/export/", "ledger_export")
class LedgerExportView(DownloadView):
    """/catalog/ledger/<body>/export/?year=Y&fmt=xlsx|csv: a year's ledger of a body."""

    queryset = Body.objects.all()
    object_kwarg = "body"

    def get_file(self) -> tuple[bytes, str, str]:
        body = self.get_object()
        fmt = export_format(self.request.GET.get("fmt", "xlsx"))
        year = export_year(self.request)
        return (
            export_catalog(body, year, fmt),
            catalog_filename(body, year, fmt),
            CONTENT_TYPES[fmt],
        )


@routes("ledger/template.<slug:fmt>", "ledger_template")
class LedgerTemplateView(DownloadView):
    """/catalog/ledger/template.<fmt>: the blank template of the ledger."""

    def get_file(self) -> tuple[bytes, str, str]:
        fmt = self.kwargs["fmt"]
        if fmt not in CONTENT_TYPES:
            raise Http404(_("没有这个模板。"))
        return (
            catalog_template(cast(ExportFormat, fmt)),
            _("主动公开信息台账模板.%(fmt)s") % {"fmt": fmt},
            CONTENT_TYPES[fmt],
        )


# =============================================================================================
# The public catalog of a body (no login)
# =============================================================================================


@routes("public/<int:body>/", "public")
class PublicCatalogView(ObjectListView):
    """/catalog/public/<body>/: the published 主动公开 items of a body, with their files
    (:meth:`CatalogItemQuerySet.public`). Never lists unpublished, 依申请公开 or 不予公开 items,
    and shows no 保密审查 data."""

    public = True
    permission = None
    table = PublicItemTable
    filterset = PublicItemFilterSet
    lazy = True
    per_page = 20
    template_name = "catalog/public.html"

    @cached_property
    def body(self) -> Body:
        return get_object_or_404(Body, pk=self.kwargs["body"])

    def get_base_queryset(self) -> QuerySet[CatalogItem]:
        return (
            CatalogItem.objects.public()
            .filter(body=self.body)
            .with_files()
            .with_interpretation_flag()
        )

    def get_title(self) -> str:
        return _("%(body)s · 政府信息主动公开目录") % {"body": self.body.name}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "body": self.body}


@routes("public/<int:body>/<path:index_number>/", "public_by_index")
class PublicIndexNumberView(PageView):
    """/catalog/public/<body>/<索引号>/: the stable address of a published item by its 索引号,
    a permanent redirect to its page; any other item (unpublished, 依申请公开, 不予公开) or an
    unknown 索引号 is a 404."""

    public = True
    permission = None

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item = (
            CatalogItem.objects.public()
            .filter(body_id=self.kwargs["body"], index_number=self.kwargs["index_number"])
            # the condition of the unique (body, 索引号) index: one indexed read
            .exclude(index_number="")
            .order_by("pk")
            .first()
        )
        if item is None:
            raise Http404
        return HttpResponsePermanentRedirect(reverse("catalog:public_item", args=[item.pk]))


@routes("public/items/<int:pk>/", "public_item")
class PublicItemView(ObjectDetailView):
    """/catalog/public/items/<pk>/: one published 主动公开 item (its metadata and its files),
    for anyone. Any other item, unpublished, 依申请公开 or 不予公开, is a 404
    (:meth:`CatalogItemQuerySet.public`); no 保密审查 data is shown."""

    public = True
    permission = None
    queryset = CatalogItem.objects.all()
    template_name = "catalog/public_item.html"

    def get_base_queryset(self) -> QuerySet[CatalogItem]:
        return CatalogItem.objects.public().select_related("body", "node")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item: CatalogItem = self.object
        # The item is public, so every file of it may be downloaded by anyone
        # (AttachmentDownloadView).
        files = item.attachments.order_by("uploaded_at", "pk")
        context.update(
            item=item,
            title=item.title,
            attachments=files,
            interpretations=list(item.interpretations.public().order_by("published_on", "pk")),
        )
        return context


@routes("search/", "search")
class SearchView(ObjectListView):
    """/catalog/search/: one search box over the published 主动公开 items of every body
    (:class:`SearchFilterSet` and :func:`gongkai.apps.catalog.search.search_public`), filtered
    by 机关 (with its subtree), 成文年度, 信息类别 and 有效性; the words found marked; each
    result links to its page and its files. Without words it says what to type; a bad
    parameter is the form's Chinese message, never an error page."""

    public = True
    permission = None
    table = SearchResultTable
    filterset = SearchFilterSet
    lazy = True
    # Counted up to 1,000 matches (then 找到超过 1,000 条): a common word matches tens of
    # thousands, and counting them all would cost more than the page (docs/search.md).
    count_limit = 1_000
    per_page = 20
    template_name = "catalog/search.html"
    title = gettext_lazy("检索主动公开信息")

    def get_base_queryset(self) -> QuerySet[CatalogItem]:
        return CatalogItem.objects.public()

    def get_filterset(self, queryset: QuerySet[CatalogItem]) -> SearchFilterSet:
        self.search = SearchFilterSet(self.request.GET, queryset=queryset, request=self.request)
        return self.search

    def get_table_kwargs(self) -> dict[str, Any]:
        return {"query": self.search.terms}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["terms"] = self.search.terms
        return context


# =============================================================================================
# 政策解读 (staff): the register, the documents without one, registering, the operations
# =============================================================================================


@routes("interpretations/", "interpretations")
class InterpretationListView(ObjectListView):
    """/catalog/interpretations/: the 解读 of the user's bodies (search, body, form, state,
    year published)."""

    queryset = Interpretation.objects.select_related("body", "item")
    table = InterpretationTable
    filterset = InterpretationFilterSet
    title = gettext_lazy("政策解读")

    def get_buttons(self) -> list[Button]:
        return [
            Button(_("规范性文件未发布解读"), reverse("catalog:interpretations_missing")),
            Button(_("主动公开目录"), reverse("catalog:list")),
        ]


@routes("interpretations/missing/", "interpretations_missing")
class MissingInterpretationListView(ObjectListView):
    """/catalog/interpretations/missing/: 规范性文件未发布解读 — the public 规范性文件 of the
    user's bodies with no published 解读 (:meth:`CatalogItemQuerySet.without_interpretation`),
    each with its due date and the working days it is late."""

    queryset = CatalogItem.objects.all()
    table = MissingInterpretationTable
    template_name = "catalog/interpretations_missing.html"
    title = gettext_lazy("规范性文件未发布解读")

    def get_base_queryset(self) -> QuerySet[CatalogItem]:
        return CatalogItem.objects.select_related("body").without_interpretation()

    def get_table_kwargs(self) -> dict[str, Any]:
        may_add = self.policy.user_has_permission(self.request.user, "change")
        return {"exclude": () if may_add else ("add",)}

    def get_buttons(self) -> list[Button]:
        return [Button(_("政策解读"), reverse("catalog:interpretations"))]


class _InterpretationEditView(ObjectEditView):
    queryset = Interpretation.objects.select_related("body", "item")
    form_class = InterpretationForm
    denied = gettext_lazy("您只能查看本机关的政策解读，不能登记或修改。")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def success_message(self, obj: Interpretation) -> str:
        if self.object is None or "pk" not in self.kwargs:
            return _("已登记政策解读“%(t)s”（未发布）。") % {"t": obj.title}
        return _("已保存对政策解读“%(t)s”的修改。") % {"t": obj.title}


@routes("<int:item>/interpretations/new/", "new_interpretation")
class InterpretationCreateView(_InterpretationEditView):
    """/catalog/<item>/interpretations/new/: register a 解读 of a document (a draft; 发布 is
    its own operation). Another body's document is a 404, a 上级 gets 403."""

    @cached_property
    def item(self) -> CatalogItem:
        items = CatalogItem.objects.restrict(self.request.user).select_related("body")
        return get_object_or_404(items, pk=self.kwargs["item"])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.user_can("change", self.item):
            raise PermissionDenied(str(self.denied))
        return super().dispatch(request, *args, **kwargs)

    def get_title(self) -> str:
        return _("登记政策解读：%(item)s") % {"item": self.item.title}

    def save(self, form: InterpretationForm) -> Interpretation:
        return create_interpretation(self.item, acting_user=self.request.user, **form.values())

    def get_cancel_url(self) -> str:
        return self.item.get_absolute_url()


@routes("interpretations/<int:pk>/edit/", "edit_interpretation")
class InterpretationEditView(_InterpretationEditView):
    """/catalog/interpretations/<pk>/edit/: correct a 解读 (the trail keeps what it was)."""

    def save(self, form: InterpretationForm) -> Interpretation:
        return update_interpretation(
            self.object,
            acting_user=self.request.user,
            expected_version=form.expected_version,
            **form.values(),
        )


@routes("interpretations/<int:pk>/", "interpretation")
class InterpretationDetailView(ObjectDetailView):
    """/catalog/interpretations/<pk>/: a 解读, its document, whether it was timely, the
    publish operation and the trail."""

    queryset = Interpretation.objects.select_related("body", "item")
    template_name = "catalog/interpretation_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        interp: Interpretation = self.object
        calendar = load_calendar()
        context.update(
            interp=interp,
            title=interp.title,
            due=interp.due(calendar),
            timely=interp.is_timely(calendar) if interp.published_on else None,
            operations=[
                Button(
                    str(label),
                    reverse("catalog:interpretation_action", kwargs={"pk": interp.pk, "op": op}),
                )
                for op, (label, _form) in INTERPRETATION_FORMS.items()
                if context["may_change"] and interpretation_operation_available(op, interp)
            ],
        )
        return context


def interpretation_operation_available(op: str, interp: Interpretation) -> bool:
    """发布 while the 解读 is a draft and its document is published (the action checks again)."""
    return op == "publish" and interp.published_on is None and interp.item.published_on is not None


@routes("interpretations/<int:pk>/actions/<slug:op>/", "interpretation_action")
class InterpretationActionView(ObjectActionView):
    """/catalog/interpretations/<pk>/actions/<op>/: 发布解读."""

    queryset = Interpretation.objects.select_related("body", "item")
    operations = {
        op: ActionSpec(label, form, denied=gettext_lazy("您只能查看本机关的政策解读。"))
        for op, (label, form) in INTERPRETATION_FORMS.items()
    }

    def available(self, op: str, obj: Interpretation) -> bool:
        return interpretation_operation_available(op, obj)

    def success_message(self, obj: Interpretation) -> str:
        assert obj.published_on is not None
        timely = _("按时") if obj.is_timely() else _("超过本机关设定的期限")
        return _("已发布政策解读“%(t)s”（%(d)s，%(timely)s）。") % {
            "t": obj.title,
            "d": obj.published_on.isoformat(),
            "timely": timely,
        }
