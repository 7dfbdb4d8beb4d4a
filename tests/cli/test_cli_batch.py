"""``gongkai report batch``: files, folders and zips of reports read in worker processes,
checked with the cross-year rules of the batch, written as JSON lines, Excel or CSV (issue 11).
Through the real typer app and as a real process."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openpyxl import load_workbook  # type: ignore[import-untyped]

from gongkai.domain.parsers import read_report_bytes
from gongkai.domain.render.text import render_text
from gongkai.domain.report.model import Report, load_schema
from gongkai.domain.report.rules import rule_x1_carry_over, rule_x3_in_force
from gongkai.domain.report.samples import consistent_report
from shared_files import FIXTURE_DIR, SHARED_DIR

Invoke = Callable[..., Any]
DOCX = SHARED_DIR / "fixtures" / "docx" / "annual-report-template-2021.docx"
BODY = "示例县人民政府"


def _lines(path: Path) -> list[dict[str, Any]]:
    """The JSON lines of ``path``: each exactly {file, report, error}, its report valid."""
    schema = load_schema()
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        assert list(line) == ["file", "report", "error"]
        assert (line["report"] is None) != (line["error"] is None), line
        if line["report"] is not None:
            jsonschema.validate(line["report"], schema)
        else:
            assert "\n" not in line["error"] and line["error"].strip() == line["error"]
    return lines


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder (with a subfolder) of text and PDF reports, a zip of text, Word and a corrupt
    part, and a file that is not a report."""
    folder = tmp_path / "reports"
    (folder / "more").mkdir(parents=True)
    shutil.copy(FIXTURE_DIR / "001.txt", folder / "001.txt")
    shutil.copy(FIXTURE_DIR / "009.txt", folder / "more" / "009.txt")
    shutil.copy(FIXTURE_DIR / "001.pdf", folder / "more" / "001.pdf")
    (folder / "notes.md").write_text("不是年报，也不是年报的文件名", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not a report \xff\xfe")
    with zipfile.ZipFile(folder / "archive.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURE_DIR / "005.txt", "年报/005.txt")
        archive.write(DOCX, "年报/template.docx")
        archive.writestr("年报/empty.json", "")
    return folder


def test_folder_and_zip_with_a_broken_file(cli: Invoke, mixed: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "out.jsonl"
    result = cli("report", "batch", mixed, "--jsonl", jsonl)
    assert result.exit_code == 1, result.output
    lines = _lines(jsonl)
    by_file = {line["file"]: line for line in lines}
    zip_prefix = f"{mixed}/archive.zip/年报"
    assert list(by_file) == [
        f"{mixed}/001.txt",
        f"{zip_prefix}/005.txt",
        f"{zip_prefix}/template.docx",
        f"{zip_prefix}/empty.json",
        f"{mixed}/broken.txt",
        f"{mixed}/more/001.pdf",
        f"{mixed}/more/009.txt",
    ]
    report = by_file[f"{mixed}/001.txt"]["report"]
    assert (report["org"], report["year"], report["format"]) == ("淮安市人民政府", 2024, "2021")
    assert by_file[f"{mixed}/more/001.pdf"]["report"]["cells"] == report["cells"]
    assert by_file[f"{zip_prefix}/005.txt"]["report"]["org"] == "平潭综合实验区"
    # The checked report: the finding T1 of the fixture's truth (narrative 75 vs table 74).
    assert "T1" in {f["rule"] for f in by_file[f"{zip_prefix}/005.txt"]["report"]["findings"]}
    assert by_file[f"{zip_prefix}/template.docx"]["report"]["format"] == "2021"
    assert by_file[f"{zip_prefix}/empty.json"]["error"] == "无法读取“empty.json”：文件是空的"
    assert "“broken.txt”" in by_file[f"{mixed}/broken.txt"]["error"]
    failed = [line for line in result.stderr.splitlines() if "无法读取" in line]
    assert failed == [
        f"{zip_prefix}/empty.json：无法读取“empty.json”：文件是空的",
        f"{mixed}/broken.txt：{by_file[f'{mixed}/broken.txt']['error']}",
    ]
    assert "共 7 个文件：读取 5 份年报，2 个无法读取" in result.stdout


def test_all_read_exits_0_and_jsonl_matches_parse(cli: Invoke, tmp_path: Path) -> None:
    jsonl = tmp_path / "out.jsonl"
    given = [FIXTURE_DIR / "011.txt", FIXTURE_DIR / "001.pdf"]
    result = cli("report", "batch", *given, "--jsonl", jsonl)
    assert result.exit_code == 0, result.output
    lines = _lines(jsonl)
    assert [line["file"] for line in lines] == [str(p) for p in given]
    parsed = cli("report", "check", given[0], "--json")
    assert lines[0]["report"] == json.loads(parsed.stdout)


def _pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two consecutive years of one body as published text (consistent each on its own)."""
    paths = []
    for year, seed in ((2022, 1), (2023, 2)):
        report = consistent_report("2021", year=year, org=BODY, seed=seed)
        path = tmp_path / f"{BODY}-{year}.txt"
        path.write_text(render_text(report), encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


def _cross_year(line: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in line["report"]["findings"] if f["rule"] in ("X1", "X2", "X3")]


def test_cross_year_rules_between_consecutive_years(cli: Invoke, tmp_path: Path) -> None:
    before, after = _pair(tmp_path)
    expected = [
        f.to_dict()
        for rule in (rule_x1_carry_over, rule_x3_in_force)
        for f in rule(read_report_bytes(after.read_bytes()), read_report_bytes(before.read_bytes()))
    ]
    assert {f["rule"] for f in expected} == {"X1", "X3"}
    jsonl = tmp_path / "pair.jsonl"
    assert cli("report", "batch", tmp_path, "--jsonl", jsonl).exit_code == 0
    lines = {Path(line["file"]).name: line for line in _lines(jsonl)}
    assert _cross_year(lines[after.name]) == expected
    assert _cross_year(lines[before.name]) == []
    # Alone, the later year has nobody to compare with.
    assert cli("report", "batch", after, "--jsonl", jsonl).exit_code == 0
    assert _cross_year(_lines(jsonl)[0]) == []


def test_jobs_1_and_2_give_the_same_output(cli: Invoke, mixed: Path, tmp_path: Path) -> None:
    _pair(mixed)
    outputs = []
    for jobs in ("1", "2"):
        jsonl = tmp_path / f"jobs{jobs}.jsonl"
        assert cli("report", "batch", mixed, "--jobs", jobs, "--jsonl", jsonl).exit_code == 1
        outputs.append(jsonl.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == 9


def test_out_xlsx_and_csv(cli: Invoke, mixed: Path, tmp_path: Path) -> None:
    before, after = _pair(mixed)
    xlsx, jsonl = tmp_path / "result.xlsx", tmp_path / "result.jsonl"
    assert cli("report", "batch", mixed, "--out", xlsx, "--jsonl", jsonl).exit_code == 1
    lines = _lines(jsonl)
    workbook = load_workbook(xlsx, read_only=True)
    assert workbook.sheetnames == ["年报", "发现的问题"]
    rows = list(workbook["年报"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:9] == ["文件", "机关", "年度", "格式", "读取", "推算", "缺失", "错误", "提示"]
    assert header[-1] == "无法读取的原因"
    table = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert list(table) == [line["file"] for line in lines]
    for line in lines:
        row = table[line["file"]]
        if line["report"] is None:
            assert row["无法读取的原因"] == line["error"] and row["机关"] is None
            continue
        report = Report.from_dict(line["report"])
        kinds = [p.split(":")[0] for p in report.provenance.values()]
        assert (row["机关"] or "", row["年度"], row["格式"]) == (
            report.org or "",
            report.year,
            f"{report.format} 年版",
        )
        assert (row["读取"], row["推算"], row["缺失"]) == (
            kinds.count("read"),
            kinds.count("inferred"),
            kinds.count("missing"),
        )
        assert (row["错误"], row["提示"]) == (len(report.errors), len(report.warnings))
        for rule in header[9:-1]:
            assert row[rule] == sum(1 for f in report.findings if f.rule == rule)
    findings = list(workbook["发现的问题"].iter_rows(values_only=True))
    assert findings[0] == ("文件", "机关", "年度", "规则", "级别", "单元格", "说明")
    expected = [
        (line["file"], f["rule"], {"error": "错误", "warning": "提示"}[f["severity"]], f["message"])
        for line in lines
        if line["report"] is not None
        for f in line["report"]["findings"]
    ]
    assert [(r[0], r[3], r[4], r[6]) for r in findings[1:]] == expected
    assert any(r[0] == str(after) and r[3] == "X1" for r in findings[1:])

    csv_path = tmp_path / "result.csv"
    assert cli("report", "batch", mixed, "--out", csv_path).exit_code == 1
    text = csv_path.read_bytes().decode("utf-8-sig")
    csv_rows = list(csv.reader(io.StringIO(text)))
    assert csv_rows[0] == header
    assert [r[0] for r in csv_rows[1:]] == list(table)


def test_usage_errors_exit_2(cli: Invoke, refused: Callable[[Any], str], tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    assert refused(cli("report", "batch", missing)) == f"错误：找不到文件或文件夹：{missing}"
    line = refused(cli("report", "batch", FIXTURE_DIR / "011.txt", "--out", tmp_path / "r.txt"))
    assert line == "错误：不支持的文件类型“r.txt”：--out 的文件名应以 .xlsx 或 .csv 结尾"
    line = refused(cli("report", "batch", FIXTURE_DIR / "011.txt", "--jobs", "0"))
    assert line == "错误：--jobs 应为正整数，收到：0"


def test_zip_bomb_part_is_refused_alone(cli: Invoke, tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.txt", b"0" * (50 * 1024 * 1024))
        zf.write(FIXTURE_DIR / "011.txt", "011.txt")
    jsonl = tmp_path / "bomb.jsonl"
    assert cli("report", "batch", archive, "--jsonl", jsonl).exit_code == 1
    lines = _lines(jsonl)
    assert lines[0]["file"] == f"{archive}/bomb.txt"
    assert "压缩比异常" in lines[0]["error"] and "疑似压缩炸弹" in lines[0]["error"]
    assert lines[1]["report"]["org"] == "温州市自然资源和规划局鹿城分局"


def test_as_a_real_process(
    process_runner: Callable[[Path], Any], mixed: Path, tmp_path: Path
) -> None:
    run = process_runner(tmp_path)
    jsonl = tmp_path / "real.jsonl"
    done = run("report", "batch", mixed, "--jsonl", jsonl, "--jobs", "2")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = _lines(jsonl)
    assert [line["error"] is None for line in lines] == [True, True, True, False, False, True, True]
    good = run("report", "batch", FIXTURE_DIR / "001.txt", "--out", tmp_path / "one.xlsx")
    assert good.returncode == 0, good.stderr
    assert load_workbook(tmp_path / "one.xlsx").sheetnames == ["年报", "发现的问题"]
    missing = run("report", "batch", tmp_path / "nowhere")
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"错误：找不到文件或文件夹：{tmp_path / 'nowhere'}"
