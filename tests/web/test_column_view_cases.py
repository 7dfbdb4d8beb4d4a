"""The generic view checks (``view_cases.py``) for the public 政府信息公开专栏, its feeds and
the sitemap."""

from __future__ import annotations

from typing import Any

import pytest
from letters_world import make_admin
from view_cases import PUBLIC, WRITE, Page, ViewTestCases, World

pytestmark = pytest.mark.django_db


def _body(world: World) -> dict[str, Any]:
    return {"body": world.dept_a.pk}


class TestColumnPages(ViewTestCases):
    pages = (
        Page("column:index", PUBLIC),
        Page("column:body", PUBLIC, _body),
        Page("column:guide", PUBLIC, _body),
        Page("column:contents", PUBLIC, lambda w: {"body": w.county.pk}),
        Page("column:feed", PUBLIC, _body),
        Page("column:jurisdiction_feed", PUBLIC, lambda w: {"body": w.county.pk}),
        Page("sitemap", PUBLIC),
        Page("sitemap_section", PUBLIC, lambda w: {"section": "bodies"}),
        Page(
            "column:guide_action",
            WRITE,
            lambda w: {"pk": w.dept_a.pk, "op": "edit"},
            post=lambda w: {"guide_text": "一、受理机构\n本机关办公室受理。"},
            audit="reports.guide",
            actor="admin_a",
        ),
        Page(
            "column:guide_action",
            WRITE,
            lambda w: {"pk": w.dept_a.pk, "op": "reset"},
            post=lambda w: {},
            audit="reports.guide_reset",
            actor="admin_a",
        ),
        Page(
            "column:guide_action",
            WRITE,
            lambda w: {"pk": w.dept_a.pk, "op": "contacts"},
            post=lambda w: {"office_address": "某某县人民路8号", "office_postcode": "755100"},
            audit="reports.guide_contacts",
            actor="admin_a",
        ),
    )

    @pytest.fixture
    def world(self, world_base: World, django_user_model: Any) -> World:
        world_base.admin_a = make_admin(django_user_model, world_base.dept_a)  # type: ignore[attr-defined]
        world_base.dept_a.guide_text = "一、本机关修改的指南\n第一段。"
        world_base.dept_a.save()
        return world_base
