"""The generic view checks for the pages of 信箱来信 and 人大代表建议/政协提案."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from view_cases import DETAIL, LIST, WRITE, Page, ViewTestCases, World

from gongkai.apps.engagement.actions import record_message, record_proposal, record_reply

pytestmark = pytest.mark.django_db

TODAY = ViewTestCases.today
RECEIVED = TODAY - timedelta(days=10)
REPLIED = TODAY - timedelta(days=5)


def _pk(name: str) -> Any:
    return lambda w: {"pk": w.objs[name].pk}


def _new_message(world: World) -> dict[str, Any]:
    return {
        "body": world.dept_a.pk,
        "mailbox": "局长信箱",
        "received_on": RECEIVED.isoformat(),
        "subject": "新登记的来信",
    }


def _edit_message(world: World) -> dict[str, Any]:
    message = world.objs["message"]
    return {
        "version": message.version,
        "mailbox": message.mailbox,
        "received_on": RECEIVED.isoformat(),
        "subject": "更正后的主题",
        "content": "",
    }


def _new_proposal(world: World) -> dict[str, Any]:
    return {
        "body": world.dept_a.pk,
        "kind": "cppcc_proposal",
        "number": "第 9 号",
        "title": "新登记的提案",
        "assigned_on": RECEIVED.isoformat(),
    }


def _edit_proposal(world: World) -> dict[str, Any]:
    proposal = world.objs["proposal"]
    return {
        "version": proposal.version,
        "kind": proposal.kind,
        "number": proposal.number,
        "title": "更正后的标题",
        "proposer": "",
        "assigned_on": RECEIVED.isoformat(),
    }


def _reply(name: str) -> Any:
    return lambda w: {
        "version": w.objs[name].version,
        "replied_on": REPLIED.isoformat(),
        "reply": "答复如下。",
    }


def _publish(name: str) -> Any:
    return lambda w: {"version": w.objs[name].version, "published_on": TODAY.isoformat()}


def _register_pages(
    prefix: str, audit: str, obj: str, marker: str, new: Any, edit: Any
) -> tuple[Page, ...]:
    """The pages of one register: ``engagement:<prefix>_…`` writing ``<audit>_…`` entries on
    the world's ``obj`` (waiting for its reply) and ``replied_<obj>`` (for its publication)."""
    replied = f"replied_{obj}"
    return (
        Page(f"engagement:{prefix}_list", LIST, marker=lambda w: getattr(w.objs[obj], marker)),
        Page(f"engagement:{prefix}_new", WRITE, post=new, audit=f"{audit}_record"),
        Page(f"engagement:{prefix}_detail", DETAIL, _pk(obj)),
        Page(f"engagement:{prefix}_edit", WRITE, _pk(obj), post=edit, audit=f"{audit}_update"),
        Page(
            f"engagement:{prefix}_reply",
            WRITE,
            _pk(obj),
            post=_reply(obj),
            audit=f"{audit}_reply",
        ),
        Page(
            f"engagement:{prefix}_publish",
            WRITE,
            _pk(replied),
            post=_publish(replied),
            audit=f"{audit}_publish",
        ),
    )


class TestEngagementPages(ViewTestCases):
    pages = (
        Page("engagement:index", LIST, marker=lambda w: w.objs["message"].subject),
        *_register_pages(
            "mailbox", "engagement.message", "message", "subject", _new_message, _edit_message
        ),
        *_register_pages(
            "proposal", "engagement.proposal", "proposal", "title", _new_proposal, _edit_proposal
        ),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        clerk, body = world_base.clerk_a, world_base.dept_a
        objs = world_base.objs
        objs["message"] = record_message(
            body,
            acting_user=clerk,
            mailbox="县长信箱",
            received_on=RECEIVED,
            subject="列表标记来信",
        )
        objs["replied_message"] = record_reply(
            record_message(
                body, acting_user=clerk, mailbox="县长信箱", received_on=RECEIVED, subject="已答复"
            ),
            REPLIED,
            "已处理。",
            acting_user=clerk,
        )
        objs["proposal"] = record_proposal(
            body,
            acting_user=clerk,
            kind="npc_suggestion",
            number="第 1 号",
            title="列表标记建议",
            assigned_on=RECEIVED,
        )
        objs["replied_proposal"] = record_reply(
            record_proposal(
                body, acting_user=clerk, kind="npc_suggestion", title="已答复", assigned_on=RECEIVED
            ),
            REPLIED,
            "已采纳。",
            acting_user=clerk,
        )
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            record_message(
                world.dept_a,
                acting_user=world.clerk_a,
                mailbox=f"信箱{i % 2}",
                received_on=RECEIVED - timedelta(days=i),
                subject=f"行{i}",
            )
            record_proposal(
                world.dept_a,
                acting_user=world.clerk_a,
                kind="cppcc_proposal",
                title=f"行{i}",
                assigned_on=RECEIVED - timedelta(days=i),
            )
