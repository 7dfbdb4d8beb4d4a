"""The annual report's workflow (issue 10, finding 9): 撤回 before the 上级 opens the report, and
the body's own 审核人 step before 提交上级 where the body's setting asks for it."""

from __future__ import annotations

import pytest

from gongkai.domain.report.workflow import (
    STATUS_LABELS,
    Actor,
    ReportAction,
    ReportStatus,
    WorkflowError,
    allowed_actions,
    transition,
)

S, A = ReportStatus, ReportAction
BODY = frozenset({Actor.BODY})
REVIEWER = frozenset({Actor.BODY, Actor.BODY_REVIEWER})
SUPERVISOR = frozenset({Actor.SUPERVISOR})


def test_new_statuses_and_actions_have_chinese_labels() -> None:
    assert STATUS_LABELS[S.IN_REVIEW] == "待本机关审核"
    assert (A.WITHDRAW.label, A.SEND_REVIEW.label, A.BODY_RETURN.label) == (
        "撤回",
        "送本机关审核",
        "退回经办人修改",
    )


def test_withdraw_until_the_supervisor_opens_the_report() -> None:
    assert transition(S.SUBMITTED, A.WITHDRAW, BODY) is S.DRAFT
    assert A.WITHDRAW in allowed_actions(S.SUBMITTED, BODY)
    assert A.WITHDRAW not in allowed_actions(S.SUBMITTED, BODY, review_opened=True)
    with pytest.raises(WorkflowError, match="上级机关已打开审阅这份年报，不能撤回"):
        transition(S.SUBMITTED, A.WITHDRAW, BODY, review_opened=True)
    with pytest.raises(WorkflowError, match="只有本机关的工作人员可以撤回"):
        transition(S.SUBMITTED, A.WITHDRAW, SUPERVISOR)
    for status in (S.DRAFT, S.APPROVED, S.PUBLISHED, S.RETURNED):
        with pytest.raises(WorkflowError, match="不能撤回"):
            transition(status, A.WITHDRAW, BODY)


def test_without_the_setting_the_clerk_submits_directly() -> None:
    assert allowed_actions(S.DRAFT, BODY) == [A.SAVE, A.SUBMIT]
    assert transition(S.DRAFT, A.SUBMIT, BODY) is S.SUBMITTED
    with pytest.raises(WorkflowError):
        transition(S.DRAFT, A.SEND_REVIEW, BODY)


def test_with_the_setting_the_bodys_reviewer_submits() -> None:
    assert allowed_actions(S.DRAFT, BODY, body_review=True) == [A.SAVE, A.SEND_REVIEW]
    with pytest.raises(WorkflowError, match="须经本机关审核人审核后提交上级，请先送本机关审核"):
        transition(S.DRAFT, A.SUBMIT, BODY, body_review=True)
    assert transition(S.DRAFT, A.SEND_REVIEW, BODY, body_review=True) is S.IN_REVIEW
    assert transition(S.RETURNED, A.SEND_REVIEW, BODY, body_review=True) is S.IN_REVIEW
    # 待本机关审核: the clerk waits; the 审核人 submits or returns with a comment.
    assert allowed_actions(S.IN_REVIEW, BODY, body_review=True) == []
    assert allowed_actions(S.IN_REVIEW, REVIEWER, body_review=True) == [
        A.SUBMIT,
        A.BODY_RETURN,
    ]
    with pytest.raises(WorkflowError, match="只有本机关的审核人可以提交上级"):
        transition(S.IN_REVIEW, A.SUBMIT, BODY, body_review=True)
    assert transition(S.IN_REVIEW, A.SUBMIT, REVIEWER, body_review=True) is S.SUBMITTED
    with pytest.raises(WorkflowError, match="请填写意见"):
        transition(S.IN_REVIEW, A.BODY_RETURN, REVIEWER, body_review=True)
    assert (
        transition(S.IN_REVIEW, A.BODY_RETURN, REVIEWER, body_review=True, comment="补充。")
        is S.RETURNED
    )
    with pytest.raises(WorkflowError, match="年报还有 2 个错误"):
        transition(S.DRAFT, A.SEND_REVIEW, BODY, body_review=True, errors=2)
