"""Import and export of the enforcement and service ledgers (``ledger-formats.md`` §4).

Three ledgers — decisions (处理决定), matter lists (事项清单), fees and central procurement
(收费、政府集中采购) — parsed by :mod:`gongkai.domain.ledgers.matters`. The kind of a file is
recognised by its header (决定日期 → decisions, 生效日期 → matter list, 项目名称 / 金额（元） →
money) unless the caller names it.

Import is all-or-nothing, as for the applications ledgers: every row is checked (the domain
parser, plus the record rules: name lengths) before anything is written, then everything is
written in one ``transaction.atomic``; a ledger with an error raises :class:`LedgerImportError`
and writes nothing.

Importing the same file again changes nothing:

- **matter lists** are keyed by 类别 + 事项名称 + 生效日期 per body: a known matter takes the
  file's 取消日期, a new one is created;
- **procurement** rows are keyed by 类别 + 项目名称 + 日期 per body: a known project takes the
  file's amount;
- **decisions** and **fee** rows have no natural key (two identical rows are two decisions, or
  two payments). A file is therefore authoritative for the **date range it covers**: from its
  earliest to its latest date (决定日期 / 收费的日期), the body's decisions (resp. fee rows)
  become exactly the file's rows. Rows outside that range are untouched. Records already equal
  to a file row are kept as they are (identical rows matched one for one), so a re-import writes
  nothing; the rest of the range is deleted and the missing rows created. To correct a month,
  import that month's complete ledger; to remove every decision of a range, edit in the admin.

Audit: every record the import creates, changes or deletes gets one audit entry
``stats.import`` naming the user (None from the command line) and ``台账导入：<file>``, with the
changed fields of a changed record; they are written in bulk (``kernel.audit.log_many``) in the
import's transaction.

Export of year Y gives what table 二 of Y counts, re-importable as is: the decisions and money
rows dated in Y; the matters on a list at the end of Y−1 or Y (effective by the end of Y, not
cancelled by the end of Y−1), from which 上一年项目数量 and 本年增/减 can be recounted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

from django.db import models, transaction
from django.utils import timezone

from gongkai.apps.orgs.changes import mark_changed
from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.actions import IMPORT_ACTION
from gongkai.apps.stats.models import NAME_MAX_LENGTH, Decision, Matter, MoneyRecord
from gongkai.domain.ledgers.catalog import header_form
from gongkai.domain.ledgers.matters import (
    DECISION_COLUMNS,
    MATTER_COLUMNS,
    MONEY_COLUMNS,
    DecisionRow,
    MatterRow,
    MoneyRow,
    decision_export_row,
    matter_export_row,
    money_export_row,
    parse_decision_ledger,
    parse_matter_ledger,
    parse_money_ledger,
)
from gongkai.domain.ledgers.result import LedgerError
from gongkai.domain.ledgers.table_io import LedgerTable, write_table
from gongkai.domain.ledgers.templates_records import (
    DECISION_SHEET,
    DECISION_VALIDATIONS,
    MATTER_SHEET,
    MATTER_VALIDATIONS,
    MONEY_SHEET,
    MONEY_VALIDATIONS,
    decision_template_csv,
    decision_template_xlsx,
    matter_template_csv,
    matter_template_xlsx,
    money_template_csv,
    money_template_xlsx,
)
from gongkai.domain.stats.table2 import DecisionCategory, MatterCategory, MoneyCategory
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

__all__ = [
    "MATTER_LEDGER_KINDS",
    "MATTER_LEDGER_TITLES",
    "MatterLedgerKind",
    "detect_kind",
    "export_matters",
    "export_matters_filename",
    "import_matters",
    "matters_template",
]

MatterLedgerKind = Literal["decisions", "matters", "money"]
MATTER_LEDGER_KINDS: tuple[MatterLedgerKind, ...] = get_args(MatterLedgerKind)
MATTER_LEDGER_TITLES: dict[MatterLedgerKind, str] = {
    "decisions": DECISION_SHEET,
    "matters": MATTER_SHEET,
    "money": MONEY_SHEET,
}
_KIND_COLUMNS: tuple[tuple[MatterLedgerKind, tuple[str, ...]], ...] = (
    ("decisions", DECISION_COLUMNS),
    ("matters", MATTER_COLUMNS),
    ("money", MONEY_COLUMNS),
)
_BATCH = 1000
# The header that tells each ledger apart (in read_table's header form).
_MARKERS: tuple[tuple[str, MatterLedgerKind], ...] = (
    ("决定日期", "decisions"),
    ("生效日期", "matters"),
    ("项目名称", "money"),
    ("金额（元）", "money"),
)


def detect_kind(table: LedgerTable) -> MatterLedgerKind:
    """The ledger a table is, from its header; :class:`LedgerImportError` if none fits."""
    headers = {header_form(h) for h in table.headers}
    found = {kind for marker, kind in _MARKERS if header_form(marker) in headers}
    if len(found) == 1:
        return found.pop()
    expected = "；".join(
        f"{MATTER_LEDGER_TITLES[k]}：{'、'.join(cols)}" for k, cols in _KIND_COLUMNS
    )
    problem = "同时像多种台账" if found else "无法识别台账类型"
    raise LedgerImportError(
        [LedgerError(table.header_row, "", f"{problem}，请检查表头（{expected}）")],
        list(table.warnings),
    )


def _name_errors(rows: Iterable[tuple[int, str, str]]) -> list[LedgerError]:
    return [
        LedgerError(n, column, f"超过 {NAME_MAX_LENGTH} 个字符（{len(value)} 个）")
        for n, column, value in rows
        if len(value) > NAME_MAX_LENGTH
    ]


class _Writes:
    """What an import writes, all in one transaction: the records it deletes, creates and
    changes (``fields``: what a change may set), and one audit entry ``stats.import`` for each
    (the note names the file; a changed record's entry its changes)."""

    def __init__(self, model: type[models.Model], note: str, fields: Sequence[str] = ()) -> None:
        self.model = model
        self.note = note
        self.fields = list(fields)
        self.deleted: list[Any] = []
        self.created: list[Any] = []
        self.changed: list[tuple[Any, list[list[str]]]] = []

    def replace(
        self,
        existing: dict[Hashable, list[Any]],
        wanted: Counter[Any],
        make: Callable[[Any], Any],
        result: ImportResult,
    ) -> None:
        """Rows without a natural key in a range the file covers: the stored records
        (``existing``, by signature) become the file's rows (``wanted``) — matched one for one
        and kept, the other stored ones deleted, the missing ones created (``make(signature)``)."""
        for sig, records in existing.items():
            keep = min(len(records), wanted.get(sig, 0))
            result.unchanged += keep
            self.deleted += records[keep:]
        for sig, n in wanted.items():
            self.created += [make(sig) for _i in range(n - len(existing.get(sig, ())))]

    def keyed(self, stored: Any | None, record: Any, result: ImportResult) -> None:
        """A row with a natural key: the file's ``record`` is created when none is ``stored``
        under its key; otherwise the stored one takes its ``fields`` (unless already equal)."""
        if stored is None:
            self.created.append(record)
            return
        values = {name: getattr(record, name) for name in self.fields}
        if all(getattr(stored, name) == value for name, value in values.items()):
            result.unchanged += 1
        else:
            self.change(stored, **values)

    def change(self, record: Any, **values: Any) -> None:
        """Give ``record`` the file's ``values`` (a new version, its changes recorded)."""
        before = snapshot(record)
        for name, value in values.items():
            setattr(record, name, value)
        record.version += 1
        record.updated_at = timezone.now()
        self.changed.append((record, changes_between(self.model, before, snapshot(record))))

    def save(self, user: Any, result: ImportResult) -> None:
        manager = self.model._default_manager
        entries: list[tuple[models.Model, str, dict[str, Any]]] = [
            (record, IMPORT_ACTION, {"note": self.note, "deleted": str(record)})
            for record in self.deleted
        ]
        with transaction.atomic():
            pks = [record.pk for record in self.deleted]
            for start in range(0, len(pks), _BATCH):
                manager.filter(pk__in=pks[start : start + _BATCH]).delete()
            created = manager.bulk_create(self.created, batch_size=_BATCH)
            entries += [(record, IMPORT_ACTION, {"note": self.note}) for record in created]
            if self.changed:
                changed = [record for record, _changes in self.changed]
                fields = [*self.fields, "version", "updated_at"]
                manager.bulk_update(changed, fields, batch_size=_BATCH)
                entries += [
                    (record, IMPORT_ACTION, {"note": self.note, "changes": changes})
                    for record, changes in self.changed
                ]
            log_many(entries, user)
            # Bulk writes send no signal (orgs.changes); the deletions above did.
            if self.created or self.changed:
                mark_changed(
                    record.body_id
                    for record in [*self.created, *(r for r, _changes in self.changed)]
                )
        result.created += len(self.created)
        result.updated += len(self.changed)
        result.removed += len(self.deleted)


# =============================================================================================
# Import
# =============================================================================================


def _import_decisions(
    body: Body, rows: list[DecisionRow], user: Any, note: str, result: ImportResult
) -> None:
    errors = _name_errors((r.row_number, "事项名称", r.matter) for r in rows)
    if errors:
        raise LedgerImportError(errors, result.warnings)
    if not rows:
        return
    start, end = min(r.decided_on for r in rows), max(r.decided_on for r in rows)
    existing: dict[Hashable, list[Decision]] = defaultdict(list)
    for d in Decision.objects.filter(
        body=body, decided_on__gte=start, decided_on__lte=end
    ).order_by("pk"):
        existing[(d.category, d.matter_name, d.decided_on, d.count)].append(d)
    wanted = Counter((r.category, r.matter, r.decided_on, r.count) for r in rows)
    writes = _Writes(Decision, note)
    writes.replace(
        existing,
        wanted,
        lambda sig: Decision(
            body=body, category=sig[0], matter_name=sig[1], decided_on=sig[2], count=sig[3]
        ),
        result,
    )
    writes.save(user, result)


def _import_matter_list(
    body: Body, rows: list[MatterRow], user: Any, note: str, result: ImportResult
) -> None:
    errors = _name_errors((r.row_number, "事项名称", r.matter) for r in rows)
    if errors:
        raise LedgerImportError(errors, result.warnings)
    existing = {
        (m.category, m.name, m.effective_on): m
        for m in Matter.objects.filter(body=body, name__in={r.matter for r in rows})
    }
    writes = _Writes(Matter, note, ["cancelled_on"])
    for r in rows:
        writes.keyed(
            existing.get((r.category, r.matter, r.effective_on)),
            Matter(
                body=body,
                category=r.category,
                name=r.matter,
                effective_on=r.effective_on,
                cancelled_on=r.cancelled_on,
            ),
            result,
        )
    writes.save(user, result)


def _import_money(
    body: Body, rows: list[MoneyRow], user: Any, note: str, result: ImportResult
) -> None:
    errors = _name_errors((r.row_number, "项目名称", r.name) for r in rows)
    if errors:
        raise LedgerImportError(errors, result.warnings)
    fees = [r for r in rows if r.category == "fees"]
    projects = [r for r in rows if r.category == "procurement"]
    writes = _Writes(MoneyRecord, note, ["amount_yuan"])
    if fees:
        start, end = min(r.on for r in fees), max(r.on for r in fees)
        existing: dict[Hashable, list[MoneyRecord]] = defaultdict(list)
        for record in MoneyRecord.objects.filter(
            body=body, category="fees", on__gte=start, on__lte=end
        ).order_by("pk"):
            existing[(record.item_name, record.on, record.amount_yuan)].append(record)
        wanted = Counter((r.name, r.on, r.amount_yuan) for r in fees)
        writes.replace(
            existing,
            wanted,
            lambda sig: MoneyRecord(
                body=body, category="fees", item_name=sig[0], on=sig[1], amount_yuan=sig[2]
            ),
            result,
        )
    if projects:
        known = {
            (p.item_name, p.on): p
            for p in MoneyRecord.objects.filter(
                body=body, category="procurement", item_name__in={r.name for r in projects}
            )
        }
        for r in projects:
            writes.keyed(
                known.get((r.name, r.on)),
                MoneyRecord(
                    body=body,
                    category="procurement",
                    item_name=r.name,
                    on=r.on,
                    amount_yuan=r.amount_yuan,
                ),
                result,
            )
    writes.save(user, result)


@one_import_at_a_time
def import_matters(
    body: Body,
    data: LedgerTable | bytes,
    filename: str,
    kind: MatterLedgerKind | None = None,
    user: UserLike | None = None,
) -> ImportResult:
    """Import a §4 ledger into ``body``: all rows or none (see the module docstring).

    ``kind`` None: recognised from the header. Raises :class:`LedgerImportError` (nothing
    written), ``LedgerFileError`` for an unreadable file, ``PermissionDenied`` when ``user``
    may not change ``body``'s records.
    """
    importer = importing_user(user, body)
    table = as_ledger_table(data, filename)
    if kind is None:
        kind = detect_kind(table)
    elif kind not in MATTER_LEDGER_KINDS:
        raise ValueError(f"未知的台账类型“{kind}”：应为 {' / '.join(MATTER_LEDGER_KINDS)}")
    note = f"{IMPORT_SOURCE}：{table.filename}"
    if kind == "decisions":
        decisions = parse_decision_ledger(table)
        result = ImportResult(
            kind,
            table.filename,
            title=MATTER_LEDGER_TITLES[kind],
            warnings=list(decisions.warnings),
        )
        if decisions.errors:
            raise LedgerImportError(decisions.errors, result.warnings)
        result.rows = len(decisions.rows)
        _import_decisions(body, decisions.rows, importer, note, result)
    elif kind == "matters":
        matters = parse_matter_ledger(table)
        result = ImportResult(
            kind, table.filename, title=MATTER_LEDGER_TITLES[kind], warnings=list(matters.warnings)
        )
        if matters.errors:
            raise LedgerImportError(matters.errors, result.warnings)
        result.rows = len(matters.rows)
        _import_matter_list(body, matters.rows, importer, note, result)
    else:
        money = parse_money_ledger(table)
        result = ImportResult(
            kind, table.filename, title=MATTER_LEDGER_TITLES[kind], warnings=list(money.warnings)
        )
        if money.errors:
            raise LedgerImportError(money.errors, result.warnings)
        result.rows = len(money.rows)
        _import_money(body, money.rows, importer, note, result)
    return result


# =============================================================================================
# Export
# =============================================================================================


def export_matters(
    body: Body, year: int, kind: MatterLedgerKind, fmt: ExportFormat = "xlsx"
) -> bytes:
    """The ``kind`` ledger of ``body`` for ``year`` (what table 二 of ``year`` counts)."""
    rows: list[dict[str, object]]
    if kind == "decisions":
        rows = [
            decision_export_row(DecisionRow(cast(DecisionCategory, c), m, d, n))
            for c, m, d, n in Decision.objects.filter(body=body)
            .of_year(year)
            .order_by("decided_on", "pk")
            .values_list("category", "matter_name", "decided_on", "count")
            .iterator(chunk_size=5000)
        ]
        return write_table(
            fmt,
            DECISION_COLUMNS,
            rows,
            sheet_title=DECISION_SHEET,
            validations=DECISION_VALIDATIONS,
        )
    if kind == "matters":
        rows = [
            matter_export_row(MatterRow(cast(MatterCategory, c), n, e, x))
            for c, n, e, x in Matter.objects.filter(body=body)
            .of_year(year)
            .order_by("category", "effective_on", "name")
            .values_list("category", "name", "effective_on", "cancelled_on")
        ]
        return write_table(
            fmt, MATTER_COLUMNS, rows, sheet_title=MATTER_SHEET, validations=MATTER_VALIDATIONS
        )
    if kind == "money":
        rows = [
            money_export_row(MoneyRow(cast(MoneyCategory, c), n, d, Decimal(a)))
            for c, n, d, a in MoneyRecord.objects.filter(body=body)
            .of_year(year)
            .order_by("on", "pk")
            .values_list("category", "item_name", "on", "amount_yuan")
        ]
        return write_table(
            fmt, MONEY_COLUMNS, rows, sheet_title=MONEY_SHEET, validations=MONEY_VALIDATIONS
        )
    raise ValueError(f"未知的台账类型“{kind}”：应为 {' / '.join(MATTER_LEDGER_KINDS)}")


def export_matters_filename(
    body: Body, kind: MatterLedgerKind, year: int, fmt: ExportFormat
) -> str:
    return f"{body.name}-{year}年-{MATTER_LEDGER_TITLES[kind]}.{fmt}"


def matters_template(kind: MatterLedgerKind, fmt: ExportFormat = "xlsx") -> bytes:
    """The blank template of a §4 ledger (headers, one example row, dropdowns in .xlsx)."""
    makers = {
        ("decisions", "xlsx"): decision_template_xlsx,
        ("decisions", "csv"): decision_template_csv,
        ("matters", "xlsx"): matter_template_xlsx,
        ("matters", "csv"): matter_template_csv,
        ("money", "xlsx"): money_template_xlsx,
        ("money", "csv"): money_template_csv,
    }
    try:
        return makers[(kind, fmt)]()
    except KeyError:
        raise ValueError(f"没有“{kind}”台账的 {fmt} 模板") from None
