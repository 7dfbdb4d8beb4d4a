"""Ledger import and export (台账导入、导出, ``ledger-formats.md`` §1–2) for one body.

Import is all-or-nothing: the file is read and every row checked (the domain parsers, plus the
rules the records themselves need: lengths, a reply not before the events it follows, a case
not filed before its application) before anything is written; then everything is written in one
``transaction.atomic``. The first column (申请编号 / 案件编号) is the natural key per body:
importing the same file again creates nothing, a changed row updates the record to the ledger
values (the ledger is authoritative for what it records).

An imported application gets the same records as one handled through the pages — the
registration, 补正, 征求意见, 延期 and 答复 as :class:`ApplicationEvent`, :class:`Consultation`
and :class:`Extension` rows — so :func:`services.timeline` reads the same timeline and the
deadline engine computes the same due date; the stored deadline fields are filled at import
(with one loaded calendar, in bulk). Audit: each imported application gets a history row
(who, when, ``台账导入：<file>``); its events carry the file and row in ``data`` and have no
history row of their own. New rows are written with plain ``executemany`` INSERTs (10,000 rows
in about 6 s on SQLite, ``benchmarks/bench_ledger_import.py``); changed rows go through the ORM.

Export of year Y (:func:`export_applications`) contains the applications that table 三 of Y
counts: received in Y, or received before Y and still open at its start, or concluded in Y —
i.e. received by the end of Y and not concluded before Y. An auditor can recount table 三 of Y
from it. Cases are exported when filed in Y (what table 四 of Y counts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.apps.applications.choices import (
    CONCLUDED_STATUSES,
    Channel,
    ConsultationKind,
    EventKind,
    Status,
)
from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    Consultation,
    Extension,
)
from gongkai.apps.applications.services import timeline_facts
from gongkai.apps.orgs.changes import mark_changed
from gongkai.apps.orgs.models import Body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.applications.deadline import (
    Consultation as DomainConsultation,
)
from gongkai.domain.applications.deadline import (
    Deadline,
    Timeline,
    TimelineError,
    compute_deadline,
    remaining_working_days,
)
from gongkai.domain.applications.outcomes import ApplicantType
from gongkai.domain.ledgers.applications import (
    APPLICATION_COLUMNS,
    EXPORT_EXTRA_COLUMNS,
    ApplicationRow,
    application_export_row,
    parse_application_ledger,
)
from gongkai.domain.ledgers.result import LedgerError
from gongkai.domain.ledgers.table_io import LedgerTable, write_table
from gongkai.domain.ledgers.templates import (
    APPLICATION_SHEET,
    APPLICATION_VALIDATIONS,
    application_template_csv,
    application_template_xlsx,
)
from gongkai.domain.workdays.calendar import WorkingCalendar
from gongkai.kernel.audit import changes_between, log_many, snapshot
from gongkai.kernel.bulk import insert_rows, row_values
from gongkai.kernel.ledgers import (
    IMPORT_SOURCE,
    ExportFormat,
    ImportResult,
    LedgerImportError,
    as_ledger_table,
    importing_user,
    one_import_at_a_time,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "EXPORT_APPLICATION_COLUMNS",
    "IMPORT_ACTION",
    "LEDGER_EVENT_KINDS",
    "export_applications",
    "export_filename",
    "import_applications",
    "ledger_template",
]

EXPORT_APPLICATION_COLUMNS: tuple[str, ...] = APPLICATION_COLUMNS + EXPORT_EXTRA_COLUMNS
#: The audit action of an application written by a ledger import.
IMPORT_ACTION = "applications.import"
# The events an applications ledger row describes (replaced when an imported row changes).
LEDGER_EVENT_KINDS: tuple[str, ...] = (
    EventKind.REGISTER,
    EventKind.CORRECTION_REQUESTED,
    EventKind.CORRECTION_RECEIVED,
    EventKind.CONSULTATION_SENT,
    EventKind.CONSULTATION_ANSWERED,
    EventKind.EXTENSION_REQUESTED,
    EventKind.EXTENSION_APPROVED,
    EventKind.REPLY,
    EventKind.LAPSE,
)
# 条例第三十条 / 109号: outcomes that conclude an application by lapse (the daily run's event kind).
_LAPSE_OUTCOMES = frozenset({"other.no_correction", "other.no_fee_payment"})
_BATCH = 1000
_CHANNEL_BY_LABEL: dict[str, str] = {str(c.label): c.value for c in Channel}
_CHANNEL_LABEL: dict[str, str] = {c.value: str(c.label) for c in Channel}
_TEXT_LIMITS: dict[str, tuple[str, int]] = {
    "number": ("申请编号", Application._meta.get_field("number").max_length or 50),
    "applicant": ("申请人", Application._meta.get_field("applicant_name").max_length or 200),
}


# =============================================================================================
# Applications: import
# =============================================================================================


@dataclass(frozen=True)
class _Stored:
    """What an applications ledger row records, read back from an existing application."""

    pk: int
    signature: tuple[Any, ...]
    status: str
    fee_periods: tuple[tuple[date, date | None], ...]
    custom_due: date | None


def _signature(row: ApplicationRow) -> tuple[Any, ...]:
    consultation = (
        ((row.consultation_sent, row.consultation_answered),) if row.consultation_sent else ()
    )
    return (
        row.received_on,
        _CHANNEL_BY_LABEL[row.channel],
        row.applicant_type.value,
        row.applicant,
        row.content,
        row.correction_sent,
        row.correction_received,
        consultation,
        row.extension_days or 0,
        row.outcome or "",
        row.replied_on,
    )


def _stored_applications(body: Body, numbers: Iterable[str]) -> dict[str, _Stored]:
    """The existing applications of ``body`` with these numbers, as ledger signatures."""
    wanted = set(numbers)
    if not wanted:
        return {}
    apps = list(
        Application.objects.filter(body=body, number__in=wanted).values_list(
            "pk",
            "number",
            "received_on",
            "channel",
            "applicant_type",
            "applicant_name",
            "content",
            "outcome",
            "replied_on",
            "status",
            "custom_due_on",
        )
    )
    if not apps:
        return {}
    facts = timeline_facts(a[0] for a in apps)
    out: dict[str, _Stored] = {}
    for (
        pk,
        number,
        received,
        channel,
        applicant_type,
        name,
        content,
        outcome,
        replied,
        status,
        custom_due,
    ) in apps:
        out[number] = _Stored(
            pk=pk,
            signature=(
                received,
                channel,
                applicant_type,
                name,
                content,
                facts[pk].correction_sent,
                facts[pk].correction_received,
                tuple((c.sent, c.answered) for c in facts[pk].consultations),
                facts[pk].extension_days,
                outcome,
                replied,
            ),
            status=status,
            fee_periods=facts[pk].fee_periods,
            custom_due=custom_due,
        )
    return out


def _record_errors(row: ApplicationRow) -> list[LedgerError]:
    """Rules the records need beyond the ledger format (the pages enforce the same)."""
    errors: list[LedgerError] = []
    n = row.row_number
    for value, (column, limit) in (
        (row.number, _TEXT_LIMITS["number"]),
        (row.applicant, _TEXT_LIMITS["applicant"]),
    ):
        if len(value) > limit:
            errors.append(LedgerError(n, column, f"超过 {limit} 个字符（{len(value)} 个）"))
    if row.replied_on is not None:
        # A reply concludes the application: the events it follows come before it.
        for column, event_on in (
            ("补正告知日期", row.correction_sent),
            ("补正收到日期", row.correction_received),
            ("征求意见日期", row.consultation_sent),
            ("征求意见回复日期", row.consultation_answered),
        ):
            if event_on is not None and row.replied_on < event_on:
                errors.append(
                    LedgerError(n, "答复日期", f"{row.replied_on} 早于{column} {event_on}")
                )
    return errors


def _timeline(
    row: ApplicationRow,
    extension_days: int,
    fee_periods: tuple[tuple[date, date | None], ...] = (),
    custom_due: date | None = None,
) -> Timeline:
    """The domain timeline of a ledger row: what :func:`services.timeline` reads back."""
    consultations: tuple[DomainConsultation, ...] = ()
    if row.consultation_sent is not None:
        consultations = (DomainConsultation(row.consultation_sent, row.consultation_answered),)
    return Timeline(
        received=row.received_on,
        correction_sent=row.correction_sent,
        correction_received=row.correction_received,
        consultations=consultations,
        fee_periods=fee_periods,
        extension_days=extension_days,
        custom_due=custom_due,
    )


def _open_status(row: ApplicationRow, fee_periods: Sequence[tuple[date, date | None]]) -> Status:
    """The open state that follows from the facts (as ``actions._open_status``)."""
    if row.correction_sent is not None and row.correction_received is None:
        return Status.AWAITING_CORRECTION
    if any(end is None for _notice, end in fee_periods):
        return Status.AWAITING_PAYMENT
    if row.consultation_sent is not None and row.consultation_answered is None:
        return Status.CONSULTING
    return Status.REGISTERED


@dataclass
class _Planned:
    row: ApplicationRow
    deadline: Deadline
    extension_on: date | None
    stored: _Stored | None


def _plan_applications(
    rows: Sequence[ApplicationRow], stored: dict[str, _Stored], calendar: WorkingCalendar
) -> tuple[list[_Planned], int, list[LedgerError]]:
    """Deadlines of the new and changed rows, the count of unchanged ones, and errors."""
    planned: list[_Planned] = []
    unchanged = 0
    errors: list[LedgerError] = []
    for row in rows:
        problems = _record_errors(row)
        if problems:
            errors += problems
            continue
        existing = stored.get(row.number)
        if existing is not None and existing.signature == _signature(row):
            unchanged += 1
            continue
        fee_periods = existing.fee_periods if existing else ()
        custom_due = existing.custom_due if existing else None
        days = row.extension_days or 0
        try:
            deadline = compute_deadline(_timeline(row, days, fee_periods, custom_due), calendar)
            extension_on: date | None = None
            if days:
                # The ledger has no date for the extension: it was approved by the original
                # deadline (and before the reply).
                before = compute_deadline(_timeline(row, 0, fee_periods, custom_due), calendar)
                start = row.correction_received or row.received_on
                extension_on = max(start, before.due)
                if row.replied_on is not None:
                    extension_on = max(start, min(extension_on, row.replied_on))
        except (TimelineError, ValueError) as exc:
            errors.append(LedgerError(row.row_number, "", f"无法推算答复期限：{exc}"))
            continue
        planned.append(_Planned(row, deadline, extension_on, existing))
    return planned, unchanged, errors


def _apply_row(app: Application, plan: _Planned) -> None:
    row, deadline = plan.row, plan.deadline
    app.received_on = row.received_on
    app.channel = _CHANNEL_BY_LABEL[row.channel]
    app.applicant_type = row.applicant_type.value
    app.applicant_name = row.applicant
    app.content = row.content
    app.due_on = deadline.due
    app.correction_notice_due_on = deadline.correction_notice_due
    app.deadline_provisional = deadline.provisional
    app.deadline_trace = list(deadline.trace)
    fee_periods = plan.stored.fee_periods if plan.stored else ()
    if row.outcome is not None:
        if app.outcome != row.outcome:
            app.legal_basis = ""
            app.reply_text = ""
            app.withheld = ""
        app.outcome = row.outcome
        app.replied_on = row.replied_on
        if app.status not in CONCLUDED_STATUSES:
            app.status = Status.REPLIED
    else:
        app.outcome, app.replied_on, app.legal_basis, app.reply_text = "", None, "", ""
        app.withheld = ""
        app.delivered_on, app.delivery_way, app.delivery_proof = None, "", ""
        app.status = _open_status(row, fee_periods)


def _ledger_records(
    app: Application, plan: _Planned, user: Any, filename: str
) -> tuple[list[ApplicationEvent], list[Consultation], list[Extension]]:
    """The events, consultation and extension that a ledger row records."""
    row = plan.row
    data = {"source": IMPORT_SOURCE, "file": filename, "row": row.row_number}
    events = [ApplicationEvent(application=app, kind=EventKind.REGISTER, on=row.received_on)]
    consultations: list[Consultation] = []
    extensions: list[Extension] = []
    if row.correction_sent is not None:
        events.append(
            ApplicationEvent(
                application=app, kind=EventKind.CORRECTION_REQUESTED, on=row.correction_sent
            )
        )
    if row.correction_received is not None:
        events.append(
            ApplicationEvent(
                application=app, kind=EventKind.CORRECTION_RECEIVED, on=row.correction_received
            )
        )
    if row.consultation_sent is not None:
        consultations.append(
            Consultation(
                application=app,
                party="第三方",
                kind=ConsultationKind.THIRD_PARTY,
                sent_on=row.consultation_sent,
                answered_on=row.consultation_answered,
            )
        )
        events.append(
            ApplicationEvent(
                application=app, kind=EventKind.CONSULTATION_SENT, on=row.consultation_sent
            )
        )
        if row.consultation_answered is not None:
            events.append(
                ApplicationEvent(
                    application=app,
                    kind=EventKind.CONSULTATION_ANSWERED,
                    on=row.consultation_answered,
                )
            )
    if row.extension_days and plan.extension_on is not None:
        extensions.append(
            Extension(
                application=app,
                days=row.extension_days,
                reason=IMPORT_SOURCE,
                requested_by=user,
                requested_on=plan.extension_on,
                approved_by=user,
                approved_on=plan.extension_on,
            )
        )
        for kind in (EventKind.EXTENSION_REQUESTED, EventKind.EXTENSION_APPROVED):
            events.append(ApplicationEvent(application=app, kind=kind, on=plan.extension_on))
    if row.outcome is not None and row.replied_on is not None:
        kind = EventKind.LAPSE if row.outcome in _LAPSE_OUTCOMES else EventKind.REPLY
        overdue = row.replied_on > plan.deadline.due
        events.append(
            ApplicationEvent(
                application=app,
                kind=kind,
                on=row.replied_on,
                data={**data, "outcome": row.outcome, "overdue": overdue},
            )
        )
    for event in events:
        event.by = user
        event.note = event.note or IMPORT_SOURCE
        if not event.data:
            event.data = dict(data)
    return events, consultations, extensions


_APPLICATION_UPDATE_FIELDS = [
    "received_on",
    "channel",
    "applicant_type",
    "applicant_name",
    "content",
    "outcome",
    "replied_on",
    "legal_basis",
    "reply_text",
    "withheld",
    "delivered_on",
    "delivery_way",
    "delivery_proof",
    "status",
    "due_on",
    "correction_notice_due_on",
    "deadline_provisional",
    "deadline_trace",
    "version",
    "updated_at",
]


@one_import_at_a_time
def import_applications(
    body: Body,
    table_or_bytes: LedgerTable | bytes,
    filename: str,
    user: UserLike | None = None,
    *,
    calendar: WorkingCalendar | None = None,
) -> ImportResult:
    """Import an applications ledger (§1) into ``body``: all rows or none.

    Raises :class:`LedgerImportError` with every row/column error (nothing written),
    ``LedgerFileError`` for a file that is not a ledger, ``PermissionDenied`` when ``user``
    may not change ``body``'s records.
    """
    history_user = importing_user(user, body)
    table = as_ledger_table(table_or_bytes, filename)
    parsed = parse_application_ledger(table)
    warnings = list(parsed.warnings)
    if parsed.errors:
        raise LedgerImportError(parsed.errors, warnings)
    calendar = calendar or load_calendar()
    stored = _stored_applications(body, (r.number for r in parsed.rows))
    planned, unchanged, errors = _plan_applications(parsed.rows, stored, calendar)
    if errors:
        raise LedgerImportError(sorted(errors, key=lambda e: e.row), warnings)
    result = ImportResult("applications", table.filename, rows=len(parsed.rows))
    result.unchanged = unchanged
    result.warnings = warnings
    new = [p for p in planned if p.stored is None]
    changed = [p for p in planned if p.stored is not None]
    reason = f"{IMPORT_SOURCE}：{table.filename}"
    # Audit: one entry per imported application, like the registration's and the steps' (who,
    # when, which file and row, for a changed row what changed), written in bulk with the rows
    # themselves (plain INSERTs, gongkai.kernel.bulk: 10,000 rows in a few seconds).
    audit: list[tuple[Application, str, dict[str, Any]]] = []
    with transaction.atomic():
        apps: list[tuple[Application, _Planned]] = []
        if new:
            now = timezone.now()
            objs: list[Application] = []
            for plan in new:
                app = Application(body=body, number=plan.row.number, handler=history_user)
                _apply_row(app, plan)
                app.created_at = app.updated_at = now
                objs.append(app)
            insert_rows(Application, [row_values(app) for app in objs])
            pks = dict(Application.objects.filter(body=body).values_list("number", "pk"))
            for app, plan in zip(objs, new, strict=True):
                app.pk = pks[app.number]
                app._state.adding = False
                audit.append((app, IMPORT_ACTION, {"note": reason, "row": plan.row.row_number}))
            apps += list(zip(objs, new, strict=True))
        if changed:
            by_pk = Application.objects.select_for_update().in_bulk(
                [p.stored.pk for p in changed if p.stored is not None]
            )
            updated: list[Application] = []
            for plan in changed:
                assert plan.stored is not None
                app = by_pk[plan.stored.pk]
                before = snapshot(app)
                _apply_row(app, plan)
                app.version += 1
                app.updated_at = timezone.now()
                updated.append(app)
                apps.append((app, plan))
                changes = changes_between(Application, before, snapshot(app))
                data = {"note": reason, "row": plan.row.row_number, "changes": changes}
                audit.append((app, IMPORT_ACTION, data))
            ids = [a.pk for a in updated]
            for start in range(0, len(ids), _BATCH):
                chunk = ids[start : start + _BATCH]
                ApplicationEvent.objects.filter(
                    application_id__in=chunk, kind__in=LEDGER_EVENT_KINDS
                ).delete()
                Consultation.objects.filter(application_id__in=chunk).delete()
                Extension.objects.filter(application_id__in=chunk).delete()
            Application.objects.bulk_update(updated, _APPLICATION_UPDATE_FIELDS, batch_size=_BATCH)
        events: list[ApplicationEvent] = []
        consultations: list[Consultation] = []
        extensions: list[Extension] = []
        for app, plan in apps:
            e, c, x = _ledger_records(app, plan, history_user, table.filename)
            events += e
            consultations += c
            extensions += x
        # The events are the dated record of the application and the application's audit entry
        # names the import (who, when, which file): no entry per imported event.
        for model, objs_ in (
            (ApplicationEvent, events),
            (Consultation, consultations),
            (Extension, extensions),
        ):
            insert_rows(model, [row_values(obj) for obj in objs_])
        log_many(audit, history_user)
        if apps:
            mark_changed([body.pk])  # plain INSERTs and bulk_update send no signal
    result.created = len(new)
    result.updated = len(changed)
    return result


# =============================================================================================
# Export
# =============================================================================================


def _year_applications(body: Body, year: int) -> Any:
    """The applications table 三 of ``year`` counts (see the module docstring)."""
    return Application.objects.filter(body=body, received_on__lte=date(year, 12, 31)).filter(
        Q(replied_on__isnull=True) | Q(replied_on__gte=date(year, 1, 1))
    )


def export_applications(
    body: Body,
    year: int,
    fmt: ExportFormat = "xlsx",
    *,
    today: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> bytes:
    """The applications ledger of ``body`` for ``year`` (§1 columns + 答复期限, 是否超期,
    期限说明, 剩余工作日), oldest first; re-importable as is."""
    today = today or timezone.localdate()
    calendar = calendar or load_calendar()
    apps_qs = _year_applications(body, year)
    facts = timeline_facts(apps_qs.values_list("pk", flat=True))
    rows: list[dict[str, object]] = []
    for app in apps_qs.order_by("received_on", "number").iterator(chunk_size=2000):
        fact = facts[app.pk]
        # A ledger row has one consultation: the earliest.
        first = fact.consultations[0] if fact.consultations else None
        row = ApplicationRow(
            number=app.number,
            received_on=app.received_on,
            channel=_CHANNEL_LABEL.get(app.channel, "其他"),
            applicant_type=ApplicantType(app.applicant_type),
            applicant=app.applicant_name,
            content=app.content,
            correction_sent=fact.correction_sent,
            correction_received=fact.correction_received,
            consultation_sent=first.sent if first else None,
            consultation_answered=first.answered if first else None,
            extension_days=fact.extension_days or None,
            outcome=app.outcome or None,
            replied_on=app.replied_on,
        )
        if app.due_on is None:
            from gongkai.apps.applications.services import refresh_deadline

            refresh_deadline(app, calendar)
        assert app.due_on is not None and app.correction_notice_due_on is not None
        deadline = Deadline(
            due=app.due_on,
            correction_notice_due=app.correction_notice_due_on,
            provisional=app.deadline_provisional,
            trace=tuple(app.deadline_trace or ()),
        )
        remaining = (
            None
            if app.replied_on is not None
            else remaining_working_days(deadline, today, calendar)
        )
        rows.append(
            application_export_row(
                row,
                due=deadline.due,
                overdue=app.is_overdue(today) or app.is_replied_late,
                trace="\n".join(deadline.trace),
                remaining=remaining,
            )
        )
    return write_table(
        fmt,
        EXPORT_APPLICATION_COLUMNS,
        rows,
        sheet_title=APPLICATION_SHEET,
        validations=APPLICATION_VALIDATIONS,
    )


def export_filename(body: Body, year: int, fmt: ExportFormat) -> str:
    return f"{body.name}-{year}年-{APPLICATION_SHEET}.{fmt}"


def ledger_template(fmt: ExportFormat = "xlsx") -> bytes:
    """The blank template of the ledger (headers, one example row, dropdowns in .xlsx)."""
    return application_template_xlsx() if fmt == "xlsx" else application_template_csv()
