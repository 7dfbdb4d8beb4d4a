"""意见征集 (public consultation on a draft, 重大决策预公开): the rules, pure Python.

One function per rule, used by the engagement app's models, actions, pages and reporting:

- :func:`status_on` — 未开始 / 征集中 / 已结束 on a day, from the period's two dates;
- :func:`accepts_comments` — comments are taken only while the period runs (both ends included);
- :func:`feedback_deadline` — the period's end plus the body's ``consultation_feedback_days``
  working days (the working-day calendar, 民法典第二百零一条 reading: days after the end);
- :func:`is_feedback_overdue` — as of a day: the period has ended, the deadline has passed and
  the feedback was not published by that day;
- :func:`feedback_summary` — the sentence 共收到意见N条，采纳M条… generated from the decisions;
- :func:`contact_is_valid` — a comment's contact is a phone number or an e-mail address.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Protocol

__all__ = [
    "Decision",
    "DecisionCounts",
    "PeriodStatus",
    "accepts_comments",
    "contact_is_valid",
    "count_decisions",
    "feedback_deadline",
    "feedback_may_be_published",
    "feedback_summary",
    "is_feedback_overdue",
    "published_within_limit",
    "status_on",
]


class PeriodStatus(StrEnum):
    """Where a consultation's comment period stands on a day (derived, never stored)."""

    NOT_STARTED = "not_started"  # 未开始
    OPEN = "open"  # 征集中
    CLOSED = "closed"  # 已结束


class Decision(StrEnum):
    """What became of one comment."""

    PENDING = "pending"  # 未处理
    ADOPTED = "adopted"  # 采纳
    PARTLY = "partly"  # 部分采纳
    NOT_ADOPTED = "not_adopted"  # 不予采纳


class _Calendar(Protocol):
    def nth_working_day_after(self, start: date, n: int) -> date: ...


def status_on(starts_on: date, ends_on: date, today: date) -> PeriodStatus:
    """未开始 before ``starts_on``, 征集中 from it to ``ends_on`` (inclusive), then 已结束."""
    if today < starts_on:
        return PeriodStatus.NOT_STARTED
    if today > ends_on:
        return PeriodStatus.CLOSED
    return PeriodStatus.OPEN


def accepts_comments(starts_on: date, ends_on: date, today: date) -> bool:
    """Whether a comment may be submitted on ``today``: only while the period runs."""
    return status_on(starts_on, ends_on, today) is PeriodStatus.OPEN


def feedback_may_be_published(ends_on: date, on: date) -> bool:
    """Whether the feedback may be published on ``on``: only after the period has ended
    (on a day the consultation is 已结束), so every comment is counted in it."""
    return on > ends_on


def feedback_deadline(ends_on: date, feedback_days: int, calendar: _Calendar) -> date:
    """The last day to publish the feedback: the ``feedback_days``-th working day after the
    period's end."""
    return calendar.nth_working_day_after(ends_on, feedback_days)


def is_feedback_overdue(
    ends_on: date, deadline: date, feedback_published_on: date | None, as_of: date
) -> bool:
    """As of ``as_of``: the period has ended, the deadline has passed, and the feedback was not
    published by ``as_of`` (a publication after ``as_of`` does not count yet)."""
    published = feedback_published_on is not None and feedback_published_on <= as_of
    return ends_on < as_of and deadline < as_of and not published


def published_within_limit(deadline: date, feedback_published_on: date | None) -> bool:
    """Whether the feedback was published, on or before the deadline."""
    return feedback_published_on is not None and feedback_published_on <= deadline


@dataclass(frozen=True)
class DecisionCounts:
    """The comments of a consultation by decision."""

    adopted: int = 0
    partly: int = 0
    not_adopted: int = 0
    pending: int = 0

    @property
    def total(self) -> int:
        return self.adopted + self.partly + self.not_adopted + self.pending

    @property
    def all_decided(self) -> bool:
        return self.pending == 0


def count_decisions(decisions: Iterable[str]) -> DecisionCounts:
    """Count decision values (:class:`Decision` values) into a :class:`DecisionCounts`."""
    counts = dict.fromkeys(Decision, 0)
    for value in decisions:
        counts[Decision(value)] += 1
    return DecisionCounts(
        adopted=counts[Decision.ADOPTED],
        partly=counts[Decision.PARTLY],
        not_adopted=counts[Decision.NOT_ADOPTED],
        pending=counts[Decision.PENDING],
    )


_DECISION_WORDS = {
    Decision.ADOPTED: "采纳",
    Decision.PARTLY: "部分采纳",
    Decision.NOT_ADOPTED: "不予采纳",
}


def feedback_summary(counts: DecisionCounts, reasons: Iterable[tuple[str, str]] = ()) -> str:
    """The feedback sentence, e.g. “共收到意见3条，采纳1条，部分采纳1条，不予采纳1条。”, then
    one line per decided comment with its reason (``reasons``: (decision value, reason) pairs;
    pending ones and empty reasons are left out)."""
    text = (
        f"共收到意见{counts.total}条，采纳{counts.adopted}条，"
        f"部分采纳{counts.partly}条，不予采纳{counts.not_adopted}条。"
    )
    lines: list[str] = []
    for value, reason in reasons:
        word = _DECISION_WORDS.get(Decision(value))
        reason = reason.strip()
        if word and reason:
            lines.append(f"{len(lines) + 1}. {word}：{reason}")
    if lines:
        text += "\n" + "\n".join(lines)
    return text


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_MOBILE = re.compile(r"^(\+?86[- ]?)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^(\(?0\d{2,3}\)?[- ]?)?\d{7,8}([- ]\d{1,6})?$")


def contact_is_valid(contact: str) -> bool:
    """A mobile number (11 digits, optional +86), a landline (optional area code) or an
    e-mail address."""
    value = contact.strip()
    if "@" in value:
        return bool(_EMAIL.match(value))
    compact = value.replace(" ", "").replace("-", "") if not value.startswith("(") else value
    return bool(_MOBILE.match(compact) or _LANDLINE.match(value) or _LANDLINE.match(compact))
