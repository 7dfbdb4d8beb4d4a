"""Reconsideration and litigation cases: recording, closing, restriction, audit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from gongkai.apps.cases.actions import close_case, record_case
from gongkai.apps.cases.choices import CaseKindChoice, CaseResultChoice
from gongkai.apps.cases.models import ReviewCase
from gongkai.domain.applications.counting import CaseKind, CaseResult
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import ActionError, ActionPermissionError, TransitionError

pytestmark = pytest.mark.django_db


def _record(
    body: Any,
    user: Any,
    number: str,
    filed_on: date,
    kind: str = "litigation_direct",
    **fields: Any,
) -> ReviewCase:
    return record_case(
        body, number=number, kind=kind, filed_on=filed_on, acting_user=user, **fields
    )


def test_choices_match_the_domain() -> None:
    assert {(c.value, c.label) for c in CaseKindChoice} == {(k.value, k.label) for k in CaseKind}
    assert {(c.value, c.label) for c in CaseResultChoice} == {
        (r.value, r.label) for r in CaseResult
    }


def test_record_and_close_a_case(register: Any, clerk_a: Any, dept_a: Any) -> None:
    app = register()
    case = _record(
        dept_a, clerk_a, "复议〔2026〕1号", date(2026, 11, 20), "reconsideration", application=app
    )
    assert case.is_pending and list(app.review_cases.all()) == [case]
    case = close_case(case, "corrected", date(2026, 12, 20), acting_user=clerk_a)
    assert (case.result, case.closed_on) == ("corrected", date(2026, 12, 20))
    entries = list(entries_for(case))
    assert [(e.action, e.user) for e in entries] == [
        ("cases.record", clerk_a),
        ("cases.close", clerk_a),
    ]
    assert entries[1].data["changes"] == [
        ["result", "—", "纠正"],
        ["closed_on", "—", "2026-12-20"],
    ]
    with pytest.raises(TransitionError, match="已经审结"):
        close_case(case, "upheld", date(2026, 12, 21), acting_user=clerk_a)
    assert entries_for(case).count() == 2


def test_case_validation(
    register: Any, clerk_a: Any, dept_a: Any, dept_b: Any, clerk_b: Any
) -> None:
    app = register()
    with pytest.raises(ActionError, match="不属于本机关"):
        _record(dept_b, clerk_b, "1", date(2026, 11, 1), "reconsideration", application=app)
    with pytest.raises(ActionError, match="案件类型"):
        _record(dept_a, clerk_a, "1", date(2026, 11, 1), "appeal")
    case = _record(dept_a, clerk_a, "1", date(2026, 11, 1))
    with pytest.raises(ActionError, match="已有相同案件编号") as taken:
        _record(dept_a, clerk_a, "1", date(2026, 11, 2))
    assert "number" in taken.value.field_errors
    with pytest.raises(ActionError, match="早于立案日期"):
        close_case(case, "upheld", date(2026, 10, 1), acting_user=clerk_a)
    with pytest.raises(ActionError, match="维持、纠正或其他"):
        close_case(case, "won", date(2026, 12, 1), acting_user=clerk_a)


def test_cases_are_restricted(clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any) -> None:
    case = _record(dept_a, clerk_a, "诉1", date(2026, 3, 1))
    assert list(ReviewCase.objects.restrict(clerk_a)) == [case]
    assert not ReviewCase.objects.restrict(clerk_b).exists()
    assert list(ReviewCase.objects.restrict(supervisor)) == [case]
    assert not ReviewCase.objects.restrict(AnonymousUser()).exists()
    for user in (clerk_b, supervisor):
        with pytest.raises(ActionPermissionError):
            close_case(case, "upheld", date(2026, 6, 1), acting_user=user)
        with pytest.raises(ActionPermissionError):
            _record(dept_a, user, "诉2", date(2026, 3, 1))
    case.refresh_from_db()
    assert case.is_pending and ReviewCase.objects.count() == 1
    assert [e.action for e in entries_for(case)] == ["cases.record"]
