"""The county's 2024 assessment of the demo: its computed indicators equal an independent count
over the demo records, a changed record changes the score, loading again changes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from test_assessment import _assert_matches, _by_key, _independent

from gongkai.kernel.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_demo_assessment_is_counted_from_the_demo_records() -> None:
    from gongkai.apps.applications.models import Application
    from gongkai.apps.assessment.models import Assessment, Score
    from gongkai.apps.assessment.services import sheet_of, sheets
    from gongkai.apps.orgs.models import Body
    from gongkai.demo.assessment import DEMO_YEAR, load_assessment_demo
    from gongkai.demo.bodies import COUNTY
    from gongkai.demo.loader import load_demo

    load_demo()
    county = Body.objects.get(name=COUNTY)
    assessment = Assessment.objects.get(body=county, year=DEMO_YEAR)
    assert assessment.is_published
    bodies = list(assessment.assessed_bodies())
    assert len(bodies) >= 5 and county not in bodies
    assert Score.objects.filter(assessment=assessment).count() == 2 * len(bodies)
    ranked = sheets(assessment)
    assert {s.body.pk for s in ranked} == {b.pk for b in bodies}
    measured: list[Any] = []
    for found in ranked:
        expected = _independent(found.body, DEMO_YEAR)
        _assert_matches(_by_key(found), expected)
        measured.append(expected)
    # the demo gives the indicators something to measure
    assert sum(e["replied"] for e in measured) > 0
    assert sum(e["normative"] for e in measured) > 0
    assert any(e["submitted"] for e in measured) and not all(e["submitted"] for e in measured)

    # loading again writes nothing
    entries, scores = AuditEntry.objects.count(), Score.objects.count()
    load_assessment_demo()
    assert (AuditEntry.objects.count(), Score.objects.count()) == (entries, scores)

    # one application replied late lowers the on-time rate and the total of its body
    target = next(s for s in ranked if _by_key(s)["on_time_reply"].facts.done > 0)
    before = _by_key(target)["on_time_reply"].facts
    on_time = (
        Application.objects.filter(
            body=target.body,
            replied_on__year=DEMO_YEAR,
            due_on__gte=date(DEMO_YEAR, 1, 1),
            due_on__lt=date(DEMO_YEAR, 12, 31),
        )
        .exclude(pk__in=Application.objects.replied_late().values("pk"))
        .first()
    )
    assert on_time is not None
    Application.objects.filter(pk=on_time.pk).update(replied_on=on_time.due_on + timedelta(days=1))
    after = sheet_of(assessment, target.body)
    facts = _by_key(after)["on_time_reply"].facts
    assert (facts.done, facts.total) == (before.done - 1, before.total)
    assert _by_key(after)["on_time_reply"].points < _by_key(target)["on_time_reply"].points
    assert after.total < target.total
