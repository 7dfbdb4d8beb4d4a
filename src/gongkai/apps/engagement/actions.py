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
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.engagement.choices import ProposalKind
from gongkai.apps.engagement.models import EngagementRecord, MailboxMessage, Proposal
from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import Step, create, locked, require
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError, TransitionError, validation_error

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "MESSAGE_FIELDS",
    "PROPOSAL_FIELDS",
    "publish_reply",
    "record_message",
    "record_proposal",
    "record_reply",
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
    found: dict[str, str] = {}
    for model in (MailboxMessage, Proposal):
        for constraint in model._meta.constraints:
            if constraint.name in targets:
                found[str(constraint.get_violation_error_message())] = targets[constraint.name]
    return found


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
