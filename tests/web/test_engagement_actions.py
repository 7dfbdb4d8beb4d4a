"""The engagement actions: permission, state, validation with Chinese messages, history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.apps.engagement.actions import (
    edit_token,
    publish_reply,
    record_message,
    record_proposal,
    record_reply,
    update_item,
)
from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
)

pytestmark = pytest.mark.django_db


def _message(user: Any, body: Any) -> MailboxMessage:
    return record_message(
        user, body, mailbox="县长信箱", received_on=date(2026, 3, 2), subject="路面破损"
    )


def test_reply_and_publish_once(clerk_a: Any, dept_a: Any) -> None:
    message = _message(clerk_a, dept_a)
    message = record_reply(clerk_a, message, date(2026, 3, 2), "已修复")
    with pytest.raises(TransitionError, match="已于 2026-03-02 登记答复"):
        record_reply(clerk_a, message, date(2026, 3, 3), "再次答复")
    message = publish_reply(clerk_a, message, date(2026, 3, 2))
    with pytest.raises(TransitionError, match="答复已于 2026-03-02 公开"):
        publish_reply(clerk_a, message, date(2026, 3, 5))
    assert [h.history_user for h in message.history.all()] == [clerk_a] * 3


def test_validation_names_the_field(clerk_a: Any, dept_a: Any) -> None:
    proposal = record_proposal(
        clerk_a, dept_a, kind="npc_suggestion", title="建议", assigned_on=date(2026, 4, 1)
    )
    with pytest.raises(ActionError) as info:
        record_reply(clerk_a, proposal, date(2026, 3, 31))
    assert info.value.field_errors == {
        "replied_on": ["答复日期（2026-03-31）不能早于交办日期（2026-04-01）。"]
    }
    with pytest.raises(ActionError, match="类别"):
        record_proposal(clerk_a, dept_a, kind="motion", title="x", assigned_on=date(2026, 4, 1))
    with pytest.raises(ActionError) as info:
        record_message(clerk_a, dept_a, mailbox="", received_on=date(2026, 4, 1), subject="x")
    assert "mailbox" in info.value.field_errors
    assert Proposal.objects.count() == 1 and MailboxMessage.objects.count() == 0


def test_proposal_reply_requires_the_text(clerk_a: Any, dept_a: Any) -> None:
    proposal = record_proposal(
        clerk_a, dept_a, kind="cppcc_proposal", title="提案", assigned_on=date(2026, 4, 1)
    )
    for reply in ("", "   "):
        with pytest.raises(ActionError) as info:
            record_reply(clerk_a, proposal, date(2026, 5, 20), reply)
        assert info.value.field_errors == {"reply": ["请填写答复内容。"]}
    proposal.refresh_from_db()
    assert (proposal.replied_on, proposal.reply) == (None, "")
    proposal = record_reply(
        clerk_a, proposal, date(2026, 5, 20), "  关于提案的答复：已采纳。\n将于年内落实。  "
    )
    proposal.refresh_from_db()
    assert proposal.replied_on == date(2026, 5, 20)
    assert proposal.reply == "关于提案的答复：已采纳。\n将于年内落实。"
    assert proposal.history.latest().reply == proposal.reply
    with pytest.raises(TransitionError, match="已于 2026-05-20 登记答复"):
        record_reply(clerk_a, proposal, date(2026, 5, 21), "再次答复")


def test_permissions(
    clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any, reviewer_a: Any
) -> None:
    message = _message(clerk_a, dept_a)
    for user in (clerk_b, supervisor, AnonymousUser()):
        with pytest.raises(ActionPermissionError):
            _message(user, dept_a)
        with pytest.raises(ActionPermissionError):
            record_reply(user, message, date(2026, 3, 3), "x")
        with pytest.raises(ActionPermissionError):
            update_item(user, message, None, subject="x")
    assert list(MailboxMessage.objects.restrict(supervisor)) == [message]
    assert not MailboxMessage.objects.restrict(clerk_b).exists()
    assert not MailboxMessage.objects.restrict(supervisor, "change").exists()
    record_reply(reviewer_a, message, date(2026, 3, 3), "x")


def test_concurrent_edit_is_refused(clerk_a: Any, reviewer_a: Any, dept_a: Any) -> None:
    message = _message(clerk_a, dept_a)
    seen = edit_token(message)
    update_item(reviewer_a, message, seen, subject="路面破损（东街）")
    with pytest.raises(ConcurrentEditError, match="已被他人修改"):
        update_item(clerk_a, message, seen, subject="路面破损（西街）")
    with pytest.raises(ConcurrentEditError):
        record_reply(clerk_a, message, date(2026, 3, 3), "x", seen=seen)
    message.refresh_from_db()
    assert message.subject == "路面破损（东街）" and message.replied_on is None
    with pytest.raises(ValueError, match="not correctable"):
        update_item(clerk_a, message, None, replied_on=date(2026, 3, 3))
