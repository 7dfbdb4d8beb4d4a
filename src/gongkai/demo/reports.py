"""Annual reports of the demo bodies at every step of the workflow.

Made through the report actions (:mod:`gongkai.apps.reports.actions`), so the review trail,
the audit log and the published snapshots are the real ones; afterwards the steps are dated as
a January would have seen them. Idempotent: a body's report of a year that exists is left as it
is (a plan that fails half-way leaves the report at the last step that succeeded, with a note).

- 2023: every body of 中宁县 published (the 2024 reports compare with them);
- 2024: 教育局 submitted, 市场监管局 returned with the county's comment, 人社局 approved,
  石空镇 a draft, 中宁县人民政府 submitted to the city; 自然资源局 and 徐套乡 not started (to try
  the workflow), 宁安镇 not started either — overdue since its deadline;
- 徐套乡 2019 stays without a workspace: its report is the draft built from the records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from gongkai.demo.accounts import DEMO_BODY_ACCOUNTS, account_of
from gongkai.demo.bodies import (
    COUNTY,
    DEPT_EDUCATION,
    DEPT_HRSS,
    DEPT_MARKET,
    TOWN_SHIKONG,
    body_spec,
)

__all__ = ["ReportPlan", "load_reports"]

#: The 经办人 of the bodies of 中宁县 (the county government and the bodies under it) with
#: an account of their own: their reports are written by them.
CLERKS = {
    body: account.username
    for account in DEMO_BODY_ACCOUNTS
    for body, role in account.roles
    if role == "clerk" and COUNTY in (body, body_spec(body).parent)
}

PROBLEMS = (
    "（一）存在的主要问题：一是部分信息发布不够及时，个别文件超过二十个工作日才在网站公开；"
    "二是政策解读形式较为单一，图解、视频解读偏少。\n"
    "（二）改进情况：建立公开目录月度核对制度，由办公室每月核对一次文件公开情况；"
    "对重要政策文件同步制作图解，提高解读的可读性。"
)
OTHER_MATTERS = "本年度未收取信息处理费。无其他需要报告的事项。"
RETURN_COMMENT = "第五部分请对照上年报告写明问题的整改结果，并补充具体措施和完成时间。"


@dataclass(frozen=True)
class ReportPlan:
    body: str
    year: int
    status: str  # draft / submitted / returned / approved / published


PLANS: tuple[ReportPlan, ...] = (
    *(ReportPlan(body, 2023, "published") for body in CLERKS),
    ReportPlan(DEPT_EDUCATION, 2024, "submitted"),
    ReportPlan(DEPT_MARKET, 2024, "returned"),
    ReportPlan(DEPT_HRSS, 2024, "approved"),
    ReportPlan(TOWN_SHIKONG, 2024, "draft"),
    ReportPlan(COUNTY, 2024, "submitted"),
)

_STEPS = {
    "draft": (),
    "submitted": ("submit",),
    "returned": ("submit", "return"),
    "approved": ("submit", "approve"),
    "published": ("submit", "approve", "publish"),
}


def _supervisor(body: str) -> str:
    """Who returns or approves ``body``'s report: the 上级 of the body above it ("" if none)."""
    parent = body_spec(body).parent
    return (account_of(parent, "supervisor") if parent else None) or ""


def _users() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    names = [*CLERKS.values(), *(_supervisor(body) for body in CLERKS)]
    model = get_user_model()
    return {u.get_username(): u for u in model._default_manager.filter(username__in=names)}


def _dated(report: Any, year: int, offset_days: int) -> datetime:
    """A working moment of January of the next year, ``offset_days`` into it."""
    return datetime(year + 1, 1, 10, 2, 30, tzinfo=UTC) + timedelta(days=offset_days)


def _backdate(report: Any) -> None:
    """Date the steps (the review trail and the audit entries) as they would have happened in
    the January after the year."""
    from gongkai.apps.reports.models import AnnualReport, ReportEvent
    from gongkai.kernel.audit import entries_for
    from gongkai.kernel.models import AuditEntry

    for index, event in enumerate(ReportEvent.objects.filter(report=report).order_by("pk")):
        ReportEvent.objects.filter(pk=event.pk).update(at=_dated(report, report.year, index * 3))
    for index, pk in enumerate(entries_for(report).values_list("pk", flat=True)):
        AuditEntry.objects.filter(pk=pk).update(timestamp=_dated(report, report.year, index * 3))
    moments = {
        "submitted_at": _dated(report, report.year, 6) if report.submitted_at else None,
        "approved_at": _dated(report, report.year, 12) if report.approved_at else None,
        "published_at": _dated(report, report.year, 15) if report.published_at else None,
    }
    AnnualReport.objects.filter(pk=report.pk).update(**moments)


def load_reports() -> list[str]:
    """Create the planned reports that do not exist yet; returns notes on what could not be."""
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.reports import actions
    from gongkai.apps.reports.models import AnnualReport
    from gongkai.kernel.errors import ActionError

    users = _users()
    bodies = {b.name: b for b in Body.objects.filter(name__in=CLERKS)}
    notes: list[str] = []
    for plan in PLANS:
        body = bodies.get(plan.body)
        clerk = users.get(CLERKS[plan.body])
        if body is None or clerk is None:
            continue
        if AnnualReport.objects.filter(body=body, year=plan.year).exists():
            continue
        supervisor = users.get(_supervisor(plan.body))
        try:
            # Each step is its own durable transaction, as on the pages.
            report = actions.open_report(body, plan.year, acting_user=clerk)
            narrative = dict(report.narrative)
            narrative["五"], narrative["六"] = PROBLEMS, OTHER_MATTERS
            report = actions.save_narrative(report, narrative, acting_user=clerk)
            for step in _STEPS[plan.status]:
                if step == "submit":
                    report = actions.submit_report(report, acting_user=clerk)
                elif step == "return":
                    report = actions.return_report(report, RETURN_COMMENT, acting_user=supervisor)
                elif step == "approve":
                    report = actions.approve_report(report, acting_user=supervisor)
                else:
                    report = actions.publish_report(report, acting_user=clerk)
        except ActionError as exc:
            notes.append(f"{plan.body} {plan.year}：{exc}")
            continue
        finally:
            stored = AnnualReport.objects.filter(body=body, year=plan.year).first()
            if stored is not None:
                _backdate(stored)
    return notes
