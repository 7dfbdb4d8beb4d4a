"""``gongkai summaries refresh | check`` through the real typer app on the test database: a
refresh, then a check that finds every summary equal to the records (exit 0); a stored summary
tampered with, and the check names its body and year (exit 1)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_refresh_then_check_then_a_tampered_summary(cli: Any) -> None:
    from gongkai.apps.applications.actions import register_application
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import create_body
    from gongkai.apps.reports.models import YearSummary
    from gongkai.apps.reports.summaries import summary_years

    county = create_body("某某县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)
    dept = create_body("某某县教育局", parent=county)
    register_application(
        dept,
        acting_user=None,
        channel="in_person",
        received_on=date(2025, 3, 3),
        applicant_type="natural_person",
        applicant_name="李四",
        content="申请公开学校建设资金的使用情况。",
    )
    years = len(summary_years())

    stale = cli("summaries", "check")
    assert stale.exit_code == 1
    assert "某某县教育局 2025 年：尚未计算" in stale.stdout

    done = cli("summaries", "refresh", "--org", "某某县教育局", "--year", "2025")
    assert done.exit_code == 0, done.output
    assert "已更新年度汇总 1 条。" in done.stdout
    done = cli("summaries", "refresh")
    assert done.exit_code == 0, done.output
    assert f"已更新年度汇总 {2 * years - 1} 条。" in done.stdout
    again = cli("summaries", "refresh")
    assert "已更新年度汇总 0 条。" in again.stdout  # nothing changed since

    checked = cli("summaries", "check")
    assert checked.exit_code == 0, checked.output
    assert f"核对年度汇总 {2 * years} 条，全部与记录一致。" in checked.stdout

    summary = YearSummary.objects.get(body=dept, year=2025)
    cells = {**summary.cells, "s3.new_received.total": 7}
    YearSummary.objects.filter(pk=summary.pk).update(cells=cells)
    tampered = cli("summaries", "check")
    assert tampered.exit_code == 1
    assert "某某县教育局 2025 年：不一致：cells" in tampered.stdout
    assert f"核对年度汇总 {2 * years} 条，1 条与记录不一致" in tampered.stdout
    scoped = cli("summaries", "check", "--org", "某某县人民政府", "--year", "2024")
    assert scoped.exit_code == 0, scoped.output  # another year: nothing to say

    done = cli("summaries", "refresh", "--all", "--org", "某某县教育局")
    assert f"已更新年度汇总 {years} 条。" in done.stdout
    assert cli("summaries", "check").exit_code == 0
