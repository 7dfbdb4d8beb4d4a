"""The annual report workspace: build the whole report of a body and year from its records,
keep the clerk's narrative, and move the report through its workflow
(:mod:`gongkai.domain.report.workflow`).

- :func:`build_annual_report` — tables 二/三/四 counted from the records (format by year), the
  previous year's figures from the previous year's published report when it was imported
  (:func:`gongkai.domain.report.previous.take_previous_items`), the narrative (the workspace's,
  or a draft stated from the records), and every validation rule including T1 and the
  cross-year rules against the previous year's report.
- :func:`open_report`, :func:`save_narrative`, :func:`act` — the workspace; each step is one
  transaction, refuses a concurrent change (``version``), and leaves a :class:`ReportEvent`
  and a history row.
- Publishing freezes the report: ``snapshot`` keeps the published report and the facts it was
  built from; :func:`differences` compares it with what the records give today.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.apps.orgs.choices import Role
from gongkai.apps.orgs.models import Body, Membership
from gongkai.apps.reports.choices import (
    ReportEventChoice,
    ReportSourceChoice,
    ReportStatusChoice,
)
from gongkai.apps.reports.models import AnnualReport, ReportCorrection, ReportEvent
from gongkai.domain.render.layout import cell_label
from gongkai.domain.report.draft import DraftFacts, draft_narrative, unfilled_sections
from gongkai.domain.report.formats import SECTION_NUMERALS, format_for_year
from gongkai.domain.report.model import CellValue, Report
from gongkai.domain.report.previous import take_previous_items
from gongkai.domain.report.rules import check
from gongkai.domain.report.workflow import (
    Actor,
    ReportAction,
    ReportStatus,
    WorkflowError,
    allowed_actions,
    editable,
    transition,
)
from gongkai.kernel.permissions import user_can

__all__ = [
    "BuiltReport",
    "ConcurrentReportEdit",
    "Difference",
    "act",
    "actors_for",
    "available_actions",
    "build_annual_report",
    "deadline_of",
    "differences",
    "draft_facts",
    "draft_sections",
    "import_published",
    "open_report",
    "previous_year_report",
    "publish_correction",
    "save_narrative",
    "supervised_roots",
    "supervises_subtree",
    "undocumented_differences",
]

NARRATIVE_MAX_CHARS = 50_000


class ConcurrentReportEdit(WorkflowError):
    """Someone else changed the report since the page was loaded."""


@dataclass(frozen=True)
class BuiltReport:
    report: Report  # tables, narrative and findings
    facts: DraftFacts
    previous: Report | None


# =============================================================================================
# Building
# =============================================================================================


def draft_facts(body: Body, year: int) -> DraftFacts:
    """The year's facts the narrative states besides the tables (channels, documents, 信箱…)."""
    from gongkai.apps.applications.reporting import processing_fees_collected
    from gongkai.apps.engagement.reporting import engagement_facts
    from gongkai.apps.stats.reporting import publication_facts

    channels, documents_made, by_disclosure = publication_facts(body, year)
    mailbox, mailbox_names, npc, cppcc = engagement_facts(body, year)
    return DraftFacts(
        body=body.name,
        year=year,
        channels=channels,
        documents_made=documents_made,
        documents_by_disclosure=by_disclosure,
        mailbox=mailbox,
        mailbox_names=tuple(mailbox_names),
        npc=npc,
        cppcc=cppcc,
        processing_fees_yuan=processing_fees_collected(body, year),
    )


def facts_to_json(facts: DraftFacts) -> dict[str, Any]:
    data = asdict(facts)
    data["channels"] = dict(facts.channels)
    data["documents_by_disclosure"] = dict(facts.documents_by_disclosure)
    data["mailbox_names"] = list(facts.mailbox_names)
    return data


def _tables(body: Body, year: int) -> Report:
    from gongkai.apps.stats.reporting import build_full_tables

    return build_full_tables(body, year)


def previous_year_report(body: Body, year: int) -> tuple[Report | None, bool]:
    """The report of ``year − 1`` the cross-year rules compare with, and whether it was imported.

    The published report when there is one (what the public saw), else the tables counted
    from the records of that year when the platform has any (else None).
    """
    published = (
        AnnualReport.objects.filter(body=body, year=year - 1, status=ReportStatusChoice.PUBLISHED)
        .only("snapshot", "source")
        .first()
    )
    if published is not None and published.snapshot:
        return (
            Report.from_dict(published.snapshot["report"]),
            published.source == ReportSourceChoice.IMPORTED,
        )
    tables = _tables(body, year - 1)
    if any(value for value in tables.cells.values()):
        return tables, False
    return None, False


