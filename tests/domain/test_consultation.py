"""The 意见征集 rules (gongkai.domain.consultation)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from gongkai.domain.consultation import (
    DecisionCounts,
    PeriodStatus,
    accepts_comments,
    contact_is_valid,
    count_decisions,
    feedback_deadline,
    feedback_summary,
    is_feedback_overdue,
    published_within_limit,
    status_on,
)
from gongkai.domain.workdays import WorkingCalendar

START, END = date(2026, 3, 2), date(2026, 3, 31)


def test_status_and_acceptance_include_both_ends() -> None:
    assert status_on(START, END, date(2026, 3, 1)) is PeriodStatus.NOT_STARTED
    assert status_on(START, END, START) is PeriodStatus.OPEN
    assert status_on(START, END, END) is PeriodStatus.OPEN
    assert status_on(START, END, date(2026, 4, 1)) is PeriodStatus.CLOSED
    assert accepts_comments(START, END, END)
    assert not accepts_comments(START, END, date(2026, 4, 1))
    assert not accepts_comments(START, END, date(2026, 3, 1))


def test_deadline_counts_working_days_after_the_end() -> None:
    calendar = WorkingCalendar([], [])  # weekends only
    # 2026-03-31 is a Tuesday: 3 working days after → Friday 3 April.
    assert feedback_deadline(END, 3, calendar) == date(2026, 4, 3)
    # 5 working days after Tuesday → next Tuesday (the weekend skipped).
    assert feedback_deadline(END, 5, calendar) == date(2026, 4, 7)


def test_overdue_as_of_a_day() -> None:
    due = date(2026, 4, 21)
    assert not is_feedback_overdue(END, due, None, due)  # the last day itself is not late
    assert is_feedback_overdue(END, due, None, date(2026, 4, 22))
    assert not is_feedback_overdue(END, due, date(2026, 4, 22), date(2026, 4, 22))
    # published after the day looked at: still overdue on that day
    assert is_feedback_overdue(END, due, date(2026, 5, 1), date(2026, 4, 30))
    assert published_within_limit(due, due)
    assert not published_within_limit(due, date(2026, 4, 22))
    assert not published_within_limit(due, None)


def test_summary_sentence_from_decisions() -> None:
    counts = count_decisions(["adopted", "partly", "not_adopted", "not_adopted"])
    assert counts == DecisionCounts(adopted=1, partly=1, not_adopted=2, pending=0)
    assert counts.total == 4 and counts.all_decided
    text = feedback_summary(
        counts,
        [("adopted", "已补充条款"), ("not_adopted", "超出本办法范围"), ("pending", "x")],
    )
    assert text.splitlines() == [
        "共收到意见4条，采纳1条，部分采纳1条，不予采纳2条。",
        "1. 采纳：已补充条款",
        "2. 不予采纳：超出本办法范围",
    ]
    assert not count_decisions(["pending"]).all_decided
    assert (
        feedback_summary(DecisionCounts()) == "共收到意见0条，采纳0条，部分采纳0条，不予采纳0条。"
    )


@pytest.mark.parametrize(
    ("contact", "valid"),
    [
        ("13912345678", True),
        ("+86 139-1234-5678", True),
        ("0517-86881234", True),
        ("86881234", True),
        ("zhang@example.cn", True),
        ("zhang@", False),
        ("12345", False),
        ("", False),
        ("电话", False),
    ],
)
def test_contact(contact: str, valid: bool) -> None:
    assert contact_is_valid(contact) is valid


def test_feedback_may_be_published_only_after_the_last_day() -> None:
    from gongkai.domain.consultation import feedback_may_be_published

    assert not feedback_may_be_published(END, END)
    assert not feedback_may_be_published(END, START)
    assert feedback_may_be_published(END, END + timedelta(days=1))
