"""Who may make 规章 (《立法法》第九十三条) and rule P1: a body without the power that reports
规章 made gets an error, whether its kind is recorded (a report built from records) or read
from its name (a published report checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.domain.parsers import read_report_file
from gongkai.domain.report import samples
from gongkai.domain.report.authority import (
    BodyKind,
    KindReading,
    infer_body_kind,
    kind_from_records,
    may_make_regulations,
)
from gongkai.domain.report.model import Report
from gongkai.domain.report.rules import check, regulations_made_key, validate
from shared_files import FIXTURE_DIR, SEED_REPORT


@pytest.mark.parametrize(
    ("kind", "power"),
    [
        (BodyKind.PROVINCE_GOVERNMENT, True),
        (BodyKind.CITY_GOVERNMENT, True),
        (BodyKind.STATE_COUNCIL_DEPARTMENT, True),
        (BodyKind.COUNTY_GOVERNMENT, False),
        (BodyKind.TOWNSHIP_GOVERNMENT, False),
        (BodyKind.DEPARTMENT, False),
        (BodyKind.OTHER, None),
        ("no_such_kind", None),
    ],
)
def test_who_may_make_regulations(kind: str, power: bool | None) -> None:
    assert may_make_regulations(kind) is power


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("徐套乡人民政府", BodyKind.TOWNSHIP_GOVERNMENT),
        ("石空镇人民政府", BodyKind.TOWNSHIP_GOVERNMENT),
        ("某某区东湖街道办事处", BodyKind.TOWNSHIP_GOVERNMENT),
        ("中宁县人民政府", BodyKind.COUNTY_GOVERNMENT),
        ("深圳市龙岗区人民政府", BodyKind.COUNTY_GOVERNMENT),
        ("中宁县教育局", BodyKind.DEPARTMENT),
        ("温州市自然资源和规划局鹿城分局", BodyKind.DEPARTMENT),
        ("上海市人民政府办公厅", BodyKind.CITY_GOVERNMENT),  # issues the 市政府's report
        ("某某县人民政府办公室", BodyKind.COUNTY_GOVERNMENT),
        ("某某县教育局办公室", BodyKind.DEPARTMENT),
        ("某某县发展和改革委员会", BodyKind.DEPARTMENT),
        ("淮安市人民政府", BodyKind.CITY_GOVERNMENT),
        ("宁夏回族自治区人民政府", BodyKind.PROVINCE_GOVERNMENT),
        ("江苏省人民政府", BodyKind.PROVINCE_GOVERNMENT),
        ("螅镇", None),
        ("平潭综合实验区", None),
        ("国家发展和改革委员会", None),  # a 国务院部门 (it makes 部门规章): not read
        ("", None),
        (None, None),
    ],
)
def test_kind_read_from_the_name(name: str | None, kind: BodyKind | None) -> None:
    reading = infer_body_kind(name)
    assert (reading.kind if reading else None) is kind
    if reading is not None:
        assert f"按机关名称“{name}”" in reading.basis


def _with_regulations(format_id: str, org: str, made: int) -> Report:
    report = samples.consistent_report(format_id, org="某某市人民政府", seed=7)
    report.org = org
    report.set(regulations_made_key(report.spec), made)
    return report


def _p1(
    report: Report, issuer: KindReading | None = None
) -> list[tuple[str, tuple[str, ...], str]]:
    found = validate(report, issuer=issuer)
    return [(f.severity, f.cells, f.message) for f in found if f.rule == "P1"]


@pytest.mark.parametrize(
    ("format_id", "key", "label"),
    [
        ("2019", "s2.regulations.new_made", "表二 规章 本年新制作数量 为 1"),
        ("2021", "s2.regulations.issued", "表二 规章 本年制发件数 为 1"),
    ],
)
def test_township_reporting_regulations_made_is_an_error(
    format_id: str, key: str, label: str
) -> None:
    """The issue: a township notice published as a 规章 gave "本年制发规章1件" and 0 errors."""
    report = _with_regulations(format_id, "徐套乡人民政府", 1)
    ((severity, cells, message),) = _p1(report)
    assert (severity, cells) == ("error", (key,))
    assert message.startswith(label)
    assert "按机关名称“徐套乡人民政府”（以“乡人民政府”结尾）推断为乡镇人民政府" in message
    assert "《立法法》第九十三条" in message
    assert check(report).errors  # the checker of a published report says so too


def test_recorded_kind_decides_over_the_name() -> None:
    report = _with_regulations("2021", "某某管理委员会", 2)
    township = kind_from_records(BodyKind.TOWNSHIP_GOVERNMENT)
    ((_severity, _cells, message),) = _p1(report, issuer=township)
    assert "机关类型为“乡镇人民政府”" in message and "推断" not in message
    # a city named like a department, recorded as a 设区的市级人民政府: no finding
    assert _p1(report, issuer=kind_from_records(BodyKind.CITY_GOVERNMENT)) == []


@pytest.mark.parametrize(
    ("org", "made"),
    [
        ("淮安市人民政府", 3),  # a 设区的市 may make 规章
        ("宁夏回族自治区人民政府", 3),
        ("平潭综合实验区", 3),  # the name does not say: no finding
        (None, 3),
        ("徐套乡人民政府", 0),  # none made
    ],
)
def test_no_finding_with_power_unknown_kind_or_none_made(org: str | None, made: int) -> None:
    assert _p1(_with_regulations("2021", org or "", made)) == []
    if org is None:
        report = _with_regulations("2021", "", made)
        report.org = None
        assert _p1(report) == []


def test_unknown_recorded_kind_gives_no_finding_even_for_a_township_name() -> None:
    report = _with_regulations("2021", "徐套乡人民政府", 1)
    assert _p1(report, issuer=kind_from_records(BodyKind.OTHER)) == []


def test_county_samples_report_no_regulations() -> None:
    for format_id in ("2019", "2021"):
        report = samples.consistent_report(format_id)
        assert report.org == "示例县人民政府"
        assert _p1(report) == []
        assert not any(v for k, v in report.cells.items() if k.startswith("s2.regulations."))


FIXTURES = sorted(FIXTURE_DIR.glob("*.txt")) + [SEED_REPORT]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_no_real_published_report_gets_p1(path: Path) -> None:
    """The real reports are by bodies that may make 规章 or report none (上海市人民政府办公厅
    reports the 市政府's 13 规章 of 2019)."""
    report = check(read_report_file(path))
    assert [f.message for f in report.findings if f.rule == "P1"] == []


def test_a_government_office_is_read_as_its_government() -> None:
    reading = infer_body_kind("上海市人民政府办公厅")
    assert reading is not None and reading.basis == (
        "按机关名称“上海市人民政府办公厅”（“上海市人民政府”的办公机构，代其编制年报）"
        "推断为设区的市级人民政府"
    )
