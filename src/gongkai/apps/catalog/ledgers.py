"""Catalog ledger import and export (主动公开信息台账, ``ledger-formats.md`` §3) for one body.

Import is all-or-nothing, as for the applications ledgers: the file is read and every row
checked (the domain parser, plus what the records need: lengths, a body code when a 索引号 has
to be generated) before anything is written; then everything is written in one
``transaction.atomic``. The key of a row is its 索引号 when given (any accepted variant, stored
canonical), else 标题 + 成文日期: importing the same file again creates nothing; a changed row
updates the item to the ledger values. Blank 索引号 are generated per body and year (of the
发布日期, else of the 成文日期) after the highest serial in use, in the database or in the file.

The optional 公开内容 column (条例第二十条、第二十一条) sets an item's content; blank keeps it,
and a new item without one gets the content its 信息类别 implies
(``CatalogItem.apply_default_content``). A 第二十一条 matter of the other level (宅基地 for a
county) is the row's error.

The ledger has no 不主动公开理由 column: imported 依申请公开 / 不予公开 items keep a blank
reason (to be completed on the item). A 废止日期 makes the item 废止. Each new or changed item
gets an audit entry ``catalog.import`` (who, when, ``台账导入：<file>`` and the row; for a
changed item what changed), written in bulk with the items.

Export of year Y contains the items table 二 of Y can count: made by the end of Y and not
repealed before Y, or published in Y.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.apps.catalog.actions import IMPORT_ACTION
from gongkai.apps.catalog.choices import ValidityChoice
from gongkai.apps.catalog.models import CatalogItem, join_channels, split_stored_channels
from gongkai.apps.orgs.changes import mark_changed
from gongkai.apps.orgs.models import Body
from gongkai.domain.catalog.contents import content_scope_problem
from gongkai.domain.catalog.index_number import (
    MAX_SERIAL,
    format_index_number,
    next_serial,
)
from gongkai.domain.ledgers.catalog import (
    CATALOG_COLUMNS,
    CONTENT,
    CatalogRow,
    catalog_export_row,
    parse_catalog_ledger,
)
from gongkai.domain.ledgers.result import LedgerError
from gongkai.domain.ledgers.table_io import LedgerTable, read_table, write_table
from gongkai.domain.ledgers.templates_records import (
    CATALOG_SHEET,
    CATALOG_VALIDATIONS,
    catalog_template_csv,
    catalog_template_xlsx,
)
from gongkai.kernel.audit import changes_between, log_many, snapshot
from gongkai.kernel.ledgers import (
    IMPORT_SOURCE,
    ExportFormat,
    ImportResult,
    LedgerImportError,
    importing_user,
    one_import_at_a_time,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "ExportFormat",
    "LedgerImportError",
    "catalog_filename",
    "catalog_template",
    "export_catalog",
    "import_catalog",
]

_BATCH = 1000
_FIELDS = (
    "content",
    "title",
    "doc_number",
    "category",
    "made_on",
    "published_on",
    "repealed_on",
    "validity",
    "disclosure",
    "channels",
)
_UPDATED_FIELDS = [*_FIELDS, "version", "updated_at"]
_LIMITS: dict[str, tuple[str, int]] = {
    "title": ("标题", CatalogItem._meta.get_field("title").max_length or 300),
    "doc_number": ("文号", CatalogItem._meta.get_field("doc_number").max_length or 100),
    "index_number": ("索引号", CatalogItem._meta.get_field("index_number").max_length or 60),
}


def _values(row: CatalogRow) -> dict[str, Any]:
    """The item's values from the row (without the content when the row has none)."""
    values: dict[str, Any] = {} if row.content is None else {"content": row.content}
    return values | {
        "title": row.title,
        "doc_number": row.doc_number or "",
        "category": row.category,
        "made_on": row.made_on,
        "published_on": row.published_on,
        "repealed_on": row.repealed_on,
        "validity": ValidityChoice.REPEALED if row.repealed_on else ValidityChoice.VALID,
        "disclosure": row.disclosure,
        "channels": join_channels(row.channels),
    }


