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
from gongkai.kernel.errors import ActionError, ActionPermissionError, TransitionError

pytestmark = pytest.mark.django_db


def test_choices_match_the_domain() -> None:
    assert {(c.value, c.label) for c in CaseKindChoice} == {(k.value, k.label) for k in CaseKind}
    assert {(c.value, c.label) for c in CaseResultChoice} == {
        (r.value, r.label) for r in CaseResult
    }


def test_record_and_close_a_case(register: Any, clerk_a: Any, dept_a: Any) -> None:
    app = register()
    case = record_case(
        clerk_a,
        dept_a,
        number="复议〔2026〕1号",
        kind="reconsideration",
        filed_on=date(2026, 11, 20),
        application=app,
    )
    assert case.is_pending and list(app.review_cases.all()) == [case]
    case = close_case(clerk_a, case, "corrected", date(2026, 12, 20))
    assert (case.result, case.closed_on) == ("corrected", date(2026, 12, 20))
    assert [h.history_user for h in case.history.order_by("history_id")] == [clerk_a, clerk_a]
    with pytest.raises(TransitionError, match="已经审结"):
        close_case(clerk_a, case, "upheld", date(2026, 12, 21))


def test_case_validation(
    register: Any, clerk_a: Any, dept_a: Any, dept_b: Any, clerk_b: Any
) -> None:
    app = register()
    with pytest.raises(ActionError, match="不属于本机关"):
        record_case(
            clerk_b, dept_b, number="1", kind="reconsideration", filed_on=date(2026, 11, 1),
            application=app,
        )  # fmt: skip
    with pytest.raises(ActionError, match="案件类型"):
        record_case(clerk_a, dept_a, number="1", kind="appeal", filed_on=date(2026, 11, 1))
    case = record_case(
        clerk_a, dept_a, number="1", kind="litigation_direct", filed_on=date(2026, 11, 1)
    )
    with pytest.raises(ActionError):
        record_case(
            clerk_a, dept_a, number="1", kind="litigation_direct", filed_on=date(2026, 11, 2)
        )
    with pytest.raises(ActionError, match="早于立案日期"):
        close_case(clerk_a, case, "upheld", date(2026, 10, 1))
    with pytest.raises(ActionError, match="维持、纠正或其他"):
        close_case(clerk_a, case, "won", date(2026, 12, 1))


def test_cases_are_restricted(clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any) -> None:
    case = record_case(
        clerk_a, dept_a, number="诉1", kind="litigation_direct", filed_on=date(2026, 3, 1)
    )
    assert list(ReviewCase.objects.restrict(clerk_a)) == [case]
    assert not ReviewCase.objects.restrict(clerk_b).exists()
    assert list(ReviewCase.objects.restrict(supervisor)) == [case]
    assert not ReviewCase.objects.restrict(AnonymousUser()).exists()
    for user in (clerk_b, supervisor):
        with pytest.raises(ActionPermissionError):
            close_case(user, case, "upheld", date(2026, 6, 1))
        with pytest.raises(ActionPermissionError):
            record_case(
                user, dept_a, number="诉2", kind="litigation_direct", filed_on=date(2026, 3, 1)
            )