def _tables_with_previous(
    body: Body, year: int, with_previous: bool = True
) -> tuple[Report, Report | None]:
    """Tables 二/三/四 from the records, with the previous-year figures of an imported report;
    and the previous year's report the cross-year rules compare with."""
    report = _tables(body, year)
    previous, imported = previous_year_report(body, year) if with_previous else (None, False)
    if previous is not None and imported:
        take_previous_items(report, previous)
    return report, previous


def draft_sections(body: Body, year: int) -> dict[str, str]:
    """The draft narrative the records give today (for a fresh start of a section)."""
    report, _previous = _tables_with_previous(body, year)
    return draft_narrative(report, draft_facts(body, year))


def build_annual_report(
    body: Body,
    year: int,
    narrative: Mapping[str, str] | None = None,
    *,
    with_previous: bool = True,
) -> BuiltReport:
    """The whole report of ``body`` for ``year``, validated.

    ``narrative``: the sections to use; by default the workspace's if one exists, else the
    draft stated from the records.
    """
    report, previous = _tables_with_previous(body, year, with_previous)
    facts = draft_facts(body, year)
    if narrative is None:
        stored = (
            AnnualReport.objects.filter(body=body, year=year).values_list("narrative", flat=True)
        ).first()
        narrative = stored if stored else draft_narrative(report, facts)
    report.narrative = {k: narrative.get(k, "") for k in SECTION_NUMERALS if narrative.get(k)}
    check(report, previous)
    return BuiltReport(report, facts, previous)


# =============================================================================================
# Who may do what
# =============================================================================================


def actors_for(user: Any, body: Body) -> frozenset[Actor]:
    """The roles ``user`` plays for ``body``'s report.

    本机关: 经办人/审核人/管理员 of the body. 上级: a 上级 member of a body above it; for a body
    with no body above it in the platform, its own 审核人/管理员 review the report.
    """
    actors: set[Actor] = set()
    if user_can(user, "change", body):
        actors.add(Actor.BODY)
    if getattr(user, "is_superuser", False):
        actors.add(Actor.SUPERVISOR)
    elif body.parent_id is None:
        if user_can(user, "approve", body):
            actors.add(Actor.SUPERVISOR)
    elif Membership.objects.filter(
        user=user, role=Role.SUPERVISOR, body_id__in=body.ancestor_ids()[:-1]
    ).exists():
        actors.add(Actor.SUPERVISOR)
    return frozenset(actors)


# =============================================================================================
# The workspace
# =============================================================================================


def _event(
    report: AnnualReport,
    kind: str,
    user: Any,
    *,
    comment: str = "",
    findings: list[dict[str, Any]] | None = None,
) -> ReportEvent:
    return ReportEvent.objects.create(
        report=report,
        kind=kind,
        actor=user if getattr(user, "is_authenticated", False) else None,
        comment=comment,
        findings=findings or [],
        status_after=report.status,
    )


def _count(report: AnnualReport, built: Report) -> None:
    report.error_count = len(built.errors)
    report.warning_count = len(built.warnings)


def open_report(body: Body, year: int, user: Any) -> AnnualReport:
    """The workspace of ``body``'s report of ``year``; created with a draft narrative the first
    time one of the body's staff opens it (others only see an existing one)."""
    existing = AnnualReport.objects.filter(body=body, year=year).first()
    if existing is not None:
        return existing
    if not user_can(user, "change", body):
        raise WorkflowError(_("本机关尚未开始编制这一年度的年报。"))
    built = build_annual_report(body, year)
    with transaction.atomic():
        report, created = AnnualReport.objects.get_or_create(
            body=body,
            year=year,
            defaults={
                "format": format_for_year(year).id,
                "narrative": dict(built.report.narrative),
            },
        )
        if created:
            _count(report, built.report)
            report.save(update_fields=["error_count", "warning_count"])
            _event(report, ReportEventChoice.CREATED, user)
    return report


def _locked(report: AnnualReport, expected_version: int | None) -> AnnualReport:
    fresh = AnnualReport.objects.select_for_update().get(pk=report.pk)
    expected = report.version if expected_version is None else expected_version
    if fresh.version != expected:
        raise ConcurrentReportEdit(
            _(
                "这份年报已被他人修改（当前版本 %(current)d，您打开的是版本 %(seen)d）。"
                "请刷新页面后重新操作，您的修改尚未保存。"
            )
            % {"current": fresh.version, "seen": expected}
        )
    return fresh


