"""The calendar table: seed, loading with its cache, entering a year's schedule, admin."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.apps.workcal.choices import YearStatus
from gongkai.apps.workcal.models import CalendarDay, CalendarYear
from gongkai.apps.workcal.services import (
    CalendarError,
    enter_year_schedule,
    load_calendar,
    parse_schedule_text,
)
from gongkai.domain.workdays.calendar import chinese_calendar_days
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db

# The 2027 schedule as a test fixture (the real notice is not out when this is written).
HOLIDAYS_2027 = [
    (date(2027, 1, 1), date(2027, 1, 3), "元旦"),
    (date(2027, 10, 1), date(2027, 10, 7), "国庆节"),
]
MAKEUPS_2027 = [(date(2027, 9, 26), "国庆节调休"), (date(2027, 10, 9), "国庆节调休")]


def test_seed_2019_to_2026() -> None:
    calendar = load_calendar()
    assert not calendar.is_working_day(date(2026, 10, 1))  # 国庆节
    assert calendar.is_working_day(date(2026, 10, 10))  # Saturday, 国庆节调休
    assert not calendar.is_provisional(date(2026, 12, 31))
    assert calendar.is_provisional(date(2027, 1, 4))
    assert set(
        CalendarYear.objects.filter(status=YearStatus.SCHEDULED).values_list("year", flat=True)
    ) == set(range(2019, 2027))
    expected = {d.day for d in chinese_calendar_days(range(2019, 2027))}
    assert set(CalendarDay.objects.values_list("day", flat=True)) == expected
    day = CalendarDay.objects.get(day=date(2026, 10, 1))
    assert day.name == "国庆节" and day.source == "chinese_calendar"


def test_load_calendar_is_cached_and_sees_changes() -> None:
    first = load_calendar()
    assert load_calendar() is first
    CalendarDay.objects.create(day=date(2027, 5, 3), kind="holiday", name="劳动节")
    second = load_calendar()
    assert second is not first
    assert not second.is_working_day(date(2027, 5, 3))
    CalendarDay.objects.filter(day=date(2027, 5, 3)).delete()
    assert load_calendar().is_working_day(date(2027, 5, 3))


def test_enter_year_schedule_replaces_days_and_marks_year(django_user_model: Any) -> None:
    user = django_user_model.objects.create_user("calendar-admin")
    CalendarDay.objects.create(day=date(2027, 6, 14), kind="holiday", name="猜测的端午节")
    replaced = CalendarDay.objects.get(day=date(2027, 6, 14))
    year = enter_year_schedule(
        2027, HOLIDAYS_2027, MAKEUPS_2027, acting_user=user, source_note="国办发明电"
    )
    assert year.status == YearStatus.SCHEDULED and year.entered_by == user
    days = dict(CalendarDay.objects.filter(day__year=2027).values_list("day", "kind"))
    assert date(2027, 6, 14) not in days  # replaced
    assert days[date(2027, 10, 1)] == "holiday"
    assert date(2027, 10, 2) not in days  # a Saturday in the range is no exception
    assert days[date(2027, 9, 26)] == "makeup_workday"
    calendar = load_calendar()
    assert not calendar.is_provisional(date(2027, 3, 1))
    assert calendar.is_working_day(date(2027, 10, 9))
    # The audit log: the year and every day removed or added, by the user who entered them.
    entry = entries_for(year).get()
    assert (entry.action, entry.user) == ("workcal.enter_year", user)
    assert entry.data["holidays"] == 6 and entry.data["makeup_days"] == 2
    assert ["status", "—", "已按国务院通知录入"] in entry.data["changes"]
    added = entries_for(CalendarDay.objects.get(day=date(2027, 10, 1))).get()
    assert (added.action, added.user) == ("workcal.enter_year", user)
    assert ["kind", "—", "节假日（不上班）"] in added.data["changes"]
    removed = entries_for(replaced).get()
    assert (removed.action, removed.user) == ("workcal.enter_year", user)
    assert removed.data["deleted"] == str(replaced)


@pytest.mark.parametrize(
    ("holidays", "makeups", "message"),
    [
        ([(date(2027, 10, 7), date(2027, 10, 1), "国庆节")], [], "早于开始日"),
        ([], [(date(2027, 9, 27), "国庆节调休")], "不是周六或周日"),
        ([(date(2029, 10, 1), date(2029, 10, 2), "国庆节")], [], "不属于"),
        ([(date(2027, 1, 1), date(2027, 3, 1), "长假")], [], "超过 31 天"),
    ],
)
def test_enter_year_schedule_rejects_bad_input(
    holidays: list[Any], makeups: list[Any], message: str
) -> None:
    before = CalendarDay.objects.count()
    with pytest.raises(CalendarError, match=message):
        enter_year_schedule(2027, holidays, makeups)
    assert CalendarDay.objects.count() == before
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_enter_year_schedule_recomputes_deadlines(register: Any) -> None:
    app = register(received_on=date(2027, 9, 24))
    assert app.deadline_provisional
    provisional_due = app.due_on
    assert any("2027 年的节假日安排尚未录入" in line for line in app.deadline_trace)
    enter_year_schedule(2027, HOLIDAYS_2027, MAKEUPS_2027)
    app.refresh_from_db()
    assert not app.deadline_provisional
    # 国庆节 takes five weekdays out, the two 调休 Sundays/Saturdays give two back.
    assert app.due_on is not None and provisional_due is not None
    assert app.due_on > provisional_due
    assert load_calendar().working_days_between(date(2027, 9, 24), app.due_on) == 20
    assert app.version == 1  # derived data: no new version for open forms


def test_parse_schedule_text() -> None:
    holidays, makeups = parse_schedule_text(
        "2027-10-01~2027-10-07 国庆节\n\n2027年1月1日 元旦\n", "2027/9/26 国庆节调休"
    )
    assert holidays == [
        (date(2027, 10, 1), date(2027, 10, 7), "国庆节"),
        (date(2027, 1, 1), date(2027, 1, 1), "元旦"),
    ]
    assert makeups == [(date(2027, 9, 26), "国庆节调休")]
    with pytest.raises(CalendarError, match="第 1 行"):
        parse_schedule_text("十月一日 国庆节", "")
    with pytest.raises(CalendarError, match="日期无效"):
        parse_schedule_text("2027-02-30 春节", "")


def test_admin_enters_a_year_schedule(client: Client, django_user_model: Any) -> None:
    admin = django_user_model.objects.create_superuser("root", password="root-password-1")
    client.force_login(admin)
    response = client.post(
        "/admin/workcal/calendaryear/add/",
        {
            "year": 2027,
            "status": "provisional",
            "source_note": "国办发明电〔2026〕1号",
            "holidays_text": "2027-10-01~2027-10-07 国庆节",
            "makeup_text": "2027-09-26 国庆节调休",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    year = CalendarYear.objects.get(year=2027)
    assert year.status == YearStatus.SCHEDULED and year.entered_by == admin
    assert CalendarDay.objects.filter(day=date(2027, 10, 1), kind="holiday").exists()
    # One entry of the schedule entered, by the admin (not a second one of the admin's save).
    assert [(e.action, e.user) for e in entries_for(year)] == [("workcal.enter_year", admin)]


def test_admin_rejects_a_bad_schedule(client: Client, django_user_model: Any) -> None:
    admin = django_user_model.objects.create_superuser("root", password="root-password-1")
    client.force_login(admin)
    response = client.post(
        "/admin/workcal/calendaryear/add/",
        {"year": 2027, "status": "provisional", "makeup_text": "2027-09-27 国庆节调休"},
    )
    assert response.status_code == 200
    assert "不是周六或周日" in response.content.decode()
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_admin_day_edit_recomputes(client: Client, django_user_model: Any, register: Any) -> None:
    app = register(received_on=date(2027, 3, 1))
    before = app.due_on
    admin = django_user_model.objects.create_superuser("root", password="root-password-1")
    client.force_login(admin)
    response = client.post(
        "/admin/workcal/calendarday/add/",
        {"day": "2027-03-10", "kind": "holiday", "name": "地方假日", "source": "manual"},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.due_on is not None and before is not None and app.due_on > before
    entry = entries_for(CalendarDay.objects.get(day=date(2027, 3, 10))).get()
    assert (entry.action, entry.user) == ("admin.add", admin)
    assert ["name", "—", "地方假日"] in entry.data["changes"]
