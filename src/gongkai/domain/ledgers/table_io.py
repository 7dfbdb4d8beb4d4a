"""Reading and writing ledger files (``.xlsx`` and ``.csv``) as plain tables.

:func:`read_table` turns a file into a header row and data rows of raw values (text, numbers,
dates from Excel date cells); the ledger modules check the values. Files are written with
:func:`write_xlsx` (bold frozen header, widths, dropdown lists) and :func:`write_csv` (UTF-8 with
BOM, so that Excel shows the Chinese). Any problem with the file itself is a
:class:`LedgerFileError` whose message names the file.

An ``.xlsx`` is held to :data:`gongkai.domain.limits.XLSX_ZIP` before openpyxl opens it, and
its first sheet to ``MAX_SCANNED_ROWS`` rows *scanned* (empty rows included: a 1 KB sheet may
place one row at row 100,000,000, and every row before it is visited), refused from the sheet's
declared dimension when it has one, else while reading. ``MAX_ROWS`` bounds the data rows kept.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]
from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped]

from gongkai.domain.limits import XLSX_ZIP, FileLimitError, check_zip

__all__ = [
    "MAX_ROWS",
    "MAX_SCANNED_ROWS",
    "LedgerFileError",
    "LedgerTable",
    "RawValue",
    "TableRow",
    "header_form",
    "read_table",
    "write_csv",
    "write_table",
    "write_xlsx",
]

RawValue = str | int | float | bool | date | datetime | None
MAX_ROWS = 200_000
# Rows visited in a sheet, empty ones included: the data rows and room for blank lines.
MAX_SCANNED_ROWS = MAX_ROWS + 50_000
_OPTIONS_SHEET = "选项"
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Cells starting like a formula are neutralised in CSV with a leading ' (and restored on reading).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class LedgerFileError(ValueError):
    """A file that cannot be read as a ledger at all (message in Chinese, naming the file)."""


@dataclass(frozen=True)
class TableRow:
    """One data row: header → raw value (blank cells are None), and its 1-based row number."""

    number: int
    values: dict[str, RawValue]


@dataclass
class LedgerTable:
    """A ledger file read as a table, before any ledger rule is checked."""

    filename: str
    headers: list[str]
    rows: list[TableRow]
    header_row: int = 1
    warnings: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def header_form(value: object) -> str:
    """A header cell as a column name (NFKC, no spaces, no BOM): 金额（元） → 金额(元)."""
    text = "" if value is None else str(value)
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("\ufeff", ""))


def _raw(value: Any) -> RawValue:
    """An openpyxl or CSV cell value as a raw ledger value (blank text → None)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date() if value.time() == time() else value
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool | int | float | date):
        return value
    return str(value)  # times, durations, errors (#N/A): shown as text


def _cell(value: Any, filename: str, row: int, column: str) -> RawValue:
    """A data cell as a raw value; a NUL character refuses the file, naming the row and the
    column (PostgreSQL cannot store it in text, SQLite would keep it invisibly)."""
    raw = _raw(value)
    if isinstance(raw, str) and "\x00" in raw:
        raise LedgerFileError(
            f"文件“{filename}”第 {row} 行“{column}”列含有空字符（NUL），"
            "未导入任何记录：请删除该字符后重新导入"
        )
    return raw


def _build(filename: str, records: Iterator[tuple[int, Sequence[Any]]]) -> LedgerTable:
    """Header = the first non-empty row; fully empty rows are skipped."""
    header_row = 0
    headers: list[str] = []
    for number, record in records:
        if any(_raw(v) is not None for v in record):
            header_row, headers = number, [header_form(v) for v in record]
            break
    if not header_row:
        raise LedgerFileError(f"文件“{filename}”是空的：没有表头行")
    seen: set[str] = set()
    for name in headers:
        if name and name in seen:
            raise LedgerFileError(f"文件“{filename}”的表头中“{name}”列出现了不止一次")
        seen.add(name)
    warnings: list[str] = []
    rows: list[TableRow] = []
    for number, record in records:
        values = {
            name: _cell(record[i], filename, number, name) if i < len(record) else None
            for i, name in enumerate(headers)
            if name
        }
        if not warnings and any(
            _raw(v) is not None for i, v in enumerate(record) if i >= len(headers) or not headers[i]
        ):
            warnings.append(f"第 {number} 行起有内容位于没有列名的列中，已忽略")
        if all(v is None for v in values.values()):
            continue
        if len(rows) >= MAX_ROWS:
            raise LedgerFileError(
                f"文件“{filename}”超过 {MAX_ROWS} 行数据，请拆分为多个文件后分别导入"
            )
        rows.append(TableRow(number, values))
    if not rows:
        raise LedgerFileError(f"文件“{filename}”只有表头，没有数据行")
    return LedgerTable(filename, [h for h in headers if h], rows, header_row, warnings)


def _too_many_rows(filename: str, sheet: str, declared: int | None = None) -> LedgerFileError:
    rows = f"有 {declared:,} 行，" if declared else ""
    return LedgerFileError(
        f"文件“{filename}”的工作表“{sheet}”{rows}超过了 {MAX_SCANNED_ROWS:,} 行的上限"
        "（空行也计算在内）：请删除多余的行，或拆分为多个文件后分别导入"
    )


