"""Staff pages of 信箱来信 and 人大代表建议/政协提案: lists with the year's summary, registering,
correcting, one record with its history, 登记答复 and 公开答复.

Queries start from ``Model.objects.restrict(request.user)`` (other bodies' records are 404);
changes go through :mod:`gongkai.apps.engagement.actions`; a 上级 reads and changes nothing
(403), exactly as on the case pages. One set of view classes serves both models: each concrete
view names its :class:`Kind`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, RedirectView, TemplateView

from gongkai.apps.engagement import actions
from gongkai.apps.engagement.choices import ProposalKind
from gongkai.apps.engagement.filtersets import MailboxMessageFilterSet, ProposalFilterSet
from gongkai.apps.engagement.forms import MailboxMessageForm, ProposalForm, PublishForm, ReplyForm
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.apps.engagement.reporting import mailbox_summaries, proposal_summaries, total
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.forms import apply_action_error
from gongkai.kernel.permissions import user_can
from gongkai.kernel.views import querystring_without

if TYPE_CHECKING:
    _FormView = FormView[Any]
else:
    _FormView = FormView

__all__ = [
    "EngagementIndexView",
    "MailboxCreateView",
    "MailboxDetailView",
    "MailboxEditView",
    "MailboxListView",
    "MailboxPublishView",
    "MailboxReplyView",
    "ProposalCreateView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalListView",
    "ProposalPublishView",
    "ProposalReplyView",
]

PER_PAGE = 25

Item = MailboxMessage | Proposal


@dataclass(frozen=True)
class Kind:
    """What differs between the two registers: model, forms, URL names, words."""

    model: type[MailboxMessage] | type[Proposal]
    prefix: str  # URL names: <prefix>_list, <prefix>_new, <prefix>_detail …
    form_class: type[MailboxMessageForm] | type[ProposalForm]
    filterset_class: type[Any]
    record: Callable[..., Any]
    title: Any  # the register's name (lazy)
    noun: Any  # one record (lazy)

    def items(self, request: HttpRequest) -> QuerySet[Any]:
        return self.model.objects.restrict(request.user).select_related("body")


MAILBOX = Kind(
    model=MailboxMessage,
    prefix="mailbox",
    form_class=MailboxMessageForm,
    filterset_class=MailboxMessageFilterSet,
    record=actions.record_message,
    title=gettext_lazy("信箱来信"),
    noun=gettext_lazy("来信"),
)
PROPOSALS = Kind(
    model=Proposal,
    prefix="proposal",
    form_class=ProposalForm,
    filterset_class=ProposalFilterSet,
    record=actions.record_proposal,
    title=gettext_lazy("人大代表建议、政协提案"),
    noun=gettext_lazy("建议提案"),
)


_URL_NAMES = ("list", "new", "detail", "edit", "reply", "publish")


class _KindMixin:
    kind: ClassVar[Kind]
    request: HttpRequest

    def base_context(self) -> dict[str, Any]:
        prefix = f"engagement:{self.kind.prefix}"
        return {
            "kind": self.kind,
            **{f"{name}_url": f"{prefix}_{name}" for name in _URL_NAMES},
        }

    def to_detail(self, item: Item) -> HttpResponse:
        return redirect(f"engagement:{self.kind.prefix}_detail", pk=item.pk)


class _ItemMixin(_KindMixin):
    """One record of the user's (visible) bodies: 404 for any other."""

    kwargs: dict[str, Any]

    def get_item(self) -> Any:
        item = getattr(self, "_item", None)
        if item is None:
            item = get_object_or_404(self.kind.items(self.request), pk=self.kwargs["pk"])
            self._item = item
        return item

    def require_change(self, item: Item) -> None:
        if not user_can(self.request.user, "change", item):
            raise PermissionDenied(
                _("您只能查看这条%(noun)s，不能修改。") % {"noun": self.kind.noun}
            )


# =============================================================================================
# Lists
# =============================================================================================


class EngagementIndexView(LoginRequiredMixin, RedirectView):
    """/engagement/: the mailbox list."""

    pattern_name = "engagement:mailbox_list"


