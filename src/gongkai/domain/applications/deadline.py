"""The reply deadline of an application (依申请公开), derived from its dated events.

The reading the system adopts is ``disclosure-law.md`` §4:

- 条例第三十三条第二款: reply within 20 working days of receipt; an extension of at most 20
  working days with the approval of the office head, notified to the applicant.
- 条例第三十条: an unclear application gets one correction notice (补正) within 7 working days of
  receipt; the reply period restarts from receipt of the corrected application.
- 条例第三十二条 (third parties), 第三十四条 (other bodies), 第三十三条第三款: the time spent
  consulting is not counted; the consulted party has 15 working days, so a consultation without
  an answer ends at that limit.
- 国办函〔2020〕109号: the fee-payment period (notice → payment, at most 20 working days) is
  excluded too, by default (``include_fee_periods``; a locality may read it otherwise).
- Counting starts on the day after the start day (民法典第二百零一条).

``due`` = the (20 + excluded + extension)-th working day after ``start``, where ``start`` is the
receipt date (or the corrected application's receipt date) and ``excluded`` counts the working
days of the union of the consultation and fee periods after ``start``; an art. 35 date replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from gongkai.domain.applications.fees import PAYMENT_WORKING_DAYS
from gongkai.domain.workdays.calendar import DayKind, WorkingCalendar

__all__ = [
    "CONSULTATION_WORKING_DAYS",
    "CORRECTION_NOTICE_WORKING_DAYS",
    "MAX_EXTENSION_WORKING_DAYS",
    "REPLY_WORKING_DAYS",
    "Consultation",
    "Deadline",
    "Timeline",
    "TimelineError",
    "compute_deadline",
    "consultation_end",
    "fee_period_end",
    "is_overdue",
    "is_replied_late",
    "remaining_working_days",
]

REPLY_WORKING_DAYS = 20  # 条例第三十三条第二款
CORRECTION_NOTICE_WORKING_DAYS = 7  # 条例第三十条
CONSULTATION_WORKING_DAYS = 15  # 条例第三十二条、第三十四条
MAX_EXTENSION_WORKING_DAYS = 20  # 条例第三十三条第二款

# Consulted parties whose name ends like this are other bodies (条例第三十四条).
_BODY_SUFFIXES = ("机关", "政府", "局", "委", "委员会", "办", "办公室", "厅", "部门", "院")


class TimelineError(ValueError):
    """Inconsistent events of an application; the message is Chinese and names the field."""


@dataclass(frozen=True)
class Consultation:
    """A written consultation (征求意见) of a third party or another body."""

    sent: date
    answered: date | None = None
    party: str = "第三方"

    @property
    def is_other_body(self) -> bool:
        return self.party.endswith(_BODY_SUFFIXES)


@dataclass(frozen=True)
class Timeline:
    """The dated events of one application that bear on its deadline."""

    received: date
    correction_sent: date | None = None
    correction_received: date | None = None
    consultations: tuple[Consultation, ...] = ()
    # (fee notice received, paid on | None); unpaid: up to the payment limit (20 working days)
    fee_periods: tuple[tuple[date, date | None], ...] = ()
    extension_days: int = 0
    custom_due: date | None = None  # 条例第三十五条: a reasonable later date, notified

    def __post_init__(self) -> None:
        for message in self.problems():
            raise TimelineError(message)

    def problems(self) -> list[str]:
        """Every inconsistency, as Chinese messages naming the field (empty when valid)."""
        out: list[str] = []
        received = self.received

        def before(value: date, label: str, field_name: str, ref: date, ref_label: str) -> None:
            if value < ref:
                out.append(
                    f"{label}（{field_name}）{value.isoformat()} 早于{ref_label} {ref.isoformat()}"
                )

        if self.correction_sent is not None:
            before(
                self.correction_sent, "补正告知日期", "correction_sent", received, "收到申请日期"
            )
        if self.correction_received is not None:
            if self.correction_sent is None:
                out.append(
                    "有补正后收到申请日期（correction_received），"
                    "却没有补正告知日期（correction_sent）"
                )
            else:
                before(
                    self.correction_received,
                    "补正后收到申请日期",
                    "correction_received",
                    self.correction_sent,
                    "补正告知日期",
                )
        for i, item in enumerate(self.consultations, 1):
            name = f"consultations[{i}]"
            before(item.sent, f"第{i}次征求意见的发出日期", name, received, "收到申请日期")
            if item.answered is not None:
                before(item.answered, f"第{i}次征求意见的答复日期", name, item.sent, "其发出日期")
        for i, (notice, paid) in enumerate(self.fee_periods, 1):
            name = f"fee_periods[{i}]"
            before(notice, f"第{i}次收费通知日期", name, received, "收到申请日期")
            if paid is not None:
                before(paid, f"第{i}次缴费日期", name, notice, "收费通知日期")
        extension = self.extension_days
        if isinstance(extension, bool) or not isinstance(extension, int):
            out.append(f"延长天数（extension_days）应为整数，收到：{extension!r}")
        elif not 0 <= extension <= MAX_EXTENSION_WORKING_DAYS:
            out.append(
                f"延长天数（extension_days）应在 0 至 {MAX_EXTENSION_WORKING_DAYS} 个工作日之间"
                f"（条例第三十三条第二款），收到：{extension}"
            )
        if self.custom_due is not None:
            before(self.custom_due, "合理答复期限", "custom_due", received, "收到申请日期")
        return out


@dataclass(frozen=True)
class Deadline:
    """The computed deadlines with the trace that explains them in Chinese."""

    due: date
    correction_notice_due: date
    provisional: bool
    trace: tuple[str, ...] = field(default=())
    excluded_working_days: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat(),
            "correction_notice_due": self.correction_notice_due.isoformat(),
            "provisional": self.provisional,
            "trace": list(self.trace),
        }


def consultation_end(item: Consultation, calendar: WorkingCalendar) -> date:
    """The last day of a consultation: its answer, or without one its 15-working-day limit.

    A late answer (after the limit) still ends the period on the answer date, as §4 reads it.
    """
    if item.answered is not None:
        return item.answered
    return calendar.nth_working_day_after(item.sent, CONSULTATION_WORKING_DAYS)


def fee_period_end(notice: date, paid: date | None, calendar: WorkingCalendar) -> date:
    """The last day of a fee period: the payment, or unpaid the 20th working day after notice."""
    if paid is not None:
        return paid
    return calendar.nth_working_day_after(notice, PAYMENT_WORKING_DAYS)


def _union_working_days(
    periods: list[tuple[date, date]], start: date, calendar: WorkingCalendar
) -> int:
    """Working days d with sent < d <= end over the union of ``periods``, only after ``start``."""
    clipped = sorted((max(lo, start), hi) for lo, hi in periods if hi > start)
    total = 0
    cur_lo: date | None = None
    cur_hi = start
    for lo, hi in clipped:
        if cur_lo is not None and lo <= cur_hi:
            cur_hi = max(cur_hi, hi)
            continue
        if cur_lo is not None:
            total += calendar.working_days_between(cur_lo, cur_hi)
        cur_lo, cur_hi = lo, hi
    if cur_lo is not None:
        total += calendar.working_days_between(cur_lo, cur_hi)
    return total


def _short(d: date, year: int) -> str:
    return f"{d.month:02d}-{d.day:02d}" if d.year == year else d.isoformat()


def _span(first: date, last: date, year: int) -> str:
    if first == last:
        return _short(first, year)
    return f"{_short(first, year)}～{_short(last, year)}"


def _holiday_line(calendar: WorkingCalendar, start: date, due: date) -> str | None:
    runs = calendar.exceptions_between(start, due)
    if not runs:
        return None
    parts = [
        f"{name} {_span(first, last, start.year)} "
        + ("不计" if kind is DayKind.HOLIDAY else "计为工作日")
        for name, first, last, kind in runs
    ]
    return "期间内的节假日：" + "；".join(parts)


def compute_deadline(
    timeline: Timeline, calendar: WorkingCalendar, *, include_fee_periods: bool = True
) -> Deadline:
    """The reply deadline and the 补正 notice deadline of ``timeline``, with a Chinese trace."""
    received = timeline.received
    trace: list[str] = [
        f"收到申请：{received.isoformat()}（{calendar.describe(received)}）",
        "起算：收到当日不计，自次日起计算工作日（民法典第二百零一条）",
    ]
    notice_due = calendar.nth_working_day_after(received, CORRECTION_NOTICE_WORKING_DAYS)
    trace.append(
        f"补正告知期限：收到申请后第{CORRECTION_NOTICE_WORKING_DAYS}个工作日，"
        f"{notice_due.isoformat()}（条例第三十条）"
    )
    latest = notice_due  # the last day any computation reached (for "provisional")

    start = received
    if timeline.correction_sent is not None:
        late = "，晚于补正告知期限" if timeline.correction_sent > notice_due else ""
        trace.append(f"发出补正告知：{timeline.correction_sent.isoformat()}{late}")
        if timeline.correction_received is None:
            trace.append("尚未收到补正后的申请：收到后答复期限重新计算（条例第三十条）")
        else:
            start = timeline.correction_received
            trace.append(
                f"补正后收到申请：{start.isoformat()}，答复期限自次日重新计算（条例第三十条）"
            )

    periods: list[tuple[date, date]] = []
    for item in timeline.consultations:
        end = consultation_end(item, calendar)
        latest = max(latest, end)
        periods.append((item.sent, end))
        days = calendar.working_days_between(max(item.sent, start), end)
        basis = "条例第三十四条" if item.is_other_body else "条例第三十二条"
        who = f"征求{item.party}意见"
        if item.answered is None:
            what = (
                f"{who} {item.sent.isoformat()} 发出，尚未答复，按{CONSULTATION_WORKING_DAYS}个"
                f"工作日的答复期限计至 {end.isoformat()}"
            )
        else:
            limit = calendar.nth_working_day_after(item.sent, CONSULTATION_WORKING_DAYS)
            late = f"（晚于{CONSULTATION_WORKING_DAYS}个工作日的答复期限）" if end > limit else ""
            what = f"{who} {item.sent.isoformat()}～{end.isoformat()}{late}"
        trace.append(f"{what}：{days}个工作日不计入答复期限（{basis}、第三十三条第三款）")

    for notice, paid in timeline.fee_periods:
        end = fee_period_end(notice, paid, calendar)
        latest = max(latest, end)
        if paid is None:
            what = (
                f"收费通知 {notice.isoformat()} 送达，尚未缴费，按{PAYMENT_WORKING_DAYS}个"
                f"工作日的缴费期限计至 {end.isoformat()}"
            )
        else:
            what = f"收费通知 {notice.isoformat()}～缴费 {end.isoformat()}"
        if include_fee_periods:
            periods.append((notice, end))
            days = calendar.working_days_between(max(notice, start), end)
            trace.append(f"{what}：{days}个工作日不计入答复期限（国办函〔2020〕109号）")
        else:
            trace.append(f"{what}：按本地设置计入答复期限")

    excluded = _union_working_days(periods, start, calendar)
    separate = sum(
        calendar.working_days_between(max(lo, start), hi) for lo, hi in periods if hi > start
    )
    if separate > excluded:
        trace.append(f"以上期间有重叠，重叠的工作日只计一次：共{excluded}个工作日不计入答复期限")

    extension = timeline.extension_days
    if extension:
        trace.append(
            f"经机关负责人同意延长 {extension} 个工作日（条例第三十三条第二款），并告知申请人"
        )

    total = REPLY_WORKING_DAYS + excluded + extension
    statutory_due = calendar.nth_working_day_after(start, total)
    latest = max(latest, statutory_due)
    holidays = _holiday_line(calendar, start, statutory_due)
    if holidays:
        trace.append(holidays)
    if total == REPLY_WORKING_DAYS:
        how = f"{REPLY_WORKING_DAYS} 个工作日，条例第三十三条第二款"
    else:
        terms = [str(REPLY_WORKING_DAYS)] + [str(n) for n in (excluded, extension) if n]
        how = f"{' + '.join(terms)} = {total} 个工作日"
    trace.append(f"答复期限：{statutory_due.isoformat()}（{how}）")

    due = statutory_due
    if timeline.custom_due is not None:
        due = timeline.custom_due
        latest = notice_due  # the art. 35 date is not counted in working days
        trace.append(
            f"依条例第三十五条确定的合理答复期限：{due.isoformat()}（已告知申请人），以此为准"
        )

    unscheduled = [
        y for y in range(received.year, latest.year + 1) if y not in calendar.scheduled_years
    ]
    if unscheduled:
        years = "、".join(str(y) for y in unscheduled)
        trace.append(f"注意：{years} 年的节假日安排尚未录入，按周一至周五推算，为临时期限")
    return Deadline(
        due=due,
        correction_notice_due=notice_due,
        provisional=bool(unscheduled),
        trace=tuple(trace),
        excluded_working_days=excluded,
    )


def remaining_working_days(deadline: Deadline, today: date, calendar: WorkingCalendar) -> int:
    """Working days left after ``today`` up to the due date: 0 on the due date itself.

    Overdue gives a negative number: minus the working days after the due date up to today,
    and at least -1 (a weekend right after the due date is already overdue).
    """
    if today <= deadline.due:
        return calendar.working_days_between(today, deadline.due)
    return -max(1, calendar.working_days_between(deadline.due, today))


def is_overdue(due: date, today: date, *, clock_running: bool = True) -> bool:
    """超期: an application not yet replied to whose due date passed before ``today``.

    While the applicant is asked for a 补正 the period does not run (条例第三十条: it starts
    again from the corrected application), so such an application is never overdue.
    """
    return clock_running and today > due


def is_replied_late(due: date, replied_on: date) -> bool:
    """逾期答复: the reply came after the due date (条例第三十三条)."""
    return replied_on > due
