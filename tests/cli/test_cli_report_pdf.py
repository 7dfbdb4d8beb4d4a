"""``gongkai report render|build --to pdf``: the annual report as PDF (LibreOffice from the
Word file), in a real process and through the real app; without the engine one Chinese line,
exit 2, nothing written."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from gongkai.domain.parsers import read_report_bytes, read_report_file
from gongkai.domain.render.pdf import SOFFICE_ENV
from report_cells import assert_same_cells
from shared_files import SEED_REPORT

Runner = Callable[..., subprocess.CompletedProcess[str]]
Invoke = Callable[..., Result]
Refused = Callable[[Result], str]

DEPT_CODE = "123456788"  # a valid 组织机构代码


@pytest.fixture
def seed_json(gongkai: Runner, tmp_path: Path) -> Path:
    parsed = gongkai("report", "parse", SEED_REPORT, "--json")
    assert parsed.returncode == 0, parsed.stderr
    path = tmp_path / "seed.json"
    path.write_text(parsed.stdout, encoding="utf-8")
    return path


def test_render_pdf_of_the_seed_has_every_cell(
    gongkai: Runner, seed_json: Path, tmp_path: Path
) -> None:
    out = tmp_path / "年报.pdf"
    done = gongkai("report", "render", seed_json, "--to", "pdf", "-o", out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "已写入" in done.stderr
    back = read_report_bytes(out.read_bytes(), out.name)
    assert_same_cells(read_report_file(SEED_REPORT), back)


def test_render_pdf_without_engine_writes_nothing(
    gongkai: Runner, seed_json: Path, tmp_path: Path
) -> None:
    out = tmp_path / "年报.pdf"
    nowhere = tmp_path / "no" / "soffice"
    done = gongkai(
        "report", "render", seed_json, "--to", "pdf", "-o", out, extra_env={SOFFICE_ENV: nowhere}
    )
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "未安装 PDF 转换程序 LibreOffice" in lines[0] and "Word 文件仍可下载" in lines[0]
    assert not out.exists()


def test_render_pdf_needs_an_output_file(gongkai: Runner, seed_json: Path) -> None:
    done = gongkai("report", "render", seed_json, "--to", "pdf")
    assert done.returncode == 2 and done.stdout == ""
    assert "PDF 文件（--to pdf）不能输出到屏幕" in done.stderr


@pytest.fixture
def dept(db: Any, cli: Invoke) -> str:
    done = cli("org", "add", "某某县教育局", "--code", DEPT_CODE)
    assert done.exit_code == 0, done.output
    return DEPT_CODE


def test_build_pdf_has_the_built_cells(dept: str, cli: Invoke, tmp_path: Path) -> None:
    import json

    done = cli("report", "build", "--org", dept, "--year", "2024", "--json")
    assert done.exit_code == 0, done.output
    cells = json.loads(done.stdout)["cells"]
    out = tmp_path / "年报.pdf"
    done = cli("report", "build", "--org", dept, "--year", "2024", "--to", "pdf", "-o", out)
    assert done.exit_code == 0, done.output
    back = read_report_bytes(out.read_bytes(), out.name)
    assert (back.org, back.year) == ("某某县教育局", 2024)
    assert {key: back.get(key) for key in cells} == cells


def test_build_pdf_without_engine_is_one_line(
    dept: str, cli: Invoke, refused: Refused, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "missing-soffice"))
    out = tmp_path / "年报.pdf"
    line = refused(
        cli("report", "build", "--org", dept, "--year", "2024", "--to", "pdf", "-o", out)
    )
    assert line.startswith("错误：未安装 PDF 转换程序 LibreOffice")
    assert not out.exists()
