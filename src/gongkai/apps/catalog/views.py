"""Pages of the 主动公开目录: item list, art. 26 list, item page, drafting and editing, the
保密审查 / publish / 修改 / 废止 forms, attachments, the catalog tree, the §3 ledger page and the
public catalog of a body.

Views stay thin: queries start from ``restrict(user)`` (another body's record is a 404), what a
user may do is asked of the policy (上级 reads, a change is a 403), every change is an action of
:mod:`gongkai.apps.catalog.actions`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Field, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.generic import TemplateView

from gongkai.apps.catalog import actions
from gongkai.apps.catalog.choices import DisclosureChoice
from gongkai.apps.catalog.filtersets import CatalogItemFilterSet, search_items
from gongkai.apps.catalog.forms import (
    AmendForm,
    AttachmentForm,
    ItemForm,
    NodeForm,
    PublishForm,
    RenameNodeForm,
    RepealForm,
    SecrecyReviewForm,
)
from gongkai.apps.catalog.ledgers import (
    ExportFormat,
    catalog_filename,
    catalog_template,
    export_catalog,
    import_catalog,
)
from gongkai.apps.catalog.models import (
    CatalogAttachment,
    CatalogItem,
    CatalogNode,
    is_publication_overdue,
    publication_due,
)
from gongkai.apps.catalog.paging import lite_page
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.workdays.calendar import WorkingCalendar
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.forms import apply_action_error
from gongkai.kernel.ledgers import (
    CONTENT_TYPES,
    ImportResult,
    LedgerView,
    export_year,
    file_response,
)
from gongkai.kernel.permissions import user_can
from gongkai.kernel.views import querystring_without

__all__ = [
    "CatalogLedgerView",
    "ItemActionView",
    "ItemCreateView",
    "ItemEditView",
    "ItemListView",
    "OverdueListView",
    "catalog_ledger_export",
    "catalog_ledger_template",
    "delete_attachment",
    "download_attachment",
    "item_detail",
    "node_action",
    "public_catalog",
    "tree",
    "upload_attachment",
]

PER_PAGE = 25
PUBLIC_PER_PAGE = 20

#: The operations of the item page: label, form, who may do it.
OPS: dict[str, tuple[Any, type[forms.Form]]] = {
    "review": (gettext_lazy("保密审查"), SecrecyReviewForm),
    "publish": (gettext_lazy("发布"), PublishForm),
    "amend": (gettext_lazy("登记修改"), AmendForm),
    "repeal": (gettext_lazy("登记废止/失效"), RepealForm),
}


# =============================================================================================
# Helpers
# =============================================================================================


def _items(request: HttpRequest) -> QuerySet[CatalogItem]:
    return CatalogItem.objects.restrict(request.user).select_related("body", "node")


def _get_item(request: HttpRequest, pk: int) -> CatalogItem:
    """The item if the user may see it, else 404 (never 403: no existence leak)."""
    return get_object_or_404(_items(request).select_related("secrecy_reviewer"), pk=pk)


def _require_change(request: HttpRequest, obj: Any) -> None:
    if not user_can(request.user, "change", obj):
        raise PermissionDenied(_("您只能查看本机关的主动公开信息，不能修改。"))


@dataclass(frozen=True)
class ItemRow:
    item: CatalogItem
    due: date | None
    overdue: bool


def item_rows(items: Any, today: date, calendar: WorkingCalendar | None = None) -> list[ItemRow]:
    """Items with their art. 26 due date and flag (for the rows of one page only)."""
    calendar = calendar or load_calendar()
    result = []
    for item in items:
        proactive = item.disclosure == DisclosureChoice.PROACTIVE
        due = publication_due(item, calendar) if proactive else None
        result.append(ItemRow(item, due, is_publication_overdue(item, today, calendar)))
    return result


def user_label(user: Any) -> str:
    if user is None:
        return _("系统")
    return str(user.get_full_name() or user.get_username())


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryRow:
    when: Any
    who: str
    kind: str
    reason: str
    changes: tuple[Change, ...]


_HISTORY_SKIPPED = frozenset({"updated_at", "created_at", "id"})


def _display(model: Any, name: str, value: Any, names: dict[str, dict[Any, str]]) -> str:
    if value in (None, ""):
        return "—"
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if isinstance(field, Field) and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if name in names:
        return names[name].get(value, str(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def history_rows(obj: Any) -> list[HistoryRow]:
    """The audit trail of ``obj`` (simple-history), newest first: who, when, what changed."""
    from django.contrib.auth import get_user_model

    model = type(obj)
    records = list(obj.history.select_related("history_user").order_by("history_date", "pk"))
    names: dict[str, dict[Any, str]] = {}
    if model is CatalogItem:
        user_ids = {r.secrecy_reviewer_id for r in records if r.secrecy_reviewer_id}
        node_ids = {r.node_id for r in records if r.node_id}
        names = {
            "secrecy_reviewer": {
                u.pk: user_label(u) for u in get_user_model().objects.filter(pk__in=user_ids)
            },
            "node": dict(CatalogNode.objects.filter(pk__in=node_ids).values_list("pk", "name")),
        }
    kinds = {"+": _("创建"), "~": _("修改"), "-": _("删除")}
    result: list[HistoryRow] = []
    previous = None
    for record in records:
        changes: list[Change] = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                if change.field in _HISTORY_SKIPPED:
                    continue
                label = str(getattr(model._meta.get_field(change.field), "verbose_name", ""))
                changes.append(
                    Change(
                        label,
                        _display(model, change.field, change.old, names),
                        _display(model, change.field, change.new, names),
                    )
                )
        result.append(
            HistoryRow(
                when=record.history_date,
                who=user_label(record.history_user),
                kind=kinds.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=tuple(changes),
            )
        )
        previous = record
    result.reverse()
    return result


# =============================================================================================
# Lists
# =============================================================================================


class ItemListView(LoginRequiredMixin, TemplateView):
    """/catalog/: filters, search and a page of items (no count over everything)."""

    template_name = "catalog/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queryset = _items(self.request).order_by("-made_on", "-pk")
        filterset = CatalogItemFilterSet(self.request.GET, queryset=queryset, request=self.request)
        filtered = filterset.qs if filterset.is_valid() else queryset.none()
        page = lite_page(filtered, self.request.GET.get("page"), PER_PAGE)
        bodies = list(Body.objects.restrict(self.request.user).order_by("path")[:50])
        changeable = set(
            Body.objects.restrict(self.request.user, "change").values_list("pk", flat=True)
        )
        context.update(
            filterset=filterset,
            page=page,
            rows=item_rows(page, timezone.localdate()),
            querystring=querystring_without(self.request, "page"),
            bodies=[(b, b.pk in changeable) for b in bodies],
            several_bodies=len(bodies) > 1,
            can_create=bool(changeable),
        )
        return context


class OverdueListView(LoginRequiredMixin, TemplateView):
    """/catalog/overdue/: 主动公开 items still unpublished after the 20 working days of
    条例第二十六条, oldest first."""

    template_name = "catalog/overdue.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        calendar = load_calendar()
        overdue = (
            _items(self.request)
            .overdue_unpublished(today, calendar)  # type: ignore[attr-defined]
            .order_by("made_on", "pk")
        )
        page = lite_page(overdue, self.request.GET.get("page"), PER_PAGE)
        context.update(
            today=today,
            page=page,
            rows=item_rows(page, today, calendar),
            querystring=querystring_without(self.request, "page"),
        )
        return context


# =============================================================================================
# Drafting and editing
# =============================================================================================


class ItemCreateView(LoginRequiredMixin, TemplateView):
    """/catalog/new/: register a document at drafting, with its 公开属性."""

    template_name = "catalog/form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if (
            request.user.is_authenticated
            and not Body.objects.restrict(request.user, "change").exists()
        ):
            raise PermissionDenied(
                _("您不是任何机关的经办人、审核人或管理员，不能登记主动公开信息。")
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", ItemForm(user=self.request.user))
        return super().get_context_data(item=None, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ItemForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = actions.create_item(
                    request.user,
                    data["body"],
                    index_number=data["index_number"],
                    **form.item_fields(),
                )
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(
                    request, _("已登记信息，索引号 %(n)s。") % {"n": item.index_number}
                )
                return redirect("catalog:detail", pk=item.pk)
        return self.render_to_response(self.get_context_data(form=form))


class ItemEditView(LoginRequiredMixin, TemplateView):
    """/catalog/<pk>/edit/: edit the metadata (not the 索引号)."""

    template_name = "catalog/form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        self.item = _get_item(request, kwargs["pk"])
        _require_change(request, self.item)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", ItemForm(user=self.request.user, item=self.item))
        return super().get_context_data(item=self.item, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = ItemForm(request.POST, user=request.user, item=self.item)
        if form.is_valid():
            try:
                actions.update_item(request.user, self.item, **form.item_fields())
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(request, _("已保存修改。"))
                return redirect("catalog:detail", pk=self.item.pk)
        return self.render_to_response(self.get_context_data(form=form))


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as to_login

    return to_login(request.get_full_path())


# =============================================================================================
# The item page and its actions
# =============================================================================================


def available_ops(user: Any, item: CatalogItem) -> list[str]:
    """The operations that make sense now (the action checks again and has the last word)."""
    if not user_can(user, "change", item):
        return []
    ops = []
    unpublished = item.published_on is None
    if (
        unpublished
        and item.disclosure == DisclosureChoice.PROACTIVE
        and user_can(user, "approve", item)
    ):
        ops.append("review")
    if unpublished and item.may_be_published:
        ops.append("publish")
    if item.category in actions.LIFE_CYCLE_CATEGORIES and item.validity == "valid":
        ops += ["amend", "repeal"]
    return ops


def _detail(
    request: HttpRequest, item: CatalogItem, attachment_form: AttachmentForm | None = None
) -> HttpResponse:
    user = request.user
    (row,) = item_rows([item], timezone.localdate())
    may_change = user_can(user, "change", item)
    context = {
        "item": item,
        "row": row,
        "ops": [(op, OPS[op][0]) for op in available_ops(user, item)],
        "may_change": may_change,
        "attachments": list(item.attachments.select_related("uploaded_by")),
        "attachment_form": attachment_form or (AttachmentForm() if may_change else None),
        "history": history_rows(item),
        "is_public": item.is_published and item.disclosure == DisclosureChoice.PROACTIVE,
    }
    status = 400 if attachment_form is not None and attachment_form.errors else 200
    return render(request, "catalog/detail.html", context, status=status)


@login_required
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """/catalog/<pk>/: the §2 metadata, 保密审查, art. 26, attachments and the history."""
    return _detail(request, _get_item(request, pk))


class ItemActionView(LoginRequiredMixin, TemplateView):
    """/catalog/<pk>/actions/<op>/: 保密审查, 发布, 修改, 废止."""

    template_name = "catalog/action.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        self.item = _get_item(request, kwargs["pk"])
        self.op = kwargs["op"]
        if self.op not in OPS:
            raise Http404(_("没有这个操作。"))
        _require_change(request, self.item)
        if self.op == "review" and not user_can(request.user, "approve", self.item):
            raise PermissionDenied(_("只有审核人或管理员可以进行保密审查。"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", OPS[self.op][1]())
        kwargs.update(item=self.item, op=self.op, op_label=OPS[self.op][0])
        return super().get_context_data(**kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = OPS[self.op][1](request.POST)
        if form.is_valid():
            data = form.cleaned_data
            user, item = request.user, self.item
            try:
                if self.op == "review":
                    actions.review_secrecy(
                        user, item, data["secrecy_conclusion"], data["reviewed_on"]
                    )
                elif self.op == "publish":
                    actions.publish_item(user, item, data["published_on"], data["channels"])
                elif self.op == "amend":
                    actions.amend_item(user, item, data["amended_on"])
                else:
                    actions.repeal_item(user, item, data["repealed_on"], data["validity"])
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(request, _("已%(op)s。") % {"op": OPS[self.op][0]})
                return redirect("catalog:detail", pk=item.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


# =============================================================================================
# Attachments
# =============================================================================================


@login_required
@require_POST
def upload_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get_item(request, pk)
    _require_change(request, item)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = actions.add_attachment(request.user, item, form.cleaned_data["file"])
        except ActionPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except ActionError as exc:
            apply_action_error(form, exc)
        else:
            messages.success(
                request, _("已上传附件“%(name)s”。") % {"name": attachment.original_name}
            )
            return redirect("catalog:detail", pk=item.pk)
    return _detail(request, item, form)


@login_required
@require_POST
def delete_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(
        CatalogAttachment.objects.restrict(request.user).select_related("item__body"), pk=pk
    )
    _require_change(request, attachment.item)
    try:
        actions.delete_attachment(request.user, attachment)
    except ActionPermissionError as exc:
        raise PermissionDenied(exc.message) from exc
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("已删除附件“%(name)s”。") % {"name": attachment.original_name})
    return redirect("catalog:detail", pk=attachment.item_id)


@require_GET
def download_attachment(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A file, to the staff who may see the item, or to anyone once the item is published as
    主动公开. Others get a 404 (nothing tells them the file exists)."""
    attachment = get_object_or_404(CatalogAttachment.objects.select_related("item__body"), pk=pk)
    item = attachment.item
    public = CatalogItem.objects.public().filter(pk=item.pk).exists()
    if not (public or user_can(request.user, "view", item)):
        raise Http404(_("附件不存在。"))
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("附件文件已不存在。")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store" if not public else "public, max-age=3600"
    return response


