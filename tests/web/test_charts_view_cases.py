"""The generic view checks for the chart pages: a body's year (its staff and its 上级 read it,
another body's clerk gets 404) and the subtree of a 上级 (the county's supervisor reads it;
the departments' clerks get 404), with each chart's workbook."""

from __future__ import annotations

from typing import Any

import pytest
from chart_records import add_chart_records
from view_cases import DETAIL, DOWNLOAD, PAGE, Page, ViewTestCases, World

pytestmark = pytest.mark.django_db

YEAR = 2024


def _body(world: World) -> dict[str, Any]:
    return {"pk": world.dept_a.pk}


def _body_year(world: World) -> dict[str, Any]:
    return {"pk": world.dept_a.pk, "year": YEAR}


def _county(world: World) -> dict[str, Any]:
    return {"pk": world.county.pk}


def _county_year(world: World) -> dict[str, Any]:
    return {"pk": world.county.pk, "year": YEAR}


class TestChartPages(ViewTestCases):
    pages = (
        Page("charts:index", PAGE),
        Page("charts:body", DETAIL, _body, query=f"year={YEAR}"),
        Page("charts:body_year", DETAIL, _body_year),
        Page("charts:body_download", DOWNLOAD, lambda w: {**_body_year(w), "key": "applications"}),
        Page("charts:body_download", DOWNLOAD, lambda w: {**_body_year(w), "key": "trend"}),
        # The subtree of the county: only its 上级 (the generic checks' clerk_b gets 404).
        Page("charts:subtree", DETAIL, _county, query=f"year={YEAR}", actor="supervisor"),
        Page("charts:subtree_year", DETAIL, _county_year, actor="supervisor"),
        Page(
            "charts:subtree_download",
            DOWNLOAD,
            lambda w: {**_county_year(w), "key": "bodies"},
            actor="supervisor",
        ),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        add_chart_records(world_base.dept_a, 1, 40)
        add_chart_records(world_base.dept_b, 2, 40)
        return world_base
