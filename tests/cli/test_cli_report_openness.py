"""Issue 14's first "must show": ``gongkai report build --org 徐套乡人民政府 --year 2019 --json``
states the township's 24 党委会议 with their minutes published, from the meeting records, and T1
flags a narrative that changes that figure."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from typer.testing import Result

from gongkai.apps.meetings.actions import record_meeting
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.annual import build_annual_report

Invoke = Callable[..., Result]
TOWNSHIP = "徐套乡人民政府"
SENTENCE = "2019年共召开乡党委会议24次，均通过会议纪要的形式将内容进行了公开。"


@pytest.fixture
def township(db: Any, cli: Invoke) -> Body:
    done = cli("org", "add", TOWNSHIP, "--code", "123456788")
    assert done.exit_code == 0, done.output
    body = Body.objects.get(name=TOWNSHIP)
    for k in range(1, 25):  # twice a month, each one's minutes published a week later
        held = date(2019, (k + 1) // 2, 1 if k % 2 else 15)
        record_meeting(
            body,
            acting_user=None,
            kind="party_committee",
            held_on=held,
            title=f"徐套乡党委会议（2019年第{k}次）",
            minutes_published_on=date(held.year, held.month, held.day + 7),
            minutes_url=f"https://www.example.gov.cn/xutao/2019/{k}.html",
        )
    return body


def _t1(findings: list[dict[str, Any]]) -> list[str]:
    return [f["message"] for f in findings if f["rule"] == "T1"]


def test_report_build_states_the_meetings_from_records(township: Body, cli: Invoke) -> None:
    done = cli("report", "build", "--org", TOWNSHIP, "--year", "2019", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert SENTENCE in report["narrative"]["一"]
    assert _t1(report["findings"]) == []


def test_t1_flags_a_narrative_that_changes_the_meetings(township: Body, cli: Invoke) -> None:
    drafted = json.loads(
        cli("report", "build", "--org", TOWNSHIP, "--year", "2019", "--json").stdout
    )
    narrative = dict(drafted["narrative"])
    narrative["一"] = narrative["一"].replace("乡党委会议24次", "乡党委会议25次")
    built = build_annual_report(township, 2019, narrative)
    (message,) = [f.message for f in built.report.findings if f.rule == "T1"]
    assert "25次" in message and "24次" in message

    # One meeting's minutes not published: "均…公开" no longer holds.
    meeting = township.meetings.order_by("held_on").last()
    assert meeting is not None
    type(meeting).objects.filter(pk=meeting.pk).update(minutes_published_on=None, minutes_url="")
    built = build_annual_report(township, 2019, drafted["narrative"])
    assert [f for f in built.report.findings if f.rule == "T1"]
    redrafted = json.loads(
        cli("report", "build", "--org", TOWNSHIP, "--year", "2019", "--json").stdout
    )
    assert SENTENCE not in redrafted["narrative"]["一"]
    assert "其中23次的会议纪要（决定）已公开" in redrafted["narrative"]["一"]
    assert _t1(redrafted["findings"]) == []


def test_the_workspace_lists_the_records_behind_the_narrative(
    township: Body, admin_client: Any
) -> None:
    started = admin_client.post(f"/reports/annual/{township.pk}/2019/start/")
    assert started.status_code == 302
    page = admin_client.get(f"/reports/annual/{township.pk}/2019/").content.decode()
    assert "党委会议 24 次，纪要公开 24" in page
