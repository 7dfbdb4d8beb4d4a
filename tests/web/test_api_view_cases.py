"""The generic view checks for the API token pages of a body (its 管理员 creates and revokes)."""

from __future__ import annotations

from typing import Any

import pytest
from letters_world import make_admin
from view_cases import DETAIL, WRITE, Page, ViewTestCases, World

from gongkai.apps.api.actions import create_token

pytestmark = pytest.mark.django_db


class TestApiTokenPages(ViewTestCases):
    pages = (
        Page("api_tokens:body", DETAIL, lambda w: {"pk": w.dept_a.pk}),
        Page(
            "api_tokens:create",
            WRITE,
            lambda w: {"pk": w.dept_a.pk, "op": "create"},
            post=lambda w: {"name": "公文系统"},
            audit="api.create_token",
            actor="admin_a",
            success_status=200,
        ),
        Page(
            "api_tokens:revoke",
            WRITE,
            lambda w: {"pk": w.objs["token"].pk, "op": "revoke"},
            post=lambda w: {},
            audit="api.revoke_token",
            actor="admin_a",
        ),
    )

    @pytest.fixture
    def world(self, world_base: World, django_user_model: Any) -> World:
        admin = make_admin(django_user_model, world_base.dept_a)
        world_base.admin_a = admin  # type: ignore[attr-defined]
        world_base.objs["token"], _ = create_token(
            world_base.dept_a, name="公文系统", acting_user=admin
        )
        return world_base
