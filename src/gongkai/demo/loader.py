"""Loading the demo into the configured database (``gongkai demo load``).

Idempotent: loading twice leaves exactly the same records. The ledger rows go through the
ledger import services, which validate every row, write all or nothing and match records by
their natural keys (申请编号, 案件编号, 索引号, matter keys; decisions and fees are replaced
for the date range the demo covers, identical rows kept). What the ledgers have no column for
is written here, idempotently:

- the catalog's 目录 nodes (get_or_create), and on the items the node, the 发布机构, the reason
  of a 依申请公开 / 不予公开 item and the 保密审查 of each published item — filled where blank;
- the 信息处理费 notices of applications (with their 收费/缴费/减免 events), created once per
  application, then the application's deadline recomputed with the payment period excluded;
- mailbox messages and 建议提案: the demo body's list is replaced only when it differs from
  the demo's (one transaction), so a second load writes nothing.

Each body is loaded in one transaction. Dates come from the platform's working-day calendar.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from gongkai.demo.records import BodyRecords, Row

__all__ = ["DemoLoadResult", "build_records", "load_demo"]

SEED = 2019
_ROOT_NODE = "政府信息公开目录"
_CHUNK = 500


@dataclass
class DemoLoadResult:
    """What a load did: records per body and kind, and the time it took."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    accounts: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # demo reports that could not be made
    summaries: int = 0  # the year summaries computed (those whose records changed)

    def totals(self) -> dict[str, int]:
        total: Counter[str] = Counter()
        for per_body in self.counts.values():
            total.update(per_body)
        return dict(total)


def build_records(calendar: Any) -> list[BodyRecords]:
    """Every demo body's records (徐套乡 2019 first), from one ``random.Random(2019)``."""
    from gongkai.demo import county, xutao2019

    rng = random.Random(SEED)
    return [xutao2019.build(calendar, rng), *county.build_all(calendar, rng)]


def _table(filename: str, columns: Sequence[str], rows: Sequence[Row]) -> Any:
    from gongkai.domain.ledgers.table_io import LedgerTable, TableRow

    return LedgerTable(
        filename,
        list(columns),
        [TableRow(i + 2, {c: row.get(c) for c in columns}) for i, row in enumerate(rows)],
    )


# =============================================================================================
# Catalog extras
# =============================================================================================


