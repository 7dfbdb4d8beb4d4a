"""The generic view checks for the 考核 pages. An assessment is the 上级's own write: the
checks' "another body sees nothing" and "the supervisor reads" hold as for any record (a
clerk of another body gets 404, the county's 上级 opens every page); the writes themselves are
the supervisor's and are tested in ``test_assessment.py``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from view_cases import DETAIL, DOWNLOAD, PAGE, Page, ViewTestCases, World

from gongkai.apps.assessment.actions import create_assessment, score_manual

pytestmark = pytest.mark.django_db


def _assessment(world: World) -> dict[str, Any]:
    return {"pk": world.objs["assessment"].pk}


def _manual(world: World) -> Any:
    return world.objs["assessment"].indicators.filter(kind="manual").first()


class TestAssessmentPages(ViewTestCases):
    pages = (
        Page("assessment:index", PAGE),
        Page("assessment:new", DETAIL, lambda w: {"body": w.county.pk}, actor="supervisor"),
        Page("assessment:detail", DETAIL, _assessment, actor="supervisor"),
        Page(
            "assessment:indicator_edit",
            DETAIL,
            lambda w: {"pk": w.objs["assessment"].indicators.first().pk},
            actor="supervisor",
        ),
        Page(
            "assessment:score",
            DETAIL,
            lambda w: {"pk": _manual(w).pk, "body": w.dept_a.pk},
            actor="supervisor",
        ),
        Page("assessment:publish", DETAIL, _assessment, actor="supervisor"),
        Page(
            "assessment:sheet",
            DETAIL,
            lambda w: {"pk": w.objs["assessment"].pk, "body": w.dept_a.pk},
            actor="supervisor",
        ),
        Page("assessment:export", DOWNLOAD, _assessment, actor="supervisor"),
        Page(
            "assessment:evidence",
            DOWNLOAD,
            lambda w: {"pk": w.objs["score"].pk},
            actor="supervisor",
        ),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        w = world_base
        w.objs["assessment"] = create_assessment(w.county, acting_user=w.supervisor, year=2025)
        w.objs["score"] = score_manual(
            _manual(w),
            w.dept_a,
            acting_user=w.supervisor,
            value=Decimal(10),
            evidence="检查记录。",
            evidence_file=SimpleUploadedFile("记录.txt", "检查记录".encode(), "text/plain"),
        )
        return w
