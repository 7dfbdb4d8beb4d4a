"""The ``gongkai`` command as a user runs it: a real process, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from gongkai.domain.report.model import load_schema
from gongkai.domain.report.samples import consistent_report
from shared_files import SEED_REPORT

REPO = Path(__file__).resolve().parents[2]
SEED = SEED_REPORT
EXAMPLE = REPO / "examples" / "示例县人民政府-2022.txt"

Runner = Callable[..., subprocess.CompletedProcess[str]]


def test_parse_seed_json(gongkai: Runner) -> None:
    result = gongkai("report", "parse", SEED, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, load_schema())
    assert (data["format"], data["year"], data["org"]) == ("2019", 2019, "徐套乡人民政府")
    cells, prov = data["cells"], data["provenance"]
    printed = {
        "licensing": (5, 0, 34),
        "other_services": (48, 0, 2833),
        "penalty": (12, 0, 12),
        "compulsion": (9, 0, 21),
    }
    for row, values in printed.items():
        got = tuple(cells[f"s2.{row}.{c}"] for c in ("prev_items", "change", "decisions"))
        assert got == values
    assert (cells["s2.fees.prev_items"], cells["s2.fees.change"]) == (1, 0)
    s2 = [k for k in cells if k.startswith("s2.")]
    assert len(s2) == 22 and all(prov[k] == "read" for k in s2)
    s4 = [k for k in cells if k.startswith("s4.")]
    assert len(s4) == 15 and all(cells[k] == 0 and prov[k] == "read" for k in s4)
    printed_rows = (
        "new_received",
        "carried_over",
        "granted",
        "partial",
        "denied.state_secret",
        "denied.law_forbidden",
    )
    for key in (k for k in cells if k.startswith("s3.")):
        row = key[3:].rsplit(".", 1)[0]
        if row in printed_rows:
            assert (cells[key], prov[key]) == (0, "read"), key
        else:
            assert (cells[key], prov[key]) == (None, "missing"), key


def test_parse_without_json_prints_summary_and_tables(gongkai: Runner) -> None:
    result = gongkai("report", "parse", SEED)
    assert result.returncode == 0, result.stderr
    assert "徐套乡人民政府" in result.stdout and "2019" in result.stdout
    assert "其他对外管理服务事项" in result.stdout


def test_check_consistent_report_exits_0(gongkai: Runner, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(consistent_report("2021", seed=1).to_json(), encoding="utf-8")
    result = gongkai("report", "check", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_example_text_report_exits_0(gongkai: Runner) -> None:
    result = gongkai("report", "check", EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_of_a_file_that_is_not_a_report_exits_2_saying_why(
    gongkai: Runner, tmp_path: Path
) -> None:
    """Issue 10: a file that is not a report passed the check with no error (exit 0)."""
    path = tmp_path / "通知.txt"
    path.write_text(
        "关于做好春节期间安全生产工作的通知\n各村委会：请加强检查。\n", encoding="utf-8"
    )
    result = gongkai("report", "check", path)
    assert result.returncode == 2
    assert result.stderr.strip().endswith(
        "“通知.txt”未被识别为政府信息公开工作年度报告："
        "未找到年报的表格（二、三、四）和章节标题（如“一、总体情况”）"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_check_of_a_township_reporting_regulations_made_exits_1_with_p1(
    gongkai: Runner, tmp_path: Path
) -> None:
    """Issue 10: only 设区的市级以上人民政府 make 规章; the level is read from the body's name."""
    report = consistent_report("2021", org="某某市人民政府", seed=1)
    report.org = "徐套乡人民政府"
    report.cells["s2.regulations.issued"] = 1
    path = tmp_path / "report.json"
    path.write_text(report.to_json(), encoding="utf-8")
    result = gongkai("report", "check", path, "--json")
    assert result.returncode == 1
    (p1,) = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "P1"]
    assert (p1["severity"], p1["cells"]) == ("error", ["s2.regulations.issued"])
    assert "按机关名称“徐套乡人民政府”（以“乡人民政府”结尾）推断为乡镇人民政府" in p1["message"]