class _ListView(LoginRequiredMixin, _KindMixin, TemplateView):
    """The register of the user's bodies with filters, the year's summary above it."""

    def get_template_names(self) -> list[str]:
        return [f"engagement/{self.kind.prefix}_list.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        request = self.request
        items = self.kind.items(request)
        filterset = self.kind.filterset_class(request.GET, queryset=items, request=request)
        filtered = filterset.qs if filterset.is_valid() else items.none()
        context.update(
            self.base_context(),
            filterset=filterset,
            page=Paginator(filtered, PER_PAGE).get_page(request.GET.get("page")),
            querystring=querystring_without(request, "page"),
            can_record=Body.objects.restrict(request.user, "change").exists(),
            **self.summary(filterset),
        )
        return context

    def summary(self, filterset: Any) -> dict[str, Any]:
        """The year's summary box: every mailbox, 人大代表建议, 政协提案, over the chosen body
        (or every body the user sees), for the chosen year (or the current one)."""
        data = filterset.form.cleaned_data if filterset.is_valid() else {}
        year = int(data.get("year") or timezone.localdate().year)
        body = data.get("body")
        messages_qs = MailboxMessage.objects.restrict(self.request.user)
        proposals_qs = Proposal.objects.restrict(self.request.user)
        if body is not None:
            messages_qs, proposals_qs = (
                messages_qs.filter(body=body),
                proposals_qs.filter(body=body),
            )
        mailboxes = mailbox_summaries(messages_qs, year)
        kinds = proposal_summaries(proposals_qs, year)
        return {
            "summary_year": year,
            "summary_body": body,
            "summary_mailboxes": mailboxes,
            "summary_mailbox_total": total(mailboxes),
            "summary_npc": kinds[ProposalKind.NPC_SUGGESTION],
            "summary_cppcc": kinds[ProposalKind.CPPCC_PROPOSAL],
        }


class MailboxListView(_ListView):
    """/engagement/mailbox/"""

    kind = MAILBOX


class ProposalListView(_ListView):
    """/engagement/proposals/"""

    kind = PROPOSALS


# =============================================================================================
# Registering and correcting
# =============================================================================================


class _RecordFormView(LoginRequiredMixin, _ItemMixin, _FormView):
    """The form of a record's registered fields: a new record (``editing`` False) or a
    correction (the reply and its publication have their own actions)."""

    template_name = "engagement/form.html"
    editing: ClassVar[bool]

    def get_form_class(self) -> Any:
        return self.kind.form_class

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if self.editing:
            self.require_change(self.get_item())
        elif not Body.objects.restrict(request.user, "change").exists():
            raise PermissionDenied(
                _("您不是任何机关的经办人、审核人或管理员，不能登记%(noun)s。")
                % {"noun": self.kind.noun}
            )
        return super().dispatch(request, *args, **kwargs)

    def current_item(self) -> Item | None:
        return self.get_item() if self.editing else None

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.editing:
            kwargs["instance"] = self.get_item()
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(**self.base_context(), item=self.current_item(), **kwargs)

    def save(self, form: Any) -> Item:
        raise NotImplementedError

    def success_message(self, item: Item) -> str:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            item = self.save(form)
        except ActionPermissionError as exc:
            raise PermissionDenied(exc.message) from exc
        except ActionError as exc:  # a concurrent edit names no field: shown above the form
            apply_action_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(item))
        return self.to_detail(item)


class _CreateView(_RecordFormView):
    """Register a record for one of the user's bodies (经办人/审核人/管理员 only)."""

    editing = False

    def save(self, form: Any) -> Item:
        return cast(
            Item,
            self.kind.record(self.request.user, form.cleaned_data["body"], **form.values()),
        )

    def success_message(self, item: Item) -> str:
        return _("已登记%(noun)s“%(item)s”。") % {"noun": self.kind.noun, "item": item}


class MailboxCreateView(_CreateView):
    """/engagement/mailbox/new/"""

    kind = MAILBOX


class ProposalCreateView(_CreateView):
    """/engagement/proposals/new/"""

    kind = PROPOSALS


