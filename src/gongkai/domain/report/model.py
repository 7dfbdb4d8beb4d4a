"""The annual report as data: cells under canonical keys, provenance, narrative, findings.

The JSON shape (``report.schema.json`` beside this module) is the contract every machine
output uses::

    {"format", "year", "org", "cells": {key: number|null},
     "provenance": {key: "read"|"inferred:<rule>"|"missing"},
     "narrative": {section: text}, "findings": [...]}

:meth:`Report.from_dict` (and so :meth:`Report.from_json`) validates the data against the
schema first: a value of the wrong type, a key out of pattern or a cell beyond ±10^15 is one
Chinese sentence naming the place (:class:`ReportDataError`), never a Python exception from
the rules or the constructor.
"""

from __future__ import annotations

import json
import reprlib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any, Literal

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from gongkai.domain.report.formats import ReportFormat, ValueKind, get_format

__all__ = [
    "PROVENANCE_MISSING",
    "PROVENANCE_READ",
    "CellValue",
    "Finding",
    "Report",
    "ReportDataError",
    "format_number",
    "inferred",
    "load_schema",
    "validate",
]

CellValue = int | float | None
Severity = Literal["error", "warning"]

PROVENANCE_READ = "read"
PROVENANCE_MISSING = "missing"


def inferred(rule: str) -> str:
    """Provenance of a cell computed from others by a consistency rule (e.g. ``inferred:R1``)."""
    return f"inferred:{rule}"


class ReportDataError(ValueError):
    """Report JSON that does not have the contract's shape (message in Chinese)."""


@dataclass(frozen=True)
class Finding:
    """One rule violation or observation, with the cells it concerns."""

    rule: str
    severity: Severity
    cells: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "cells": list(self.cells),
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        severity = data.get("severity", "warning")
        if severity not in ("error", "warning"):
            raise ReportDataError(
                f"findings 中的 severity 只能是 error 或 warning，而不是 {severity!r}"
            )
        return cls(
            rule=str(data.get("rule", "")),
            severity=severity,
            cells=tuple(str(c) for c in data.get("cells", [])),
            message=str(data.get("message", "")),
        )


@dataclass
class Report:
    """A report of one body for one year, in one of the official formats."""

    format: str
    year: int | None
    org: str | None
    cells: dict[str, CellValue] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    narrative: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    # -- construction ------------------------------------------------------------------------

    @classmethod
    def empty(cls, format_id: str, year: int | None = None, org: str | None = None) -> Report:
        """A report with every cell of the format present and ``missing``."""
        fmt = get_format(format_id)
        return cls(
            format=format_id,
            year=year,
            org=org,
            cells=dict.fromkeys(fmt.cell_keys),
            provenance=dict.fromkeys(fmt.cell_keys, PROVENANCE_MISSING),
        )

    @property
    def spec(self) -> ReportFormat:
        return get_format(self.format)

    def get(self, key: str) -> CellValue:
        return self.cells.get(key)

    def set(self, key: str, value: CellValue, provenance: str = PROVENANCE_READ) -> None:
        self.cells[key] = value
        self.provenance[key] = provenance

    def is_known(self, key: str) -> bool:
        """A cell that has a number (blank and unrecoverable cells are not known)."""
        return self.cells.get(key) is not None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def findings_by_cell(self) -> dict[str, list[Finding]]:
        index: dict[str, list[Finding]] = {}
        for finding in self.findings:
            for key in finding.cells:
                index.setdefault(key, []).append(finding)
        return index

    # -- JSON --------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        keys = list(self.spec.cell_keys) + sorted(k for k in self.cells if not self.spec.has_key(k))
        return {
            "format": self.format,
            "year": self.year,
            "org": self.org,
            "cells": {k: self.cells.get(k) for k in keys},
            "provenance": {k: self.provenance.get(k, PROVENANCE_MISSING) for k in keys},
            "narrative": dict(self.narrative),
            "findings": [f.to_dict() for f in self.findings],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: Any) -> Report:
        """Build a report from contract JSON (validated against the schema first: a
        :class:`ReportDataError` names what is wrong); unknown top-level keys are ignored."""
        if not isinstance(data, dict):
            raise ReportDataError("年报 JSON 的顶层应为对象（{…}）")
        format_id = str(data.get("format", ""))
        try:
            fmt = get_format(format_id)
        except ValueError as exc:
            raise ReportDataError(str(exc)) from None
        validate(data)
        year = data.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            raise ReportDataError(f"year 应为整数年份，而不是 {year!r}")
        raw_cells = data.get("cells", {})
        if not isinstance(raw_cells, dict):
            raise ReportDataError("cells 应为对象：单元格键 → 数字或 null")
        report = cls.empty(format_id, year, data.get("org"))
        raw_prov = data.get("provenance") or {}
        for key, value in raw_cells.items():
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise ReportDataError(f"单元格 {key} 的值应为数字或 null，而不是 {value!r}")
            prov = raw_prov.get(key) if isinstance(raw_prov, dict) else None
            if not isinstance(prov, str):
                prov = PROVENANCE_READ if value is not None else PROVENANCE_MISSING
            report.cells[key] = normalise_number(value, fmt.kind(key) if fmt.has_key(key) else None)
            report.provenance[key] = prov
        narrative = data.get("narrative") or {}
        if not isinstance(narrative, dict):
            raise ReportDataError("narrative 应为对象：部分序号（一…六） → 文本")
        report.narrative = {str(k): str(v) for k, v in narrative.items()}
        report.findings = [Finding.from_dict(f) for f in data.get("findings") or []]
        return report

    @classmethod
    def from_json(cls, text: str) -> Report:
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except json.JSONDecodeError as exc:
            raise ReportDataError(
                f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）"
            ) from None
        except RecursionError:
            raise ReportDataError("JSON 的嵌套层数过深，不是年报 JSON") from None
        except ValueError as exc:  # an integer of more than 4,300 digits, NaN, Infinity
            raise ReportDataError(f"JSON 中有无法接受的数字：{exc}") from None
        return cls.from_dict(data)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} 不是数字")