def test_check_one_changed_result_cell_exits_1_naming_r2_and_cell(
    gongkai: Runner, tmp_path: Path
) -> None:
    report = consistent_report("2021", seed=1)
    key = "s3.denied.third_party.natural_person"
    report.cells[key] = (report.cells[key] or 0) + 1
    path = tmp_path / "report.json"
    path.write_text(report.to_json(), encoding="utf-8")
    result = gongkai("report", "check", path, "--json")
    assert result.returncode == 1
    r2 = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "R2"]
    assert r2 and key in r2[0]["cells"]
    human = gongkai("report", "check", path)
    assert human.returncode == 1
    assert "R2" in human.stdout and "（七）总计 自然人 栏为" in human.stdout


def test_check_changed_cell_in_text_report_exits_1(gongkai: Runner, tmp_path: Path) -> None:
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    index = next(
        i
        for i, line in enumerate(lines)
        if line.startswith("\t（一）予以公开")
        or line.startswith("三、本年度办理结果\t（一）予以公开")
    )
    cells = lines[index].split("\t")
    cells[-7] = str(int(cells[-7]) + 1)  # the 自然人 cell of （一）予以公开
    lines[index] = "\t".join(cells)
    path = tmp_path / "changed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = gongkai("report", "check", path, "--json")
    assert result.returncode == 1
    r2 = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "R2"]
    assert r2 and "s3.granted.natural_person" in r2[0]["cells"]


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"],
)
def test_check_binary_file_exits_2_with_one_line(
    gongkai: Runner, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "scan.bin"
    path.write_bytes(content)
    result = gongkai("report", "check", path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "错误" in result.stderr


def test_missing_file_exits_2(gongkai: Runner, tmp_path: Path) -> None:
    result = gongkai("report", "check", tmp_path / "nope.txt")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_check_with_previous_year_reports_x1(gongkai: Runner, tmp_path: Path) -> None:
    before = consistent_report("2021", year=2022, seed=2)
    now = consistent_report("2021", year=2023, seed=3)
    (tmp_path / "2022.json").write_text(before.to_json(), encoding="utf-8")
    (tmp_path / "2023.json").write_text(now.to_json(), encoding="utf-8")
    result = gongkai(
        "report", "check", tmp_path / "2023.json", "--previous", tmp_path / "2022.json", "--json"
    )
    rules = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    expected_x1 = any(
        now.cells[f"s3.carried_over.{c}"] != before.cells[f"s3.carried_forward.{c}"]
        for c in ("natural_person", "total")
    )
    assert ("X1" in rules) == expected_x1


@pytest.mark.parametrize("target,marker", [("md", "| "), ("html", "<table"), ("txt", "\t")])
def test_render(gongkai: Runner, tmp_path: Path, target: str, marker: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(consistent_report("2019", seed=4).to_json(), encoding="utf-8")
    result = gongkai("report", "render", path, "--to", target)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout and "行政许可" in result.stdout


def test_render_docx_reads_back(gongkai: Runner, tmp_path: Path) -> None:
    from gongkai.domain.parsers import read_report_bytes, read_report_file

    parsed = gongkai("report", "parse", SEED, "--json")
    assert parsed.returncode == 0, parsed.stderr
    path = tmp_path / "seed.json"
    path.write_text(parsed.stdout, encoding="utf-8")
    out = tmp_path / "年报.docx"
    result = gongkai("report", "render", path, "--to", "docx", "-o", out)
    assert result.returncode == 0, result.stderr
    assert "已写入" in result.stderr and result.stdout == ""
    back = read_report_bytes(out.read_bytes(), out.name)
    seed = read_report_file(SEED)
    assert (back.format, back.year, back.org) == ("2019", 2019, "徐套乡人民政府")
    assert {k: back.get(k) for k in seed.spec.cell_keys} == {
        k: seed.get(k) for k in seed.spec.cell_keys
    }


def test_render_docx_needs_an_output_file(gongkai: Runner, tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(consistent_report("2021", seed=4).to_json(), encoding="utf-8")
    result = gongkai("report", "render", path, "--to", "docx")
    assert result.returncode == 2 and result.stdout == ""
    assert "--output" in result.stderr and "Word" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == [path]


def test_render_rejects_bad_json(gongkai: Runner, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"format": "2030"}', encoding="utf-8")
    result = gongkai("report", "render", path, "--to", "md")
    assert result.returncode == 2 and "未知的年报格式" in result.stderr


def test_help_is_chinese(gongkai: Runner) -> None:
    result = gongkai("report", "--help")
    assert result.returncode == 0 and "年度报告" in result.stdout
