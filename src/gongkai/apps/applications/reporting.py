"""Table 三 of a body's annual report of year Y, counted from its applications (table 四
counts the cases: ``cases.reporting``; both together: ``stats.reporting.build_report``).

The counting is the domain's (:mod:`gongkai.domain.applications.counting`, the readings of
``disclosure-law.md`` §6); this module only reads the facts it needs with ``values_list``:
the applications table 三 of Y can count (received by the end of Y and not concluded before Y).

Speed (100,000 applications in about a tenth of a second): the §6 readings compare an
application's dates only with the boundaries of Y (received before Y or in it; concluded in Y,
after it, or not at all). So the database groups the applications by those classes, applicant
type and outcome (a few hundred groups, one ``GROUP BY`` query), and each group stands for that
many facts with representative dates of its classes (received in Y → 1 January of Y, before Y →
31 December of Y−1; concluded in Y → 31 December of Y, after Y → 1 January of Y+1). Every cell
of table 三 counts facts, so the table of the groups is a weighted sum of tables the domain's
:func:`~gongkai.domain.applications.counting.count_table_3` counts from the representatives
(:func:`count_of_groups`: about 15 calls, each over at most one fact per group). The domain
functions decide every cell; the import test recounts every cell from raw dates.

The same queries read a set of bodies (``body_id IN (subquery)``, one ``GROUP BY`` across all of
them): ``stats.reporting.build_tables_of`` gives the tables 三 and 四 of a subtree added up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import repeat
from typing import TypeVar

from django.db.models import Case, Count, Q, Sum, Value, When

from gongkai.apps.applications.models import Application, FeeNotice
from gongkai.apps.orgs.models import Bodies, Body, in_bodies
from gongkai.domain.applications.counting import (
    ApplicationFacts,
    count_table_3,
)
from gongkai.domain.applications.outcomes import ApplicantType
from gongkai.domain.report.formats import format_for_year

__all__ = [
    "application_facts",
    "application_groups",
    "count_of_groups",
    "count_table_3_of_groups",
    "processing_fees_collected",
]

F = TypeVar("F")
V = TypeVar("V", int, float, "int | float")


def application_groups(bodies: Bodies, year: int) -> Iterator[tuple[ApplicationFacts, int]]:
    """The applications of ``bodies`` that table 三 of ``year`` counts, grouped: each
    representative fact with the number of applications it stands for.

    Applications concluded before ``year`` appear in no row of it, so they are not read.
    """
    start, end = date(year, 1, 1), date(year, 12, 31)
    received_in = {0: date(year - 1, 12, 31), 1: start}
    concluded_in: dict[int, date | None] = {0: None, 1: end, 2: date(year + 1, 1, 1)}
    rows = (
        Application.objects.filter(in_bodies(bodies), received_on__lte=end)
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
        yield facts, n


def application_facts(body: Bodies, year: int) -> Iterator[ApplicationFacts]:
    """The facts of every application of ``body`` that table 三 of ``year`` counts."""
    for facts, n in application_groups(body, year):
        yield from repeat(facts, n)


def count_of_groups(
    count: Callable[[Sequence[F]], Mapping[str, V]], groups: Iterable[tuple[F, int]]
) -> dict[str, V]:
    """``count`` of the multiset of facts the groups stand for (each fact ``n`` times), for a
    ``count`` that adds up over facts (every cell counts facts: ``count(a + b) = count(a) +
    count(b)``), such as :func:`count_table_3` and the document cells of ``count_table_2``.

    ``n = Σ 2ᵏ·bitₖ(n)``, so the result is ``Σ 2ᵏ·count(facts whose n has bit k)``: about
    log₂(largest n) calls of the domain's counting on at most one fact per group, instead of
    one call per group or one step per fact.
    """
    weighted = [(facts, n) for facts, n in groups if n]
    cells = dict(count(()))
    bit = 0
    while any(n >> bit for _facts, n in weighted):
        members = [facts for facts, n in weighted if (n >> bit) & 1]
        if members:
            for key, value in count(members).items():
                if value:
                    cells[key] += value * (1 << bit)
        bit += 1
    return cells


def count_table_3_of_groups(
    groups: Iterable[tuple[ApplicationFacts, int]], year: int, format_id: str | None = None
) -> dict[str, int]:
    """:func:`count_table_3` of the facts the groups stand for (each fact ``n`` times): every
    cell of table 三 — the totals included — counts facts (see :func:`count_of_groups`)."""
    fmt_id = format_id or format_for_year(year).id
    return count_of_groups(lambda facts: count_table_3(facts, year, fmt_id), groups)


def processing_fees_collected(body: Body, year: int) -> int:
    """信息处理费 (国办函〔2020〕109号) the applicants of ``body`` paid in ``year``, in 元.

    Counted by the day of payment; waived notices and unpaid ones collect nothing. The
    109号 amounts are whole 元 (by the piece or by the page), so the sum is rounded to 元.
    """
    total = (
        FeeNotice.objects.filter(
            application__body=body,
            paid_on__gte=date(year, 1, 1),
            paid_on__lte=date(year, 12, 31),
            waived=False,
        )
        .order_by()
        .aggregate(total=Sum("amount"))["total"]
    )
    return round(total) if total is not None else 0
