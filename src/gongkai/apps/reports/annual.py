"""The annual report workspace: build the whole report of a body and year from its records,
keep the clerk's narrative, and move the report through its workflow
(:mod:`gongkai.domain.report.workflow`).

- :func:`build_annual_report` — tables 二/三/四 counted from the records (format by year), the
  previous year's figures from the previous year's published report when it was imported
  (:func:`gongkai.domain.report.previous.take_previous_items`), the narrative (the workspace's,
  or a draft stated from the records), and every validation rule including T1, the
  cross-year rules against the previous year's report, P1 with the body's recorded kind and E1
  with the year's facts.
- :func:`actors_for`, :func:`available_actions` — who may take which step now (the policies
  decide who is 本机关 and who reviews; :mod:`gongkai.domain.report.workflow` what the state
  allows); :func:`supervised_roots` — the subtrees a 上级 oversees.
- :func:`differences` — what today's records give that differs from the published report
  (publishing freezes it: ``snapshot`` keeps the published report and its facts).

The steps themselves (open, save, submit, return, approve, publish, correct, import) are the
actions of :mod:`gongkai.apps.reports.actions`.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Mapping
from dataclasses import dataclass, fields, is_dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.choices import ReportSourceChoice
from gongkai.apps.reports.models import AnnualReport
from gongkai.domain.render.layout import cell_label
from gongkai.domain.report.draft import DraftFacts, draft_narrative
from gongkai.domain.report.formats import SECTION_NUMERALS
from gongkai.domain.report.model import CellValue, Report
from gongkai.domain.report.previous import take_previous_items
from gongkai.domain.report.rules import check
from gongkai.domain.report.workflow import Actor, ReportAction, ReportStatus, allowed_actions
from gongkai.domain.stats.openness import OpennessFacts
from gongkai.kernel.params import parse_year
from gongkai.kernel.permissions import user_can

__all__ = [
    "BuiltReport",
    "Difference",
    "actors_for",
    "available_actions",
    "build_annual_report",
    "deadline_of",
    "differences",
    "draft_facts",
    "draft_sections",
    "facts_to_json",
    "openness_facts",
    "previous_year_report",
    "report_year",
    "supervised_roots",
    "undocumented_differences",
]

#: The first year of the current formats' reports the pages offer.
FIRST_YEAR = 2019


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
        openness=openness_facts(body, year),
    )


def openness_facts(body: Body, year: int) -> OpennessFacts:
    """The year's 政策解读, 意见征集, meetings and offline notices of ``body``, each counted by
    the app that owns the records (the reading of the year: :mod:`gongkai.domain.stats.openness`).
    """
    from gongkai.apps.catalog.reporting import interpretation_facts
    from gongkai.apps.engagement.reporting import consultation_facts
    from gongkai.apps.meetings.reporting import meeting_facts
    from gongkai.apps.notices.reporting import notice_facts

    interpretations, by_kind, without = interpretation_facts(body, year)
    return OpennessFacts(
        interpretations=interpretations,
        interpretations_by_kind=by_kind,
        normative_without_interpretation=without,
        consultation=consultation_facts(body, year),
        meetings=meeting_facts(body, year),
        offline_notices=notice_facts(body, year),
    )


def _plain(value: Any) -> Any:
    """A value of the facts as plain JSON: dataclasses and mappings → dicts, tuples → lists."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def facts_to_json(facts: DraftFacts) -> dict[str, Any]:
    """The year's facts as plain JSON (the published snapshot keeps them): nested dataclasses
    (信箱, 建议提案, the openness facts and their meetings) and mappings become dicts, tuples
    lists."""
    data: dict[str, Any] = _plain(facts)
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
        AnnualReport.objects.published()
        .filter(body=body, year=year - 1)
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
    check(report, previous, issuer=body.kind_reading, facts=facts)
    return BuiltReport(report, facts, previous)


# =============================================================================================
# Who may do what
# =============================================================================================


