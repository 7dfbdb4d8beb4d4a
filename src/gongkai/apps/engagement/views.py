"""Staff pages of 信箱来信 and 人大代表建议/政协提案 — each a generic view of
:mod:`gongkai.kernel.views`: the two lists with the year's summary (办结率) above them,
registering and correcting a record, one record with its audit trail, 登记答复 and 公开答复.

Queries start from the model's policy (other bodies' records are 404); changes go through
:mod:`gongkai.apps.engagement.actions`; a 上级 reads and changes nothing (403).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, Any, ClassVar

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic.edit import FormView

from gongkai.apps.engagement import actions
from gongkai.apps.engagement.filtersets import (
    ConsultationFilterSet,
    MailboxMessageFilterSet,
    ProposalFilterSet,
)
from gongkai.apps.engagement.forms import (
    CommentForm,
    ConsultationForm,
    DecideForm,
    FeedbackForm,
    MailboxMessageForm,
    OpennessSettingsForm,
    ProposalForm,
    PublishFeedbackForm,
    PublishForm,
    RecordForm,
    ReplyForm,
)
from gongkai.apps.engagement.models import (
    Comment,
    Consultation,
    EngagementRecord,
    MailboxMessage,
    Proposal,
)
from gongkai.apps.engagement.reporting import year_summary
from gongkai.apps.engagement.tables import (
    STATE_BADGES,
    CommentTable,
    ConsultationTable,
    MailboxMessageTable,
    ProposalTable,
    status_badge,
)
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import ActionError
from gongkai.kernel.forms import apply_action_error
from gongkai.kernel.throttle import allow, client_address
from gongkai.kernel.urls import Routes
from gongkai.kernel.views import (
    ActionSpec,
    Button,
    DownloadView,
    ObjectActionView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    ObjectView,
    PageView,
)

__all__ = [
    "CommentActionView",
    "ConsultationActionView",
    "ConsultationDetailView",
    "ConsultationEditView",
    "ConsultationListView",
    "DraftDownloadView",
    "MailboxActionView",
    "MailboxDetailView",
    "MailboxEditView",
    "MailboxListView",
    "OpennessSettingsView",
    "ProposalActionView",
    "ProposalDetailView",
    "ProposalEditView",
    "ProposalListView",
    "PublicConsultationListView",
    "PublicConsultationView",
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


# =============================================================================================
# 意见征集 (staff): the register, one consultation with its comments, the feedback, 处理意见,
# the body's 时限设置
# =============================================================================================


def _consultation_ops() -> dict[str, ActionSpec]:
    return {
        "feedback": ActionSpec(gettext_lazy("编辑意见采纳情况"), FeedbackForm),
        "publish": ActionSpec(gettext_lazy("公布意见采纳情况"), PublishFeedbackForm),
    }


CONSULTATION_OPERATIONS = _consultation_ops()


@routes("consultations/", "consultation_list")
class ConsultationListView(ObjectListView):
    """/engagement/consultations/: the consultations of the user's bodies, 逾期未反馈 counted
    above the list (``Consultation.objects.feedback_overdue``), and for a body's 管理员 the
    link to its 时限设置."""

    template_name = "engagement/consultation_list.html"
    title = gettext_lazy("意见征集")
    queryset = Consultation.objects.select_related("body").annotate(n_comments=Count("comments"))
    table = ConsultationTable
    filterset = ConsultationFilterSet

    def get_buttons(self) -> list[Button]:
        if not self.policy.user_has_permission(self.request.user, "change"):
            return []
        return [Button(_("登记意见征集"), reverse("engagement:consultation_new"), primary=True)]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        context.update(
            url_prefix="engagement:consultation",
            overdue_count=Consultation.objects.restrict(user).feedback_overdue(today).count(),
            administered=Body.objects.restrict(user, "administer").order_by("path")[:50],
        )
        return context


@routes("consultations/new/", "consultation_new")
@routes("consultations/<int:pk>/edit/", "consultation_edit")
class ConsultationEditView(ObjectEditView):
    """/engagement/consultations/new/ and …/<pk>/edit/ (the draft uploaded here)."""

    template_name = "engagement/form.html"
    queryset = Consultation.objects.select_related("body")
    form_class = ConsultationForm
    title = gettext_lazy("登记意见征集")
    denied = gettext_lazy("您不是任何机关的经办人、审核人或管理员，不能登记意见征集。")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def save(self, form: ConsultationForm) -> Any:
        user = self.request.user
        draft = form.cleaned_data.get("draft") or None
        if self.object is None:
            return actions.record_consultation(
                form.cleaned_data["body"], acting_user=user, draft=draft, **form.values()
            )
        return actions.update_consultation(
            self.object,
            acting_user=user,
            expected_version=form.expected_version,
            draft=draft,
            **form.values(),
        )

    def success_message(self, obj: Any) -> str:
        if "pk" in self.kwargs:
            return _("已保存修改，意见采纳情况应于 %(due)s 前公布。") % {
                "due": obj.feedback_due_on.isoformat()
            }
        return _("已登记意见征集“%(item)s”，意见采纳情况应于 %(due)s 前公布。") % {
            "item": obj,
            "due": obj.feedback_due_on.isoformat(),
        }

    def get_cancel_url(self) -> str:
        return super().get_cancel_url() or reverse("engagement:consultation_list")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "url_prefix": "engagement:consultation"}


@routes("consultations/<int:pk>/", "consultation_detail")
class ConsultationDetailView(ObjectDetailView):
    """/engagement/consultations/<pk>/: the consultation, its comments (personal data: staff
    of the body only) with 处理, the counts, and the feedback to edit and publish."""

    queryset = Consultation.objects.select_related("body")
    template_name = "engagement/consultation_detail.html"

    def get_title(self) -> str:
        return str(self.object)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        consultation: Consultation = self.object
        today = timezone.localdate()
        comments = consultation.comments.select_related("consultation").order_by(
            "received_at", "pk"
        )
        published = consultation.feedback_published_on is not None
        ops: list[tuple[str, Any, Any, str]] = []
        may_publish = consultation.feedback_may_be_published(today)
        if context["may_change"] and not published and may_publish:
            # The publish form carries the (editable) text; 保存 without publishing has its
            # own page (two forms with one field name would share its id on one page). While
            # the period runs it is not offered (the action would refuse it): a note says when.
            for op in ("publish",):
                spec = CONSULTATION_OPERATIONS[op]
                ops.append(
                    (
                        op,
                        spec.label,
                        spec.form_class(obj=consultation, user=self.request.user),
                        reverse(f"engagement:consultation_{op}", kwargs={"pk": consultation.pk}),
                    )
                )
        context.update(
            url_prefix="engagement:consultation",
            status=status_badge(consultation, today),
            counts=actions.decision_counts(consultation),
            # Personal data: the comments only for the staff of the body (not its 上级).
            comment_table=CommentTable(comments, orderable=False)
            if context["may_change"]
            else None,
            ops=ops,
            may_publish=may_publish,
        )
        return context


@routes("consultations/<int:pk>/feedback/", "consultation_feedback", {"op": "feedback"})
@routes("consultations/<int:pk>/publish/", "consultation_publish", {"op": "publish"})
class ConsultationActionView(ObjectActionView):
    """…/<pk>/feedback/ (edit the generated text) and …/<pk>/publish/ (公布)."""

    queryset = Consultation.objects.select_related("body")
    operations = CONSULTATION_OPERATIONS
    summary_template = "engagement/_consultation.html"

    def available(self, op: str, obj: Consultation) -> bool:
        return obj.feedback_published_on is None

    def success_message(self, obj: Any) -> str:
        if self.op == "publish":
            return _("已公布意见采纳情况，公众页面已显示。")
        return _("已保存意见采纳情况（尚未公布）。")


@routes("comments/<int:pk>/decide/", "comment_decide", {"op": "decide"})
class CommentActionView(ObjectActionView):
    """/engagement/comments/<pk>/decide/: 采纳 / 部分采纳 / 不予采纳 with the reason."""

    queryset = Comment.objects.select_related("consultation__body")
    operations = {"decide": ActionSpec(gettext_lazy("处理意见"), DecideForm)}
    summary_template = "engagement/_comment.html"

    def available(self, op: str, obj: Comment) -> bool:
        return obj.consultation.feedback_published_on is None

    def success_message(self, obj: Any) -> str:
        return _("已将第%(pk)s号意见标记为“%(decision)s”。") % {
            "pk": obj.pk,
            "decision": obj.get_decision_display(),
        }


@routes("consultations/bodies/<int:pk>/settings/", "openness_settings", {"op": "settings"})
class OpennessSettingsView(ObjectActionView):
    """/engagement/consultations/bodies/<pk>/settings/: the body's 政策解读 and 意见征集反馈
    periods (管理员 only; ``orgs.actions.set_openness_settings``)."""

    queryset = Body.objects.all()
    operations = {
        "settings": ActionSpec(
            gettext_lazy("政务公开时限设置"),
            OpennessSettingsForm,
            "administer",
            gettext_lazy("只有本机关的管理员可以修改政务公开时限设置。"),
        )
    }

    def get_title(self) -> str:
        return _("%(body)s 政务公开时限设置") % {"body": self.object.name}

    def get_cancel_url(self) -> str:
        return reverse("engagement:consultation_list")

    def get_success_url(self) -> str:
        return reverse("engagement:consultation_list")

    def success_message(self, obj: Any) -> str:
        return _(
            "已保存“%(body)s”的设置：政策解读时限 %(i)s 个工作日，意见征集反馈时限 %(f)s 个工作日"
            "（新登记或修改截止日期的意见征集按新时限计算）。"
        ) % {"body": obj.name, "i": obj.interpretation_days, "f": obj.consultation_feedback_days}


# =============================================================================================
# 意见征集 (public): the list, one consultation with the comment form, the draft
# =============================================================================================

consult_routes = Routes("consult")


@consult_routes("", "index")
class PublicConsultationListView(PageView):
    """/consult/: every consultation, 征集中 first."""

    public = True
    permission = None
    template_name = "engagement/public_list.html"
    title = gettext_lazy("意见征集")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        rows = Consultation.objects.select_related("body").public_order(today)
        page = Paginator(rows, 20).get_page(self.request.GET.get("page"))
        context.update(
            page=page, rows=[(c, c.status_on(today)) for c in page.object_list], today=today
        )
        return context


@consult_routes("<int:pk>/", "detail")
@method_decorator(never_cache, name="dispatch")
class PublicConsultationView(ObjectView, FormView):  # type: ignore[type-arg]
    """/consult/<pk>/: the draft, 起草说明, period, channels; the comment form while the period
    runs (rate-limited per address like 网上申请: a refused submission keeps its text and
    stores nothing); the feedback once published. Comments themselves are never shown."""

    public = True
    permission = None
    queryset = Consultation.objects.select_related("body")
    form_class = CommentForm
    template_name = "engagement/public_detail.html"

    def get_title(self) -> str:
        return str(self.get_object())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        consultation: Consultation = self.get_object()
        today = timezone.localdate()
        context = super().get_context_data(**kwargs)
        context.update(
            object=consultation,
            status=consultation.status_on(today),
            open=consultation.accepts_comments(today),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not allow(request, "consult-comment", *settings.GONGKAI_CONSULT_COMMENT_LIMIT):
            form = self.get_form()
            form.is_valid()  # keep what was typed; nothing is stored
            form.add_error(
                None, _("提交过于频繁，请稍后再试。您填写的内容已保留，可稍后重新提交。")
            )
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: CommentForm) -> HttpResponse:
        consultation: Consultation = self.get_object()
        try:
            actions.submit_comment(
                consultation,
                client_address=client_address(self.request),
                **form.cleaned_data,
            )
        except ActionError as exc:
            apply_action_error(form, exc)
            response = self.render_to_response(self.get_context_data(form=form))
            response.status_code = 400
            return response
        messages.success(
            self.request,
            _("您的意见已收到，感谢参与。意见采纳情况将于 %(due)s 前在本页公布。")
            % {"due": consultation.feedback_due_on.isoformat()},
        )
        return redirect(consultation.get_public_url())

    def form_invalid(self, form: CommentForm) -> HttpResponse:
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400
        return response


@consult_routes("<int:pk>/draft/", "draft")
class DraftDownloadView(DownloadView):
    """/consult/<pk>/draft/: the draft (public, like the consultation)."""

    public = True
    permission = None
    queryset = Consultation.objects.all()

    def get_file(self) -> tuple[bytes | str | IO[bytes], str, str]:
        consultation: Consultation = self.get_object()
        if not consultation.draft:
            raise Http404(_("本次意见征集没有上传征求意见稿。"))
        try:
            handle = consultation.draft.open("rb")
        except FileNotFoundError:
            raise Http404(_("征求意见稿文件不存在。")) from None
        return handle, consultation.draft_name, consultation.draft_content_type