def _reviewer(body: Any) -> Any:
    from gongkai.apps.orgs.models import Membership

    membership = (
        Membership.objects.filter(body=body, role__in=["reviewer", "admin"])
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return membership.user if membership else None


def _catalog_extras(body: Any, rows: Sequence[Row]) -> int:
    """The catalog tree, reasons, publisher and 保密审查 of the imported items; how many item
    rows it changed."""
    from django.db.models import F

    from gongkai.apps.catalog.choices import DisclosureChoice, SecrecyConclusion
    from gongkai.apps.catalog.models import CatalogItem, CatalogNode

    changed = 0
    root, _created = CatalogNode.objects.get_or_create(body=body, parent=None, name=_ROOT_NODE)
    by_node: dict[str, list[str]] = defaultdict(list)
    by_reason: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_node[str(row["_node"] or "其他信息")].append(str(row["索引号"]))
        if row["_reason"]:
            by_reason[str(row["_reason"])].append(str(row["索引号"]))
    for order, (name, numbers) in enumerate(by_node.items(), 1):
        leaf, _created = CatalogNode.objects.get_or_create(
            body=body, parent=root, name=name, defaults={"order": order}
        )
        for start in range(0, len(numbers), _CHUNK):
            changed += CatalogItem.objects.filter(
                body=body, index_number__in=numbers[start : start + _CHUNK], node__isnull=True
            ).update(node=leaf)
    for reason, numbers in by_reason.items():
        for start in range(0, len(numbers), _CHUNK):
            changed += (
                CatalogItem.objects.filter(
                    body=body,
                    index_number__in=numbers[start : start + _CHUNK],
                    disclosure_reason="",
                )
                .exclude(disclosure=DisclosureChoice.PROACTIVE)
                .update(disclosure_reason=reason)
            )
    items = CatalogItem.objects.filter(body=body)
    changed += items.filter(publisher="").update(publisher=body.name)
    reviewer = _reviewer(body)
    # 保密审查 before publication (the day of publication; 条例第十七条)
    changed += items.filter(
        disclosure=DisclosureChoice.PROACTIVE, published_on__isnull=False, secrecy_conclusion=""
    ).update(
        secrecy_conclusion=SecrecyConclusion.APPROVED,
        secrecy_reviewed_on=F("published_on"),
        secrecy_reviewer=reviewer,
    )
    changed += items.filter(disclosure=DisclosureChoice.WITHHELD, secrecy_conclusion="").update(
        secrecy_conclusion=SecrecyConclusion.WITHHELD,
        secrecy_reviewed_on=F("made_on"),
        secrecy_reviewer=reviewer,
    )
    return changed


# =============================================================================================
# Fee notices
# =============================================================================================


def _fees(body: Any, records: BodyRecords, calendar: Any) -> int:
    """Create the fee notices the demo gives its applications (once); the number created."""
    from gongkai.apps.applications.choices import EventKind
    from gongkai.apps.applications.models import Application, ApplicationEvent, FeeNotice
    from gongkai.apps.applications.services import refresh_deadline

    if not records.fees:
        return 0
    apps = {
        a.number: a
        for a in Application.objects.filter(
            body=body, number__in=[f.application for f in records.fees]
        ).prefetch_related("fee_notices")
    }
    created = 0
    for spec in records.fees:
        app = apps[spec.application]
        if app.fee_notices.all():
            continue
        fee = FeeNotice.objects.create(
            application=app,
            method=spec.method,
            amount=spec.amount,
            pages=spec.pages,
            nth_in_month=spec.nth_in_month,
            notice_on=spec.notice_on,
            paid_on=spec.paid_on,
            waived=spec.waived_on is not None,
            waived_on=spec.waived_on,
        )
        data = {"source": "演示数据", "fee_notice": fee.pk}
        events = [
            ApplicationEvent(
                application=app,
                kind=EventKind.FEE_NOTICE,
                on=spec.notice_on,
                note="演示数据",
                data={**data, "method": spec.method, "amount": str(spec.amount)},
            )
        ]
        if spec.paid_on:
            events.append(
                ApplicationEvent(
                    application=app, kind=EventKind.FEE_PAID, on=spec.paid_on, data=data
                )
            )
        if spec.waived_on:
            events.append(
                ApplicationEvent(
                    application=app, kind=EventKind.FEE_WAIVED, on=spec.waived_on, data=data
                )
            )
        ApplicationEvent.objects.bulk_create(events)
        # The payment period is not counted (109号; disclosure-law.md §4): recompute.
        deadline = refresh_deadline(app, calendar)
        Application.objects.filter(pk=app.pk).update(
            due_on=app.due_on,
            correction_notice_due_on=app.correction_notice_due_on,
            deadline_provisional=app.deadline_provisional,
            deadline_trace=app.deadline_trace,
        )
        for event in ApplicationEvent.objects.filter(
            application=app, kind__in=[EventKind.REPLY, EventKind.LAPSE]
        ):
            overdue = app.replied_on is not None and app.replied_on > deadline.due
            if event.data.get("overdue") != overdue:
                event.data = {**event.data, "overdue": overdue}
                event.save(update_fields=["data"])
        created += 1
    return created


# =============================================================================================
# Engagement
# =============================================================================================


def _replace_if_different(
    model: Any, body: Any, fields: Sequence[str], specs: Sequence[Any]
) -> int:
    """Make ``body``'s ``model`` rows exactly ``specs`` (compared on ``fields``)."""
    existing = Counter(model.objects.filter(body=body).values_list(*fields))
    wanted = Counter(tuple(getattr(s, f) for f in fields) for s in specs)
    if existing == wanted:
        return 0
    model.objects.filter(body=body).delete()
    model.objects.bulk_create(
        [model(body=body, **{f: getattr(s, f) for f in fields}) for s in specs]
    )
    return len(specs)


_MAILBOX_FIELDS = (
    "mailbox",
    "received_on",
    "subject",
    "content",
    "replied_on",
    "reply",
    "published_on",
)
_PROPOSAL_FIELDS = (
    "kind",
    "number",
    "title",
    "proposer",
    "assigned_on",
    "replied_on",
    "reply",
    "published_on",
)


# =============================================================================================
# Loading
# =============================================================================================


def _reply_reasons(body: Any) -> int:
    """The reasons of the imported replies (:mod:`gongkai.demo.replies`; the ledger has no
    column for them), so that every demo case's 答复书 can be made. A reply that already has
    its wording keeps it. How many replies it worded."""
    from gongkai.apps.applications.models import Application
    from gongkai.demo.replies import OTHER_BASIS, REASONS, WITHHELD

    worded = 0
    for outcome, reason in REASONS.items():
        fields: dict[str, str] = {"reply_text": reason}
        if outcome == "partial":
            fields["withheld"] = WITHHELD
        if outcome == "other.other":
            fields["legal_basis"] = OTHER_BASIS
        worded += Application.objects.filter(body=body, outcome=outcome, reply_text="").update(
            **fields
        )
    return worded


def _load_body(body: Any, records: BodyRecords, calendar: Any) -> None:
    """Import ``body``'s records (the ledgers mark its records changed themselves; the demo's
    own bulk writes below send no signal, so they mark it when they wrote anything)."""
    from gongkai.apps.applications.ledgers import import_applications
    from gongkai.apps.cases.ledgers import import_cases
    from gongkai.apps.catalog.ledgers import import_catalog
    from gongkai.apps.engagement.models import MailboxMessage, Proposal
    from gongkai.apps.orgs.changes import mark_changed
    from gongkai.apps.stats.ledgers import import_matters
    from gongkai.domain.ledgers.applications import APPLICATION_COLUMNS
    from gongkai.domain.ledgers.cases import CASE_COLUMNS
    from gongkai.domain.ledgers.catalog import CATALOG_COLUMNS
    from gongkai.domain.ledgers.matters import DECISION_COLUMNS, MATTER_COLUMNS, MONEY_COLUMNS

    name = "演示数据"
    written = 0
    if records.catalog:
        import_catalog(
            body, _table(f"{name}-主动公开信息台账", CATALOG_COLUMNS, records.catalog), name
        )
        written += _catalog_extras(body, records.catalog)
    for kind, columns, rows in (
        ("matters", MATTER_COLUMNS, records.matters),
        ("decisions", DECISION_COLUMNS, records.decisions),
        ("money", MONEY_COLUMNS, records.money),
    ):
        if rows:
            import_matters(body, _table(f"{name}-{kind}", columns, rows), name, kind)  # type: ignore[arg-type]
    if records.applications:
        import_applications(
            body,
            _table(f"{name}-依申请公开登记台账", APPLICATION_COLUMNS, records.applications),
            name,
            calendar=calendar,
        )
        written += _fees(body, records, calendar)
        written += _reply_reasons(body)
    if records.cases:
        import_cases(
            body, _table(f"{name}-行政复议行政诉讼台账", CASE_COLUMNS, records.cases), name
        )
    written += _replace_if_different(MailboxMessage, body, _MAILBOX_FIELDS, records.mailbox)
    written += _replace_if_different(Proposal, body, _PROPOSAL_FIELDS, records.proposals)
    if written:
        mark_changed([body.pk])


def count_records(bodies: Sequence[Any]) -> dict[str, dict[str, int]]:
    """The demo bodies' records per kind (what ``gongkai demo load`` reports)."""
    from gongkai.apps.applications.models import Application, ApplicationEvent, FeeNotice
    from gongkai.apps.cases.models import ReviewCase
    from gongkai.apps.catalog.models import CatalogItem, CatalogNode
    from gongkai.apps.engagement.models import MailboxMessage, Proposal
    from gongkai.apps.stats.models import Decision, Matter, MoneyRecord

    kinds: dict[str, tuple[Any, str]] = {
        "目录": (CatalogNode, "body"),
        "目录信息": (CatalogItem, "body"),
        "事项": (Matter, "body"),
        "处理决定记录": (Decision, "body"),
        "收费采购记录": (MoneyRecord, "body"),
        "依申请公开": (Application, "body"),
        "办理记录": (ApplicationEvent, "application__body"),
        "收费通知": (FeeNotice, "application__body"),
        "复议诉讼": (ReviewCase, "body"),
        "信箱来信": (MailboxMessage, "body"),
        "建议提案": (Proposal, "body"),
    }
    counts: dict[str, dict[str, int]] = {}
    for body in bodies:
        counts[body.name] = {
            kind: model.objects.filter(**{path: body}).count()
            for kind, (model, path) in kinds.items()
        }
    return counts


def load_demo(on_step: Callable[[str, int, int], None] | None = None) -> DemoLoadResult:
    """Create/migrate the database, the demo bodies and accounts, and load every record.

    ``on_step(description, done, total)`` is called before each step (for a progress bar).
    """
    from django.db import transaction

    from gongkai.apps.orgs.models import Body
    from gongkai.apps.workcal.services import load_calendar
    from gongkai.demo.accounts import ensure_demo_accounts
    from gongkai.web.runtime import ensure_database

    started = time.perf_counter()
    step = on_step or (lambda _d, _n, _t: None)
    step("创建或升级数据库…", 0, 1)
    ensure_database()
    result = DemoLoadResult()
    step("创建演示机关和账号…", 0, 1)
    result.accounts = ensure_demo_accounts(full=True)
    calendar = load_calendar()
    step("生成演示数据…", 0, 1)
    all_records = build_records(calendar)
    bodies = {b.name: b for b in Body.objects.filter(name__in=[r.body for r in all_records])}
    total = len(all_records)
    for done, records in enumerate(all_records):
        step(f"导入 {records.body} 的记录…", done, total)
        with transaction.atomic():
            _load_body(bodies[records.body], records, calendar)
    step("登记意见征集…", total, total)
    from gongkai.demo.consultations import load_consultations_demo

    load_consultations_demo()
    step("登记政策解读…", total, total)
    from gongkai.demo.interpretations import load_interpretations_demo

    load_interpretations_demo()
    step("登记会议与公示…", total, total)
    from gongkai.demo.meetings import load_meetings_demo

    load_meetings_demo()
    step("编制各机关的年度报告…", total, total)
    from gongkai.demo.reports import load_reports

    result.notes = load_reports()
    step("考核…", total, total)
    from gongkai.demo.assessment import load_assessment_demo

    load_assessment_demo()
    from gongkai.demo.online import load_online_requests

    load_online_requests()
    step("计算年度汇总…", total, total)
    from gongkai.apps.reports.summaries import refresh

    # The overview shows every body at once (`make run`): its summaries are current.
    result.summaries = refresh(progress=lambda done, n: step("计算年度汇总…", done, n))
    step("统计…", total, total)
    result.counts = count_records([bodies[r.body] for r in all_records])
    result.seconds = time.perf_counter() - started
    return result
