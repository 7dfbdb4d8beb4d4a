"""Tables 三 and 四 of a body's annual report of year Y, counted from its records.

The counting is the domain's (:mod:`gongkai.domain.applications.counting`, the readings of
``disclosure-law.md`` §6); this module only reads the facts it needs with ``values_list``:
the applications table 三 of Y can count (received by the end of Y and not concluded before Y)
and the cases filed in Y.

Speed (100,000 applications in well under a second): the §6 readings compare an application's
dates only with the boundaries of Y (received before Y or in it; concluded in Y, after it, or
not at all). So the database groups the applications by those classes, applicant type and
outcome (a few hundred groups, one ``GROUP BY`` query), and each group is handed to the domain
as that many facts with representative dates of its classes (received in Y → 1 January of Y,
before Y → 31 December of Y−1; concluded in Y → 31 December of Y, after Y → 1 January of Y+1).
The domain functions decide every cell; the import test recounts every cell from raw dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import repeat

from django.db.models import Case, Count, Q, Value, When

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.orgs.models import Body
from gongkai.domain.applications.counting import (
    ApplicationFacts,
    CaseFacts,
    CaseKind,
    CaseResult,
    build_tables_report,
)
from gongkai.domain.applications.outcomes import ApplicantType
from gongkai.domain.report.model import Report

__all__ = ["application_facts", "build_report", "case_facts"]


def application_facts(body: Body, year: int) -> Iterator[ApplicationFacts]:
    """The facts of every application of ``body`` that table 三 of ``year`` counts.

    Applications concluded before ``year`` appear in no row of it, so they are not read.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    received_in = {0: date(year - 1, 12, 31), 1: start}
    concluded_in: dict[int, date | None] = {0: None, 1: end, 2: date(year + 1, 1, 1)}
    rows = (
        Application.objects.filter(body=body, received_on__lte=end)
        .filter(Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .order_by()
        .values(
            "applicant_type",
            "outcome",
            received_class=Case(When(received_on__lt=start, then=Value(0)), default=Value(1)),
            replied_class=Case(
                When(replied_on__isnull=True, then=Value(0)),
                When(replied_on__lte=end, then=Value(1)),
                default=Value(2),
            ),
        )
        .annotate(n=Count("pk"))
        .values_list("applicant_type", "outcome", "received_class", "replied_class", "n")
    )
    types = {t.value: t for t in ApplicantType}
    for applicant_type, outcome, received_class, replied_class, n in rows:
        facts = ApplicationFacts(
            received_in[received_class],
            types[applicant_type],
            outcome or None,
            concluded_in[replied_class],
        )
        yield from repeat(facts, n)


def case_facts(body: Body, year: int) -> Iterator[CaseFacts]:
    """The facts of the cases about ``body`` filed in ``year`` (what table 四 counts)."""
    rows = (
        ReviewCase.objects.filter(
            body=body, filed_on__gte=date(year, 1, 1), filed_on__lte=date(year, 12, 31)
        )
        .order_by()
        .values_list("kind", "filed_on", "result", "closed_on")
    )
    for kind, filed, result, closed in rows:
        yield CaseFacts(CaseKind(kind), filed, CaseResult(result) if result else None, closed)


def build_report(body: Body, year: int, format_id: str | None = None) -> Report:
    """Year ``year``'s report of ``body`` with tables 三 and 四 counted from the records
    (provenance ``read``); table 二 and the narrative stay empty (filled by a later issue)."""
    return build_tables_report(
        application_facts(body, year), case_facts(body, year), year, body.name, format_id
    )
