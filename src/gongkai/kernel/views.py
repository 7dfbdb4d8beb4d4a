"""Generic views, written once, in the manner of NetBox's generic views.

A page of an app declares what it shows, not how:

- :class:`ObjectListView` — a restricted queryset, a django-tables2 table, a django-filter
  filter set (``kernel/object_list.html``);
- :class:`ObjectDetailView` — one record the user may see (else 404), whether they may change
  it, and its audit trail;
- :class:`ObjectEditView` — create or edit through an action (``save(form)``), 403 for who may
  only read, the action's errors on the form;
- :class:`ObjectActionView` — one operation on a record (``<pk>/actions/<op>/``): a form per
  operation whose ``perform()`` calls the action.

Every view requires a signed-in user unless ``public = True``; every query of a staff view
starts from the model's permission policy (:mod:`gongkai.kernel.permissions`). Permission on
the saved record is checked again inside the action's transaction
(:func:`gongkai.kernel.actions.locked`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import IO, Any, ClassVar

import django_tables2 as tables  # type: ignore[import-untyped]
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from gongkai.kernel.audit import trail
from gongkai.kernel.errors import ActionError, ActionPermissionError, ConcurrentEditError
from gongkai.kernel.forms import CONFIRMATION, apply_action_error, bootstrapify
from gongkai.kernel.permissions import PermissionPolicy, policy_for
from gongkai.kernel.tables import configure_table

__all__ = [
    "ActionForm",
    "ActionSpec",
    "Button",
    "DownloadView",
    "ObjectActionView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectListView",
    "ObjectView",
    "PageView",
    "beyond_last_page",
    "querystring_without",
]


def querystring_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without ``names`` (for pager and sort links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def beyond_last_page(request: HttpRequest, *tables_shown: tables.Table) -> HttpResponse | None:
    """A redirect to the last page, with a message, when a table was asked for a page past its
    end (``?page=999`` of 15 pages; :attr:`gongkai.kernel.tables.Listing.asked`); else None."""
    for table in tables_shown:
        listing = table.listing
        if listing.asked is None:
            continue
        field = table.prefixed_page_field
        messages.info(
            request,
            _("列表没有第 %(asked)d 页，已转到最后一页（第 %(last)d 页）。")
            % {"asked": listing.asked, "last": listing.number},
        )
        query = request.GET.copy()
        query[field] = str(listing.number)
        return redirect(f"{request.path}?{query.urlencode()}")
    return None


class ObjectView(LoginRequiredMixin):
    """The base of the generic views (a mixin before a Django view): the queryset narrowed by
    the model's policy.

    ``queryset`` is the base queryset (with its ``select_related``); ``permission`` the action
    the rows must allow (``"view"``). ``public = True`` serves anonymous visitors too: such a
    view's queryset must itself be public (``CatalogItem.objects.public()``) and its
    ``permission`` is None (no policy narrows it).

    ``replica_reads`` says whether a ``GET`` of the page may read the read replica
    (:mod:`gongkai.kernel.replica`; None: when the page is ``public``): True for the pages that
    only read and are read often (the supervisor's overview, the charts), never for a form
    that carries a record's version.
    """

    queryset: ClassVar[models.QuerySet[Any] | None] = None
    permission: ClassVar[str | None] = "view"
    #: The URL keyword naming the record (``pk``; the ledger pages of a body use ``body``).
    object_kwarg: ClassVar[str] = "pk"
    public: ClassVar[bool] = False
    replica_reads: ClassVar[bool | None] = None
    title: ClassVar[Any] = ""
    request: HttpRequest
    kwargs: dict[str, Any]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.public:
            # The view's own dispatch, without the login check of LoginRequiredMixin.
            view_dispatch: Any = super(LoginRequiredMixin, self).dispatch  # type: ignore[misc]
            response: HttpResponseBase = view_dispatch(request, *args, **kwargs)
            return response
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self) -> models.QuerySet[Any]:
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a queryset")
        return self.queryset.all()

    @property
    def policy(self) -> PermissionPolicy[Any]:
        return policy_for(self.get_base_queryset().model)

    def get_queryset(self) -> models.QuerySet[Any]:
        queryset = self.get_base_queryset()
        if self.permission is None:
            return queryset
        return self.policy.filter_queryset(queryset, self.request.user, self.permission)

    def get_object(self) -> Any:
        """The record named in the URL, from the restricted queryset (404 when the user may
        not ``permission`` it: never 403, no existence leak)."""
        return get_object_or_404(self.get_queryset(), pk=self.kwargs[self.object_kwarg])

    def user_can(self, action: str, obj: models.Model) -> bool:
        """May the user ``action`` this record (its model's policy)?"""
        return policy_for(type(obj)).user_has_permission_for_instance(
            self.request.user, action, obj
        )

    def get_title(self) -> str:
        return str(self.title)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.setdefault("title", self.get_title())
        return context


class PageView(ObjectView, TemplateView):
    """A page that is no list or record of one model (the 工作台, an index of bodies, a
    public form page): the login check (unless ``public``) and the title."""


class DownloadView(ObjectView, View):
    """A file to download: :meth:`get_file` returns ``(data, filename, content_type)``
    (``get_object()`` gives the record it is of, when there is one); ``data`` may be an open
    binary file, streamed and closed by the response."""

    def get_file(self) -> tuple[bytes | str | IO[bytes], str, str]:
        raise NotImplementedError

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data, filename, content_type = self.get_file()
        response: HttpResponse
        if isinstance(data, bytes | str):
            response = HttpResponse(data, content_type=content_type)
            response["Content-Disposition"] = content_disposition_header(True, filename) or ""
        else:
            response = FileResponse(  # type: ignore[assignment]
                data, as_attachment=True, filename=filename, content_type=content_type
            )
        return response


# =============================================================================================
# List
# =============================================================================================


@dataclass(frozen=True)
class Button:
    """A link button above a list or on a page."""

    label: str
    url: str
    primary: bool = False


class ObjectListView(ObjectView, TemplateView):
    """A list: the restricted queryset filtered by ``filterset`` and shown by ``table``.

    ``lazy`` pages without counting (``per_page + 1`` rows read): for lists of a million rows;
    it counts up to ``count_limit`` rows (None: :data:`gongkai.kernel.tables.COUNT_LIMIT`).
    """

    template_name = "kernel/object_list.html"
    table: ClassVar[type[tables.Table] | None] = None
    filterset: ClassVar[Any] = None
    per_page: ClassVar[int] = 25
    lazy: ClassVar[bool] = False
    count_limit: ClassVar[int | None] = None

    def get_filterset(self, queryset: models.QuerySet[Any]) -> Any:
        if self.filterset is None:
            return None
        return self.filterset(self.request.GET, queryset=queryset, request=self.request)

    def get_table_kwargs(self) -> dict[str, Any]:
        return {}

    def get_buttons(self) -> list[Button]:
        return []

    def get_table(self, rows: models.QuerySet[Any], *, searched: bool = False) -> tables.Table:
        if self.table is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a table")
        table = self.table(rows, **self.get_table_kwargs())
        return configure_table(
            self.request,
            table,
            per_page=self.per_page,
            lazy=self.lazy,
            searched=searched,
            count_limit=self.count_limit,
        )

    def is_searched(self, filterset: Any) -> bool:
        """Whether the visitor narrowed the list (a search or a filter given): the caption
        then says 找到 N 条 instead of 共 N 条."""
        if filterset is None:
            return False
        return any(self.request.GET.get(name, "").strip() for name in filterset.form.fields)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)
        return beyond_last_page(request, context["table"]) or self.render_to_response(context)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queryset = self.get_queryset()
        filterset = self.get_filterset(queryset)
        if filterset is not None:
            queryset = filterset.qs if filterset.is_valid() else queryset.none()
        table = self.get_table(queryset, searched=self.is_searched(filterset))
        context.update(
            filterset=filterset,
            table=table,
            querystring=querystring_without(self.request, table.prefixed_page_field),
            sort_querystring=querystring_without(
                self.request, table.prefixed_page_field, table.prefixed_order_by_field
            ),
            buttons=self.get_buttons(),
        )
        return context


# =============================================================================================
# Detail
# =============================================================================================


class ObjectDetailView(ObjectView, TemplateView):
    """One record the user may see (else 404, never 403: no existence leak), whether they may
    change it (``may_change``) and its audit trail (``trail``)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        self.object = self.get_object()
        context = super().get_context_data(**kwargs)
        may_change = (not self.public) and self.user_can("change", self.object)
        context.update(object=self.object, may_change=may_change, trail=trail(self.object))
        return context


# =============================================================================================
# Edit and action
# =============================================================================================


class _FormMixin(ObjectView, FormView):  # type: ignore[type-arg]
    """What the edit and action views share: the action's errors on the form, the success
    message and the redirect."""

    #: The action's field name → the form's (when they differ).
    error_aliases: ClassVar[Mapping[str, str]] = {}
    object: Any = None

    def save(self, form: Any) -> Any:
        raise NotImplementedError

    def success_message(self, obj: Any) -> str:
        return _("已保存。")

    def get_success_url(self) -> str:
        return str(self.object.get_absolute_url())

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            saved = self.save(form)
        except ActionPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
            response = self.render_to_response(self.get_context_data(form=form, conflict=True))
            response.status_code = 409
            return response
        except ActionError as exc:
            apply_action_error(form, exc, self.error_aliases)
            return self.form_invalid(form)
        self.object = saved
        messages.success(self.request, self.success_message(saved))
        return redirect(self.get_success_url())

    def form_invalid(self, form: Any) -> HttpResponse:
        """The form again with its errors, answered 400 (the input was refused)."""
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class ObjectEditView(_FormMixin):
    """Create (no ``pk`` in the URL) or edit a record; ``save(form)`` calls the action.

    Editing needs ``change`` on the record (the record comes from the ``view``-restricted
    queryset: another body's is a 404, a 上级 gets 403); creating needs ``change`` on some
    record of the model (the policy's ``user_has_permission``).
    """

    template_name = "kernel/object_edit.html"
    denied: ClassVar[Any] = ""

    def get_object(self) -> Any:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = self.get_object()
        if self.object is None:
            allowed = self.policy.user_has_permission(request.user, "change")
        else:
            allowed = self.user_can("change", self.object)
        if not allowed:
            raise PermissionDenied(str(self.denied) or _("您只能查看，不能修改。"))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if issubclass(self.get_form_class(), forms.BaseModelForm):
            kwargs["instance"] = self.object
        return kwargs

    def get_title(self) -> str:
        if self.object is None:
            return str(self.title)
        return _("修改 %(item)s") % {"item": self.object}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.get_cancel_url()
        return context

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url()) if self.object is not None else ""


class ActionForm(forms.Form):
    """The form of one operation on a record.

    It carries the record's ``version`` (a form opened before someone else's change is
    refused), proposes today for its required dates, and :meth:`perform` calls ``action``
    (the action function) with the record, the cleaned fields as keyword arguments (so the
    form's field names are the action's parameter names), ``acting_user`` and
    ``expected_version``.
    """

    #: The action function: ``action(obj, **fields, acting_user=…, expected_version=…)``.
    action: ClassVar[Callable[..., Any]]
    submit_label: ClassVar[Any] = gettext_lazy("确定")
    #: A short Chinese explanation shown above the form (the article it applies).
    help: ClassVar[Any] = ""
    #: A warning shown above the form (set per instance, e.g. a statutory limit passed).
    warning: Any = ""
    #: A template shown beside the form on its page (help the form offers, ``form`` in its
    #: context); the form's ``Media`` (static JS that enhances it) is loaded with the page.
    aside_template: ClassVar[str] = ""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, obj: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.obj = obj
        self.user = user
        if getattr(obj, "version", None) is not None:
            self.initial.setdefault("version", obj.version)
        else:
            del self.fields["version"]
        today = timezone.localdate()
        for name, field in self.fields.items():
            if isinstance(field, forms.DateField) and field.required:
                self.initial.setdefault(name, today)
        bootstrapify(self)

    @property
    def expected_version(self) -> int | None:
        seen = self.cleaned_data.get("version")
        return int(seen) if seen is not None else getattr(self.obj, "version", None)

    def action_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of the action: the cleaned fields but the version and the
        confirmation box (:func:`gongkai.kernel.forms.confirmation_field`)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", CONFIRMATION)}

    def perform(self) -> Any:
        """Run the action; raises :class:`~gongkai.kernel.errors.ActionError`."""
        extra: dict[str, Any] = {"acting_user": self.user}
        if "version" in self.fields:
            extra["expected_version"] = self.expected_version
        return type(self).action(self.obj, **self.action_kwargs(), **extra)


@dataclass(frozen=True)
class ActionSpec:
    """One operation of an :class:`ObjectActionView`: its label, form, and the permission it
    needs (``denied``: the 403 sentence)."""

    label: Any
    form_class: type[ActionForm]
    permission: str = "change"
    denied: Any = ""


class ObjectActionView(_FormMixin):
    """``<pk>/actions/<op>/``: the form of one operation on a record; POST performs it.

    ``operations`` maps the URL's ``op`` to its :class:`ActionSpec`. The record comes from the
    ``view``-restricted queryset (404); the operation's permission is checked (403);
    :meth:`available` says whether the record's state allows it now (a GET of an operation
    the state does not allow goes back to the record with a message; a POST is refused by the
    action itself).
    """

    template_name = "kernel/object_action.html"
    operations: ClassVar[Mapping[str, ActionSpec]] = {}
    #: Template of the record's summary beside the form (``object`` in its context).
    summary_template: ClassVar[str] = ""

    def available(self, op: str, obj: Any) -> bool:
        return True

    def state_message(self, op: str, obj: Any) -> str:
        return _("“%(item)s”当前不能%(op)s。") % {"item": obj, "op": self.spec.label}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        spec = self.operations.get(kwargs.get("op", ""))
        if spec is None:
            raise Http404(_("没有这个操作。"))
        self.op, self.spec = kwargs["op"], spec
        if not self.user_can(spec.permission, self.object):
            raise PermissionDenied(str(spec.denied) or _("您只能查看，不能办理。"))
        if request.method == "GET" and not self.available(self.op, self.object):
            messages.warning(request, self.state_message(self.op, self.object))
            return redirect(self.get_cancel_url())
        return super().dispatch(request, *args, **kwargs)

    def get_cancel_url(self) -> str:
        """Where 取消 (and a GET of an operation the state does not allow) goes: the record."""
        return str(self.object.get_absolute_url())

    def get_form_class(self) -> type[ActionForm]:
        return self.spec.form_class

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "obj": self.object, "user": self.request.user}

    def save(self, form: Any) -> Any:
        return form.perform()

    def success_message(self, obj: Any) -> str:
        return _("已%(op)s。") % {"op": self.spec.label}

    def get_title(self) -> str:
        return str(self.spec.label)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            op=self.op,
            op_label=self.spec.label,
            summary_template=self.summary_template,
            cancel_url=self.get_cancel_url(),
        )
        return context
