"""The reply deadline (条例第三十条、第三十二条、第三十三条、第三十五条), per disclosure-law.md §4.

Expected dates are counted by hand from the State Council holiday notices and written literally.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.domain.applications.deadline import (
    Consultation,
    Deadline,
    Timeline,
    TimelineError,
    compute_deadline,
    is_overdue,
    is_replied_late,
    remaining_working_days,
)
from gongkai.domain.workdays import default_calendar

CAL = default_calendar()
D = date
C = Consultation

# (id, timeline, due, correction_notice_due, provisional)
CASES: list[tuple[str, Timeline, date, date, bool]] = [
    # 春节 2024 (02-10~02-17 off; 02-04 and 02-18 Sundays are working days)
    ("spring-2024", Timeline(D(2024, 2, 1)), D(2024, 3, 5), D(2024, 2, 9), False),
    # 春节 2025 (01-28~02-04 off; 01-26 Sunday and 02-08 Saturday working)
    ("spring-2025", Timeline(D(2025, 1, 20)), D(2025, 2, 21), D(2025, 2, 5), False),
    # 春节 2026 (02-15~02-23 off; 02-14 and 02-28 Saturdays working)
    ("spring-2026", Timeline(D(2026, 2, 6)), D(2026, 3, 12), D(2026, 2, 24), False),
    # 国庆 2024 (10-01~10-07 off; 09-29 Sunday and 10-12 Saturday working)
    ("national-2024", Timeline(D(2024, 9, 27)), D(2024, 10, 30), D(2024, 10, 12), False),
    # 国庆+中秋 2025 (10-01~10-08 off; 09-28 Sunday and 10-11 Saturday working)
    ("national-2025", Timeline(D(2025, 9, 26)), D(2025, 10, 30), D(2025, 10, 13), False),
    # received on the 中秋 holiday 2026: counting starts the day after (not find_workday's 10-30)
    ("mid-autumn-2026", Timeline(D(2026, 9, 25)), D(2026, 10, 29), D(2026, 10, 12), False),
    # received on the 调休 Saturday 2026-10-10, itself a working day: still not counted
    ("makeup-saturday", Timeline(D(2026, 10, 10)), D(2026, 11, 6), D(2026, 10, 20), False),
    ("ordinary-sunday", Timeline(D(2026, 3, 1)), D(2026, 3, 27), D(2026, 3, 10), False),
    # year end: 元旦 2026-01-01/02 off, 2026-01-04 Sunday working
    ("year-end-2025", Timeline(D(2025, 12, 20)), D(2026, 1, 19), D(2025, 12, 30), False),
    # into 2027, not yet scheduled: Monday–Friday, provisional
    ("year-end-2026", Timeline(D(2026, 12, 15)), D(2027, 1, 12), D(2026, 12, 24), True),
    ("received-2027", Timeline(D(2027, 3, 1)), D(2027, 3, 29), D(2027, 3, 10), True),
    # correction: the clock restarts from the corrected application (清明 04-04~04-06 off)
    (
        "correction-restart",
        Timeline(D(2026, 3, 2), correction_sent=D(2026, 3, 5), correction_received=D(2026, 4, 1)),
        D(2026, 4, 30),
        D(2026, 3, 11),
        False,
    ),
    # correction notice sent, correction not yet received: the original clock stands
    (
        "correction-pending",
        Timeline(D(2026, 3, 2), correction_sent=D(2026, 3, 5)),
        D(2026, 3, 30),
        D(2026, 3, 11),
        False,
    ),  # fmt: skip
    # consultation answered: 03-10..03-13 = 4 working days excluded
    (
        "consultation-answered",
        Timeline(D(2026, 3, 2), consultations=(C(D(2026, 3, 9), D(2026, 3, 13)),)),
        D(2026, 4, 3),
        D(2026, 3, 11),
        False,
    ),
    # no answer: ends at its 15th working day (2026-03-30), 15 excluded
    (
        "consultation-unanswered",
        Timeline(D(2026, 3, 2), consultations=(C(D(2026, 3, 9)),)),
        D(2026, 4, 21),
        D(2026, 3, 11),
        False,
    ),
    # overlapping consultations: union 03-10..03-18 = 7 days, not 4 + 5 = 9
    (
        "consultations-overlap",
        Timeline(
            D(2026, 3, 2),
            consultations=(
                C(D(2026, 3, 9), D(2026, 3, 13)),
                C(D(2026, 3, 11), D(2026, 3, 18), "某县自然资源局"),
            ),
        ),
        D(2026, 4, 9),
        D(2026, 3, 11),
        False,
    ),
    # a consultation sent before the corrected application: only days after start count
    (
        "consultation-before-restart",
        Timeline(
            D(2026, 3, 2),
            correction_sent=D(2026, 3, 3),
            correction_received=D(2026, 4, 1),
            consultations=(C(D(2026, 3, 25), D(2026, 4, 3)),),  # 04-02, 04-03 after start
        ),
        D(2026, 5, 7),  # 22nd working day after 04-01 (劳动节 05-01~05-05 off)
        D(2026, 3, 11),
        False,
    ),
    (
        "extension-20",
        Timeline(D(2026, 3, 2), extension_days=20),
        D(2026, 4, 28),
        D(2026, 3, 11),
        False,
    ),  # fmt: skip
    # fee notice → payment excluded like a consultation (4 working days)
    (
        "fee-period",
        Timeline(D(2026, 3, 2), fee_periods=((D(2026, 3, 9), D(2026, 3, 13)),)),
        D(2026, 4, 3),
        D(2026, 3, 11),
        False,
    ),
    # everything at once: restart 10-20, consultation 5 days, extension 10 → 35 working days
    (
        "combined",
        Timeline(
            D(2026, 9, 25),
            correction_sent=D(2026, 10, 9),
            correction_received=D(2026, 10, 20),
            consultations=(C(D(2026, 10, 21), D(2026, 10, 28)),),
            extension_days=10,
        ),
        D(2026, 12, 8),
        D(2026, 10, 12),
        False,
    ),
    # 条例第三十五条: a reasonable later date replaces the count
    (
        "custom-due",
        Timeline(D(2026, 3, 2), custom_due=D(2026, 6, 30)),
        D(2026, 6, 30),
        D(2026, 3, 11),
        False,
    ),  # fmt: skip
]
TIMELINES = {case[0]: case[1] for case in CASES}


@pytest.mark.parametrize(
    ("timeline", "due", "notice_due", "provisional"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_deadline_table(timeline: Timeline, due: date, notice_due: date, provisional: bool) -> None:
    result = compute_deadline(timeline, CAL)
    assert (result.due, result.correction_notice_due, result.provisional) == (
        due,
        notice_due,
        provisional,
    )
    assert result.trace[0].startswith(f"收到申请：{timeline.received.isoformat()}")
    assert any(line.startswith("答复期限：") for line in result.trace)
    if timeline.custom_due is None:
        assert CAL.is_working_day(result.due)


def test_fee_periods_can_be_counted_by_setting() -> None:
    timeline = Timeline(D(2026, 3, 2), fee_periods=((D(2026, 3, 9), D(2026, 3, 13)),))
    result = compute_deadline(timeline, CAL, include_fee_periods=False)
    assert result.due == D(2026, 3, 30)
    assert result.excluded_working_days == 0
    assert any("按本地设置计入答复期限" in line for line in result.trace)
    unpaid = Timeline(D(2026, 3, 2), fee_periods=((D(2026, 3, 9), None),))
    assert compute_deadline(unpaid, CAL).excluded_working_days == 20  # the payment limit


def test_trace_explains_every_step() -> None:
    result = compute_deadline(TIMELINES["combined"], CAL)
    assert result.trace == (
        "收到申请：2026-09-25（星期五，中秋节，非工作日）",
        "起算：收到当日不计，自次日起计算工作日（民法典第二百零一条）",
        "补正告知期限：收到申请后第7个工作日，2026-10-12（条例第三十条）",
        "发出补正告知：2026-10-09",
        "补正后收到申请：2026-10-20，答复期限自次日重新计算（条例第三十条）",
        "征求第三方意见 2026-10-21～2026-10-28：5个工作日不计入答复期限"
        "（条例第三十二条、第三十三条第三款）",
        "经机关负责人同意延长 10 个工作日（条例第三十三条第二款），并告知申请人",
        "答复期限：2026-12-08（20 + 5 + 10 = 35 个工作日）",
    )
    assert result.excluded_working_days == 5


def test_trace_names_holidays_and_provisional_years() -> None:
    trace = compute_deadline(Timeline(D(2026, 9, 25)), CAL).trace
    assert "期间内的节假日：国庆节 10-01～10-07 不计；国庆节调休 10-10 计为工作日" in trace
    assert trace[-1] == "答复期限：2026-10-29（20 个工作日，条例第三十三条第二款）"
    trace = compute_deadline(Timeline(D(2026, 12, 15)), CAL).trace
    assert trace[-1] == "注意：2027 年的节假日安排尚未录入，按周一至周五推算，为临时期限"
    overlap = compute_deadline(TIMELINES["consultations-overlap"], CAL)
    assert overlap.excluded_working_days == 7
    assert any("重叠的工作日只计一次：共7个工作日" in line for line in overlap.trace)
    assert any("征求某县自然资源局意见" in line and "第三十四条" in line for line in overlap.trace)


def test_to_dict_shape() -> None:
    data = compute_deadline(Timeline(D(2026, 12, 15)), CAL).to_dict()
    assert list(data) == ["due", "correction_notice_due", "provisional", "trace"]
    assert (data["due"], data["correction_notice_due"], data["provisional"]) == (
        "2027-01-12",
        "2026-12-24",
        True,
    )
    assert all(isinstance(line, str) for line in data["trace"])


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"correction_received": D(2026, 3, 9)}, "correction_received"),
        ({"correction_sent": D(2026, 3, 1)}, "correction_sent"),
        (
            {"correction_sent": D(2026, 3, 9), "correction_received": D(2026, 3, 5)},
            "correction_received",
        ),
        ({"consultations": (C(D(2026, 2, 1)),)}, "consultations[1]"),
        ({"consultations": (C(D(2026, 3, 9), D(2026, 3, 8)),)}, "consultations[1]"),
        ({"fee_periods": ((D(2026, 3, 9), D(2026, 3, 3)),)}, "fee_periods[1]"),
        ({"extension_days": 21}, "extension_days"),
        ({"extension_days": -1}, "extension_days"),
        ({"custom_due": D(2026, 3, 1)}, "custom_due"),
    ],
)
def test_inconsistent_timelines_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(TimelineError, match=field.replace("[", r"\[")) as info:
        Timeline(D(2026, 3, 2), **kwargs)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))


def test_remaining_and_overdue() -> None:
    deadline = compute_deadline(Timeline(D(2026, 9, 25)), CAL)  # due Thursday 2026-10-29
    assert remaining_working_days(deadline, D(2026, 10, 26), CAL) == 3
    assert remaining_working_days(deadline, D(2026, 10, 29), CAL) == 0
    assert remaining_working_days(deadline, D(2026, 9, 30), CAL) == 17
    assert remaining_working_days(deadline, D(2026, 10, 30), CAL) == -1
    assert remaining_working_days(deadline, D(2026, 11, 2), CAL) == -2
    blank = Deadline(D(2026, 10, 30), D(2026, 10, 12), False)  # due on a Friday
    assert remaining_working_days(blank, D(2026, 10, 31), CAL) == -1  # Saturday: already late
    assert not is_overdue(deadline.due, D(2026, 10, 29))
    assert is_overdue(deadline.due, D(2026, 10, 30))
    # Waiting for a 补正 the period does not run (条例第三十条).
    assert not is_overdue(deadline.due, D(2026, 10, 30), clock_running=False)
    assert not is_replied_late(deadline.due, D(2026, 10, 29))
    assert is_replied_late(deadline.due, D(2026, 10, 30))


def test_speed() -> None:
    timeline = TIMELINES["combined"]
    compute_deadline(timeline, CAL)
    runs = 2000
    started = time.perf_counter()
    for _ in range(runs):
        compute_deadline(timeline, CAL)
    per_call = (time.perf_counter() - started) / runs
    assert per_call < 1e-3  # generous for CI; ~35 µs measured (see benchmarks in the report)


# -- properties -------------------------------------------------------------------------------

dates = st.dates(min_value=D(2019, 1, 1), max_value=D(2027, 6, 30))
offsets = st.integers(min_value=0, max_value=60)


@st.composite
def consultations(draw: st.DrawFn, received: date) -> Consultation:
    sent = received + timedelta(days=draw(offsets))
    answered = draw(st.none() | offsets.map(lambda n: sent + timedelta(days=n)))
    return Consultation(sent, answered)


@st.composite
def timelines(draw: st.DrawFn) -> Timeline:
    received = draw(dates)
    correction_received = None
    correction_sent = None
    if draw(st.booleans()):
        correction_sent = received + timedelta(days=draw(offsets))
        correction_received = correction_sent + timedelta(days=draw(offsets))
    fees = draw(st.lists(offsets, max_size=1))
    return Timeline(
        received,
        correction_sent=correction_sent,
        correction_received=correction_received,
        consultations=tuple(draw(st.lists(consultations(received), max_size=3))),
        fee_periods=tuple((received + timedelta(days=n), None) for n in fees),
        extension_days=draw(st.integers(min_value=0, max_value=20)),
    )


@settings(max_examples=300)
@given(timelines())
def test_due_is_always_a_working_day(timeline: Timeline) -> None:
    result = compute_deadline(timeline, CAL)
    assert CAL.is_working_day(result.due)
    assert CAL.is_working_day(result.correction_notice_due)
    assert result.due > (timeline.correction_received or timeline.received)


@settings(max_examples=300)
@given(timelines(), st.data())
def test_adding_an_event_never_moves_the_due_date_earlier(
    timeline: Timeline, data: st.DataObject
) -> None:
    due = compute_deadline(timeline, CAL).due
    more = data.draw(consultations(timeline.received))
    with_consultation = replace(timeline, consultations=(*timeline.consultations, more))
    assert compute_deadline(with_consultation, CAL).due >= due
    extra = data.draw(st.integers(min_value=0, max_value=20 - timeline.extension_days))
    longer = replace(timeline, extension_days=timeline.extension_days + extra)
    assert compute_deadline(longer, CAL).due >= due
    later = data.draw(offsets)
    if timeline.correction_received is None:
        sent = timeline.received + timedelta(days=later)
        corrected = replace(timeline, correction_sent=sent, correction_received=sent)
    else:
        corrected = replace(
            timeline, correction_received=timeline.correction_received + timedelta(days=later)
        )
    assert compute_deadline(corrected, CAL).due >= due
    paid_later = replace(timeline, fee_periods=(*timeline.fee_periods, (timeline.received, None)))
    assert compute_deadline(paid_later, CAL).due >= due
