"""``gongkai deadline`` as a user runs it: a real process, JSON on stdout, exit codes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable

Runner = Callable[..., subprocess.CompletedProcess[str]]


def test_json_shape(gongkai: Runner) -> None:
    result = gongkai("deadline", "--received", "2026-09-25", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["due", "correction_notice_due", "provisional", "trace"]
    assert data["due"] == "2026-10-29"
    assert data["correction_notice_due"] == "2026-10-12"
    assert data["provisional"] is False
    assert data["trace"][0] == "收到申请：2026-09-25（星期五，中秋节，非工作日）"
    # ensure_ascii=False and indent=2, exactly
    assert result.stdout == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_repeatable_consult_correction_and_extension(gongkai: Runner) -> None:
    result = gongkai(
        "deadline",
        "--received", "2026-03-02",
        "--consult", "2026-03-09:2026-03-13",
        "--consult", "2026-03-11:2026-03-18",
        "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["due"] == "2026-04-09"  # union of 7 days, not 9
    result = gongkai(
        "deadline",
        "--received", "2026-09-25",
        "--correction-sent", "2026-10-09",
        "--correction-received", "2026-10-20",
        "--consult", "2026-10-21:2026-10-28",
        "--extension", "10",
        "--json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["due"] == "2026-12-08"
    assert "答复期限：2026-12-08（20 + 5 + 10 = 35 个工作日）" in data["trace"]
    # an unanswered consultation: "D1:"
    result = gongkai("deadline", "--received", "2026-03-02", "--consult", "2026-03-09:", "--json")
    assert json.loads(result.stdout)["due"] == "2026-04-21"


def test_provisional_and_human_output(gongkai: Runner) -> None:
    result = gongkai("deadline", "--received", "2026-12-15")
    assert result.returncode == 0, result.stderr
    assert "答复期限：2027-01-12（临时期限）" in result.stdout
    assert "补正告知期限：2026-12-24" in result.stdout
    assert "1. 收到申请：2026-12-15（星期二，工作日）" in result.stdout
    assert "2027 年的节假日安排尚未录入" in result.stdout


def test_bad_input_exits_2_with_one_chinese_line(gongkai: Runner) -> None:
    for args, expected in [
        (("--received", "2026-13-01"), "--received 的日期“2026-13-01”无效"),
        (("--received", "2026/09/25"), "应为 YYYY-MM-DD"),
        (("--received", "2026-09-25", "--consult", "2026-09-28"), "--consult"),
        (("--received", "2026-09-25", "--consult", "2026-09-20:"), "早于收到申请日期"),
        (("--received", "2026-09-25", "--extension", "21"), "--extension 应为 0 至 20 之间的整数"),
        (("--received", "2026-09-25", "--extension", "abc"), "--extension"),
        ((), "缺少 --received"),
    ]:
        result = gongkai("deadline", *args)
        assert result.returncode == 2, (args, result.stdout)
        assert expected in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert result.stdout == ""
