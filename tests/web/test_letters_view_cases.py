"""The generic view checks for the letters pages (a case's letters, a body's templates)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from letters_world import make_admin, replied_case, set_up_body
from view_cases import DETAIL, DOWNLOAD, PAGE, WRITE, Page, ViewTestCases, World

from gongkai.apps.letters.actions import generate_letter
from gongkai.apps.letters.models import LetterPdf

pytestmark = pytest.mark.django_db


def _body(world: World) -> dict[str, Any]:
    return {"pk": world.dept_a.pk}


def _settings(world: World) -> dict[str, Any]:
    return {
        "letter_number_prefix": "某教信公",
        "reconsideration_body": "某某县人民政府",
        "court": "某某县人民法院",
    }


class TestLetterPages(ViewTestCases):
    pages = (
        Page("letters:index", PAGE),
        Page("letters:body", DETAIL, _body),
        Page(
            "letters:template",
            DOWNLOAD,
            lambda w: {**_body(w), "kind": "reply", "which": "default"},
        ),
        Page(
            "letters:body_action",
            WRITE,
            lambda w: {**_body(w), "op": "settings"},
            post=_settings,
            audit="letters.settings",
            actor="admin_a",
        ),
        Page(
            "letters:generate",
            WRITE,
            lambda w: {"pk": w.objs["app"].pk, "op": "reply"},
            post=lambda w: {"version": w.objs["app"].version},
            audit="letters.generate",
        ),
        Page("letters:download", DOWNLOAD, lambda w: {"pk": w.objs["letter"].pk}),
        # The letter's PDF (stored in the world: its conversion is tested in test_letter_pdf).
        Page("letters:download", DOWNLOAD, lambda w: {"pk": w.objs["letter"].pk}, query="fmt=pdf"),
    )

    today = date(2026, 10, 15)

    @pytest.fixture
    def world(self, world_base: World, register: Any, django_user_model: Any) -> World:
        set_up_body(world_base.dept_a)
        world_base.admin_a = make_admin(django_user_model, world_base.dept_a)  # type: ignore[attr-defined]
        app = replied_case(register, world_base.clerk_a)
        world_base.objs["app"] = app
        letter = generate_letter(app, "reply", acting_user=world_base.clerk_a)
        LetterPdf.objects.create(letter=letter, data=b"%PDF-1.7 stored")
        world_base.objs["letter"] = letter
        return world_base