# =============================================================================================
# The catalog tree of a body
# =============================================================================================


@dataclass(frozen=True)
class TreeNode:
    node: CatalogNode
    depth: int
    first: bool
    last: bool
    children: int
    items: int


def _tree(body: Body) -> list[TreeNode]:
    from django.db.models import Count

    nodes = list(
        CatalogNode.objects.filter(body=body)
        .annotate(n_children=Count("children", distinct=True))
        .order_by("order", "pk")
    )
    item_counts = dict(
        CatalogItem.objects.filter(body=body, node__isnull=False)
        .values_list("node")
        .annotate(n=Count("pk"))
        .values_list("node", "n")
    )
    by_parent: dict[int | None, list[CatalogNode]] = {}
    for node in nodes:
        by_parent.setdefault(node.parent_id, []).append(node)
    result: list[TreeNode] = []

    def walk(parent: int | None, depth: int) -> None:
        siblings = by_parent.get(parent, [])
        for i, node in enumerate(siblings):
            result.append(
                TreeNode(
                    node,
                    depth,
                    i == 0,
                    i == len(siblings) - 1,
                    node.n_children,  # type: ignore[attr-defined]
                    item_counts.get(node.pk, 0),
                )
            )
            walk(node.pk, depth + 1)

    walk(None, 0)
    return result


