"""Staff pages of 信箱来信 and 人大代表建议/政协提案 — each a generic view of
:mod:`gongkai.kernel.views`: the two lists with the year's summary (办结率) above them,
registering and correcting a record, one record with its audit trail, 登记答复 and 公开答复.

Queries start from the model's policy (other bodies' records are 404); changes go through
:mod:`gongkai.apps.engagement.actions`; a 上级 reads and changes nothing (403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.engagement import actions
from gongkai.apps.engagement.filtersets import MailboxMessageFilterSet, ProposalFilterSet
from gongkai.apps.engagement.forms import (
    MailboxMessageForm,
    ProposalForm,
    PublishForm,
    RecordForm,
    ReplyForm,
)
from gongkai.apps.engagement.models import EngagementRecord, MailboxMessage, Proposal
from gongkai.apps.engagement.reporting import year_summary
from gongkai.apps.engagement.tables import STATE_BADGES, MailboxMessageTable, ProposalTable
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    Button,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

__all__ = [
    "MailboxActionView",
    "MailboxDetailView",
    "MailboxEditView",
    "MailboxListView",
    "ProposalActionView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalListView",
    "next_operation",
]

routes = Routes("engagement")

#: 登记答复 and 公开答复, the operations of both registers (``<prefix>_reply`` / ``_publish``).
OPERATIONS = {
    "reply": ActionSpec(gettext_lazy("登记答复"), ReplyForm),
    "publish": ActionSpec(gettext_lazy("公开答复"), PublishForm),
}


def next_operation(item: EngagementRecord) -> str | None:
    """The operation the record waits for: 登记答复, then 公开答复, then none."""
    if item.replied_on is None:
        return "reply"
    if item.published_on is None:
        return "publish"
    return None


# =============================================================================================
# Lists
# =============================================================================================


class _RegisterListView(ObjectListView):
    """A register of the user's bodies, the year's summary above it: every mailbox,
    人大代表建议 and 政协提案 of the chosen body (or every body the user sees) in the chosen
    year (or the current one)."""

    template_name = "engagement/list.html"
    title = gettext_lazy("信箱来信与建议提案")
    #: The URL names' prefix (``engagement:mailbox`` → ``engagement:mailbox_new`` …).
    url_prefix: ClassVar[str]
    new_label: ClassVar[Any]

    def get_buttons(self) -> list[Button]:
        if not self.policy.user_has_permission(self.request.user, "change"):
            return []
        return [Button(str(self.new_label), reverse(f"{self.url_prefix}_new"), primary=True)]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        filterset = context["filterset"]
        data = filterset.form.cleaned_data if filterset.is_valid() else {}
        year = int(data.get("year") or timezone.localdate().year)
        body = data.get("body")
        user = self.request.user
        messages = MailboxMessage.objects.restrict(user)
        proposals = Proposal.objects.restrict(user)
        if body is not None:
            messages, proposals = messages.filter(body=body), proposals.filter(body=body)
        context.update(
            url_prefix=self.url_prefix,
            summary=year_summary(messages, proposals, year),
            summary_body=body,
        )
        return context


@routes("", "index")
@routes("mailbox/", "mailbox_list")
class MailboxListView(_RegisterListView):
    """/engagement/mailbox/ (and /engagement/, the first register)."""

    queryset = MailboxMessage.objects.select_related("body")
    table = MailboxMessageTable
    filterset = MailboxMessageFilterSet
    url_prefix = "engagement:mailbox"
    new_label = gettext_lazy("登记来信")


@routes("proposals/", "proposal_list")
class ProposalListView(_RegisterListView):
    """/engagement/proposals/"""

    queryset = Proposal.objects.select_related("body")
    table = ProposalTable
    filterset = ProposalFilterSet
    url_prefix = "engagement:proposal"
    new_label = gettext_lazy("登记建议提案")


# =============================================================================================
# Registering and correcting
# =============================================================================================


class _RecordEditView(ObjectEditView):
    """Register a record for one of the user's bodies (no ``pk``) or correct its registered
    fields (the reply and its publication have their own operations)."""

    template_name = "engagement/form.html"
    denied = gettext_lazy("您不是任何机关的经办人、审核人或管理员，不能登记来信或建议提案。")
    url_prefix: ClassVar[str]
    #: The registration action: ``record(body, *, acting_user, **fields)``.
    record: ClassVar[Callable[..., Any]]
    noun: ClassVar[Any]

    def get_title(self) -> str:
        if self.object is None:
            return _("登记%(noun)s") % {"noun": self.noun}
        return super().get_title()

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form: RecordForm) -> Any:
        user = self.request.user
        if self.object is None:
            return type(self).record(form.cleaned_data["body"], acting_user=user, **form.values())
        return actions.update_item(
            self.object,
            acting_user=user,
            expected_version=form.expected_version,
            **form.values(),
        )

    def success_message(self, obj: Any) -> str:
        if "pk" in self.kwargs:
            return _("已保存修改。")
        return _("已登记%(noun)s“%(item)s”。") % {"noun": self.noun, "item": obj}

    def get_cancel_url(self) -> str:
        return super().get_cancel_url() or reverse(f"{self.url_prefix}_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "url_prefix": self.url_prefix}


@routes("mailbox/new/", "mailbox_new")
@routes("mailbox/<int:pk>/edit/", "mailbox_edit")
class MailboxEditView(_RecordEditView):
    """/engagement/mailbox/new/ and /engagement/mailbox/<pk>/edit/"""

    queryset = MailboxMessage.objects.select_related("body")
    form_class = MailboxMessageForm
    record = staticmethod(actions.record_message)
    url_prefix = "engagement:mailbox"
    noun = gettext_lazy("来信")


@routes("proposals/new/", "proposal_new")
@routes("proposals/<int:pk>/edit/", "proposal_edit")
class ProposalEditView(_RecordEditView):
    """/engagement/proposals/new/ and /engagement/proposals/<pk>/edit/"""

    queryset = Proposal.objects.select_related("body")
    form_class = ProposalForm
    record = staticmethod(actions.record_proposal)
    url_prefix = "engagement:proposal"
    noun = gettext_lazy("建议提案")


# =============================================================================================
# One record, 登记答复, 公开答复
# =============================================================================================


class _RecordDetailView(ObjectDetailView):
    """The record, its audit trail, and (for staff of its body) the form of the operation it
    waits for."""

    url_prefix: ClassVar[str]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        item: EngagementRecord = self.object
        op = next_operation(item) if context["may_change"] else None
        context.update(
            url_prefix=self.url_prefix,
            state_badge=STATE_BADGES[item.reply_state],
            op=op,
            op_label=OPERATIONS[op].label if op else "",
            op_form=OPERATIONS[op].form_class(obj=item, user=self.request.user) if op else None,
            op_url=reverse(f"{self.url_prefix}_{op}", kwargs={"pk": item.pk}) if op else "",
        )
        return context


@routes("mailbox/<int:pk>/", "mailbox_detail")
class MailboxDetailView(_RecordDetailView):
    """/engagement/mailbox/<pk>/"""

    queryset = MailboxMessage.objects.select_related("body")
    template_name = "engagement/mailbox_detail.html"
    url_prefix = "engagement:mailbox"


@routes("proposals/<int:pk>/", "proposal_detail")
class ProposalDetailView(_RecordDetailView):
    """/engagement/proposals/<pk>/"""

    queryset = Proposal.objects.select_related("body")
    template_name = "engagement/proposal_detail.html"
    url_prefix = "engagement:proposal"


class _RecordActionView(ObjectActionView):
    """/engagement/<register>/<pk>/reply/ and …/publish/: the form of 登记答复 or 公开答复
    beside the record; POST performs it."""

    operations = OPERATIONS
    summary_template = "engagement/_record.html"

    def available(self, op: str, obj: EngagementRecord) -> bool:
        return next_operation(obj) == op


@routes("mailbox/<int:pk>/reply/", "mailbox_reply", {"op": "reply"})
@routes("mailbox/<int:pk>/publish/", "mailbox_publish", {"op": "publish"})
class MailboxActionView(_RecordActionView):
    queryset = MailboxMessage.objects.select_related("body")


@routes("proposals/<int:pk>/reply/", "proposal_reply", {"op": "reply"})
@routes("proposals/<int:pk>/publish/", "proposal_publish", {"op": "publish"})
class ProposalActionView(_RecordActionView):
    queryset = Proposal.objects.select_related("body")
