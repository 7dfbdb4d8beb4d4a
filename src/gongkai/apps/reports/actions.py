"""The steps of an annual report (条例第四十九条、第五十条), one typed action each.

- :func:`open_report` — the workspace of a body's report of a year, with a draft narrative
  stated from the records;
- :func:`save_narrative` — the clerk's narrative (草稿 or 退回修改 only), optionally with one
  section redrafted from today's records;
- :func:`submit_report`, :func:`return_report`, :func:`approve_report`,
  :func:`publish_report` — the review (:mod:`gongkai.domain.report.workflow` says what the
  state allows); publishing freezes the report (``snapshot``);
- :func:`send_for_review`, :func:`body_return_report` — the body's own 审核人's review before
  提交上级, where the body's setting asks for it (``Body.report_body_review``);
- :func:`withdraw_report` — 撤回 a submission the 上级 has not opened yet
  (:func:`note_review_opened` records the first opening);
- :func:`publish_correction` — a correction notice (更正说明) after publication;
- :func:`import_published` — a report published before the body used the platform;
- :func:`set_report_deadlines` — a 上级 sets the deadline of the reports below it.
- :func:`start_published_batch` — a 上级 checks the published reports below it as a batch.

Each runs in one durable transaction on the locked report (:func:`gongkai.kernel.actions.locked`:
the policy's permission — ``change`` for the body's steps, ``review`` for the 上级's —, the
``version`` the user saw, one audit entry ``reports.<step>``) and leaves a
:class:`~gongkai.apps.reports.models.ReportEvent` beside it: the review trail with the comment
and the findings at that moment, shown in the workspace. Errors are the kernel's
(:mod:`gongkai.kernel.errors`); the workflow's :class:`WorkflowError` becomes a
:class:`TransitionError` here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.checks.services import read_uploaded_report
from gongkai.apps.orgs.changes import mark_changed
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.annual import (
    BuiltReport,
    actors_for,
    build_annual_report,
    draft_sections,
    facts_to_json,
    undocumented_differences,
)
from gongkai.apps.reports.choices import ReportEventChoice, ReportSourceChoice, ReportStatusChoice
from gongkai.apps.reports.jobs import published_batch
from gongkai.apps.reports.models import AnnualReport, ReportCorrection, ReportEvent
from gongkai.domain.applications.guide import MAX_GUIDE_CHARS, parse_guide
from gongkai.domain.report.draft import unfilled_sections
from gongkai.domain.report.formats import SECTION_NUMERALS, SECTION_TITLES, format_for_year
from gongkai.domain.report.workflow import (
    ACTION_LABELS,
    TRANSITIONS,
    Actor,
    ReportAction,
    ReportStatus,
    WorkflowError,
    editable,
    transition,
)
from gongkai.kernel import jobs
from gongkai.kernel.actions import Step, create, locked, require, user_or_none
from gongkai.kernel.audit import changes_between, log_many, register_actions, snapshot
from gongkai.kernel.errors import ActionError, TransitionError, validation_error
from gongkai.kernel.models import Job

__all__ = [
    "DEADLINE_SCOPES",
    "NARRATIVE_MAX_CHARS",
    "approve_report",
    "body_return_report",
    "import_published",
    "note_review_opened",
    "open_report",
    "publish_correction",
    "publish_report",
    "reset_guide",
    "return_report",
    "save_narrative",
    "send_for_review",
    "set_guide",
    "set_report_deadlines",
    "start_published_batch",
    "step_denied",
    "step_permission",
    "submit_report",
    "withdraw_report",
]

NARRATIVE_MAX_CHARS = 50_000

register_actions(
    {
        "reports.open": gettext_lazy("开始编制"),
        "reports.save": gettext_lazy("保存正文"),
        "reports.send_review": gettext_lazy("送本机关审核"),
        "reports.body_return": gettext_lazy("退回经办人修改"),
        "reports.submit": gettext_lazy("提交上级"),
        "reports.withdraw": gettext_lazy("撤回提交"),
        "reports.return": gettext_lazy("退回修改"),
        "reports.approve": gettext_lazy("审核通过"),
        "reports.publish": gettext_lazy("发布"),
        "reports.correct": gettext_lazy("发布更正说明"),
        "reports.import": gettext_lazy("导入已发布年报"),
        "reports.guide": gettext_lazy("修改政府信息公开指南"),
        "reports.guide_reset": gettext_lazy("指南恢复为自动生成"),
        "reports.guide_contacts": gettext_lazy("修改指南的联系方式"),
        "reports.published_batch": gettext_lazy("批量检查下级机关已发布的年报"),
        "reports.deadline": gettext_lazy("设置年报期限"),
    }
)

#: The policy's permission of each role (the policy says who plays it).
#: The steps that need every section written (no "（请……）" prompt of the draft left).
_COMPLETE = frozenset({ReportAction.SEND_REVIEW, ReportAction.SUBMIT, ReportAction.PUBLISH})

_PERMISSIONS = {Actor.BODY: "change", Actor.BODY_REVIEWER: "approve", Actor.SUPERVISOR: "review"}


def _actor(action: ReportAction) -> Actor:
    """The least role that takes ``action`` in some state (提交上级: the staff; with the body's
    own review, its 审核人 — the workflow checks which on the move)."""
    actors = {move.actor for move in TRANSITIONS if move.action is action}
    return next(actor for actor in _PERMISSIONS if actor in actors)


def step_permission(action: ReportAction) -> str:
    """The policy's permission a step needs: ``change`` for the body's own steps, ``approve``
    for its 审核人's, ``review`` for the 上级's
    (:class:`~gongkai.apps.reports.policies.AnnualReportPolicy`)."""
    return _PERMISSIONS[_actor(action)]


def step_denied(action: ReportAction) -> str:
    """Why a user the policy refuses may not take the step."""
    who = {
        Actor.BODY: _("只有本机关的工作人员可以%(step)s。"),
        Actor.BODY_REVIEWER: _("只有本机关的审核人可以%(step)s。"),
        Actor.SUPERVISOR: _("只有上级机关的工作人员可以%(step)s。"),
    }[_actor(action)]
    return who % {"step": ACTION_LABELS[action]}


def _transition(
    report: AnnualReport,
    action: ReportAction,
    user: Any,
    *,
    errors: int = 0,
    comment: str = "",
) -> str:
    """The status after ``action`` by ``user`` (in the roles the policy gives them), with the
    body's setting and whether the 上级 has opened the report."""
    try:
        return transition(
            ReportStatus(report.status),
            action,
            actors_for(user, report),
            errors=errors,
            comment=comment,
            body_review=report.body.report_body_review,
            review_opened=report.review_opened_at is not None,
        )
    except WorkflowError as exc:
        raise TransitionError(str(exc)) from exc