def _xlsx_records(data: bytes, filename: str) -> Iterator[tuple[int, Sequence[Any]]]:
    try:
        check_zip(data, XLSX_ZIP)
    except FileLimitError as exc:
        raise LedgerFileError(f"无法读取 Excel 文件“{filename}”：{exc}") from None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise LedgerFileError(
            f"无法读取 Excel 文件“{filename}”：文件已损坏或不是 .xlsx 格式"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        declared = sheet.max_row  # from the sheet's <dimension>, when it has one
        if isinstance(declared, int) and declared > MAX_SCANNED_ROWS:
            raise _too_many_rows(filename, sheet.title, declared)
        rows = sheet.iter_rows(max_row=MAX_SCANNED_ROWS + 1, values_only=True)
        for number, record in enumerate(rows, start=1):
            if number > MAX_SCANNED_ROWS:
                raise _too_many_rows(filename, sheet.title)
            yield number, record
    except LedgerFileError:
        raise
    except Exception:
        raise LedgerFileError(f"无法读取 Excel 文件“{filename}”：文件内容已损坏") from None
    finally:
        workbook.close()


def _decode_csv(data: bytes, filename: str) -> tuple[str, list[str]]:
    if b"\x00" in data[:4096]:
        raise LedgerFileError(f"文件“{filename}”不是文本格式的 CSV 文件")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise LedgerFileError(
            f"无法识别文件“{filename}”的字符编码：请另存为 UTF-8 编码的 CSV"
        ) from None
    return text, [f"文件“{filename}”不是 UTF-8 编码，已按 GB18030（GBK）编码读取，请核对文字"]


def _csv_value(text: str) -> str:
    if len(text) > 1 and text[0] == "'" and text[1] in _FORMULA_START:
        return text[1:]
    return text


def _csv_records(text: str, filename: str) -> Iterator[tuple[int, Sequence[Any]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, record in enumerate(reader, start=1):
            yield number, [_csv_value(v) for v in record]
    except csv.Error as exc:
        raise LedgerFileError(f"文件“{filename}”不是有效的 CSV 文件（{exc}）") from None


def read_table(data: bytes, filename: str) -> LedgerTable:
    """The first sheet of an ``.xlsx`` file or a ``.csv`` file as a :class:`LedgerTable`."""
    suffix = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if not data:
        raise LedgerFileError(f"文件“{filename}”是空的")
    if suffix in ("xlsx", "xlsm"):
        return _build(filename, _xlsx_records(data, filename))
    if suffix == "csv":
        text, warnings = _decode_csv(data, filename)
        table = _build(filename, _csv_records(text, filename))
        table.warnings[:0] = warnings
        return table
    if suffix in ("xls", "et", "wps"):
        raise LedgerFileError(
            f"不支持旧版 Excel 文件“{filename}”：请在 Excel/WPS 中另存为 .xlsx 后再导入"
        )
    raise LedgerFileError(f"不支持的文件类型“{filename}”：请使用 .xlsx 或 .csv 文件")


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _safe_sheet_title(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", title)[:31] or "Sheet1"


def write_xlsx(
    headers: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    *,
    sheet_title: str,
    validations: Mapping[str, Sequence[str]] | None = None,
    more_sheets: Callable[[Any], None] | None = None,
) -> bytes:
    """An ``.xlsx`` ledger: bold frozen header, column widths, dates as date cells, and a
    dropdown list for each column in ``validations`` (lists kept on a hidden sheet 选项).
    ``more_sheets(workbook)`` adds sheets after the ledger's (the supervisor's export: the
    summed tables, :func:`gongkai.domain.render.xlsx.add_table_sheets`)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _safe_sheet_title(sheet_title)
    sheet.append(list(headers))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(vertical="center")
    widths = [_display_width(h) for h in headers]
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, header in enumerate(headers, start=1):
            value = row.get(header)
            if value is None:
                continue
            if isinstance(value, str):
                value = _CONTROL_CHARS.sub("", value)
            cell = sheet.cell(row=count + 1, column=column, value=value)
            if isinstance(value, datetime) and value.time() != time():
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime | date):
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text typed by people is never a formula
            widths[column - 1] = max(widths[column - 1], _display_width(_cell_text(value)))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    if validations:
        options = workbook.create_sheet(_OPTIONS_SHEET)
        options.sheet_state = "hidden"
        last_row = max(count + 1, 1000)
        for n, (header, choices) in enumerate(validations.items(), start=1):
            if header not in headers or not choices:
                continue
            letter = get_column_letter(n)
            for r, choice in enumerate(choices, start=1):
                options.cell(row=r, column=n, value=choice)
            rule = DataValidation(
                type="list",
                formula1=f"'{_OPTIONS_SHEET}'!${letter}$1:${letter}${len(choices)}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",  # other spellings the importer accepts stay possible
                errorTitle="请核对",
                error=f"“{header}”建议从下拉列表中选择",
            )
            column = get_column_letter(list(headers).index(header) + 1)
            rule.add(f"{column}2:{column}{last_row}")
            sheet.add_data_validation(rule)
    if more_sheets is not None:
        more_sheets(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_safe(value: object) -> str:
    text = _cell_text(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv(headers: Sequence[str], rows: Iterable[Mapping[str, object]]) -> bytes:
    """A ``.csv`` ledger in UTF-8 with BOM; dates as YYYY-MM-DD; formula-like text quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_safe(row.get(h)) for h in headers])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_table(
    fmt: str,
    headers: Sequence[str],
    rows: Iterable[Mapping[str, object]],
    *,
    sheet_title: str,
    validations: Mapping[str, Sequence[str]] | None = None,
) -> bytes:
    """A ledger export as ``xlsx`` (with ``validations``) or ``csv``."""
    if fmt == "xlsx":
        return write_xlsx(headers, rows, sheet_title=sheet_title, validations=validations)
    if fmt == "csv":
        return write_csv(headers, rows)
    raise ValueError(f"不支持的导出格式“{fmt}”：应为 xlsx 或 csv")
