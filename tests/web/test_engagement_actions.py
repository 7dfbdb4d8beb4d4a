"""The engagement actions: permission, state, validation with Chinese messages, audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.apps.engagement.actions import (
    publish_reply,
    record_message,
    record_proposal,
    record_reply,
    update_item,
)
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
)

pytestmark = pytest.mark.django_db


def _message(user: Any, body: Any) -> MailboxMessage:
    return record_message(
        body, mailbox="县长信箱", received_on=date(2026, 3, 2), subject="路面破损", acting_user=user
    )


def test_reply_and_publish_once(clerk_a: Any, dept_a: Any) -> None:
    message = _message(clerk_a, dept_a)
    message = record_reply(message, date(2026, 3, 2), "已修复", acting_user=clerk_a)
    with pytest.raises(TransitionError, match="已于 2026-03-02 登记答复"):
        record_reply(message, date(2026, 3, 3), "再次答复", acting_user=clerk_a)
    message = publish_reply(message, date(2026, 3, 2), acting_user=clerk_a)
    with pytest.raises(TransitionError, match="答复已于 2026-03-02 公开"):
        publish_reply(message, date(2026, 3, 5), acting_user=clerk_a)
    assert [(e.action, e.user) for e in entries_for(message)] == [
        ("engagement.message_record", clerk_a),
        ("engagement.message_reply", clerk_a),
        ("engagement.message_publish", clerk_a),
    ]


def test_validation_names_the_field(clerk_a: Any, dept_a: Any) -> None:
    proposal = record_proposal(
        dept_a,
        kind="npc_suggestion",
        title="建议",
        assigned_on=date(2026, 4, 1),
        acting_user=clerk_a,
    )
    with pytest.raises(ActionError) as info:
        record_reply(proposal, date(2026, 3, 31), acting_user=clerk_a)
    assert info.value.field_errors == {
        "replied_on": ["答复日期（2026-03-31）不能早于交办日期（2026-04-01）。"]
    }
    with pytest.raises(ActionError, match="类别"):
        record_proposal(
            dept_a, kind="motion", title="x", assigned_on=date(2026, 4, 1), acting_user=clerk_a
        )
    with pytest.raises(ActionError) as info:
        record_message(
            dept_a, mailbox="", received_on=date(2026, 4, 1), subject="x", acting_user=clerk_a
        )
    assert "mailbox" in info.value.field_errors
    assert Proposal.objects.count() == 1 and MailboxMessage.objects.count() == 0


def test_proposal_reply_requires_the_text(clerk_a: Any, dept_a: Any) -> None:
    proposal = record_proposal(
        dept_a,
        kind="cppcc_proposal",
        title="提案",
        assigned_on=date(2026, 4, 1),
        acting_user=clerk_a,
    )
    for reply in ("", "   "):
        with pytest.raises(ActionError) as info:
            record_reply(proposal, date(2026, 5, 20), reply, acting_user=clerk_a)
        assert info.value.field_errors == {"reply": ["请填写答复内容。"]}
    proposal.refresh_from_db()
    assert (proposal.replied_on, proposal.reply) == (None, "")
    proposal = record_reply(
        proposal,
        date(2026, 5, 20),
        "  关于提案的答复：已采纳。\n将于年内落实。  ",
        acting_user=clerk_a,
    )
    proposal.refresh_from_db()
    assert proposal.replied_on == date(2026, 5, 20)
    assert proposal.reply == "关于提案的答复：已采纳。\n将于年内落实。"
    latest = entries_for(proposal).last()
    assert latest is not None and latest.action == "engagement.proposal_reply"
    assert ["reply", "—", proposal.reply] in latest.data["changes"]
    with pytest.raises(TransitionError, match="已于 2026-05-20 登记答复"):
        record_reply(proposal, date(2026, 5, 21), "再次答复", acting_user=clerk_a)


def test_permissions(
    clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any, reviewer_a: Any
) -> None:
    message = _message(clerk_a, dept_a)
    for user in (clerk_b, supervisor, AnonymousUser()):
        with pytest.raises(ActionPermissionError):
            _message(user, dept_a)
        with pytest.raises(ActionPermissionError):
            record_reply(message, date(2026, 3, 3), "x", acting_user=user)
        with pytest.raises(ActionPermissionError):
            update_item(message, acting_user=user, subject="x")
    assert list(MailboxMessage.objects.restrict(supervisor)) == [message]
    assert not MailboxMessage.objects.restrict(clerk_b).exists()
    assert not MailboxMessage.objects.restrict(supervisor, "change").exists()
    record_reply(message, date(2026, 3, 3), "x", acting_user=reviewer_a)


def test_concurrent_edit_is_refused(clerk_a: Any, reviewer_a: Any, dept_a: Any) -> None:
    message = _message(clerk_a, dept_a)
    seen = message.version
    update_item(message, acting_user=reviewer_a, expected_version=seen, subject="路面破损（东街）")
    with pytest.raises(ConcurrentEditError, match="已被他人修改"):
        update_item(message, acting_user=clerk_a, expected_version=seen, subject="路面破损（西街）")
    with pytest.raises(ConcurrentEditError):
        record_reply(message, date(2026, 3, 3), "x", acting_user=clerk_a, expected_version=seen)
    with pytest.raises(ConcurrentEditError):  # by default: the version of the record as loaded
        record_reply(message, date(2026, 3, 3), "x", acting_user=clerk_a)
    message.refresh_from_db()
    assert message.subject == "路面破损（东街）" and message.replied_on is None
    with pytest.raises(ValueError, match="not correctable"):
        update_item(message, acting_user=clerk_a, replied_on=date(2026, 3, 3))
