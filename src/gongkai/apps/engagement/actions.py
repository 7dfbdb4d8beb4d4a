"""Actions on mailbox messages and NPC suggestions / CPPCC proposals: record, correct, reply
(登记答复), publish the reply (公开答复).

Same contract as the application and case actions: policy check (``can_change`` of the body:
经办人/审核人/管理员, never 上级) → ``transaction.atomic(durable=True)`` with the row locked →
state check → validation (the model's constraints, with Chinese messages naming the field) →
save with the acting user on the history row. Corrections carry the ``updated_at`` the user saw
(optimistic locking without a version column): a form opened before someone else's change is
refused instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.apps.engagement.choices import ProposalKind
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.apps.orgs.models import Body
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
)
from gongkai.kernel.permissions import user_can

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "MESSAGE_FIELDS",
    "PROPOSAL_FIELDS",
    "Item",
    "edit_token",
    "publish_reply",
    "record_message",
    "record_proposal",
    "record_reply",
    "update_item",
]

Item = TypeVar("Item", bound=MailboxMessage | Proposal)

#: The fields a clerk registers and may correct (the reply and its publication have actions).
MESSAGE_FIELDS = ("mailbox", "received_on", "subject", "content")
PROPOSAL_FIELDS = ("kind", "number", "title", "proposer", "assigned_on")


def _user_or_none(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _require_change(user: UserLike, body: Body) -> None:
    if not user_can(user, "change", body):
        raise ActionPermissionError(
            _("您没有登记或修改“%(body)s”信箱来信和建议提案的权限。") % {"body": body.name}
        )


def edit_token(item: MailboxMessage | Proposal) -> str:
    """What the user saw of ``item`` (its last change), carried by every form of the item."""
    return item.updated_at.isoformat() if item.updated_at else ""


def _start_field(item: MailboxMessage | Proposal) -> str:
    return "received_on" if isinstance(item, MailboxMessage) else "assigned_on"


def _label(item: MailboxMessage | Proposal, field: str) -> str:
    return str(getattr(item._meta.get_field(field), "verbose_name", field))


def _validated(item: MailboxMessage | Proposal) -> None:
    """``full_clean`` (fields and the model's constraints) as an :class:`ActionError`.

    Django reports the constraints as non-field errors; they are put on the field they concern.
    """
    try:
        item.full_clean()
    except ValidationError as exc:
        fields = dict(exc.message_dict)
        general = fields.pop(NON_FIELD_ERRORS, [])
        for message in general:
            target = _constraint_fields().get(message, NON_FIELD_ERRORS)
            fields.setdefault(target, []).append(message)
        raise ActionError("；".join(m for ms in fields.values() for m in ms), fields) from exc


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


def _save(item: MailboxMessage | Proposal, user: UserLike) -> None:
    item._history_user = _user_or_none(user)  # type: ignore[union-attr]
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as exc:
        if not isinstance(item, Proposal):
            raise
        # A concurrent registration of the same 编号 passed full_clean at the same moment.
        message = _("本机关已有同类别、同编号的建议提案。")
        raise ActionError(message, {"number": [message]}) from exc


_New = TypeVar("_New", MailboxMessage, Proposal)


def _register(item: _New, user: UserLike) -> _New:
    """Save a new message or proposal once validated, in its own durable transaction."""
    _validated(item)
    with transaction.atomic(durable=True):
        _save(item, user)
    return item


@contextmanager
def _locked(item: Item, user: UserLike, seen: str | None) -> Iterator[Item]:
    """``item`` re-read and locked inside a durable transaction, checked for a concurrent
    change (``seen``: the :func:`edit_token` the user's form carried; None: not checked)."""
    _require_change(user, item.body)
    model = type(item)
    with transaction.atomic(durable=True):
        try:
            fresh = cast(
                Item, model.objects.select_for_update().select_related("body").get(pk=item.pk)
            )
        except model.DoesNotExist:
            raise ActionError(_("记录已不存在。")) from None
        if seen is not None and edit_token(fresh) != seen:
            raise ConcurrentEditError(
                _("“%(item)s”已被他人修改，请刷新页面后重新操作。") % {"item": fresh}
            )
        yield fresh
        _save(fresh, user)


def record_message(
    user: UserLike,
    body: Body,
    *,
    mailbox: str,
    received_on: date,
    subject: str,
    content: str = "",
) -> MailboxMessage:
    """Register a message to a leaders' mailbox forwarded to ``body``."""
    _require_change(user, body)
    message = MailboxMessage(
        body=body,
        mailbox=mailbox.strip(),
        received_on=received_on,
        subject=subject.strip(),
        content=content,
    )
    return _register(message, user)


def record_proposal(
    user: UserLike,
    body: Body,
    *,
    kind: str,
    title: str,
    assigned_on: date,
    number: str = "",
    proposer: str = "",
) -> Proposal:
    """Register an NPC suggestion or CPPCC proposal assigned to ``body`` (交办)."""
    _require_change(user, body)
    if kind not in ProposalKind.values:
        raise ActionError(_("建议提案类别不正确。"), {"kind": [_("请选择类别。")]})
    proposal = Proposal(
        body=body,
        kind=kind,
        number=number.strip(),
        title=title.strip(),
        proposer=proposer.strip(),
        assigned_on=assigned_on,
    )
    return _register(proposal, user)


def update_item(user: UserLike, item: Item, seen: str | None, **fields: Any) -> Item:
    """Correct the registered fields of a message or proposal (not its reply/publication)."""
    allowed = MESSAGE_FIELDS if isinstance(item, MailboxMessage) else PROPOSAL_FIELDS
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValueError(f"not correctable here: {sorted(unknown)}")
    with _locked(item, user, seen) as fresh:
        for name, value in fields.items():
            if isinstance(value, str) and name != "content":
                value = value.strip()
            setattr(fresh, name, value)
        start_field = _start_field(fresh)
        start: date = getattr(fresh, start_field)
        if fresh.replied_on is not None and start > fresh.replied_on:
            message = _("%(field)s（%(start)s）不能晚于已登记的答复日期（%(replied)s）。") % {
                "field": _label(fresh, start_field),
                "start": start.isoformat(),
                "replied": fresh.replied_on.isoformat(),
            }
            raise ActionError(message, {start_field: [message]})
        _validated(fresh)
    return fresh


def record_reply(
    user: UserLike, item: Item, replied_on: date, reply: str = "", *, seen: str | None = None
) -> Item:
    """登记答复: the date and the text of the reply (required for messages and proposals)."""
    with _locked(item, user, seen) as fresh:
        if fresh.replied_on is not None:
            raise TransitionError(
                _("已于 %(date)s 登记答复，不能再次登记。") % {"date": fresh.replied_on.isoformat()}
            )
        start_field = _start_field(fresh)
        start: date = getattr(fresh, start_field)
        if replied_on < start:
            message = _("答复日期（%(replied)s）不能早于%(start_label)s（%(start)s）。") % {
                "replied": replied_on.isoformat(),
                "start_label": _label(fresh, start_field),
                "start": start.isoformat(),
            }
            raise ActionError(message, {"replied_on": [message]})
        if not reply.strip():
            raise ActionError(_("请填写答复内容。"), {"reply": [_("请填写答复内容。")]})
        fresh.reply = reply.strip()
        fresh.replied_on = replied_on
        _validated(fresh)
    return fresh


def publish_reply(
    user: UserLike, item: Item, published_on: date, *, seen: str | None = None
) -> Item:
    """公开答复: the date the reply was made public (only a reply can be published)."""
    with _locked(item, user, seen) as fresh:
        if fresh.replied_on is None:
            raise TransitionError(_("尚未登记答复，不能公开答复。"))
        if fresh.published_on is not None:
            raise TransitionError(
                _("答复已于 %(date)s 公开。") % {"date": fresh.published_on.isoformat()}
            )
        if published_on < fresh.replied_on:
            message = _("公开日期（%(published)s）不能早于答复日期（%(replied)s）。") % {
                "published": published_on.isoformat(),
                "replied": fresh.replied_on.isoformat(),
            }
            raise ActionError(message, {"published_on": [message]})
        fresh.published_on = published_on
        _validated(fresh)
    return fresh
