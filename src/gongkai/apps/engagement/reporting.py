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

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q

from gongkai.apps.engagement.choices import ProposalKind
from gongkai.apps.engagement.models import (
    EngagementQuerySet,
    MailboxMessage,
    MailboxMessageQuerySet,
    Proposal,
    ProposalQuerySet,
)
from gongkai.apps.orgs.models import Body
from gongkai.domain.stats.engagement import EngagementSummary

__all__ = [
    "EngagementFacts",
    "YearSummary",
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
