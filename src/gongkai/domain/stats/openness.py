"""The openness work of a year that the annual report narrates besides its tables (issue 14):
政策解读, 意见征集 (重大决策预公开), 会议公开 and the offline channels (公示栏, 广播 …).

These are the figures only; each is counted from records by the app that owns them
(``catalog.reporting.interpretation_facts``, ``engagement.reporting.consultation_facts``,
``meetings.reporting.meeting_facts``, ``notices.reporting.notice_facts``) and gathered into one
:class:`OpennessFacts` by ``reports.annual.draft_facts``. The draft narrative states them
(:mod:`gongkai.domain.report.draft`) and rule T1 checks a narrative figure against them.

Reading of "the year" (the same for every figure, written up in ``docs/architecture.md``):

- a 解读 counts in the year it was published;
- a consultation counts in the year its comment period began; its comments, their adoption
  and whether its feedback was published are counted as they stand at the end of that year;
- a meeting counts in the year it was held; its minutes (or decisions) count as published when
  they were published by the end of that year;
- an offline notice or a broadcast counts in the year it was posted (aired).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["ConsultationSummary", "MeetingCount", "OpennessFacts"]


@dataclass(frozen=True)
class ConsultationSummary:
    """意见征集 of a year: consultations, the comments received and what became of them."""

    consultations: int = 0
    comments: int = 0
    adopted: int = 0  # 采纳
    partly_adopted: int = 0  # 部分采纳
    not_adopted: int = 0  # 不予采纳
    feedback_published: int = 0  # consultations whose feedback (采纳情况) was published
    feedback_overdue: int = 0  # period ended, feedback not published within the body's limit

    @property
    def adopted_in_whole_or_part(self) -> int:
        return self.adopted + self.partly_adopted


@dataclass(frozen=True)
class MeetingCount:
    """Meetings of one kind (label as the report writes it, e.g. 党委会议) held in the year."""

    kind: str
    held: int
    published: int = 0  # whose minutes or decisions were made public by the end of the year
    attended: int = 0  # with citizens or others invited to attend (列席)


@dataclass(frozen=True)
class OpennessFacts:
    """The year's openness figures that are neither table cells nor catalog items."""

    interpretations: int = 0
    # kind label (文字解读, 图文解读, 视频解读, 新闻发布会 …) → 解读 published in the year
    interpretations_by_kind: Mapping[str, int] = field(default_factory=dict)
    # 规范性文件 published in the year with no 解读 published by the end of it
    normative_without_interpretation: int = 0
    consultation: ConsultationSummary = field(default_factory=ConsultationSummary)
    meetings: tuple[MeetingCount, ...] = ()
    # channel label (公示栏, 广播, 宣传栏 …) → offline notices and broadcasts of the year
    offline_notices: Mapping[str, int] = field(default_factory=dict)

    @property
    def meetings_held(self) -> int:
        return sum(m.held for m in self.meetings)

    @property
    def offline_total(self) -> int:
        return sum(self.offline_notices.values())
