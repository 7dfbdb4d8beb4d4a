"""The generic view checks (``view_cases.py``) for the public 政府信息公开专栏, its feeds and
the sitemap."""

from __future__ import annotations

from typing import Any

import pytest
from view_cases import PUBLIC, Page, ViewTestCases, World

pytestmark = pytest.mark.django_db


def _body(world: World) -> dict[str, Any]:
    return {"body": world.dept_a.pk}


class TestColumnPages(ViewTestCases):
    pages = (
        Page("column:index", PUBLIC),
        Page("column:body", PUBLIC, _body),
        Page("column:guide", PUBLIC, _body),
        Page("column:feed", PUBLIC, _body),
        Page("column:jurisdiction_feed", PUBLIC, lambda w: {"body": w.county.pk}),
        Page("sitemap", PUBLIC),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        return world_base
