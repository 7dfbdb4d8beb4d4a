"""超期 (overdue) is one word with one definition: an application past its due date is
overdue for the list filter, the 工作台, the badge and the daily reminders alike — and one
waiting for a 补正 (条例第三十条: its period stops) is overdue for none of them."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from gongkai.apps.applications.actions import due_reminders, request_correction
from gongkai.apps.applications.choices import ReminderKind, Status
from gongkai.apps.applications.models import Application, Reminder
from gongkai.apps.applications.tables import deadline_badge
from gongkai.apps.workcal.services import load_calendar

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 7)  # a Monday
RECEIVED = date(2026, 10, 9)  # due 2026-11-06 (20 working days after the 国庆 holiday)


@pytest.fixture
def frozen() -> Any:
    with time_machine.travel(date(2026, 12, 7), tick=False) as traveller:
        yield traveller


@pytest.fixture
def two(frozen: Any, register: Any, clerk_a: Any) -> tuple[Application, Application]:
    late = register(received_on=RECEIVED, applicant_name="超期申请人")
    waiting = register(received_on=RECEIVED, applicant_name="补正申请人")
    waiting = request_correction(waiting, date(2026, 10, 12), "请补充。", acting_user=clerk_a)
    # Both due dates lie before today; one application waits for the applicant.
    assert late.due_on is not None and late.due_on < TODAY
    assert waiting.due_on is not None and waiting.due_on < TODAY
    assert waiting.status == Status.AWAITING_CORRECTION
    return late, waiting


def _numbers_in(html: str) -> set[str]:
    return set(re.findall(r">(\d{4}-\d{4})</a>", html))


def _workbench_overdue(client: Client) -> set[str]:
    page = client.get("/workbench/").content.decode()
    start = page.index('data-testid="section-overdue"')
    return _numbers_in(page[start : page.index("</section>", start)])


def test_overdue_reads_the_same_everywhere(
    two: tuple[Application, Application], client: Client, clerk_a: Any
) -> None:
    late, waiting = two
    # The model's words.
    assert list(Application.objects.overdue(TODAY)) == [late]
    assert late.is_overdue(TODAY) and not waiting.is_overdue(TODAY)
    # The list filter.
    client.force_login(clerk_a)
    assert _numbers_in(client.get("/applications/?overdue=true").content.decode()) == {late.number}
    assert waiting.number in _numbers_in(
        client.get("/applications/?overdue=false").content.decode()
    )
    # The 工作台.
    assert _workbench_overdue(client) == {late.number}
    # The badge.
    calendar = load_calendar()
    assert deadline_badge(late, TODAY, calendar).overdue
    assert not deadline_badge(waiting, TODAY, calendar).overdue
    assert "待补正" in deadline_badge(waiting, TODAY, calendar).text
    # The daily run.
    sent = due_reminders(TODAY)
    assert [(r.application_id, r.kind) for r in sent] == [(late.pk, ReminderKind.OVERDUE)]
    assert not Reminder.objects.filter(application=waiting).exists()