def _event(
    step: Step[AnnualReport],
    kind: str,
    user: Any,
    *,
    comment: str = "",
    built: BuiltReport | None = None,
) -> None:
    """The step in the review trail (with the findings at that moment), also told by the
    audit entry (the comment, the counts)."""
    report = step.obj
    ReportEvent.objects.create(
        report=report,
        kind=kind,
        actor=user_or_none(user),
        comment=comment,
        findings=[f.to_dict() for f in built.report.findings] if built is not None else [],
        status_after=report.status,
    )
    if comment:
        step.data["note"] = comment


def _count(report: AnnualReport, built: BuiltReport) -> None:
    report.error_count = len(built.report.errors)
    report.warning_count = len(built.report.warnings)


def _clean_narrative(narrative: Mapping[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for numeral in SECTION_NUMERALS:
        text = (narrative.get(numeral) or "").replace("\r\n", "\n").strip()
        if len(text) > NARRATIVE_MAX_CHARS:
            raise ActionError(
                _("第%(section)s部分超过 %(limit)d 字，请精简后再保存。")
                % {"section": numeral, "limit": NARRATIVE_MAX_CHARS}
            )
        if text:
            cleaned[numeral] = text
    return cleaned


# =============================================================================================
# The workspace
# =============================================================================================


def open_report(body: Body, year: int, *, acting_user: Any) -> AnnualReport:
    """The workspace of ``body``'s report of ``year``: the existing one, else created with the
    draft narrative the records give (by the body's own staff only)."""
    existing = AnnualReport.objects.filter(body=body, year=year).first()
    if existing is not None:
        return existing
    denied = _("只有本机关的工作人员可以开始编制年报。")
    require(acting_user, "change", body, denied)
    built = build_annual_report(body, year)  # before the transaction: it only reads
    report = AnnualReport(
        body=body,
        year=year,
        format=format_for_year(year).id,
        narrative=dict(built.report.narrative),
    )
    _count(report, built)
    with transaction.atomic(durable=True):
        create(
            report,
            "reports.open",
            acting_user=acting_user,
            denied=denied,
            durable=False,
            data={"year": year},
            integrity_error=lambda exc: ActionError(_("本机关这一年度的年报已存在。")),
        )
        ReportEvent.objects.create(
            report=report,
            kind=ReportEventChoice.CREATED,
            actor=user_or_none(acting_user),
            status_after=report.status,
        )
    return report


def save_narrative(
    report: AnnualReport,
    narrative: Mapping[str, str],
    redraft: str = "",
    *,
    acting_user: Any,
    expected_version: int | None = None,
) -> AnnualReport:
    """Store the clerk's narrative (草稿 or 退回修改 only); the report becomes a draft again.

    ``redraft`` (a section's numeral): that section is replaced with the draft the records
    give today, the others are stored as given.
    """
    if redraft and redraft not in SECTION_NUMERALS:
        raise ActionError.on_field("redraft", _("没有第%(section)s部分。") % {"section": redraft})
    with locked(
        report,
        "reports.save",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=step_denied(ReportAction.SAVE),
    ) as step:
        fresh = step.obj
        status = _transition(fresh, ReportAction.SAVE, acting_user)
        text = dict(narrative)
        if redraft:
            text[redraft] = draft_sections(fresh.body, fresh.year).get(redraft, "")
            step.data["redraft"] = SECTION_TITLES[redraft]
        fresh.narrative = _clean_narrative(text)
        _count(fresh, build_annual_report(fresh.body, fresh.year, fresh.narrative))
        fresh.status = status
        _event(step, ReportEventChoice.SAVED, acting_user)
    return fresh


def _move(
    report: AnnualReport,
    action: ReportAction,
    *,
    acting_user: Any,
    expected_version: int | None,
    comment: str = "",
    narrative: Mapping[str, str] | None = None,
) -> AnnualReport:
    """Submit, return, approve or publish ``report``: the step checked against the workflow
    and the findings of the whole report as it stands (T1 included)."""
    comment = comment.strip()
    with locked(
        report,
        f"reports.{action.value}",
        acting_user=acting_user,
        expected_version=expected_version,
        permission=step_permission(action),
        denied=step_denied(action),
    ) as step:
        fresh = step.obj
        if narrative is not None and editable(ReportStatus(fresh.status)):
            fresh.narrative = _clean_narrative(narrative)
        built = build_annual_report(fresh.body, fresh.year, fresh.narrative)
        status = _transition(
            fresh, action, acting_user, errors=len(built.report.errors), comment=comment
        )
        unfilled = unfilled_sections(fresh.narrative)
        if unfilled and action in _COMPLETE:
            raise ActionError(
                _("第%(sections)s部分还是草稿中的填写提示“（请……）”，请写明实际情况后再提交。")
                % {"sections": "、".join(unfilled)}
            )
        now = timezone.now()
        fresh.status = status
        _count(fresh, built)
        if action is ReportAction.SUBMIT:
            fresh.submitted_at = now
            fresh.review_opened_at = None
        elif action is ReportAction.WITHDRAW:
            fresh.submitted_at = None
        elif action is ReportAction.APPROVE:
            fresh.approved_at = now
        elif action is ReportAction.PUBLISH:
            fresh.published_at = now
            fresh.snapshot = {
                "report": built.report.to_dict(),
                "facts": facts_to_json(built.facts),
                "built_at": now.isoformat(),
            }
        _event(step, action.value, acting_user, comment=comment, built=built)
    return fresh


def submit_report(
    report: AnnualReport,
    narrative: Mapping[str, str] | None = None,
    *,
    acting_user: Any,
    expected_version: int | None = None,
) -> AnnualReport:
    """提交上级: the body submits its report (without an error finding, every section
    written); ``narrative``: the sections as edited on the page, saved with the step."""
    return _move(
        report,
        ReportAction.SUBMIT,
        acting_user=acting_user,
        expected_version=expected_version,
        narrative=narrative,
    )


def send_for_review(
    report: AnnualReport,
    narrative: Mapping[str, str] | None = None,
    *,
    acting_user: Any,
    expected_version: int | None = None,
) -> AnnualReport:
    """送本机关审核: where the body's setting asks for it, the clerk hands the report (without an
    error finding, every section written) to the body's own 审核人, who submits it."""
    return _move(
        report,
        ReportAction.SEND_REVIEW,
        acting_user=acting_user,
        expected_version=expected_version,
        narrative=narrative,
    )


def body_return_report(
    report: AnnualReport,
    comment: str,
    *,
    acting_user: Any,
    expected_version: int | None = None,
) -> AnnualReport:
    """退回经办人修改: the body's 审核人 returns the report to the clerk, saying what to change."""
    return _move(
        report,
        ReportAction.BODY_RETURN,
        acting_user=acting_user,
        expected_version=expected_version,
        comment=comment,
    )


def withdraw_report(
    report: AnnualReport, *, acting_user: Any, expected_version: int | None = None
) -> AnnualReport:
    """撤回: the body takes back its submission (草稿 again) while the 上级 has not opened it."""
    return _move(
        report, ReportAction.WITHDRAW, acting_user=acting_user, expected_version=expected_version
    )


def note_review_opened(report: AnnualReport, user: Any) -> bool:
    """Record that the 上级 opened the submitted ``report`` (the first time only): whoever may
    review it (:func:`actors_for`) and is not the one who submitted it. From then on the body
    cannot withdraw it. Not a step of the report: no audit entry, the version unchanged."""
    if report.status != ReportStatusChoice.SUBMITTED or report.review_opened_at is not None:
        return False
    if Actor.SUPERVISOR not in actors_for(user, report):
        return False
    submitter = (
        report.events.filter(kind=ReportEventChoice.SUBMITTED)
        .order_by("-at", "-pk")
        .values_list("actor_id", flat=True)
        .first()
    )
    if submitter == user.pk:
        return False
    now = timezone.now()
    opened = AnnualReport.objects.filter(
        pk=report.pk, status=ReportStatusChoice.SUBMITTED, review_opened_at__isnull=True
    ).update(review_opened_at=now)
    if opened:
        mark_changed([report.body_id])  # an update sends no signal (orgs.changes)
        report.review_opened_at = now
    return bool(opened)


def return_report(
    report: AnnualReport,
    comment: str,
    *,
    acting_user: Any,
    expected_version: int | None = None,
) -> AnnualReport:
    """退回修改: the 上级 returns the report, saying what to change (``comment``)."""
    return _move(
        report,
        ReportAction.RETURN,
        acting_user=acting_user,
        expected_version=expected_version,
        comment=comment,
    )


def approve_report(
    report: AnnualReport,
    comment: str = "",
    *,
    acting_user: Any,
    expected_version: int | None = None,
) -> AnnualReport:
    """审核通过: the 上级 approves the submitted report."""
    return _move(
        report,
        ReportAction.APPROVE,
        acting_user=acting_user,
        expected_version=expected_version,
        comment=comment,
    )


def publish_report(
    report: AnnualReport, *, acting_user: Any, expected_version: int | None = None
) -> AnnualReport:
    """发布 (条例第五十条): the body publishes the approved report, which freezes it."""
    return _move(
        report, ReportAction.PUBLISH, acting_user=acting_user, expected_version=expected_version
    )


# =============================================================================================
# After publication
# =============================================================================================


def publish_correction(
    report: AnnualReport,
    note: str,
    *,
    acting_user: Any,
    expected_version: int | None = None,
) -> ReportCorrection:
    """Publish a correction notice (更正说明) stating the differences not yet documented.

    The published report stays as it was; the notice is shown with it on its public page.
    """
    note = note.strip()
    if not note:
        raise ActionError.on_field("note", _("请填写更正说明，写明更正的原因。"))
    with locked(
        report,
        "reports.correct",
        acting_user=acting_user,
        expected_version=expected_version,
        denied=_("只有本机关的工作人员可以发布更正说明。"),
    ) as step:
        fresh = step.obj
        if not fresh.is_published:
            raise TransitionError(_("年报尚未发布，直接修改正文或记录即可，不需要更正说明。"))
        pending = undocumented_differences(fresh)
        if not pending:
            raise ActionError(
                _("当前记录与已发布的年报及已发布的更正说明一致，没有需要更正的内容。")
            )
        correction = ReportCorrection.objects.create(
            report=fresh,
            note=note,
            differences=[
                {"key": d.key, "label": d.label, "published": d.published, "current": d.current}
                for d in pending
            ],
            actor=user_or_none(acting_user),
        )
        _event(step, ReportEventChoice.CORRECTED, acting_user, comment=note)
        step.data["items"] = [d.label for d in pending]
    return correction


def import_published(
    body: Body, year: int, file: UploadedFile, *, acting_user: Any
) -> AnnualReport:
    """Record ``body``'s report of ``year`` as published, from the published ``file`` itself.

    For a body that starts using the platform later: the next year's report takes its
    previous-year figures from it. Refused when the platform already has that year's report,
    or when the file is another body's or another year's report.
    """
    denied = _("只有本机关的工作人员可以导入本机关已发布的年报。")
    require(acting_user, "change", body, denied)
    _data, _text, report = read_uploaded_report(file)
    if report.year is not None and report.year != year:
        raise ActionError.on_field(
            "file",
            _("文件中的年报是 %(found)d 年度的，不是 %(year)d 年度的。")
            % {"found": report.year, "year": year},
        )
    if report.org and body.name not in report.org and report.org not in body.name:
        raise ActionError.on_field(
            "file",
            _("文件中的年报是“%(found)s”的，不是“%(body)s”的。")
            % {"found": report.org, "body": body.name},
        )
    report.year, report.org = year, body.name
    now = timezone.now()
    stored = AnnualReport(
        body=body,
        year=year,
        format=report.format,
        status=ReportStatusChoice.PUBLISHED,
        source=ReportSourceChoice.IMPORTED,
        narrative=dict(report.narrative),
        error_count=len(report.errors),
        warning_count=len(report.warnings),
        published_at=now,
        snapshot={"report": report.to_dict(), "facts": None, "built_at": now.isoformat()},
    )
    with transaction.atomic(durable=True):
        if AnnualReport.objects.filter(body=body, year=year).exists():
            raise TransitionError(
                _("平台上已有本机关 %(year)d 年度的年报，不能再导入。") % {"year": year}
            )
        create(
            stored,
            "reports.import",
            acting_user=acting_user,
            denied=denied,
            durable=False,
            data={"file": file.name or ""},
        )
        ReportEvent.objects.create(
            report=stored,
            kind=ReportEventChoice.IMPORTED,
            actor=user_or_none(acting_user),
            status_after=stored.status,
        )
    return stored


# =============================================================================================
# Deadlines (条例第四十九条)
# =============================================================================================

DEADLINE_SCOPES: dict[str, Any] = {
    "all": gettext_lazy("全部下级机关"),
    "township_government": gettext_lazy("乡镇人民政府"),
    "department": gettext_lazy("政府部门"),
}


def set_report_deadlines(root: Body, scope: str, month: int, day: int, *, acting_user: Any) -> int:
    """A 上级 sets the day the reports of the bodies below ``root`` are due (``scope``: all of
    them, or one kind); returns how many bodies the scope holds. 条例第四十九条: 1月31日 for
    the departments of a county; the townships' date is set by the county. One audit entry
    ``reports.deadline`` on each body whose date changes."""
    require(acting_user, "supervise", root, _("只有上级机关可以设置下级机关的年报期限。"))
    if scope not in DEADLINE_SCOPES:
        raise ActionError.on_field("scope", _("请选择适用的机关。"))
    try:
        date(2000, month, day)  # a leap year: 2月29日 is a date
    except ValueError:
        raise ActionError.on_field(
            "day", _("%(month)d 月没有 %(day)d 日。") % {"month": month, "day": day}
        ) from None
    with transaction.atomic(durable=True):
        bodies = Body.objects.subtree(root).exclude(pk=root.pk)
        if scope != "all":
            bodies = bodies.filter(kind=scope)
        entries: list[tuple[Body, str, Mapping[str, Any] | None]] = []
        for body in bodies.select_for_update().order_by("path"):
            before = snapshot(body)
            body.report_deadline_month, body.report_deadline_day = month, day
            changes = changes_between(Body, before, snapshot(body))
            if changes:
                entries.append((body, "reports.deadline", {"changes": changes}))
        Body.objects.filter(pk__in=[body.pk for body, _a, _d in entries]).update(
            report_deadline_month=month, report_deadline_day=day
        )
        mark_changed(body.pk for body, _a, _d in entries)  # an update sends no signal
        log_many(entries, acting_user)
        return bodies.count()


def start_published_batch(
    root: Body,
    *,
    first_year: int | None = None,
    last_year: int | None = None,
    acting_user: Any,
) -> Job:
    """A 上级 checks the published reports of the bodies below ``root`` of the years
    ``first_year``–``last_year`` (None: no bound) as one batch
    (:func:`gongkai.apps.reports.jobs.published_batch`, in the background); one audit entry
    ``reports.published_batch`` on ``root``. Returns the job."""
    require(acting_user, "supervise", root, _("只有上级机关可以检查下级机关的年报。"))
    if first_year is not None and last_year is not None and first_year > last_year:
        raise ActionError.on_field(
            "last_year",
            _("截止年度 %(last)d 早于起始年度 %(first)d。")
            % {"last": last_year, "first": first_year},
        )
    if first_year is None and last_year is None:
        years = ""
    elif last_year is None:
        years = _(" %(year)d 年度起") % {"year": first_year}
    elif first_year is None:
        years = _(" %(year)d 年度及以前") % {"year": last_year}
    elif first_year == last_year:
        years = _(" %(year)d 年度") % {"year": first_year}
    else:
        years = _(" %(first)d–%(last)d 年度") % {"first": first_year, "last": last_year}
    with transaction.atomic(durable=True):
        job = jobs.start(
            published_batch,
            title=_("批量检查 %(name)s 下级机关%(years)s已发布的年报")
            % {"name": root.name, "years": years},
            started_by=acting_user,
            body=root.pk,
            first_year=first_year,
            last_year=last_year,
        )
        data = {"job": job.pk, "first_year": first_year, "last_year": last_year}
        log_many([(root, "reports.published_batch", data)], acting_user)
    return job


# =============================================================================================
# The 政府信息公开指南 of the public 专栏 (条例第十二条): the body's 管理员 may rewrite it
# =============================================================================================


def _guide_admin_only(body: Body) -> str:
    return _("只有%(body)s的管理员可以修改政府信息公开指南。") % {"body": body.name}


def set_guide(body: Body, *, guide_text: str, acting_user: Any) -> Body:
    """Store the body's own 指南 text (shown instead of the generated one)."""
    text = guide_text.replace("\r\n", "\n").strip()
    if not parse_guide(text):
        message = _("指南不能为空；如需使用自动生成的指南，请选择“恢复自动生成”。")
        raise ActionError(message, {"guide_text": [message]})
    if len(text) > MAX_GUIDE_CHARS or "\x00" in text:
        message = _("指南不能超过 %(n)d 个字，且不能含有空字符。") % {"n": MAX_GUIDE_CHARS}
        raise ActionError(message, {"guide_text": [message]})
    with locked(
        body,
        "reports.guide",
        acting_user=acting_user,
        permission="administer",
        denied=_guide_admin_only(body),
    ) as step:
        step.obj.guide_text = text
    return step.obj


#: The contact facts of a body the generated 指南 states (``Body`` fields), in the guide's order.
GUIDE_CONTACT_FIELDS = (
    "office_name",
    "office_address",
    "office_postcode",
    "office_hours",
    "office_phone",
    "office_fax",
    "office_email",
)


def set_guide_contacts(body: Body, *, acting_user: Any, **contacts: str) -> Body:
    """The contact facts the generated 指南 is written from (受理机构, 办公地址, 邮政编码,
    办公时间, 联系电话, 传真, 电子邮箱): each field of :data:`GUIDE_CONTACT_FIELDS` given is
    stored stripped, checked by the model's own validators (the postcode's six digits, the
    e-mail address); one audit entry ``reports.guide_contacts`` with the old and new values."""
    unknown = sorted(set(contacts) - set(GUIDE_CONTACT_FIELDS))
    if unknown:
        raise ActionError(_("不能修改的字段：%(names)s。") % {"names": "、".join(unknown)})
    with locked(
        body,
        "reports.guide_contacts",
        acting_user=acting_user,
        permission="administer",
        denied=_guide_admin_only(body),
    ) as step:
        for name, value in contacts.items():
            setattr(step.obj, name, (value or "").strip())
        others = [f.name for f in Body._meta.fields if f.name not in contacts]
        try:
            step.obj.full_clean(exclude=others, validate_unique=False)
        except ValidationError as exc:
            raise validation_error(exc) from exc
    return step.obj


def reset_guide(body: Body, *, acting_user: Any) -> Body:
    """Drop the body's own 指南 text: the generated guide is shown again."""
    with locked(
        body,
        "reports.guide_reset",
        acting_user=acting_user,
        permission="administer",
        denied=_guide_admin_only(body),
    ) as step:
        step.obj.guide_text = ""
    return step.obj
