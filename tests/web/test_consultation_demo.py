"""The demo 意见征集: three consultations, loaded once (idempotent), with the facts the annual
report and the 考核 read."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from gongkai.apps.engagement.models import Comment, Consultation
from gongkai.apps.engagement.reporting import consultation_facts, consultation_feedback
from gongkai.apps.orgs.services import create_body
from gongkai.demo.bodies import COUNTY, DEPT_NATURAL_RESOURCES
from gongkai.demo.consultations import load_consultations_demo
from gongkai.domain.stats.openness import ConsultationSummary

pytestmark = pytest.mark.django_db


def test_demo_consultations(settings: Any, tmp_path: Any) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path
    county = create_body(COUNTY)
    dept = create_body(DEPT_NATURAL_RESOURCES, parent=county)
    today = date(2026, 6, 15)
    assert load_consultations_demo(today) == 3
    assert load_consultations_demo(today) == 0  # idempotent
    assert Consultation.objects.count() == 3 and Comment.objects.count() == 5
    assert consultation_facts(county, 2024) == ConsultationSummary(
        consultations=1, comments=3, adopted=1, partly_adopted=1, not_adopted=1,
        feedback_published=1,
    )  # fmt: skip
    assert consultation_feedback([county.pk, dept.pk], 2024) == {county.pk: (1, 1)}
    overdue = Consultation.objects.feedback_overdue(today)
    assert list(overdue.values_list("body", flat=True)) == [dept.pk]
    assert Consultation.objects.open_on(today).get().body == county
