"""The generic view checks for the 行政复议/行政诉讼 pages."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from view_cases import DETAIL, LIST, WRITE, Page, ViewTestCases, World

from gongkai.apps.cases.actions import record_case

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 30)
RECEIVED = date(2026, 9, 1)
FILED = date(2026, 9, 15)


def _case(world: World) -> dict[str, Any]:
    return {"pk": world.objs["case"].pk}


def _record(world: World) -> dict[str, Any]:
    return {
        "body": world.dept_a.pk,
        "number": "（2026）某行复字第 20 号",
        "kind": "reconsideration",
        "filed_on": FILED.isoformat(),
        "application": world.objs["app"].pk,
        "note": "",
    }


def _close(world: World) -> dict[str, Any]:
    return {"result": "corrected", "closed_on": TODAY.isoformat()}


class TestCasePages(ViewTestCases):
    pages = (
        Page("cases:list", LIST, marker=lambda w: w.objs["case"].number),
        Page("cases:new", WRITE, post=_record, audit="cases.record"),
        Page("cases:detail", DETAIL, _case),
        Page(
            "cases:action",
            WRITE,
            lambda w: {**_case(w), "op": "close"},
            post=_close,
            audit="cases.close",
        ),
    )

    today = TODAY

    @pytest.fixture
    def world(self, world_base: World, register: Any) -> World:
        world_base.objs["app"] = register(received_on=RECEIVED)
        world_base.objs["case"] = record_case(
            world_base.dept_a,
            number="（2026）某行复字第 10 号",
            kind="reconsideration",
            filed_on=FILED,
            application=world_base.objs["app"],
            acting_user=world_base.clerk_a,
        )
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        start = world.dept_a.review_cases.count()
        for i in range(start, start + n):
            record_case(
                world.dept_a,
                number=f"（2026）某行初字第 {i} 号",
                kind="litigation_direct" if i % 2 else "reconsideration",
                filed_on=FILED - timedelta(days=i),
                application=world.objs["app"] if i % 3 == 0 else None,
                acting_user=world.clerk_a,
            )