def _record_errors(body: Body, row: CatalogRow) -> list[LedgerError]:
    errors: list[LedgerError] = []
    if row.content is not None:
        problem = content_scope_problem(row.content, body.kind, body.name)
        if problem:
            errors.append(LedgerError(row.row_number, CONTENT, problem))
    for attr in ("title", "doc_number", "index_number"):
        column, limit = _LIMITS[attr]
        value = getattr(row, attr) or ""
        if len(value) > limit:
            errors.append(
                LedgerError(row.row_number, column, f"超过 {limit} 个字符（{len(value)} 个）")
            )
    return errors


def _match(body: Body, rows: list[CatalogRow]) -> dict[int, CatalogItem]:
    """Existing items of ``body`` matched to rows (by row number): 索引号, else 标题 + 成文日期."""
    by_index = [r.index_number for r in rows if r.index_number]
    by_title = [r for r in rows if not r.index_number]
    found: dict[int, CatalogItem] = {}
    indexed: dict[str, CatalogItem] = {}
    for start in range(0, len(by_index), _BATCH):
        for item in CatalogItem.objects.filter(
            body=body, index_number__in=by_index[start : start + _BATCH]
        ):
            indexed[item.index_number] = item
    titled: dict[tuple[str, date], CatalogItem] = {}
    for start in range(0, len(by_title), _BATCH):
        chunk = by_title[start : start + _BATCH]
        for item in CatalogItem.objects.filter(
            body=body, title__in={r.title for r in chunk}, made_on__in={r.made_on for r in chunk}
        ).order_by("pk"):
            titled.setdefault((item.title, item.made_on), item)
    for row in rows:
        match = (
            indexed.get(row.index_number)
            if row.index_number
            else titled.get((row.title, row.made_on))
        )
        if match is not None:
            found[row.row_number] = match
    return found


@one_import_at_a_time
def import_catalog(
    body: Body,
    data: LedgerTable | bytes,
    filename: str,
    user: UserLike | None = None,
) -> ImportResult:
    """Import a catalog ledger (§3) into ``body``: all rows or none; idempotent."""
    acting_user = importing_user(user, body)
    table = data if isinstance(data, LedgerTable) else read_table(data, filename)
    parsed = parse_catalog_ledger(table)
    warnings = list(parsed.warnings)
    if parsed.errors:
        raise LedgerImportError(parsed.errors, warnings)
    rows = list(parsed.rows)
    errors: list[LedgerError] = []
    for row in rows:
        errors += _record_errors(body, row)
    if errors:
        raise LedgerImportError(errors, warnings)

    existing = _match(body, rows)
    result = ImportResult("catalog", table.filename, rows=len(rows), warnings=warnings)
    new: list[tuple[CatalogRow, CatalogItem]] = []
    changed: list[tuple[CatalogRow, CatalogItem, dict[str, Any]]] = []
    to_number: list[tuple[CatalogRow, CatalogItem]] = []
    for row in rows:
        values = _values(row)
        item = existing.get(row.row_number)
        if item is None:
            fresh = CatalogItem(body=body, index_number=row.index_number or "", **values)
            fresh.apply_default_content()
            new.append((row, fresh))
            if not row.index_number:
                to_number.append((row, fresh))
            continue
        if all(getattr(item, k) == v for k, v in values.items()):
            result.unchanged += 1
            continue
        before = snapshot(item)
        for k, v in values.items():
            setattr(item, k, v)
        item.apply_default_content()
        item.version += 1
        item.updated_at = timezone.now()
        changed.append((row, item, before))

    reason = f"{IMPORT_SOURCE}：{table.filename}"
    audit: list[tuple[CatalogItem, str, dict[str, Any]]] = []
    with transaction.atomic():
        if to_number:
            # Index numbers are generated under the body's lock (one_import_at_a_time; the
            # same lock as ``actions.create_item``).
            errors += _generate_numbers(body, rows, to_number)
            if errors:
                raise LedgerImportError(errors, warnings)
            result.generated = len(to_number)
        now = timezone.now()
        for _row, item in new:
            item.created_at = item.updated_at = now
        if new:
            CatalogItem.objects.bulk_create([item for _row, item in new], batch_size=_BATCH)
            audit += [
                (item, IMPORT_ACTION, {"note": reason, "row": row.row_number}) for row, item in new
            ]
        if changed:
            CatalogItem.objects.bulk_update(
                [item for _row, item, _before in changed], _UPDATED_FIELDS, batch_size=_BATCH
            )
            for row, item, before in changed:
                changes = changes_between(CatalogItem, before, snapshot(item))
                entry = {"note": reason, "row": row.row_number, "changes": changes}
                audit.append((item, IMPORT_ACTION, entry))
        log_many(audit, acting_user)
        if new or changed:
            mark_changed([body.pk])  # bulk writes send no signal (orgs.changes)
    result.created, result.updated = len(new), len(changed)
    return result


