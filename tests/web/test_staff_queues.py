"""The staff queues of issue 10: the extensions waiting for approval (one queryset word), the
annual reports on the 工作台 (returned, due soon, overdue) and in /reports/annual/."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from lxml import html as lxml_html
from page_parts import table_rows

from gongkai.apps.applications.actions import approve_extension, request_extension
from gongkai.apps.applications.models import Application
from gongkai.apps.reports import actions
from gongkai.apps.reports.choices import ReportStatusChoice
from gongkai.apps.reports.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_extension_pending_is_only_an_unapproved_extension(
    register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    without = register(received_on=date(2026, 9, 25), applicant_name="无延期人")
    pending = register(received_on=date(2026, 9, 25), applicant_name="待批人")
    approved = register(received_on=date(2026, 9, 25), applicant_name="已批人")
    request_extension(pending, 10, "调档。", date(2026, 9, 28), acting_user=clerk_a)
    approved = request_extension(approved, 10, "调档。", date(2026, 9, 28), acting_user=clerk_a)
    approve_extension(approved, date(2026, 9, 29), acting_user=reviewer_a)
    found = set(Application.objects.extension_pending().values_list("pk", flat=True))
    assert found == {pending.pk}
    assert without.pk not in found


def test_workbench_extension_queue_leaves_out_applications_without_extension(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    without = register(received_on=date(2026, 9, 25), applicant_name="无延期人")
    pending = register(received_on=date(2026, 9, 25), applicant_name="待批人")
    request_extension(pending, 10, "调档。", date(2026, 9, 28), acting_user=clerk_a)
    client.force_login(reviewer_a)
    page = client.get("/workbench/").content.decode()
    rows = table_rows(page, "section-extensions")
    numbers = {cell for row in rows for cell in row}
    assert any(pending.number in cell for cell in numbers)
    assert not any(without.number in cell for cell in numbers)
    assert len(rows) == 1


# =============================================================================================
# Annual reports on the 工作台 and in /reports/annual/ (finding 8)
# =============================================================================================


def sections_on(page: str) -> set[str]:
    tree = lxml_html.fromstring(page)
    return {str(s.get("data-testid")) for s in tree.xpath("//section[@data-testid]")}


def workbench(client: Client, user: Any) -> str:
    client.force_login(user)
    response = client.get("/workbench/")
    assert response.status_code == 200
    return str(response.content.decode())


def test_workbench_lists_reports_due_soon_overdue_and_returned(
    client: Client, clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any
) -> None:
    title_2025 = f"{dept_a.name}2025年政府信息公开工作年度报告"
    with time_machine.travel(date(2026, 1, 20), tick=False):
        page = workbench(client, clerk_a)
        # Last year's report, not started, due 2026-01-31 (条例第四十九条, the default).
        assert table_rows(page, "section-reports-due-soon") == [
            [title_2025, "未开始", "2026-01-31", "还有 11 天"]
        ]
        assert "section-reports-overdue" not in sections_on(page)
        assert "section-reports-returned" not in sections_on(page)
        tree = lxml_html.fromstring(page)
        links = tree.xpath('//*[@data-testid="section-reports-due-soon"]//a/@href')
        assert links == [f"/reports/annual/{dept_a.pk}/2025/"]
        # Another body's clerk and the 上级 do not compile 教育局's report.
        assert title_2025 not in workbench(client, clerk_b)
        assert title_2025 not in workbench(client, supervisor)

    # The 2024 report was returned by the 上级 and is still not resubmitted.
    report = actions.open_report(dept_a, 2024, acting_user=clerk_a)
    AnnualReport.objects.filter(pk=report.pk).update(status=ReportStatusChoice.RETURNED)
    with time_machine.travel(date(2026, 2, 10), tick=False):
        page = workbench(client, clerk_a)
        title_2024 = f"{dept_a.name}2024年政府信息公开工作年度报告"
        assert table_rows(page, "section-reports-returned") == [
            [title_2024, "退回修改", "2025-01-31", "已逾期 375 天"]
        ]
        assert [row[0] for row in table_rows(page, "section-reports-overdue")] == [
            title_2024,
            title_2025,
        ]
        assert table_rows(page, "section-reports-overdue")[1][3] == "已逾期 10 天"
        assert "section-reports-due-soon" not in sections_on(page)

    # Submitted: neither overdue nor due soon any more.
    AnnualReport.objects.filter(pk=report.pk).update(
        status=ReportStatusChoice.SUBMITTED, submitted_at=timezone.now()
    )
    with time_machine.travel(date(2026, 2, 10), tick=False):
        page = workbench(client, clerk_a)
        assert [row[0] for row in table_rows(page, "section-reports-overdue")] == [title_2025]
        assert "section-reports-returned" not in sections_on(page)


def test_annual_index_marks_overdue_reports_as_the_supervise_page_does(
    client: Client, clerk_a: Any, dept_a: Any, county: Any, supervisor: Any
) -> None:
    with time_machine.travel(date(2026, 2, 10), tick=False):
        client.force_login(clerk_a)
        page = client.get("/reports/annual/?year=2025").content.decode()
        rows = {row[0]: row for row in table_rows(page)}
        assert rows[dept_a.name][4] == "2026-01-31 已逾期 10 天"
        client.force_login(supervisor)
        supervise = client.get(f"/reports/supervise/{county.pk}/?year=2025").content.decode()
        marks = lxml_html.fromstring(supervise).xpath(
            f'//tr[@data-body="{dept_a.name}"]//*[@data-testid="overdue"]'
        )
        assert [m.text_content() for m in marks] == ["已逾期 10 天"]
        # A clerk who submitted late sees 逾期提交.
        report = actions.open_report(dept_a, 2025, acting_user=clerk_a)
        AnnualReport.objects.filter(pk=report.pk).update(
            status=ReportStatusChoice.SUBMITTED, submitted_at=timezone.now()
        )
        client.force_login(clerk_a)
        page = client.get("/reports/annual/?year=2025").content.decode()
        rows = {row[0]: row for row in table_rows(page)}
        assert rows[dept_a.name][4] == "2026-01-31 逾期提交"


def test_workbench_lists_the_reports_waiting_for_the_users_review(
    client: Client, clerk_a: Any, reviewer_a: Any, supervisor: Any, dept_a: Any
) -> None:
    dept_a.report_body_review = True
    dept_a.save()
    report = actions.open_report(dept_a, 2024, acting_user=clerk_a)
    report = actions.save_narrative(
        report, {"一": "概况。", "五": "无。", "六": "无。"}, acting_user=clerk_a
    )
    report = actions.send_for_review(report, acting_user=clerk_a)
    title = f"{dept_a.name}2024年政府信息公开工作年度报告"
    rows = table_rows(workbench(client, reviewer_a), "section-reports-to-review")
    assert [row[:2] for row in rows] == [[title, "待本机关审核"]]
    assert "section-reports-to-review" not in sections_on(workbench(client, clerk_a))
    assert "section-reports-to-review" not in sections_on(workbench(client, supervisor))

    actions.submit_report(report, acting_user=reviewer_a)
    rows = table_rows(workbench(client, supervisor), "section-reports-to-review")
    assert [row[:2] for row in rows] == [[title, "已提交上级"]]
    assert "section-reports-to-review" not in sections_on(workbench(client, reviewer_a))