@login_required
@require_http_methods(["GET", "POST"])
def tree(request: HttpRequest, body: int) -> HttpResponse:
    """/catalog/tree/<body>/: the nodes of a body; POST adds one."""
    the_body = get_object_or_404(Body.objects.restrict(request.user), pk=body)
    may_change = user_can(request.user, "change", the_body)
    form = NodeForm(body=the_body) if may_change else None
    status = 200
    if request.method == "POST":
        _require_change(request, the_body)
        form = NodeForm(request.POST, body=the_body)
        if form.is_valid():
            try:
                node = actions.create_node(
                    request.user, the_body, form.cleaned_data["name"], form.cleaned_data["parent"]
                )
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(request, _("已添加目录“%(n)s”。") % {"n": node.name})
                return redirect("catalog:tree", body=the_body.pk)
        status = 400
    return render(
        request,
        "catalog/tree.html",
        {
            "body": the_body,
            "nodes": _tree(the_body),
            "form": form,
            "rename_form": RenameNodeForm(),
            "may_change": may_change,
        },
        status=status,
    )


@login_required
@require_POST
def node_action(request: HttpRequest, pk: int, op: str) -> HttpResponse:
    """/catalog/nodes/<pk>/<op>/: rename, up, down, delete (empty nodes only)."""
    node = get_object_or_404(
        CatalogNode.objects.restrict(request.user).select_related("body"), pk=pk
    )
    _require_change(request, node)
    try:
        if op == "rename":
            form = RenameNodeForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("请填写目录名称（不超过 100 个字）。"))
                return redirect("catalog:tree", body=node.body_id)
            actions.rename_node(request.user, node, form.cleaned_data["name"])
            messages.success(request, _("已重命名目录。"))
        elif op in ("up", "down"):
            actions.move_node(request.user, node, -1 if op == "up" else 1)
        elif op == "delete":
            actions.delete_node(request.user, node)
            messages.success(request, _("已删除目录“%(n)s”。") % {"n": node.name})
        else:
            raise Http404(_("没有这个操作。"))
    except ActionPermissionError as exc:
        raise PermissionDenied(exc.message) from exc
    except ActionError as exc:
        messages.error(request, exc.message)
    return redirect("catalog:tree", body=node.body_id)