def _clean_narrative(narrative: Mapping[str, str]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for numeral in SECTION_NUMERALS:
        text = (narrative.get(numeral) or "").replace("\r\n", "\n").strip()
        if len(text) > NARRATIVE_MAX_CHARS:
            raise WorkflowError(
                _("第%(section)s部分超过 %(limit)d 字，请精简后再保存。")
                % {"section": numeral, "limit": NARRATIVE_MAX_CHARS}
            )
        if text:
            cleaned[numeral] = text
    return cleaned


def save_narrative(
    report: AnnualReport,
    user: Any,
    narrative: Mapping[str, str],
    expected_version: int | None = None,
) -> AnnualReport:
    """Store the clerk's narrative (草稿 or 退回修改 only); the report becomes a draft again."""
    with transaction.atomic():
        fresh = _locked(report, expected_version)
        status = transition(
            ReportStatus(fresh.status), ReportAction.SAVE, actors_for(user, fresh.body)
        )
        fresh.narrative = _clean_narrative(narrative)
        built = build_annual_report(fresh.body, fresh.year, fresh.narrative)
        _count(fresh, built.report)
        fresh.status = status
        fresh.version += 1
        fresh.save()
        _event(fresh, ReportEventChoice.SAVED, user)
    return fresh


def act(
    report: AnnualReport,
    user: Any,
    action: ReportAction,
    *,
    comment: str = "",
    expected_version: int | None = None,
    narrative: Mapping[str, str] | None = None,
) -> AnnualReport:
    """Submit, return, approve or publish (one transaction; see the workflow module).

    ``narrative`` (submit only): the sections as edited on the page, saved with the step.
    """
    if action is ReportAction.SAVE:
        raise ValueError("use save_narrative")
    with transaction.atomic():
        fresh = _locked(report, expected_version)
        if (
            narrative is not None
            and action is ReportAction.SUBMIT
            and editable(ReportStatus(fresh.status))
        ):
            fresh.narrative = _clean_narrative(narrative)
        built = build_annual_report(fresh.body, fresh.year, fresh.narrative)
        status = transition(
            ReportStatus(fresh.status),
            action,
            actors_for(user, fresh.body),
            errors=len(built.report.errors),
            comment=comment,
        )
        unfilled = unfilled_sections(fresh.narrative)
        if unfilled and action in (ReportAction.SUBMIT, ReportAction.PUBLISH):
            raise WorkflowError(
                _("第%(sections)s部分还是草稿中的填写提示“（请……）”，请写明实际情况后再提交。")
                % {"sections": "、".join(unfilled)}
            )
        now = timezone.now()
        fresh.status = status
        _count(fresh, built.report)
        if action is ReportAction.SUBMIT:
            fresh.submitted_at = now
        elif action is ReportAction.APPROVE:
            fresh.approved_at = now
        elif action is ReportAction.PUBLISH:
            fresh.published_at = now
            fresh.snapshot = {
                "report": built.report.to_dict(),
                "facts": facts_to_json(built.facts),
                "built_at": now.isoformat(),
            }
        fresh.version += 1
        fresh.save()
        _event(
            fresh,
            action.value,
            user,
            comment=comment.strip(),
            findings=[f.to_dict() for f in built.report.findings],
        )
    return fresh


def available_actions(report: AnnualReport, user: Any) -> list[ReportAction]:
    return allowed_actions(ReportStatus(report.status), actors_for(user, report.body))


# =============================================================================================
# After publication
# =============================================================================================


@dataclass(frozen=True)
class Difference:
    key: str
    label: str
    published: CellValue | str
    current: CellValue | str


def differences(report: AnnualReport) -> list[Difference]:
    """What today's records give that differs from the published report (cells and facts).

    The published report itself never changes; this is the documented difference
    (``disclosure-law.md`` §6).
    """
    published = report.published_report()
    if published is None or report.source == ReportSourceChoice.IMPORTED:
        return []
    current, _previous = _tables_with_previous(report.body, report.year)
    found = [
        Difference(key, cell_label(current.spec, key), published.get(key), current.get(key))
        for key in current.spec.cell_keys
        if published.get(key) != current.get(key)
    ]
    old_facts = report.snapshot.get("facts") if report.snapshot else None
    if old_facts:
        now = facts_to_json(draft_facts(report.body, report.year))
        for name, label in _FACT_LABELS.items():
            # A fact the platform did not keep when the report was published is not compared.
            if name in old_facts and old_facts[name] != now.get(name):
                found.append(
                    Difference(f"facts.{name}", label, _fact(old_facts[name]), _fact(now[name]))
                )
    return found


def _documented(report: AnnualReport) -> dict[str, str]:
    """key → the value (as text) the latest correction notice gave it."""
    documented: dict[str, str] = {}
    for entries in report.corrections.values_list("differences", flat=True):
        for entry in entries:
            documented[entry["key"]] = str(entry["current"])
    return documented


def undocumented_differences(report: AnnualReport) -> list[Difference]:
    """The differences no correction notice has stated yet (a silent change, if left)."""
    documented = _documented(report)
    return [d for d in differences(report) if documented.get(d.key) != str(d.current)]


def publish_correction(report: AnnualReport, user: Any, note: str) -> ReportCorrection:
    """Publish a correction notice (更正说明) stating the differences not yet documented.

    The published report stays as it was; the notice is shown with it on its public page.
    """
    if Actor.BODY not in actors_for(user, report.body):
        raise WorkflowError(_("只有本机关的工作人员可以发布更正说明。"))
    if not report.is_published:
        raise WorkflowError(_("年报尚未发布，直接修改正文或记录即可，不需要更正说明。"))
    if not note.strip():
        raise WorkflowError(_("请填写更正说明，写明更正的原因。"))
    pending = undocumented_differences(report)
    if not pending:
        raise WorkflowError(_("当前记录与已发布的年报及已发布的更正说明一致，没有需要更正的内容。"))
    with transaction.atomic():
        correction = ReportCorrection.objects.create(
            report=report,
            note=note.strip(),
            differences=[
                {"key": d.key, "label": d.label, "published": d.published, "current": d.current}
                for d in pending
            ],
            actor=user if getattr(user, "is_authenticated", False) else None,
        )
        _event(report, ReportEventChoice.CORRECTED, user, comment=note.strip())
    return correction


_FACT_LABELS = {
    "channels": "各渠道发布信息数",
    "documents_made": "本年制发文件数",
    "documents_by_disclosure": "按公开属性的文件数",
    "processing_fees_yuan": "收取信息处理费（元）",
    "mailbox": "信箱来信",
    "npc": "人大代表建议",
    "cppcc": "政协提案",
}


def _fact(value: Any) -> str:
    if isinstance(value, dict):
        return "，".join(f"{k} {v}" for k, v in value.items()) or "—"
    return str(value)


def deadline_of(body: Body, year: int) -> date:
    """The day ``body``'s report of ``year`` is due (条例第四十九条; set per body)."""
    month = body.report_deadline_month
    return date(year + 1, month, min(body.report_deadline_day, monthrange(year + 1, month)[1]))


def supervises_subtree(user: Any, body: Body) -> bool:
    """Is ``user`` a 上级 of ``body`` or of a body above it (or a superuser)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return Membership.objects.filter(
        user=user, role=Role.SUPERVISOR, body_id__in=body.ancestor_ids()
    ).exists()


def supervised_roots(user: Any) -> list[Body]:
    """The bodies whose subtree ``user`` oversees as 上级 (a superuser: the top bodies)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if getattr(user, "is_superuser", False):
        return list(Body.objects.filter(parent__isnull=True).order_by("path"))
    return list(
        Body.objects.filter(memberships__user=user, memberships__role=Role.SUPERVISOR).order_by(
            "path"
        )
    )


def import_published(body: Body, year: int, user: Any, uploaded_file: Any) -> AnnualReport:
    """Record ``body``'s report of ``year`` as published, from the published file itself.

    For a body that starts using the platform later: the next year's report takes its
    previous-year figures from it. Refused when the platform already has that year's report,
    or when the file is another body's or another year's report.
    """
    from gongkai.apps.reports.services import ReportUploadError, read_uploaded_report

    if not user_can(user, "change", body):
        raise WorkflowError(_("只有本机关的工作人员可以导入本机关已发布的年报。"))
    try:
        _data, _text, report = read_uploaded_report(uploaded_file)
    except ReportUploadError as exc:
        raise WorkflowError(str(exc)) from exc
    if report.year is not None and report.year != year:
        raise WorkflowError(
            _("文件中的年报是 %(found)d 年度的，不是 %(year)d 年度的。")
            % {"found": report.year, "year": year}
        )
    if report.org and body.name not in report.org and report.org not in body.name:
        raise WorkflowError(
            _("文件中的年报是“%(found)s”的，不是“%(body)s”的。")
            % {"found": report.org, "body": body.name}
        )
    report.year, report.org = year, body.name
    now = timezone.now()
    with transaction.atomic():
        if AnnualReport.objects.filter(body=body, year=year).exists():
            raise WorkflowError(
                _("平台上已有本机关 %(year)d 年度的年报，不能再导入。") % {"year": year}
            )
        stored = AnnualReport.objects.create(
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
        _event(stored, ReportEventChoice.IMPORTED, user)
    return stored
