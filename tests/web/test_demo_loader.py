"""The demo loader in process: deterministic records, idempotent load, one-record changes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Any) -> None:
    """The demo's files (the notices' photos) go to a temporary folder."""
    settings.GONGKAI_VAR_DIR = tmp_path


def test_demo_records_are_deterministic_and_valid() -> None:
    from gongkai.apps.workcal.services import load_calendar
    from gongkai.demo.loader import build_records

    calendar = load_calendar()
    first = build_records(calendar)
    second = build_records(calendar)
    assert [r.counts() for r in first] == [r.counts() for r in second]
    assert [r.applications for r in first] == [r.applications for r in second]
    xutao = first[0]
    assert xutao.body == "徐套乡人民政府"
    assert xutao.counts()["decisions"] == 34 + 2833 + 12 + 21
    # replies and decisions on working days; lapses are the day after a period ran out
    for records in first:
        for row in records.applications:
            assert calendar.is_working_day(row["收到申请日期"])  # type: ignore[arg-type]
            replied = row.get("答复日期")
            if replied is not None and not str(row["办理结果"]).startswith("其他处理-"):
                assert calendar.is_working_day(replied)  # type: ignore[arg-type]


def test_load_twice_and_change_one_decision(django_user_model: Any) -> None:
    from gongkai.apps.orgs.models import Body, Membership
    from gongkai.apps.stats.models import Decision
    from gongkai.apps.stats.reporting import build_full_tables
    from gongkai.demo.loader import load_demo
    from gongkai.domain.report.rules import check

    first = load_demo()
    second = load_demo()
    assert first.counts == second.counts
    assert first.accounts == second.accounts
    assert ("zrzy", "gongkai-demo") in first.accounts
    assert ("demo", "gongkai-demo") in first.accounts
    assert Membership.objects.filter(
        user__username="zrzy", body__name="中宁县自然资源局", role="reviewer"
    ).exists()
    county = Body.objects.get(name="中宁县人民政府")
    assert county.parent == Body.objects.get(name="中卫市人民政府")
    assert Body.objects.get(name="徐套乡人民政府").parent == county

    body = Body.objects.get(name="中宁县自然资源局")
    before = build_full_tables(body, 2024)
    check(before, build_full_tables(body, 2023))
    assert before.errors == []
    Decision.objects.create(
        body=body, category="licensing", matter_name="临时用地审批", decided_on=date(2024, 8, 5)
    )
    after = build_full_tables(body, 2024)
    changed = {k for k in after.cells if after.cells[k] != before.cells[k]}
    assert changed == {"s2.licensing.decisions"}
    assert after.cells["s2.licensing.decisions"] == before.cells["s2.licensing.decisions"] + 1
    # loading again makes the demo's decisions exactly the demo's again
    load_demo()
    assert build_full_tables(body, 2024).cells == before.cells


def test_city_regulations_made_amended_and_repealed() -> None:
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.stats.reporting import build_full_tables
    from gongkai.demo.loader import load_demo

    load_demo()
    city = Body.objects.get(name="中卫市人民政府")
    cells = {y: build_full_tables(city, y).cells for y in range(2020, 2026)}
    assert sum(cells[y]["s2.regulations.issued"] for y in range(2021, 2026)) >= 3
    assert sum(cells[y]["s2.regulations.repealed"] for y in range(2021, 2026)) >= 2
    for y in range(2022, 2026):  # X3 by construction
        assert cells[y]["s2.regulations.in_force"] == (
            cells[y - 1]["s2.regulations.in_force"]
            + cells[y]["s2.regulations.issued"]
            - cells[y]["s2.regulations.repealed"]
        )
