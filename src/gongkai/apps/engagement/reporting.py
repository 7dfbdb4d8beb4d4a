"""The engagement facts of a body's annual report of year Y, counted in the database.

The reading is the domain's (:func:`gongkai.domain.stats.engagement.summarise`): the items of
Y are those received (交办) in Y; ``replied`` those of them answered by 31 December of Y,
``published`` those answered and made public by then. Here the same three counts are taken by
one ``GROUP BY`` query per model over the rows of Y only (the date filter is in the query, the
``(body, received_on)`` index serves it), so 100,000 messages cost two small result sets, never
100,000 Python objects. ``tests/web/test_engagement_reporting.py`` checks the result against
``summarise`` on the same rows.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone

from gongkai.apps.engagement.choices import Decision, ProposalKind
from gongkai.apps.engagement.models import (
    Comment,
    Consultation,
    EngagementQuerySet,
    MailboxMessage,
    MailboxMessageQuerySet,
    Proposal,
    ProposalQuerySet,
)
from gongkai.apps.orgs.models import Body
from gongkai.domain.stats.engagement import EngagementSummary
from gongkai.domain.stats.openness import ConsultationSummary

__all__ = [
    "EngagementFacts",
    "YearSummary",
    "consultation_facts",
    "consultation_feedback",
    "engagement_facts",
    "mailbox_summaries",
    "proposal_summaries",
    "total",
    "year_summary",
]

#: (all mailboxes, mailbox names of the year by count desc, 人大代表建议, 政协提案)
EngagementFacts = tuple[EngagementSummary, tuple[str, ...], EngagementSummary, EngagementSummary]


def _grouped(
    queryset: EngagementQuerySet[Any], group_field: str, year: int
) -> list[tuple[str, EngagementSummary]]:
    """(group value, summary of the year) per group with items received in ``year``, the
    largest groups first (ties by name)."""
    end = date(year, 12, 31)
    replied = Q(replied_on__lte=end)
    rows = (
        queryset.of_year(year)
        .order_by()
        .values(group_field)
        .annotate(
            n_received=Count("pk"),
            n_replied=Count("pk", filter=replied),
            n_published=Count("pk", filter=replied & Q(published_on__lte=end)),
        )
        .values_list(group_field, "n_received", "n_replied", "n_published")
    )
    summaries = [(key, EngagementSummary(r, a, p)) for key, r, a, p in rows]
    summaries.sort(key=lambda pair: (-pair[1].received, pair[0]))
    return summaries


def total(summaries: list[tuple[str, EngagementSummary]]) -> EngagementSummary:
    """The sum of several summaries (e.g. every mailbox of the body)."""
    return EngagementSummary(
        sum(s.received for _, s in summaries),
        sum(s.replied for _, s in summaries),
        sum(s.published for _, s in summaries),
    )


def mailbox_summaries(
    messages: MailboxMessageQuerySet, year: int
) -> list[tuple[str, EngagementSummary]]:
    """(mailbox name, summary) of ``year`` for each mailbox with messages received in it."""
    return _grouped(messages, "mailbox", year)


def proposal_summaries(
    proposals: ProposalQuerySet, year: int
) -> dict[ProposalKind, EngagementSummary]:
    """The summary of ``year`` of each kind (人大代表建议, 政协提案; zero when none)."""
    found = dict(_grouped(proposals, "kind", year))
    return {kind: found.get(kind.value, EngagementSummary()) for kind in ProposalKind}


@dataclass(frozen=True)
class YearSummary:
    """The year's figures of some messages and proposals, as the annual report words them:
    each mailbox (the largest first), 人大代表建议, 政协提案."""

    year: int
    mailboxes: list[tuple[str, EngagementSummary]]
    npc: EngagementSummary
    cppcc: EngagementSummary

    @property
    def mailbox_total(self) -> EngagementSummary:
        return total(self.mailboxes)


def year_summary(
    messages: MailboxMessageQuerySet, proposals: ProposalQuerySet, year: int
) -> YearSummary:
    """The :class:`YearSummary` of ``year`` over ``messages`` and ``proposals`` (two queries)."""
    kinds = proposal_summaries(proposals, year)
    return YearSummary(
        year,
        mailbox_summaries(messages, year),
        kinds[ProposalKind.NPC_SUGGESTION],
        kinds[ProposalKind.CPPCC_PROPOSAL],
    )


def engagement_facts(body: Body, year: int) -> EngagementFacts:
    """The engagement the annual report of ``body`` for ``year`` narrates.

    Returns (summary over all mailboxes, the mailbox names that received messages in ``year``
    by count descending, 人大代表建议 summary, 政协提案 summary).
    """
    summary = year_summary(
        MailboxMessage.objects.filter(body=body), Proposal.objects.filter(body=body), year
    )
    return (
        summary.mailbox_total,
        tuple(name for name, _ in summary.mailboxes),
        summary.npc,
        summary.cppcc,
    )


# =============================================================================================
# 意见征集
# =============================================================================================


def _end_of_year(year: int) -> datetime:
    """The first instant after 31 December of ``year`` in the platform's time zone."""
    return timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min))


def consultation_facts(body: Body, year: int) -> ConsultationSummary:
    """意见征集 of ``body``'s annual report for ``year`` (two queries).

    The consultations whose period began in ``year``; their comments received by 31 December
    and what had been decided on them by then; how many had their feedback published by then,
    and how many were :meth:`~ConsultationQuerySet.feedback_overdue` as of 31 December."""
    end = date(year, 12, 31)
    stop = _end_of_year(year)
    consultations = Consultation.objects.filter(body=body).begun_in(year)
    heads = consultations.aggregate(
        n=Count("pk"),
        published=Count("pk", filter=Q(feedback_published_on__lte=end)),
        overdue=Count(
            "pk",
            filter=Q(pk__in=Consultation.objects.filter(body=body).feedback_overdue(end)),
        ),
    )
    decided = Q(decided_at__lt=stop)
    comments = Comment.objects.filter(
        consultation__in=consultations, received_at__lt=stop
    ).aggregate(
        n=Count("pk"),
        adopted=Count("pk", filter=decided & Q(decision=Decision.ADOPTED)),
        partly=Count("pk", filter=decided & Q(decision=Decision.PARTLY)),
        not_adopted=Count("pk", filter=decided & Q(decision=Decision.NOT_ADOPTED)),
    )
    return ConsultationSummary(
        consultations=heads["n"],
        comments=comments["n"],
        adopted=comments["adopted"],
        partly_adopted=comments["partly"],
        not_adopted=comments["not_adopted"],
        feedback_published=heads["published"],
        feedback_overdue=heads["overdue"],
    )


def consultation_feedback(body_ids: Collection[int], year: int) -> dict[int, tuple[int, int]]:
    """Per body of ``body_ids``: (consultations whose period ended in ``year`` with their
    feedback published by the deadline, consultations whose period ended in ``year``) — the
    考核 indicator 意见征集反馈. One ``GROUP BY`` query; bodies with none are left out."""
    if not body_ids:
        return {}
    rows = (
        Consultation.objects.filter(body_id__in=list(body_ids))
        .ended_in(year)
        .order_by()
        .values("body_id")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=Q(feedback_published_on__lte=F("feedback_due_on"))),
        )
        .values_list("body_id", "on_time", "n")
    )
    return {body_id: (on_time, n) for body_id, on_time, n in rows}
