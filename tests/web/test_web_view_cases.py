"""The generic view checks for the project's own pages: the home page, login, logout, the
适老化 switch and the password change."""

from __future__ import annotations

import pytest
from view_cases import PAGE, PUBLIC, Page, ViewTestCases, World

pytestmark = pytest.mark.django_db


class TestProjectPages(ViewTestCases):
    pages = (
        Page("home", PUBLIC),
        # /favicon.ico: a redirect to the static icon (its hashed URL).
        Page("favicon", PUBLIC, anonymous_status=302),
        Page("login", PUBLIC),
        # Logging out is a POST (a link could log anyone out): a GET is refused.
        Page("logout", PUBLIC, anonymous_status=405),
        # The 适老化 switch is a POST too (tested in test_display_mode.py).
        Page("display_mode", PUBLIC, anonymous_status=405),
        # One's own password (tested in test_hardening.py).
        Page("password_change", PAGE),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        return world_base
