"""The life of an annual report in the platform: 草稿 → (待本机关审核 →) 提交上级 → 退回修改 →
审核通过 → 已发布.

条例第四十九条 and 第五十条: each body compiles its report and publishes it by the deadline; a
department's report goes to its 主管部门 (the supervising body) first. The platform reads that
as a review step before publication:

- the body's staff (经办人/审核人) edit the narrative and submit (``submit``), from 草稿 or after
  being returned; a report with an error finding cannot be submitted;
- where the body's setting asks for it (``body_review``: 年报提交上级前须经本机关审核人审核),
  the clerk sends the report to the body's own 审核人 instead (``send_review``, 待本机关审核),
  who submits it (``submit``) or returns it to the clerk with comments (``body_return``);
- the body may withdraw (``withdraw``) a submitted report back to 草稿 as long as the
  supervising body has not opened it (``review_opened``);
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
    "actor_of",
    "allowed_actions",
    "editable",
    "transition",
]


class ReportStatus(LabelledEnum):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待本机关审核"
    SUBMITTED = "submitted", "已提交上级"
    RETURNED = "returned", "退回修改"
    APPROVED = "approved", "审核通过"
    PUBLISHED = "published", "已发布"


class ReportAction(LabelledEnum):
    SAVE = "save", "保存"
    SEND_REVIEW = "send_review", "送本机关审核"
    BODY_RETURN = "body_return", "退回经办人修改"
    SUBMIT = "submit", "提交上级"
    WITHDRAW = "withdraw", "撤回"
    RETURN = "return", "退回修改"
    APPROVE = "approve", "审核通过"
    PUBLISH = "publish", "发布"


class Actor(StrEnum):
    """Who acts: the body's own staff, the body's own 审核人 (also staff), or its supervising
    body."""

    BODY = "body"
    BODY_REVIEWER = "body_reviewer"
    SUPERVISOR = "supervisor"


_ACTOR_NAMES = {
    Actor.BODY: "本机关的工作人员",
    Actor.BODY_REVIEWER: "本机关的审核人",
    Actor.SUPERVISOR: "上级机关的工作人员",
}


@dataclass(frozen=True)
class Transition:
    action: ReportAction
    source: frozenset[ReportStatus]
    target: ReportStatus
    actor: Actor
    needs_comment: bool = False
    blocked_by_errors: bool = False
    #: None: either way; True/False: only when the body's setting does / does not ask for its
    #: own 审核人's review before 提交上级.
    body_review: bool | None = None
    #: Refused once the supervising body has opened the submitted report.
    before_review_opened: bool = False

    def applies(self, status: ReportStatus, body_review: bool) -> bool:
        return status in self.source and self.body_review in (None, body_review)


_S = ReportStatus
_A = ReportAction
# The statuses in which the body writes the report (see editable).
_EDITABLE = frozenset({_S.DRAFT, _S.RETURNED})
TRANSITIONS: tuple[Transition, ...] = (
    Transition(_A.SAVE, _EDITABLE, _S.DRAFT, Actor.BODY),
    Transition(
        _A.SUBMIT, _EDITABLE, _S.SUBMITTED, Actor.BODY, blocked_by_errors=True, body_review=False
    ),
    Transition(
        _A.SEND_REVIEW,
        _EDITABLE,
        _S.IN_REVIEW,
        Actor.BODY,
        blocked_by_errors=True,
        body_review=True,
    ),
    Transition(
        _A.SUBMIT,
        frozenset({_S.IN_REVIEW}),
        _S.SUBMITTED,
        Actor.BODY_REVIEWER,
        blocked_by_errors=True,
        body_review=True,
    ),
    Transition(
        _A.BODY_RETURN,
        frozenset({_S.IN_REVIEW}),
        _S.RETURNED,
        Actor.BODY_REVIEWER,
        needs_comment=True,
    ),
    Transition(
        _A.WITHDRAW, frozenset({_S.SUBMITTED}), _S.DRAFT, Actor.BODY, before_review_opened=True
    ),
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

STATUS_LABELS: dict[ReportStatus, str] = {s: s.label for s in ReportStatus}
ACTION_LABELS: dict[ReportAction, str] = {a: a.label for a in ReportAction}


class WorkflowError(ValueError):
    """A move the workflow does not allow; the message is for the user (Chinese)."""


def editable(status: ReportStatus) -> bool:
    """Only a draft or a returned report may be edited (a submitted one waits for review)."""
    return status in _EDITABLE


def _move(action: ReportAction, status: ReportStatus, body_review: bool) -> Transition:
    """The move ``action`` makes from ``status`` (WorkflowError when it makes none)."""
    for move in TRANSITIONS:
        if move.action is action and move.applies(status, body_review):
            return move
    label = ACTION_LABELS[action]
    if action is _A.SUBMIT and status in _EDITABLE and body_review:
        raise WorkflowError(
            f"本机关规定年报须经本机关审核人审核后提交上级，请先{_A.SEND_REVIEW.label}。"
        )
    raise WorkflowError(f"年报当前状态为“{STATUS_LABELS[status]}”，不能{label}。")


def transition(
    status: ReportStatus,
    action: ReportAction,
    actors: frozenset[Actor],
    *,
    errors: int = 0,
    comment: str = "",
    body_review: bool = False,
    review_opened: bool = False,
) -> ReportStatus:
    """The status after ``action``, or :class:`WorkflowError` saying why it is not allowed.

    ``body_review``: the body's setting asks for its 审核人's review before 提交上级;
    ``review_opened``: the supervising body has opened the submitted report."""
    move = _move(action, status, body_review)
    label = ACTION_LABELS[action]
    if move.actor not in actors:
        raise WorkflowError(f"只有{_ACTOR_NAMES[move.actor]}可以{label}。")
    if move.before_review_opened and review_opened:
        raise WorkflowError(f"上级机关已打开审阅这份年报，不能{label}；如需修改，请联系上级退回。")
    if move.needs_comment and not comment.strip():
        raise WorkflowError(f"{label}时请填写意见，说明需要修改的内容。")
    if move.blocked_by_errors and errors:
        raise WorkflowError(f"年报还有 {errors} 个错误，请修改后再{label}。")
    return move.target


def allowed_actions(
    status: ReportStatus,
    actors: frozenset[Actor],
    *,
    body_review: bool = False,
    review_opened: bool = False,
) -> list[ReportAction]:
    """The actions the actors may take now (errors and comments are checked on the move)."""
    found: list[ReportAction] = []
    for move in TRANSITIONS:
        if not move.applies(status, body_review) or move.actor not in actors:
            continue
        if move.before_review_opened and review_opened:
            continue
        if move.action not in found:
            found.append(move.action)
    return found


def actor_of(action: ReportAction, status: ReportStatus, body_review: bool) -> Actor | None:
    """Who takes ``action`` from ``status`` (None: the workflow makes no such move)."""
    try:
        return _move(action, status, body_review).actor
    except WorkflowError:
        return None