def _generate_numbers(
    body: Body, rows: list[CatalogRow], to_number: list[tuple[CatalogRow, CatalogItem]]
) -> list[LedgerError]:
    """Give new rows without 索引号 the next serials of their year; errors if impossible."""
    code = body.code
    if not code:
        return [
            LedgerError(
                row.row_number,
                "索引号",
                f"为空，且机关“{body.name}”没有统一社会信用代码或组织机构代码，无法生成索引号",
            )
            for row, _item in to_number
        ]
    in_file = [r.index_number for r in rows if r.index_number]
    next_by_year: dict[int, int] = {}
    years = {row.index_year for row, _item in to_number}
    stored: dict[int, list[str]] = defaultdict(list)
    for year in years:
        stored[year] = list(
            CatalogItem.objects.filter(body=body, index_number__contains=str(year)).values_list(
                "index_number", flat=True
            )
        )
    errors: list[LedgerError] = []
    for row, item in to_number:
        year = row.index_year
        if year not in next_by_year:
            try:
                next_by_year[year] = next_serial([*stored[year], *in_file], code, year)
            except ValueError as exc:
                errors.append(LedgerError(row.row_number, "索引号", str(exc)))
                continue
        serial = next_by_year[year]
        if serial > MAX_SERIAL:
            errors.append(
                LedgerError(
                    row.row_number, "索引号", f"{year} 年的索引号序号已用完（最大 {MAX_SERIAL}）"
                )
            )
            continue
        item.index_number = format_index_number(code, year, serial)
        next_by_year[year] = serial + 1
    return errors


# =============================================================================================
# Export
# =============================================================================================


def export_catalog(body: Body, year: int, fmt: ExportFormat = "xlsx") -> bytes:
    """The catalog ledger of ``body`` for ``year``: items table 二 of that year can count."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    items = (
        CatalogItem.objects.filter(body=body)
        .filter(
            Q(made_on__lte=end, repealed_on__isnull=True)
            | Q(made_on__lte=end, repealed_on__gte=start)
            | Q(published_on__year=year)
        )
        .order_by("made_on", "index_number", "pk")
        .values_list(
            "index_number",
            "title",
            "doc_number",
            "category",
            "made_on",
            "published_on",
            "repealed_on",
            "disclosure",
            "channels",
            "content",
        )
    )
    rows: list[dict[str, object]] = []
    for (
        number,
        title,
        doc_number,
        category,
        made,
        published,
        repealed,
        disclosure,
        channels,
        content,
    ) in items.iterator(chunk_size=2000):
        row = CatalogRow(
            index_number=number or None,
            title=title,
            doc_number=doc_number or None,
            category=category,  # type: ignore[arg-type]  # stored values are the domain's
            made_on=made,
            published_on=published,
            repealed_on=repealed,
            disclosure=disclosure,  # type: ignore[arg-type]
            channels=tuple(split_stored_channels(channels)),
            content=content,
        )
        rows.append(catalog_export_row(row))
    return write_table(
        fmt, CATALOG_COLUMNS, rows, sheet_title=CATALOG_SHEET, validations=CATALOG_VALIDATIONS
    )


def catalog_filename(body: Body, year: int, fmt: ExportFormat) -> str:
    return f"{body.name}-{year}年-{CATALOG_SHEET}.{fmt}"


def catalog_template(fmt: ExportFormat = "xlsx") -> bytes:
    """The blank catalog ledger template (headers, one example row, dropdowns in .xlsx)."""
    if fmt == "xlsx":
        return catalog_template_xlsx()
    if fmt == "csv":
        return catalog_template_csv()
    raise ValueError(f"没有 {fmt} 格式的主动公开信息台账模板")
