"""The generic view checks for the pages of 会议公开 and 公示栏与广播."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openness_world import catalog_item, tiny_png
from view_cases import DETAIL, DOWNLOAD, LIST, WRITE, Page, ViewTestCases, World

from gongkai.apps.meetings.actions import record_meeting
from gongkai.apps.notices.actions import add_photos, record_notice

pytestmark = pytest.mark.django_db

TODAY = ViewTestCases.today
HELD = TODAY - timedelta(days=10)


def _pk(name: str) -> Any:
    return lambda w: {"pk": w.objs[name].pk}


def _new_meeting(world: World) -> dict[str, Any]:
    return {
        "body": world.dept_a.pk,
        "kind": "executive",
        "held_on": HELD.isoformat(),
        "title": "新登记的常务会议",
    }


def _edit_meeting(world: World) -> dict[str, Any]:
    return {
        "version": world.objs["meeting"].version,
        "kind": "party_committee",
        "held_on": HELD.isoformat(),
        "title": "更正后的会议名称",
        "attended": "on",
        "attendees": "村民代表 3 人",
    }


def _link_minutes(world: World) -> dict[str, Any]:
    return {"version": world.objs["meeting"].version, "minutes_item": world.objs["item"].pk}


def _new_notice(world: World) -> dict[str, Any]:
    return {
        "body": world.dept_a.pk,
        "channel": "board",
        "title": "新登记的公示",
        "place_kind": "village",
        "place_name": "一村",
        "posted_on": HELD.isoformat(),
    }


def _edit_notice(world: World) -> dict[str, Any]:
    return {
        "version": world.objs["notice"].version,
        "channel": "radio",
        "title": "更正后的广播",
        "place_kind": "body",
        "place_name": "",
        "posted_on": HELD.isoformat(),
    }


def _link_item(world: World) -> dict[str, Any]:
    return {"version": world.objs["notice"].version, "item": world.objs["item"].pk}


def _photos(world: World) -> dict[str, Any]:
    return {
        "version": world.objs["notice"].version,
        "photos": [SimpleUploadedFile("现场.png", tiny_png(7))],
    }


class TestOpennessPages(ViewTestCases):
    pages = (
        Page("meetings:list", LIST, marker=lambda w: w.objs["meeting"].title),
        Page("meetings:new", WRITE, post=_new_meeting, audit="meetings.record"),
        Page("meetings:detail", DETAIL, _pk("meeting")),
        Page("meetings:edit", WRITE, _pk("meeting"), post=_edit_meeting, audit="meetings.update"),
        Page(
            "meetings:link",
            WRITE,
            _pk("meeting"),
            post=_link_minutes,
            audit="meetings.link_minutes",
        ),
        Page("notices:list", LIST, marker=lambda w: w.objs["notice"].title),
        Page("notices:new", WRITE, post=_new_notice, audit="notices.record"),
        Page("notices:detail", DETAIL, _pk("notice")),
        Page("notices:edit", WRITE, _pk("notice"), post=_edit_notice, audit="notices.update"),
        Page("notices:link", WRITE, _pk("notice"), post=_link_item, audit="notices.link_item"),
        Page("notices:photos", WRITE, _pk("notice"), post=_photos, audit="notices.photos"),
        Page("notices:photo", DOWNLOAD, _pk("photo")),
    )

    @pytest.fixture
    def world(self, world_base: World, settings: Any, tmp_path: Path) -> World:
        settings.GONGKAI_VAR_DIR = tmp_path
        clerk, body = world_base.clerk_a, world_base.dept_a
        objs = world_base.objs
        objs["meeting"] = record_meeting(
            body, acting_user=clerk, kind="party_committee", held_on=HELD, title="列表标记会议"
        )
        objs["item"] = catalog_item(body, "会议纪要与公示", TODAY, made_on=HELD)
        objs["notice"] = record_notice(
            body,
            acting_user=clerk,
            channel="board",
            title="列表标记公示",
            posted_on=HELD,
            place_kind="village",
            place_name="一村",
        )
        add_photos(objs["notice"], [SimpleUploadedFile("a.png", tiny_png())], acting_user=clerk)
        objs["notice"].refresh_from_db()
        objs["photo"] = objs["notice"].photos.get()
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            record_meeting(
                world.dept_a,
                acting_user=world.clerk_a,
                kind="special",
                held_on=HELD - timedelta(days=i),
                title=f"行{i}",
            )
            record_notice(
                world.dept_a,
                acting_user=world.clerk_a,
                channel="radio",
                title=f"行{i}",
                posted_on=HELD - timedelta(days=i),
            )
