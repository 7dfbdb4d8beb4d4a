"""engagement_facts counts in the database exactly what the domain's summarise counts."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from typing import Any

import pytest

from gongkai.apps.engagement.models import MailboxMessage, Proposal
from gongkai.apps.engagement.reporting import engagement_facts
from gongkai.domain.stats.engagement import EngagementItem, EngagementSummary, summarise

pytestmark = pytest.mark.django_db

MAILBOXES = ("县长信箱", "局长信箱", "12345 热线", "领导留言板")


def _dates(rng: random.Random) -> tuple[date, date | None, date | None]:
    """A received date in 2024–2026 and (maybe) a reply and a publication after it, some of
    them across the year's end, some on the very boundary."""
    received = date(2024, 1, 1) + timedelta(days=rng.randrange(3 * 366))
    if rng.random() < 0.1:
        received = rng.choice([date(2025, 1, 1), date(2025, 12, 31)])
    replied = published = None
    if rng.random() < 0.7:
        replied = received + timedelta(days=rng.choice([0, 1, 5, 20, 60, 400]))
        if rng.random() < 0.6:
            published = replied + timedelta(days=rng.choice([0, 1, 10, 90]))
    return received, replied, published


def _data(body: Any, n: int, seed: int) -> tuple[list[MailboxMessage], list[Proposal]]:
    rng = random.Random(seed)
    messages, proposals = [], []
    for i in range(n):
        received, replied, published = _dates(rng)
        messages.append(
            MailboxMessage(
                body=body,
                mailbox=rng.choices(MAILBOXES, weights=[8, 4, 2, 1])[0],
                received_on=received,
                subject=f"来信 {i}",
                replied_on=replied,
                reply="答复" if replied else "",
                published_on=published,
            )
        )
        received, replied, published = _dates(rng)
        proposals.append(
            Proposal(
                body=body,
                kind=rng.choice(["npc_suggestion", "cppcc_proposal"]),
                title=f"建议提案 {i}",
                assigned_on=received,
                replied_on=replied,
                published_on=published,
            )
        )
    MailboxMessage.objects.bulk_create(messages)
    Proposal.objects.bulk_create(proposals)
    return messages, proposals


def _items(rows: list[Any], start: str) -> list[EngagementItem]:
    return [EngagementItem(getattr(r, start), r.replied_on, r.published_on) for r in rows]


@pytest.mark.parametrize("year", [2024, 2025, 2026, 2027])
def test_engagement_facts_equals_summarise(
    dept_a: Any, dept_b: Any, year: int, django_assert_num_queries: Any
) -> None:
    messages, proposals = _data(dept_a, 400, seed=year)
    _data(dept_b, 50, seed=1)  # another body's rows never count

    with django_assert_num_queries(2):  # one GROUP BY per model, whatever the number of rows
        mailbox, names, npc, cppcc = engagement_facts(dept_a, year)

    assert mailbox == summarise(_items(messages, "received_on"), year)
    by_kind = {
        kind: summarise(_items([p for p in proposals if p.kind == kind], "assigned_on"), year)
        for kind in ("npc_suggestion", "cppcc_proposal")
    }
    assert (npc, cppcc) == (by_kind["npc_suggestion"], by_kind["cppcc_proposal"])

    counts = Counter(m.mailbox for m in messages if m.received_on.year == year)
    assert names == tuple(sorted(counts, key=lambda name: (-counts[name], name)))
    if year < 2027:
        assert mailbox.received > 0 and 0 < mailbox.replied < mailbox.received
        assert 0 < mailbox.published < mailbox.replied
        assert len(names) == len(MAILBOXES)


def test_engagement_facts_per_mailbox_equals_summarise(dept_a: Any) -> None:
    from gongkai.apps.engagement.reporting import mailbox_summaries

    messages, _ = _data(dept_a, 300, seed=7)
    found = dict(mailbox_summaries(MailboxMessage.objects.filter(body=dept_a), 2025))
    for name in MAILBOXES:
        rows = [m for m in messages if m.mailbox == name]
        assert found[name] == summarise(_items(rows, "received_on"), 2025)


def test_engagement_facts_of_a_quiet_year(dept_a: Any) -> None:
    MailboxMessage.objects.create(body=dept_a, received_on=date(2026, 12, 31), subject="岁末来信")
    empty = EngagementSummary()
    assert engagement_facts(dept_a, 2025) == (empty, (), empty, empty)
    mailbox, names, _, _ = engagement_facts(dept_a, 2026)
    assert (mailbox, names) == (EngagementSummary(1, 0, 0), ("县长信箱",))
    assert mailbox.completion_percent == "0%" and empty.completion_percent == "—"
