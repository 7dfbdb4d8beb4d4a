"""The life of an annual report in the platform: 草稿 → 提交上级 → 退回修改 → 审核通过 → 已发布.

条例第四十九条 and 第五十条: each body compiles its report and publishes it by the deadline; a
department's report goes to its 主管部门 (the supervising body) first. The platform reads that
as a review step before publication:

- the body's staff (经办人/审核人) edit the narrative and submit (``submit``), from 草稿 or after
  being returned; a report with an error finding cannot be submitted;
- the supervising body (上级) returns it with comments (``return``) or approves it (``approve``);
  a body without a supervisor in the platform approves its own report (审核人);
- an approved report is published (``publish``) by the body, which freezes it: the published
  report keeps the figures and the facts it was built from, and never changes afterwards.

The table below is the single source of the allowed moves; views and services ask it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.domain.labels import LabelledEnum

__all__ = [
    "ACTION_LABELS",
    "STATUS_LABELS",
    "TRANSITIONS",
    "Actor",
    "ReportAction",
    "ReportStatus",
    "Transition",
    "WorkflowError",
    "allowed_actions",
    "editable",
    "transition",
]


class ReportStatus(LabelledEnum):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交上级"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已发布"


class ReportAction(LabelledEnum):
    SAVE = "save", "保存"
    SUBMIT = "submit", "提交上级"
    RETURN = "return", "退回修改"
    APPROVE = "approve", "审核通过"
    PUBLISH = "publish", "发布"


class Actor(StrEnum):
    """Who acts: the body's own staff, or its supervising body."""

    BODY = "body"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Transition:
    action: ReportAction
    source: frozenset[ReportStatus]
    target: ReportStatus
    actor: Actor
    needs_comment: bool = False
    blocked_by_errors: bool = False


_S = ReportStatus
_A = ReportAction
# The statuses in which the body writes the report (see editable).
_EDITABLE = frozenset({_S.DRAFT, _S.RETURNED})
TRANSITIONS: tuple[Transition, ...] = (
    Transition(_A.SAVE, _EDITABLE, _S.DRAFT, Actor.BODY),
    Transition(_A.SUBMIT, _EDITABLE, _S.SUBMITTED, Actor.BODY, blocked_by_errors=True),
    Transition(
        _A.RETURN,
        frozenset({_S.SUBMITTED, _S.APPROVED}),
        _S.RETURNED,
        Actor.SUPERVISOR,
        needs_comment=True,
    ),
    Transition(_A.APPROVE, frozenset({_S.SUBMITTED}), _S.APPROVED, Actor.SUPERVISOR),
    Transition(
        _A.PUBLISH, frozenset({_S.APPROVED}), _S.PUBLISHED, Actor.BODY, blocked_by_errors=True
    ),
)
_BY_ACTION = {t.action: t for t in TRANSITIONS}

STATUS_LABELS: dict[ReportStatus, str] = {s: s.label for s in ReportStatus}
ACTION_LABELS: dict[ReportAction, str] = {a: a.label for a in ReportAction}


class WorkflowError(ValueError):
    """A move the workflow does not allow; the message is for the user (Chinese)."""


def editable(status: ReportStatus) -> bool:
    """Only a draft or a returned report may be edited (a submitted one waits for review)."""
    return status in _EDITABLE


def transition(
    status: ReportStatus,
    action: ReportAction,
    actors: frozenset[Actor],
    *,
    errors: int = 0,
    comment: str = "",
) -> ReportStatus:
    """The status after ``action``, or :class:`WorkflowError` saying why it is not allowed."""
    move = _BY_ACTION[action]
    label = ACTION_LABELS[action]
    if status not in move.source:
        raise WorkflowError(f"年报当前状态为“{STATUS_LABELS[status]}”，不能{label}。")
    if move.actor not in actors:
        who = "本机关" if move.actor is Actor.BODY else "上级机关"
        raise WorkflowError(f"只有{who}的工作人员可以{label}。")
    if move.needs_comment and not comment.strip():
        raise WorkflowError(f"{label}时请填写意见，说明需要修改的内容。")
    if move.blocked_by_errors and errors:
        raise WorkflowError(f"年报还有 {errors} 个错误，请修改后再{label}。")
    return move.target


def allowed_actions(status: ReportStatus, actors: frozenset[Actor]) -> list[ReportAction]:
    """The actions the actors may take now (errors and comments are checked on the move)."""
    return [t.action for t in TRANSITIONS if status in t.source and t.actor in actors]
