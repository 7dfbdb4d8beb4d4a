"""The reconsideration/litigation ledger (行政复议、行政诉讼台账, ``ledger-formats.md`` §2) of a
body: import all or nothing (关联申请编号 must be an application of the body), export of the
cases filed in a year (what table 四 of that year counts), the blank template.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.actions import IMPORT_ACTION
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.orgs.changes import mark_changed
from gongkai.apps.orgs.models import Body
from gongkai.domain.applications.counting import CaseKind, CaseResult
from gongkai.domain.ledgers.cases import CASE_COLUMNS, CaseRow, case_export_row, parse_case_ledger
from gongkai.domain.ledgers.result import LedgerError
from gongkai.domain.ledgers.table_io import LedgerTable, write_table
from gongkai.domain.ledgers.templates import (
    CASE_SHEET,
    CASE_VALIDATIONS,
    case_template_csv,
    case_template_xlsx,
)
from gongkai.kernel.audit import changes_between, log_many, snapshot
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

__all__ = ["IMPORT_ACTION", "export_cases", "export_filename", "import_cases", "ledger_template"]

_BATCH = 1000
_CASE_NUMBER_MAX = ReviewCase._meta.get_field("number").max_length or 50


@one_import_at_a_time
def import_cases(
    body: Body,
    table_or_bytes: LedgerTable | bytes,
    filename: str,
    user: UserLike | None = None,
) -> ImportResult:
    """Import a reconsideration/litigation ledger (§2) into ``body``: all rows or none.

    关联申请编号 must be an application of ``body`` (imported before, or registered).
    """
    history_user = importing_user(user, body)
    table = as_ledger_table(table_or_bytes, filename)
    known = dict(Application.objects.filter(body=body).values_list("number", "pk"))
    parsed = parse_case_ledger(table, set(known))
    warnings = list(parsed.warnings)
    if parsed.errors:
        raise LedgerImportError(parsed.errors, warnings)
    received = dict(Application.objects.filter(body=body).values_list("pk", "received_on"))
    errors: list[LedgerError] = []
    for row in parsed.rows:
        if len(row.number) > _CASE_NUMBER_MAX:
            errors.append(
                LedgerError(row.row_number, "案件编号", f"超过 {_CASE_NUMBER_MAX} 个字符")
            )
        if row.application_number is not None:
            got = received[known[row.application_number]]
            if row.filed_on < got:
                errors.append(
                    LedgerError(
                        row.row_number,
                        "立案日期",
                        f"{row.filed_on} 早于关联申请“{row.application_number}”的收到申请日期"
                        f" {got}",
                    )
                )
    if errors:
        raise LedgerImportError(errors, warnings)
    existing = {
        c.number: c
        for c in ReviewCase.objects.filter(body=body, number__in=[r.number for r in parsed.rows])
    }
    result = ImportResult("cases", table.filename, rows=len(parsed.rows), warnings=warnings)
    new: list[ReviewCase] = []
    changed: list[ReviewCase] = []
    before: dict[int, dict[str, Any]] = {}
    for row in parsed.rows:
        values = {
            "kind": row.kind.value,
            "application_id": known[row.application_number] if row.application_number else None,
            "filed_on": row.filed_on,
            "result": row.result.value if row.result else "",
            "closed_on": row.closed_on,
        }
        case = existing.get(row.number)
        if case is None:
            new.append(ReviewCase(body=body, number=row.number, **values))
            continue
        if all(getattr(case, k) == v for k, v in values.items()):
            result.unchanged += 1
            continue
        before[case.pk] = snapshot(case)
        for k, v in values.items():
            setattr(case, k, v)
        case.updated_at = timezone.now()
        changed.append(case)
    reason = f"{IMPORT_SOURCE}：{table.filename}"
    with transaction.atomic():
        audit: list[tuple[ReviewCase, str, dict[str, Any]]] = []
        if new:
            ReviewCase.objects.bulk_create(new, batch_size=_BATCH)
            audit += [(case, IMPORT_ACTION, {"note": reason}) for case in new]
        if changed:
            ReviewCase.objects.bulk_update(
                changed,
                ["kind", "application_id", "filed_on", "result", "closed_on", "updated_at"],
                batch_size=_BATCH,
            )
            for case in changed:
                changes = changes_between(ReviewCase, before[case.pk], snapshot(case))
                audit.append((case, IMPORT_ACTION, {"note": reason, "changes": changes}))
        log_many(audit, history_user)
        if new or changed:
            mark_changed([body.pk])  # bulk writes send no signal (orgs.changes)
    result.created, result.updated = len(new), len(changed)
    return result


def export_cases(body: Body, year: int, fmt: ExportFormat = "xlsx") -> bytes:
    """The reconsideration/litigation ledger of ``body``: the cases filed in ``year``."""
    rows: list[dict[str, object]] = []
    cases = (
        ReviewCase.objects.filter(body=body, filed_on__year=year)
        .order_by("filed_on", "number")
        .values_list("number", "kind", "application__number", "filed_on", "result", "closed_on")
    )
    for number, kind, app_number, filed, result, closed in cases:
        row = CaseRow(
            number=number,
            kind=CaseKind(kind),
            application_number=app_number,
            filed_on=filed,
            result=CaseResult(result) if result else None,
            closed_on=closed,
        )
        rows.append(case_export_row(row))
    return write_table(
        fmt, CASE_COLUMNS, rows, sheet_title=CASE_SHEET, validations=CASE_VALIDATIONS
    )


def export_filename(body: Body, year: int, fmt: ExportFormat) -> str:
    return f"{body.name}-{year}年-{CASE_SHEET}.{fmt}"


def ledger_template(fmt: ExportFormat = "xlsx") -> bytes:
    """The blank template of the ledger (headers, one example row, dropdowns in .xlsx)."""
    return case_template_xlsx() if fmt == "xlsx" else case_template_csv()