def actors_for(user: Any, report: AnnualReport) -> frozenset[Actor]:
    """The roles ``user`` plays for ``report``, as the policy says: 本机关 (``change``: its
    经办人/审核人/管理员), 本机关审核人 (``approve``: its 审核人/管理员) and 上级 (``review``: a
    上级 of a body above it; the body's own 审核人/管理员 when no body is above it in the
    platform)."""
    actors: set[Actor] = set()
    if user_can(user, "change", report):
        actors.add(Actor.BODY)
        if user_can(user, "approve", report):
            actors.add(Actor.BODY_REVIEWER)
    if user_can(user, "review", report):
        actors.add(Actor.SUPERVISOR)
    return frozenset(actors)


def available_actions(report: AnnualReport, user: Any) -> list[ReportAction]:
    """The steps ``user`` may take on ``report`` now (errors and comments are checked on the
    step itself)."""
    return allowed_actions(
        ReportStatus(report.status),
        actors_for(user, report),
        body_review=report.body.report_body_review,
        review_opened=report.review_opened_at is not None,
    )


def supervised_roots(user: Any) -> list[Body]:
    """The bodies whose subtree ``user`` oversees as 上级 (a superuser: the top bodies): the
    bodies the user may ``supervise`` whose parent the user may not."""
    supervised = Body.objects.restrict(user, "supervise")
    return list(supervised.exclude(parent__in=supervised).order_by("path"))


def report_year(value: Any) -> int:
    """The year a reports page is about (``?year=``): last year by default, as the reports
    are compiled in January."""
    default = timezone.localdate().year - 1
    year = parse_year(value, first=FIRST_YEAR, last=default + 1)
    return default if year is None else year


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
        old_openness, openness = old_facts.get("openness") or {}, now.get("openness") or {}
        for name, label in _OPENNESS_LABELS.items():
            if name in old_openness and old_openness[name] != openness.get(name):
                found.append(
                    Difference(
                        f"facts.openness.{name}",
                        label,
                        _fact(old_openness[name]),
                        _fact(openness.get(name)),
                    )
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


_FACT_LABELS = {
    "channels": "各渠道发布信息数",
    "documents_made": "本年制发文件数",
    "documents_by_disclosure": "按公开属性的文件数",
    "processing_fees_yuan": "收取信息处理费（元）",
    "mailbox": "信箱来信",
    "npc": "人大代表建议",
    "cppcc": "政协提案",
}


# The openness facts (issue 14) a published report's narrative states, compared one by one.
_OPENNESS_LABELS = {
    "meetings": "会议及纪要公开",
    "interpretations": "政策解读数",
    "normative_without_interpretation": "未发布解读的规范性文件数",
    "consultation": "意见征集",
    "offline_notices": "线下公示与广播数",
}
# The fields of the facts' summaries as the differences table words them.
_FACT_FIELD_LABELS = {
    "received": "收到",
    "replied": "办结",
    "published": "公开",
    "consultations": "征集",
    "comments": "意见",
    "adopted": "采纳",
    "partly_adopted": "部分采纳",
    "not_adopted": "不予采纳",
    "feedback_published": "公布反馈",
    "feedback_overdue": "反馈逾期",
    "held": "召开",
    "attended": "列席",
}


def _fact(value: Any) -> str:
    """A fact of the snapshot as the differences table shows it."""
    if isinstance(value, list):  # the meetings: one kind each
        return "；".join(_fact(v) for v in value) or "—"
    if isinstance(value, dict):
        head = f"{value['kind']} " if "kind" in value else ""
        parts = [f"{_FACT_FIELD_LABELS.get(k, k)} {v}" for k, v in value.items() if k != "kind"]
        return head + "，".join(parts) if parts or head else "—"
    return "—" if value is None else str(value)


def deadline_of(body: Body, year: int) -> date:
    """The day ``body``'s report of ``year`` is due (条例第四十九条; set per body)."""
    month = body.report_deadline_month
    return date(year + 1, month, min(body.report_deadline_day, monthrange(year + 1, month)[1]))
