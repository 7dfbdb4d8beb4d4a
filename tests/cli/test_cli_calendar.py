"""``gongkai calendar`` and ``gongkai deadline`` on the platform's own calendar table."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

Runner = Callable[..., subprocess.CompletedProcess[str]]


def test_entering_a_year_makes_its_deadlines_final(gongkai: Runner) -> None:
    before = gongkai("deadline", "--received", "2026-12-15", "--json")
    assert before.returncode == 0, before.stderr
    provisional = json.loads(before.stdout)
    assert provisional["provisional"] is True and provisional["due"] == "2027-01-12"

    shown = gongkai("calendar", "show", "2027")
    assert shown.returncode == 0 and "未录入" in shown.stdout

    entered = gongkai(
        "calendar", "set-year", "2027",
        "--holiday", "2027-01-01 元旦",
        "--holiday", "2027-02-06~2027-02-12 春节",
        "--makeup", "2027-02-13 春节调休",
        "--note", "测试用安排",
    )  # fmt: skip
    assert entered.returncode == 0, entered.stderr
    after = json.loads(gongkai("deadline", "--received", "2026-12-15", "--json").stdout)
    assert after["provisional"] is False
    assert after["due"] == "2027-01-13"  # 2027-01-01 元旦 is no longer a working day
    shown = gongkai("calendar", "show", "2027")
    assert "已录入" in shown.stdout and "元旦" in shown.stdout


def test_bad_schedule_is_refused_in_one_line(gongkai: Runner) -> None:
    result = gongkai("calendar", "set-year", "2027", "--holiday", "2027-13-01 元旦")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "日期无效" in result.stderr
    weekday_makeup = gongkai(
        "calendar", "set-year", "2027",
        "--holiday", "2027-01-01 元旦", "--makeup", "2027-01-04 调休",
    )  # fmt: skip
    assert weekday_makeup.returncode == 2 and "不是周六或周日" in weekday_makeup.stderr
