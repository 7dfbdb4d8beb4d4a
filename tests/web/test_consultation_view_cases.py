"""The generic view checks for the 意见征集 pages (staff and public)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from view_cases import DETAIL, LIST, PUBLIC, WRITE, Page, ViewTestCases, World

from gongkai.apps.engagement.actions import decide_comment, record_consultation, submit_comment
from gongkai.apps.orgs.services import add_member

pytestmark = pytest.mark.django_db

TODAY = ViewTestCases.today


def _pk(name: str) -> Any:
    return lambda w: {"pk": w.objs[name].pk}


def _new(world: World) -> dict[str, Any]:
    return {
        "body": world.dept_a.pk,
        "title": "新登记的意见征集",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=20)).isoformat(),
        "reasons": "",
        "channel": "",
    }


def _edit(world: World) -> dict[str, Any]:
    c = world.objs["open"]
    return {
        "version": c.version,
        "title": "更正后的标题",
        "starts_on": c.starts_on.isoformat(),
        "ends_on": c.ends_on.isoformat(),
        "reasons": "说明",
        "channel": "",
    }


class TestConsultationPages(ViewTestCases):
    pages = (
        Page("engagement:consultation_list", LIST, marker=lambda w: w.objs["open"].title),
        Page(
            "engagement:consultation_new",
            WRITE,
            post=_new,
            audit="engagement.consultation_record",
        ),
        Page("engagement:consultation_detail", DETAIL, _pk("open")),
        Page(
            "engagement:consultation_edit",
            WRITE,
            _pk("open"),
            post=_edit,
            audit="engagement.consultation_update",
        ),
        Page(
            "engagement:consultation_feedback",
            WRITE,
            _pk("ended"),
            post=lambda w: {"version": w.objs["ended"].version, "feedback": "共收到意见1条。"},
            audit="engagement.consultation_feedback",
        ),
        Page(
            "engagement:consultation_publish",
            WRITE,
            _pk("decided"),
            post=lambda w: {
                "version": w.objs["decided"].version,
                "published_on": TODAY.isoformat(),
                "feedback": "共收到意见1条，采纳1条。",
            },
            audit="engagement.consultation_publish",
        ),
        Page(
            "engagement:comment_decide",
            WRITE,
            _pk("comment"),
            post=lambda w: {
                "version": w.objs["comment"].version,
                "decision": "partly",
                "reason": "部分内容已吸收",
            },
            audit="engagement.comment_decide",
        ),
        Page(
            "engagement:openness_settings",
            WRITE,
            lambda w: {"pk": w.dept_a.pk},
            post=lambda w: {"interpretation_days": 5, "consultation_feedback_days": 10},
            audit="orgs.openness_settings",
            actor="admin_a",
        ),
        Page("consult:index", PUBLIC),
        Page("consult:detail", PUBLIC, _pk("open")),
        Page("consult:draft", PUBLIC, _pk("open")),
    )

    @pytest.fixture
    def world(
        self, world_base: World, django_user_model: Any, settings: Any, tmp_path: Any
    ) -> World:
        settings.GONGKAI_VAR_DIR = tmp_path
        clerk, body = world_base.clerk_a, world_base.dept_a
        admin = django_user_model.objects.create_user("admin_a", password="admin_a-password-1")
        add_member(admin, body, "admin")
        world_base.admin_a = admin  # type: ignore[attr-defined]
        objs = world_base.objs
        objs["open"] = record_consultation(
            body,
            acting_user=clerk,
            title="列表标记征集",
            starts_on=TODAY - timedelta(days=3),
            ends_on=TODAY + timedelta(days=10),
            draft=SimpleUploadedFile("稿.pdf", b"%PDF-1.4 draft"),
        )
        objs["ended"] = record_consultation(
            body,
            acting_user=clerk,
            title="已结束的征集",
            starts_on=TODAY - timedelta(days=40),
            ends_on=TODAY - timedelta(days=10),
        )
        when = timezone.make_aware(
            datetime.combine(TODAY - timedelta(days=20), datetime.min.time())
        )
        comment = submit_comment(objs["ended"], contact="13912345678", text="意见", now=when)
        objs["comment"] = comment
        objs["decided"] = record_consultation(
            body,
            acting_user=clerk,
            title="意见已处理的征集",
            starts_on=TODAY - timedelta(days=40),
            ends_on=TODAY - timedelta(days=10),
        )
        decide_comment(
            submit_comment(objs["decided"], contact="a@example.cn", text="好", now=when),
            decision="adopted",
            acting_user=clerk,
        )
        objs["decided"].refresh_from_db()
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            c = record_consultation(
                world.dept_a,
                acting_user=world.clerk_a,
                title=f"行{i}",
                starts_on=TODAY - timedelta(days=i),
                ends_on=TODAY + timedelta(days=i),
            )
            submit_comment(c, contact="a@example.cn", text="x")
