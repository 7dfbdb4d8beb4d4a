"""The generic view checks (``view_cases.py``) for the 政策解读 pages of the catalog."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from view_cases import DETAIL, LIST, WRITE, Page, ViewTestCases, World

from gongkai.apps.catalog.actions import (
    create_interpretation,
    create_item,
    publish_interpretation,
    publish_item,
    review_secrecy,
)

pytestmark = pytest.mark.django_db

CODE_A = "11640521MB1234567X"
PUBLISHED = date(2026, 6, 1)


def _interp(world: World) -> dict[str, Any]:
    return {"pk": world.objs["draft"].pk}


def _fields(**values: Any) -> dict[str, Any]:
    return {"kind": "text", "title": "新登记的解读", "text": "问与答", "url": "", **values}


def _document(world: World, title: str) -> Any:
    item = create_item(
        world.dept_a, title=title, category="normative", made_on=PUBLISHED, acting_user=None
    )
    item = review_secrecy(item, "approved", PUBLISHED, acting_user=None)
    return publish_item(item, PUBLISHED, ["政府网站"], acting_user=None)


class TestInterpretationPages(ViewTestCases):
    pages = (
        Page("catalog:interpretations", LIST, marker=lambda w: w.objs["draft"].title),
        Page(
            "catalog:interpretations_missing",
            LIST,
            marker=lambda w: w.objs["lonely"].title,
        ),
        Page(
            "catalog:new_interpretation",
            WRITE,
            lambda w: {"item": w.objs["document"].pk},
            post=lambda w: _fields(),
            audit="catalog.interpretation_create",
        ),
        Page("catalog:interpretation", DETAIL, _interp),
        Page(
            "catalog:edit_interpretation",
            WRITE,
            _interp,
            post=lambda w: _fields(title="改过的解读", version=w.objs["draft"].version),
            audit="catalog.interpretation_update",
        ),
        Page(
            "catalog:interpretation_action",
            WRITE,
            lambda w: {**_interp(w), "op": "publish"},
            post=lambda w: {"published_on": "2026-06-02", "version": w.objs["draft"].version},
            audit="catalog.interpretation_publish",
        ),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        world = world_base
        world.dept_a.credit_code = CODE_A
        world.dept_a.save()
        document = _document(world, "有解读的规范性文件")
        world.objs["document"] = document
        world.objs["lonely"] = _document(world, "列表标记：没有解读的规范性文件")
        world.objs["draft"] = create_interpretation(
            document, title="列表标记：解读草稿", text="问答", acting_user=world.clerk_a
        )
        published = create_interpretation(
            document, kind="video", title="视频解读", url="https://v.example.cn/1", acting_user=None
        )
        publish_interpretation(published, PUBLISHED, acting_user=None)
        return world

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            item = _document(world, f"另一件{i}")
            create_interpretation(item, title=f"另一条解读{i}", text="问答", acting_user=None)