# =============================================================================================
# The §3 ledger of a body
# =============================================================================================


class CatalogLedgerView(LedgerView):
    """/catalog/ledger/<body>/: import (all or nothing, every error listed) and export."""

    queryset = Body.objects.all()
    template_name = "catalog/ledger.html"
    denied = gettext_lazy("您只能查看本机关的主动公开信息，不能修改。")

    def run_import(self, upload: Any, data: dict[str, Any]) -> ImportResult:
        return import_catalog(self.body, upload.read(), upload.name, self.request.user)


def _export_args(request: HttpRequest) -> tuple[int, ExportFormat]:
    fmt = request.GET.get("fmt", "xlsx")
    if fmt not in CONTENT_TYPES:
        raise Http404(_("导出格式只能是 xlsx 或 csv。"))
    return export_year(request), "csv" if fmt == "csv" else "xlsx"


@login_required
@require_GET
def catalog_ledger_export(request: HttpRequest, body: int) -> HttpResponse:
    the_body = get_object_or_404(Body.objects.restrict(request.user), pk=body)
    year, fmt = _export_args(request)
    return file_response(
        export_catalog(the_body, year, fmt), catalog_filename(the_body, year, fmt), fmt
    )


@login_required
@require_GET
def catalog_ledger_template(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404(_("没有这个模板。"))
    export_fmt: ExportFormat = "csv" if fmt == "csv" else "xlsx"
    return file_response(catalog_template(export_fmt), f"主动公开信息台账模板.{fmt}", fmt)


# =============================================================================================
# The public catalog of a body (no login)
# =============================================================================================


@require_GET
def public_catalog(request: HttpRequest, body: int) -> HttpResponse:
    """/catalog/public/<body>/: the published 主动公开 items of a body, with their files.

    Never lists unpublished, 依申请公开 or 不予公开 items, and shows no 保密审查 data.
    """
    the_body = get_object_or_404(Body, pk=body)
    query = request.GET.get("q", "")[:100]
    items = search_items(
        CatalogItem.objects.public().filter(body=the_body).select_related("node"), query
    ).order_by("-published_on", "-pk")
    page = lite_page(items, request.GET.get("page"), PUBLIC_PER_PAGE)
    files: dict[int, list[CatalogAttachment]] = {}
    for attachment in CatalogAttachment.objects.filter(
        item_id__in=[item.pk for item in page]
    ).order_by("uploaded_at", "pk"):
        files.setdefault(attachment.item_id, []).append(attachment)
    return render(
        request,
        "catalog/public.html",
        {
            "body": the_body,
            "q": query,
            "page": page,
            "rows": [(item, files.get(item.pk, [])) for item in page],
            "querystring": querystring_without(request, "page"),
        },
    )
