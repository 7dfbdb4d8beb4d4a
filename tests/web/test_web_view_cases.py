"""The generic view checks for the project's own pages: the home page, login and logout."""

from __future__ import annotations

import pytest
from view_cases import PUBLIC, Page, ViewTestCases, World

pytestmark = pytest.mark.django_db


class TestProjectPages(ViewTestCases):
    pages = (
        Page("home", PUBLIC),
        Page("login", PUBLIC),
        # Logging out is a POST (a link could log anyone out): a GET is refused.
        Page("logout", PUBLIC, anonymous_status=405),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        return world_base