_TYPE_NAMES = {
    "object": "对象（{…}）",
    "array": "数组（[…]）",
    "string": "文本",
    "number": "数字",
    "integer": "整数",
    "null": "null",
    "boolean": "true/false",
}
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 40
_short.maxlong = 40


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(load_schema())


def _where(error: ValidationError) -> str:
    path = " → ".join(str(step) for step in error.absolute_path)
    return f"年报 JSON 的 {path} " if path else "年报 JSON "


def _schema_message(error: ValidationError) -> str:
    """One Chinese sentence for a schema violation, naming where it is."""
    where, kind = _where(error), error.validator
    expected: Any = error.validator_value
    value = _short.repr(error.instance)
    if kind == "type":
        names = "或".join(
            _TYPE_NAMES.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)
        )
        return f"{where}应为{names}，而不是 {value}"
    if kind == "enum":
        return f"{where}只能是 {'、'.join(str(v) for v in expected)}，而不是 {value}"
    if kind == "required":
        missing = [
            k for k in expected if isinstance(error.instance, dict) and k not in error.instance
        ]
        return f"{where}缺少 {'、'.join(missing)}"
    if kind in ("minimum", "maximum"):
        return f"{where}的数字 {value} 超出了 ±10 的 15 次方的范围，不是统计数字"
    if kind == "pattern" and "propertyNames" in list(error.schema_path):
        return f"{where}中的键 {value} 不符合规范（应形如 s3.new_received.total）"
    if kind == "pattern":
        return f"{where}的 {value} 不符合规范（应符合 {expected}）"
    if kind == "anyOf":
        return f"{where}应为 read、missing 或 inferred:<规则编号>，而不是 {value}"
    return f"{where}不符合年报 JSON 的格式：{value}"


def validate(data: Any) -> None:
    """Raise :class:`ReportDataError` when ``data`` does not follow ``report.schema.json``."""
    error = best_match(_validator().iter_errors(data))
    if error is not None:
        raise ReportDataError(_schema_message(error))


def normalise_number(value: CellValue | Decimal, kind: ValueKind | None) -> CellValue:
    """Integral numbers become ``int`` (JSON ``3`` not ``3.0``); decimal amounts stay floats."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer() and kind is not ValueKind.AMOUNT_WAN:
        return int(value)
    return value


def format_number(value: CellValue) -> str:
    """A cell value as printed: ``12``, ``-2``, ``12.5`` (at most 4 decimals); blank for None."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    if value.is_integer():
        return str(int(value))
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def load_schema() -> dict[str, Any]:
    """The committed JSON Schema of the report JSON."""
    text = (
        resources.files("gongkai.domain.report").joinpath("report.schema.json").read_text("utf-8")
    )
    schema: dict[str, Any] = json.loads(text)
    return schema
