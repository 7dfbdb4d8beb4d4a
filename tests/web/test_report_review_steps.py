"""The annual report's steps on the web (issue 10, finding 9): 提交上级 and 发布 need a
confirmation the server checks; 撤回 until the 上级 opens the report; the body's own 审核人
before 提交上级 where the body's setting asks for it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.apps.reports import actions
from gongkai.apps.reports.models import AnnualReport
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db

YEAR = 2024
TEXT = {"一": "概况。", "五": "无。", "六": "无。"}


@pytest.fixture
def report(dept_a: Any, clerk_a: Any) -> AnnualReport:
    opened = actions.open_report(dept_a, YEAR, acting_user=clerk_a)
    return actions.save_narrative(opened, TEXT, acting_user=clerk_a)


def step(client: Client, report: AnnualReport, op: str, **data: Any) -> Any:
    report.refresh_from_db()
    url = reverse("reports:action", kwargs={"pk": report.pk, "op": op})
    return client.post(url, {"version": report.version, **data}, follow=True)


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def workspace(client: Client, report: AnnualReport) -> str:
    return str(client.get(report.get_absolute_url()).content.decode())


def status_of(report: AnnualReport) -> str:
    report.refresh_from_db()
    return report.status


def test_submit_and_publish_need_the_confirmation(
    report: AnnualReport, clerk_a: Any, supervisor: Any
) -> None:
    clerk = as_user(clerk_a)
    refused = step(clerk, report, "submit")
    assert refused.status_code == 400 and "请勾选确认后再提交上级。" in refused.content.decode()
    assert status_of(report) == "draft"
    assert 'data-testid="confirm-step"' in workspace(clerk, report)  # the box beside the button
    done = step(clerk, report, "submit", confirmed="on")
    assert "已提交上级，等待上级审核" in done.content.decode()
    assert status_of(report) == "submitted"
    step(as_user(supervisor), report, "approve")
    assert status_of(report) == "approved"
    refused = step(clerk, report, "publish")
    assert refused.status_code == 400 and "请勾选确认后再发布。" in refused.content.decode()
    assert status_of(report) == "approved"
    done = step(clerk, report, "publish", confirmed="on")
    assert "已发布，年报已向社会公开。" in done.content.decode()
    assert status_of(report) == "published"


def test_withdraw_until_the_supervisor_opens_the_report(
    report: AnnualReport, clerk_a: Any, reviewer_a: Any, supervisor: Any
) -> None:
    clerk = as_user(clerk_a)
    step(clerk, report, "submit", confirmed="on")
    # The body's own staff opening it is not the 上级's review.
    workspace(as_user(reviewer_a), report)
    page = workspace(clerk, report)
    assert 'data-testid="action-withdraw"' in page and "现在仍可撤回" in page
    done = step(clerk, report, "withdraw")
    assert "已撤回，年报回到草稿，可以修改后重新提交。" in done.content.decode()
    report.refresh_from_db()
    assert (report.status, report.submitted_at) == ("draft", None)
    entry = entries_for(report).last()
    assert entry is not None and (entry.action, entry.user) == ("reports.withdraw", clerk_a)

    step(clerk, report, "submit", confirmed="on")
    assert workspace(as_user(supervisor), report)  # the 上级 opens it
    report.refresh_from_db()
    opened = report.review_opened_at
    assert opened is not None
    workspace(as_user(supervisor), report)  # the first opening is kept
    report.refresh_from_db()
    assert report.review_opened_at == opened
    page = workspace(clerk, report)
    assert 'data-testid="action-withdraw"' not in page and "打开审阅，不能再撤回" in page
    refused = step(clerk, report, "withdraw")
    assert "上级机关已打开审阅这份年报，不能撤回" in refused.content.decode()
    assert status_of(report) == "submitted"
    # Returned and submitted again: a new submission, not opened yet.
    step(as_user(supervisor), report, "return", comment="请补充第五部分。")
    step(clerk, report, "submit", confirmed="on")
    report.refresh_from_db()
    assert report.review_opened_at is None
    assert 'data-testid="action-withdraw"' in workspace(clerk, report)


def test_the_bodys_reviewer_step_when_the_setting_asks_for_it(
    report: AnnualReport, dept_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    dept_a.report_body_review = True
    dept_a.save()
    clerk, reviewer = as_user(clerk_a), as_user(reviewer_a)
    page = workspace(clerk, report)
    assert 'data-testid="action-send_review"' in page and 'data-testid="action-submit"' not in page
    refused = step(clerk, report, "submit", confirmed="on")
    assert "请先送本机关审核" in refused.content.decode()
    assert status_of(report) == "draft"

    done = step(clerk, report, "send_review")
    assert "已送本机关审核，由本机关审核人审核后提交上级。" in done.content.decode()
    assert status_of(report) == "in_review"
    assert "待本机关审核" in workspace(clerk, report)
    refused = step(clerk, report, "submit", confirmed="on")
    assert refused.status_code == 400
    assert "只有本机关的审核人可以提交上级。" in refused.content.decode()
    assert status_of(report) == "in_review"
    refused = step(reviewer, report, "body_return")
    assert "请填写意见" in refused.content.decode()
    step(reviewer, report, "body_return", comment="第五部分请写明改进措施。")
    assert status_of(report) == "returned"
    assert "本机关审核人退回意见" in workspace(clerk, report)

    step(clerk, report, "send_review")
    page = workspace(reviewer, report)
    assert 'data-testid="action-submit"' in page and 'data-testid="action-body_return"' in page
    step(reviewer, report, "submit", confirmed="on")
    report.refresh_from_db()
    assert report.status == "submitted" and report.submitted_at is not None
    audited = [(e.action, e.user) for e in entries_for(report)][-4:]
    assert audited == [
        ("reports.send_review", clerk_a),
        ("reports.body_return", reviewer_a),
        ("reports.send_review", clerk_a),
        ("reports.submit", reviewer_a),
    ]
    kinds = list(report.events.values_list("kind", flat=True))
    assert kinds[-4:] == ["send_review", "body_return", "send_review", "submit"]
