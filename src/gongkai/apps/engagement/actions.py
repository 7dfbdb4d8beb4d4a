"""Actions on mailbox messages and NPC suggestions / CPPCC proposals: record, correct, reply
(登记答复), publish the reply (公开答复).

Each is a typed function ``do_x(item, …, *, acting_user, expected_version=None)`` on the
kernel's machinery (:func:`gongkai.kernel.actions.create` / :func:`~gongkai.kernel.actions.locked`):
the body's policy (经办人/审核人/管理员 change, never 上级), one durable transaction on the
locked row, the state check, validation by the model's constraints (Chinese messages on the
field they concern), the ``version`` the user saw (a form opened before someone else's change
is refused instead of overwriting it), and one audit entry (``engagement.message_reply`` …).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.engagement.choices import Decision, ProposalKind
from gongkai.apps.engagement.drafts import DraftRejected, check_draft
from gongkai.apps.engagement.models import (
    Comment,
    Consultation,
    EngagementRecord,
    MailboxMessage,
    Proposal,
)
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain import consultation as rules
from gongkai.kernel.actions import Step, create, locked, require
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, TransitionError, constraint_fields, validation_error

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "CONSULTATION_FIELDS",
    "MESSAGE_FIELDS",
    "PROPOSAL_FIELDS",
    "decide_comment",
    "decision_counts",
    "feedback_due",
    "generated_feedback",
    "publish_feedback",
    "publish_reply",
    "record_consultation",
    "record_message",
    "record_proposal",
    "record_reply",
    "save_feedback",
    "submit_comment",
    "update_consultation",
    "update_item",
]

Item = TypeVar("Item", MailboxMessage, Proposal)

#: The fields a clerk registers and may correct (the reply and its publication have actions).
MESSAGE_FIELDS = ("mailbox", "received_on", "subject", "content")
PROPOSAL_FIELDS = ("kind", "number", "title", "proposer", "assigned_on")

#: The audit names of a model's actions: ``<prefix>_record`` / ``_update`` / ``_reply`` /
#: ``_publish``.
_PREFIXES: dict[type[EngagementRecord], str] = {
    MailboxMessage: "engagement.message",
    Proposal: "engagement.proposal",
}
_STEPS = {
    "update": gettext_lazy("修改登记信息"),
    "reply": gettext_lazy("登记答复"),
    "publish": gettext_lazy("公开答复"),
}
register_actions(
    {
        "engagement.message_record": gettext_lazy("登记来信"),
        "engagement.proposal_record": gettext_lazy("登记建议提案"),
        **{
            f"{prefix}_{step}": label
            for prefix in _PREFIXES.values()
            for step, label in _STEPS.items()
        },
    }
)


def _denied(body: Body) -> str:
    return _("您没有登记或修改“%(body)s”信箱来信和建议提案的权限。") % {"body": body.name}


def _change(
    item: Item, step: str, acting_user: UserLike | None, expected_version: int | None
) -> AbstractContextManager[Step[Item]]:
    """:func:`~gongkai.kernel.actions.locked` for the ``step`` (update, reply, publish) of
    ``item``: its audit entry is ``engagement.<message|proposal>_<step>``."""
    return locked(
        item,
        f"{_PREFIXES[type(item)]}_{step}",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_denied(item.body),
    )


@cache
def _constraint_fields() -> dict[str, str]:
    """Message of a model constraint → the field a form shows it on."""
    targets = {
        "mailbox_replied_not_before_received": "replied_on",
        "mailbox_published_after_reply": "published_on",
        "proposal_number_unique_per_body": "number",
        "proposal_kind_known": "kind",
        "proposal_replied_not_before_assigned": "replied_on",
        "proposal_published_after_reply": "published_on",
    }
    return constraint_fields([MailboxMessage, Proposal], targets)


def _validated(item: EngagementRecord) -> None:
    """``full_clean`` (fields and the model's constraints) as an :class:`ActionError`."""
    try:
        item.full_clean()
    except ValidationError as exc:
        raise validation_error(exc, _constraint_fields()) from exc


def _duplicate_number(exc: IntegrityError) -> ActionError:
    # A concurrent registration of the same 编号 passed full_clean at the same moment.
    return ActionError.on_field("number", _("本机关已有同类别、同编号的建议提案。"))


def _register(item: Item, acting_user: UserLike | None) -> Item:
    """Validate and save a new message or proposal (audit entry ``…_record``)."""
    return create(
        item,
        f"{_PREFIXES[type(item)]}_record",
        acting_user=acting_user,
        denied=_denied(item.body),
        constraint_fields=_constraint_fields(),
        integrity_error=_duplicate_number if isinstance(item, Proposal) else None,
    )


def record_message(
    body: Body,
    *,
    acting_user: UserLike | None,
    mailbox: str,
    received_on: date,
    subject: str,
    content: str = "",
) -> MailboxMessage:
    """Register a message to a leaders' mailbox forwarded to ``body``."""
    message = MailboxMessage(
        body=body,
        mailbox=mailbox.strip(),
        received_on=received_on,
        subject=subject.strip(),
        content=content,
    )
    return _register(message, acting_user)


def record_proposal(
    body: Body,
    *,
    acting_user: UserLike | None,
    kind: str,
    title: str,
    assigned_on: date,
    number: str = "",
    proposer: str = "",
) -> Proposal:
    """Register an NPC suggestion or CPPCC proposal assigned to ``body`` (交办)."""
    proposal = Proposal(
        body=body,
        kind=kind,
        number=number.strip(),
        title=title.strip(),
        proposer=proposer.strip(),
        assigned_on=assigned_on,
    )
    require(acting_user, "change", proposal, _denied(body))
    if kind not in ProposalKind.values:
        raise ActionError(_("建议提案类别不正确。"), {"kind": [_("请选择类别。")]})
    return _register(proposal, acting_user)


def update_item(
    item: Item,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    **fields: Any,
) -> Item:
    """Correct the registered fields of a message or proposal (not its reply/publication)."""
    allowed = MESSAGE_FIELDS if isinstance(item, MailboxMessage) else PROPOSAL_FIELDS
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    with _change(item, "update", acting_user, expected_version) as step:
        fresh = step.obj
        for name, value in fields.items():
            if isinstance(value, str) and name != "content":
                value = value.strip()
            setattr(fresh, name, value)
        if fresh.replied_on is not None and fresh.start_date > fresh.replied_on:
            raise ActionError.on_field(
                fresh.START_FIELD,
                _("%(field)s（%(start)s）不能晚于已登记的答复日期（%(replied)s）。")
                % {
                    "field": fresh.start_label,
                    "start": fresh.start_date.isoformat(),
                    "replied": fresh.replied_on.isoformat(),
                },
            )
        _validated(fresh)
    return step.obj


def record_reply(
    item: Item,
    replied_on: date,
    reply: str = "",
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Item:
    """登记答复: the date and the text of the reply (required for messages and proposals)."""
    with _change(item, "reply", acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.replied_on is not None:
            raise TransitionError(
                _("已于 %(date)s 登记答复，不能再次登记。") % {"date": fresh.replied_on.isoformat()}
            )
        if replied_on < fresh.start_date:
            raise ActionError.on_field(
                "replied_on",
                _("答复日期（%(replied)s）不能早于%(start_label)s（%(start)s）。")
                % {
                    "replied": replied_on.isoformat(),
                    "start_label": fresh.start_label,
                    "start": fresh.start_date.isoformat(),
                },
            )
        if not reply.strip():
            raise ActionError.on_field("reply", _("请填写答复内容。"))
        fresh.reply = reply.strip()
        fresh.replied_on = replied_on
        _validated(fresh)
    return step.obj


def publish_reply(
    item: Item,
    published_on: date,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Item:
    """公开答复: the date the reply was made public (only a reply can be published)."""
    with _change(item, "publish", acting_user, expected_version) as step:
        fresh = step.obj
        if fresh.replied_on is None:
            raise TransitionError(_("尚未登记答复，不能公开答复。"))
        if fresh.published_on is not None:
            raise TransitionError(
                _("答复已于 %(date)s 公开。") % {"date": fresh.published_on.isoformat()}
            )
        if published_on < fresh.replied_on:
            raise ActionError.on_field(
                "published_on",
                _("公开日期（%(published)s）不能早于答复日期（%(replied)s）。")
                % {"published": published_on.isoformat(), "replied": fresh.replied_on.isoformat()},
            )
        fresh.published_on = published_on
        _validated(fresh)
    return step.obj


# =============================================================================================
# 意见征集: register a consultation, take a comment, decide on it, publish the feedback
# =============================================================================================

#: The fields of a consultation a clerk registers and may correct until its feedback is out.
CONSULTATION_FIELDS = ("title", "reasons", "starts_on", "ends_on", "channel")

register_actions(
    {
        "engagement.consultation_record": gettext_lazy("登记意见征集"),
        "engagement.consultation_update": gettext_lazy("修改意见征集"),
        "engagement.consultation_feedback": gettext_lazy("保存意见采纳情况"),
        "engagement.consultation_publish": gettext_lazy("公布意见采纳情况"),
        "engagement.comment_submit": gettext_lazy("提交意见"),
        "engagement.comment_decide": gettext_lazy("处理意见"),
    }
)

#: The longest comment taken (characters).
COMMENT_MAX = 5000


def _consultation_denied(body: Body) -> str:
    return _("您没有办理“%(body)s”意见征集的权限。") % {"body": body.name}


def feedback_due(body: Body, ends_on: date) -> date:
    """The feedback deadline of a consultation of ``body`` ending on ``ends_on``
    (:func:`gongkai.domain.consultation.feedback_deadline` on the platform's calendar)."""
    return rules.feedback_deadline(ends_on, body.consultation_feedback_days, load_calendar())


def _attach_draft(consultation: Consultation, draft: UploadedFile | None) -> None:
    if draft is None:
        return
    try:
        checked = check_draft(draft.name or "", draft.size or 0, draft)
    except DraftRejected as exc:
        raise ActionError.on_field("draft", str(exc)) from exc
    consultation.draft = draft
    consultation.draft_name = checked.name
    consultation.draft_size = checked.size
    consultation.draft_content_type = checked.content_type


def _check_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        raise ActionError.on_field("ends_on", _("征集截止日期不能早于开始日期。"))


def record_consultation(
    body: Body,
    *,
    acting_user: UserLike | None,
    title: str,
    starts_on: date,
    ends_on: date,
    reasons: str = "",
    channel: str = "",
    draft: UploadedFile | None = None,
) -> Consultation:
    """登记意见征集: the draft (checked like an attachment), 起草说明, the period, other
    channels; the feedback deadline follows from the period's end and the body's setting."""
    consultation = Consultation(
        body=body,
        title=title.strip(),
        reasons=reasons.strip(),
        channel=channel.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
    )
    require(acting_user, "change", consultation, _consultation_denied(body))
    if not consultation.title:
        raise ActionError.on_field("title", _("请填写标题。"))
    _check_period(starts_on, ends_on)
    consultation.feedback_due_on = feedback_due(body, ends_on)
    _attach_draft(consultation, draft)
    return create(
        consultation,
        "engagement.consultation_record",
        acting_user=acting_user,
        denied=_consultation_denied(body),
        clean_exclude=["draft"],
        constraint_fields={str(_("征集截止日期不能早于开始日期。")): "ends_on"},
    )


def update_consultation(
    consultation: Consultation,
    *,
    acting_user: UserLike | None,
    expected_version: int | None = None,
    draft: UploadedFile | None = None,
    **fields: Any,
) -> Consultation:
    """Correct a consultation (and replace its draft) until its feedback is published; a new
    end moves the feedback deadline."""
    unknown = set(fields) - set(CONSULTATION_FIELDS)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    with locked(
        consultation,
        "engagement.consultation_update",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_consultation_denied(consultation.body),
    ) as step:
        fresh = step.obj
        if fresh.feedback_published_on is not None:
            raise TransitionError(_("意见采纳情况已公布，不能再修改这次意见征集。"))
        for name, value in fields.items():
            setattr(fresh, name, value.strip() if isinstance(value, str) else value)
        if not fresh.title:
            raise ActionError.on_field("title", _("请填写标题。"))
        _check_period(fresh.starts_on, fresh.ends_on)
        fresh.feedback_due_on = feedback_due(fresh.body, fresh.ends_on)
        _attach_draft(fresh, draft)
    return step.obj


def submit_comment(
    consultation: Consultation,
    *,
    contact: str,
    text: str,
    name: str = "",
    client_address: str = "",
    now: datetime | None = None,
) -> Comment:
    """A citizen's comment from the public page (no account; the system records it): taken
    only while the period runs, the contact a phone number or an e-mail address."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not consultation.accepts_comments(today):
        raise TransitionError(
            _("本次意见征集的时间为 %(start)s 至 %(end)s，现在不能提交意见。")
            % {"start": consultation.starts_on.isoformat(), "end": consultation.ends_on.isoformat()}
        )
    contact, text = contact.strip(), text.strip()
    if not rules.contact_is_valid(contact):
        raise ActionError.on_field("contact", _("请填写有效的手机号码、固定电话或电子邮箱。"))
    if not text:
        raise ActionError.on_field("text", _("请填写意见内容。"))
    if len(text) > COMMENT_MAX:
        raise ActionError.on_field("text", _("意见内容不能超过 %(n)d 个字。") % {"n": COMMENT_MAX})
    comment = Comment(
        consultation=consultation,
        name=name.strip()[:100],
        contact=contact,
        text=text,
        received_at=now,
        client_address=client_address[:64],
    )
    return create(comment, "engagement.comment_submit", acting_user=None)


def decide_comment(
    comment: Comment,
    *,
    decision: str,
    reason: str = "",
    acting_user: UserLike | None,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Comment:
    """采纳 / 部分采纳 / 不予采纳 a comment with the reason (required unless adopted); possible
    until the consultation's feedback is published. ``now``: when it was decided (the demo
    records past years)."""
    if decision not in (Decision.ADOPTED, Decision.PARTLY, Decision.NOT_ADOPTED):
        raise ActionError.on_field("decision", _("请选择采纳、部分采纳或不予采纳。"))
    reason = reason.strip()
    if decision != Decision.ADOPTED and not reason:
        raise ActionError.on_field("reason", _("部分采纳或不予采纳的意见，请填写理由。"))
    with locked(
        comment,
        "engagement.comment_decide",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_consultation_denied(comment.consultation.body),
    ) as step:
        fresh = step.obj
        # The consultation's row too: a publication running at the same moment waits for this
        # decision (or this one sees the publication and is refused).
        parent = Consultation.objects.select_for_update().get(pk=fresh.consultation_id)
        if parent.feedback_published_on is not None:
            raise TransitionError(_("意见采纳情况已公布，不能再修改处理结果。"))
        fresh.decision = decision
        fresh.reason = reason
        fresh.decided_at = now or timezone.now()
    return step.obj


def decision_counts(consultation: Consultation) -> rules.DecisionCounts:
    """The consultation's comments by decision (one query)."""
    return rules.count_decisions(
        consultation.comments.order_by().values_list("decision", flat=True)
    )


def generated_feedback(consultation: Consultation) -> str:
    """The feedback sentence generated from the comments' decisions and reasons
    (:func:`gongkai.domain.consultation.feedback_summary`)."""
    comments = list(consultation.comments.order_by("received_at", "pk"))
    counts = rules.count_decisions(c.decision for c in comments)
    return rules.feedback_summary(counts, ((c.decision, c.reason) for c in comments))


def save_feedback(
    consultation: Consultation,
    *,
    feedback: str,
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Consultation:
    """Save the feedback text (staff edit the generated sentence) before it is published."""
    with locked(
        consultation,
        "engagement.consultation_feedback",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_consultation_denied(consultation.body),
    ) as step:
        if step.obj.feedback_published_on is not None:
            raise TransitionError(_("意见采纳情况已公布，不能再修改。"))
        step.obj.feedback = feedback.strip()
    return step.obj


def publish_feedback(
    consultation: Consultation,
    *,
    published_on: date,
    feedback: str = "",
    acting_user: UserLike | None,
    expected_version: int | None = None,
) -> Consultation:
    """公布意见采纳情况: once the period has ended and every comment is decided; the text is
    ``feedback`` (or the saved one, or the generated sentence)."""
    with locked(
        consultation,
        "engagement.consultation_publish",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_consultation_denied(consultation.body),
    ) as step:
        fresh = step.obj
        if fresh.feedback_published_on is not None:
            raise TransitionError(
                _("意见采纳情况已于 %(date)s 公布。")
                % {"date": fresh.feedback_published_on.isoformat()}
            )
        if not rules.feedback_may_be_published(fresh.ends_on, published_on):
            raise ActionError.on_field(
                "published_on",
                _("征集截止（%(end)s）之后才能公布意见采纳情况。")
                % {"end": fresh.ends_on.isoformat()},
            )
        if published_on > timezone.localdate():
            raise ActionError.on_field("published_on", _("公布日期不能晚于今天。"))
        counts = decision_counts(fresh)
        if not counts.all_decided:
            raise TransitionError(
                _("还有 %(n)d 条意见未处理，请全部处理后再公布。") % {"n": counts.pending}
            )
        text = feedback.strip() or fresh.feedback or generated_feedback(fresh)
        fresh.feedback = text
        fresh.feedback_published_on = published_on
        step.data["counts"] = {
            "total": counts.total,
            "adopted": counts.adopted,
            "partly": counts.partly,
            "not_adopted": counts.not_adopted,
        }
    return step.obj
