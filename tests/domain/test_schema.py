"""The committed JSON Schema accepts what Report.to_dict() writes and rejects malformed reports."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest

from gongkai.domain.report.formats import FORMAT_IDS
from gongkai.domain.report.model import Finding, Report, inferred, load_schema


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def filled(format_id: str) -> dict[str, Any]:
    report = Report.empty(format_id, 2024, "某某区人民政府办公室")
    for i, key in enumerate(report.spec.cell_keys):
        report.set(key, i % 7)
    keys = report.spec.cell_keys
    report.set(keys[0], 3, inferred("R1"))
    report.set(keys[1], None, "missing")
    report.narrative = {"一": "总体情况……", "五": "存在的问题……"}
    report.findings = [
        Finding("R2", "error", (keys[2],), "（七）总计 自然人 栏为 20，但各办理结果之和为 26"),
        Finding("L1", "warning", (), "本地增加的行：其他主动公开文件"),
    ]
    return report.to_dict()


@pytest.mark.parametrize("format_id", FORMAT_IDS)
def test_empty_and_filled_reports_validate(
    validator: jsonschema.Draft202012Validator, format_id: str
) -> None:
    validator.validate(Report.empty(format_id).to_dict())
    validator.validate(filled(format_id))


def test_unknown_top_level_keys_are_allowed(validator: jsonschema.Draft202012Validator) -> None:
    data = filled("2021")
    data["generator"] = "gongkai"
    validator.validate(data)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("format",), "2020"),
        (("year",), "2024"),
        (("cells", "s3.new_received.total"), "12"),
        (("cells", "S3.New"), 1),
        (("provenance", "s3.new_received.total"), "guessed"),
        (("provenance", "s3.new_received.total"), "inferred:r1"),
        (("findings", 0, "severity"), "fatal"),
        (("narrative", "一"), 1),
    ],
)
def test_malformed_reports_are_rejected(
    validator: jsonschema.Draft202012Validator, path: tuple[str | int, ...], value: object
) -> None:
    data = copy.deepcopy(filled("2021"))
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert not validator.is_valid(data)
