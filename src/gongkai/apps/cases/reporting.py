"""Table 四 of a body's annual report of year Y: the facts of its cases (the counting is the
domain's, :mod:`gongkai.domain.applications.counting`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.orgs.models import Bodies, in_bodies
from gongkai.domain.applications.counting import CaseFacts, CaseKind, CaseResult

__all__ = ["case_facts"]


def case_facts(body: Bodies, year: int) -> Iterator[CaseFacts]:
    """The facts of the cases about ``body`` filed in ``year`` (what table 四 counts)."""
    rows = (
        ReviewCase.objects.filter(
            in_bodies(body), filed_on__gte=date(year, 1, 1), filed_on__lte=date(year, 12, 31)
        )
        .order_by()
        .values_list("kind", "filed_on", "result", "closed_on")
    )
    for kind, filed, result, closed in rows:
        yield CaseFacts(CaseKind(kind), filed, CaseResult(result) if result else None, closed)