class _EditView(_RecordFormView):
    """Correct the registered fields of a record."""

    editing = True

    def save(self, form: Any) -> Item:
        item: Item = self.get_item()
        return actions.update_item(
            self.request.user, item, form.cleaned_data["seen"], **form.values()
        )

    def success_message(self, item: Item) -> str:
        return _("已保存修改。")


class MailboxEditView(_EditView):
    """/engagement/mailbox/<pk>/edit/"""

    kind = MAILBOX


class ProposalEditView(_EditView):
    """/engagement/proposals/<pk>/edit/"""

    kind = PROPOSALS


# =============================================================================================
# One record, 登记答复, 公开答复
# =============================================================================================


class _DetailView(LoginRequiredMixin, _ItemMixin, TemplateView):
    """The record, its history, and (for staff of its body) the next action's form."""

    def get_template_names(self) -> list[str]:
        return [f"engagement/{self.kind.prefix}_detail.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item = self.get_item()
        may_change = user_can(self.request.user, "change", item)
        reply_form = kwargs.get("reply_form")
        publish_form = kwargs.get("publish_form")
        if may_change and item.replied_on is None and reply_form is None:
            reply_form = ReplyForm(item=item)
        if may_change and item.replied_on and item.published_on is None and not publish_form:
            publish_form = PublishForm(item=item)
        context.update(
            self.base_context(),
            item=item,
            may_change=may_change,
            reply_form=reply_form,
            publish_form=publish_form,
            history=item.history.select_related("history_user").order_by("-history_date"),
        )
        return context


class MailboxDetailView(_DetailView):
    """/engagement/mailbox/<pk>/"""

    kind = MAILBOX


class ProposalDetailView(_DetailView):
    """/engagement/proposals/<pk>/"""

    kind = PROPOSALS


class _ActionView(_DetailView):
    """POST of 登记答复 or 公开答复; a refused form is shown again on the record's page."""

    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]
    form_name: ClassVar[str]
    success: ClassVar[Any]

    def make_form(self, item: Item) -> Any:
        raise NotImplementedError

    def perform(self, item: Item, form: Any) -> Item:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        item = self.get_item()
        self.require_change(item)
        form = self.make_form(item)
        if form.is_valid():
            try:
                self.perform(item, form)
            except ActionPermissionError as exc:
                raise PermissionDenied(exc.message) from exc
            except ActionError as exc:
                apply_action_error(form, exc)
            else:
                messages.success(request, self.success)
                return self.to_detail(item)
        return self.render_to_response(self.get_context_data(**{self.form_name: form}))


class _ReplyView(_ActionView):
    form_name = "reply_form"
    success = gettext_lazy("已登记答复。")

    def make_form(self, item: Item) -> Any:
        return ReplyForm(self.request.POST, item=item)

    def perform(self, item: Item, form: Any) -> Item:
        return actions.record_reply(
            self.request.user,
            item,
            form.cleaned_data["replied_on"],
            form.cleaned_data["reply"],
            seen=form.cleaned_data["seen"] or None,
        )


class _PublishView(_ActionView):
    form_name = "publish_form"
    success = gettext_lazy("已登记公开答复。")

    def make_form(self, item: Item) -> Any:
        return PublishForm(self.request.POST, item=item)

    def perform(self, item: Item, form: Any) -> Item:
        return actions.publish_reply(
            self.request.user,
            item,
            form.cleaned_data["published_on"],
            seen=form.cleaned_data["seen"] or None,
        )


class MailboxReplyView(_ReplyView):
    """POST /engagement/mailbox/<pk>/reply/"""

    kind = MAILBOX


class ProposalReplyView(_ReplyView):
    """POST /engagement/proposals/<pk>/reply/"""

    kind = PROPOSALS


class MailboxPublishView(_PublishView):
    """POST /engagement/mailbox/<pk>/publish/"""

    kind = MAILBOX


class ProposalPublishView(_PublishView):
    """POST /engagement/proposals/<pk>/publish/"""

    kind = PROPOSALS
