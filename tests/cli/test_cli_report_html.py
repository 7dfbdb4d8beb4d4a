"""``gongkai report parse`` and ``report check`` read a report published as a web page
(issue 11): a real process, real files."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from gongkai.domain.parsers import read_report_file
from gongkai.domain.render.html import render_html_document
from shared_files import REPO_ROOT, SEED_REPORT

Runner = Callable[..., subprocess.CompletedProcess[str]]
EXAMPLE = REPO_ROOT / "examples" / "示例县人民政府-2022.txt"


def _as_site_page(path: Path, report_path: Path) -> Path:
    """The report rendered by the platform, in a GB2312-declared site page saved as GB18030."""
    page = render_html_document(read_report_file(report_path))
    page = page.replace('<meta charset="utf-8">', '<meta charset="gb2312">').replace(
        "<body>",
        '<body><div class="nav"><a href="/">首页</a> <a href="/2">2 政务公开</a></div>',
    )
    path.write_bytes(page.encode("gb18030"))
    return path


def test_parse_a_web_page_gives_the_seeds_cells(gongkai: Runner, tmp_path: Path) -> None:
    page = _as_site_page(tmp_path / "徐套乡2019年报.htm", SEED_REPORT)
    result = gongkai("report", "parse", page, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    seed = read_report_file(SEED_REPORT)
    assert (data["format"], data["year"], data["org"]) == (seed.format, seed.year, seed.org)
    assert {k: data["cells"].get(k) for k in seed.spec.cell_keys} == {
        k: seed.get(k) for k in seed.spec.cell_keys
    }


def test_check_a_consistent_web_page_exits_0(gongkai: Runner, tmp_path: Path) -> None:
    page = _as_site_page(tmp_path / "report.html", EXAMPLE)
    result = gongkai("report", "check", page)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_a_web_page_that_is_not_a_report_exits_2(gongkai: Runner, tmp_path: Path) -> None:
    path = tmp_path / "通知.html"
    path.write_text(
        "<html><body><h1>关于做好春节期间安全生产工作的通知</h1><p>请加强检查。</p></body></html>",
        encoding="utf-8",
    )
    result = gongkai("report", "check", path)
    assert result.returncode == 2
    assert "“通知.html”未被识别为政府信息公开工作年度报告" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
