"""``gongkai org add / import / export / report build / ledger template / daily`` through the
real app, in this process on the test database; and, in a real process, that bad input is one
line and exit 2 (never a traceback)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import Result

COUNTY_CODE = "11100000MB0000001T"  # a valid 统一社会信用代码 (check character T)
DEPT_CODE = "123456788"  # a valid 组织机构代码 (of 某某县教育局)
OTHER_CODE = "876543210"
HEADER = (
    "申请编号,收到申请日期,申请方式,申请人类型,申请人,申请内容,补正告知日期,补正收到日期,"
    "征求意见日期,征求意见回复日期,延期工作日,办理结果,答复日期"
)
LEDGER = "\n".join(
    [
        HEADER,
        "2024-0001,2024-03-04,网络,自然人,张三,道路工程立项批复,,,2024-03-08,2024-03-15,,部分公开,2024-04-02",
        "2024-0002,2024-12-20,邮寄,商业企业,某公司,招标文件,,,,,5,予以公开,2025-01-10",
        "2024-0003,2024-11-04,当面,科研机构,某研究所,统计数据,2024-11-06,,,,,,",
        "2025-0001,2025-02-03,网络,社会组织,某协会,补助资金,,,,,,无法提供-本机关不掌握相关政府信息,2025-02-20",
    ]
)
CASES = "\n".join(
    [
        "案件编号,类型,关联申请编号,立案日期,结果,结案日期",
        "复-1,行政复议,2024-0001,2024-05-06,维持,2025-01-15",
        "诉-1,行政诉讼（未经复议直接起诉）,,2025-03-01,,",
    ]
)


Invoke = Callable[..., Result]
Refused = Callable[[Result], str]
Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def dept(db: Any, cli: Invoke) -> str:
    """某某县教育局, created by ``gongkai org add``: its code."""
    done = cli("org", "add", "某某县教育局", "--code", DEPT_CODE)
    assert done.exit_code == 0, done.output
    return DEPT_CODE


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_org_add(db: Any, cli: Invoke, refused: Refused) -> None:
    from gongkai.apps.orgs.models import Body

    done = cli("org", "add", "某某县人民政府", "--code", COUNTY_CODE)
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == f"已创建机关“某某县人民政府”（代码 {COUNTY_CODE}，县级人民政府）"
    done = cli("org", "add", "某某县财政局", "--code", OTHER_CODE, "--parent", COUNTY_CODE)
    assert done.exit_code == 0, done.output
    assert "上级机关：某某县人民政府" in done.stdout
    finance = Body.objects.get(name="某某县财政局")
    assert (finance.org_code, finance.parent.name if finance.parent else None) == (
        OTHER_CODE,
        "某某县人民政府",
    )
    assert "已" in refused(cli("org", "add", "某某县财政局", "--code", OTHER_CODE))
    assert "长度不对" in refused(cli("org", "add", "某机关", "--code", "12345"))
    assert "校验位不正确" in refused(cli("org", "add", "某机关", "--code", "123456789"))
    assert "找不到机关" in refused(
        cli("org", "add", "某机关", "--code", "12345678X", "--parent", "不存在的机关")
    )
    assert Body.objects.count() == 2
    assert finance.kind == "department"  # read from the name
    done = cli("org", "add", "某某市人民政府", "--code", "111111117")
    assert "（代码 111111117，其他）" in done.stdout  # 设区的市 or 县级市: not guessed
    done = cli("org", "add", "某某开发区管委会", "--code", "222222223", "--kind", "city_government")
    assert "设区的市级人民政府" in done.stdout
    assert Body.objects.get(name="某某开发区管委会").may_make_regulations is True


def test_import_export_report_daily(dept: str, cli: Invoke, tmp_path: Path) -> None:
    ledger = _write(tmp_path / "台账.csv", LEDGER)
    done = cli("import", "applications", ledger, "--org", "某某县教育局")
    assert done.exit_code == 0, done.output
    assert "某某县教育局：" in done.stdout and "新增 4 条" in done.stdout
    done = cli("import", "applications", ledger, "--org", dept)
    assert done.exit_code == 0, done.output
    assert "新增 0 条" in done.stdout and "未变化 4 条" in done.stdout
    cases = _write(tmp_path / "案件.csv", CASES)
    done = cli("import", "cases", cases, "--org", dept)
    assert done.exit_code == 0, done.output
    assert "新增 2 条" in done.stdout

    out = tmp_path / "2024.xlsx"
    done = cli("export", "applications", "--org", dept, "--year", "2024", "--to", out)
    assert done.exit_code == 0, done.output
    assert done.stderr.strip() == f"已写入 {out}"
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][-4:] == ("答复期限", "是否超期", "期限说明", "剩余工作日")
    assert sorted(r[0] for r in rows[1:]) == ["2024-0001", "2024-0002", "2024-0003"]
    first = next(r for r in rows if r[0] == "2024-0001")
    assert first[13].date().isoformat() == "2024-04-09"  # 20 + 5 consultation working days
    out_csv = tmp_path / "cases.csv"
    done = cli("export", "cases", "--org", dept, "--year", "2025", "--to", out_csv)
    assert done.exit_code == 0, done.output
    case_rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert case_rows[1][:2] == ["诉-1", "行政诉讼（未经复议直接起诉）"]

    done = cli("report", "build", "--org", "某某县教育局", "--year", "2025", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert report["org"] == "某某县教育局" and report["year"] == 2025
    cells = report["cells"]
    assert cells["s3.new_received.public_welfare"] == 1
    assert cells["s3.carried_over.total"] == 2
    assert cells["s3.granted.commercial"] == 1
    assert cells["s3.unable.not_held.public_welfare"] == 1
    assert cells["s3.carried_forward.research"] == 1
    assert cells["s4.litigation_direct.pending"] == 1
    assert cells["s4.reconsideration.total"] == 0
    done = cli("report", "build", "--org", dept, "--year", "2024")
    assert done.exit_code == 0, done.output
    assert "某某县教育局 2024 年度报告（据平台记录统计）" in done.stdout
    assert "表三" in done.stdout and "表四" in done.stdout
    word = tmp_path / "年报.docx"
    done = cli("report", "build", "--org", dept, "--year", "2025", "--to", "docx", "-o", word)
    assert done.exit_code == 0, done.output
    assert done.stdout == ""
    from gongkai.domain.parsers import read_report_bytes

    back = read_report_bytes(word.read_bytes(), word.name)
    assert (back.org, back.year) == ("某某县教育局", 2025)
    assert {k: back.get(k) for k in cells} == cells
    done = cli("report", "build", "--org", dept, "--year", "2025", "--to", "md")
    assert done.exit_code == 0, done.output
    assert "某某县教育局" in done.stdout and "| " in done.stdout
    markdown = tmp_path / "年报.md"
    done = cli("report", "build", "--org", dept, "--year", "2025", "--to", "md", "-o", markdown)
    assert done.exit_code == 0, done.output
    assert markdown.read_text(encoding="utf-8").rstrip("\n") == cli(
        "report", "build", "--org", dept, "--year", "2025", "--to", "md"
    ).stdout.rstrip("\n")

    done = cli("daily", "--today", "2025-06-30")
    assert done.exit_code == 0, done.output
    assert "视为放弃申请 1 件" in done.stdout  # 2024-0003 never sent its correction
    assert "某某县教育局 2024-0003" in done.stdout
    again = cli("daily", "--today", "2025-06-30")
    assert "视为放弃申请 0 件，发出期限提醒 0 条。" in again.stdout  # idempotent


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", ["applications", "cases"])
def test_ledger_template(
    cli: Invoke, tmp_path: Path, kind: str, fmt: str, refused: Refused
) -> None:
    from gongkai.domain.ledgers.table_io import read_table

    template = tmp_path / f"模板.{fmt}"
    done = cli("ledger", "template", kind, "--to", template)
    assert done.exit_code == 0, done.output
    title = "依申请公开登记台账" if kind == "applications" else "行政复议、行政诉讼台账"
    assert done.stderr.strip() == f"已写入 {title}模板：{template}"
    table = read_table(template.read_bytes(), template.name)
    header = HEADER if kind == "applications" else CASES.splitlines()[0]
    assert ",".join(table.headers) == header
    if fmt == "xlsx":  # the header row of the workbook itself, dropdowns aside
        first = next(load_workbook(template).worksheets[0].iter_rows(values_only=True))
        assert ",".join(first) == header
    assert "--to" in refused(cli("ledger", "template", kind, "--to", tmp_path / "x.pdf"))


def test_ledger_errors_exit_1_and_import_nothing(dept: str, cli: Invoke, tmp_path: Path) -> None:
    bad = LEDGER.replace("2024-12-20,邮寄,商业企业", "2024-12-20,邮寄,个体户").replace(
        "2025-02-03,网络,社会组织,某协会,补助资金,,,,,,无法提供-本机关不掌握相关政府信息,2025-02-20",
        "2025-02-03,网络,社会组织,某协会,补助资金,,,,,,予以公开,2025-01-20",
    )
    done = cli("import", "applications", _write(tmp_path / "bad.csv", bad), "--org", dept)
    assert done.exit_code == 1
    assert "bad.csv：2 处错误，未导入任何记录。" in done.stderr
    assert "第 3 行，“申请人类型”列：" in done.stderr
    assert "第 5 行，“答复日期”列：" in done.stderr
    assert done.stdout == ""
    done = cli("report", "build", "--org", dept, "--year", "2024", "--json")
    assert json.loads(done.stdout)["cells"]["s3.new_received.total"] == 0


def test_report_build_of_a_year_without_records_warns(dept: str, cli: Invoke) -> None:
    """Issue 10: a year with no records drafted "共发布各类信息0条" and passed with no finding."""
    done = cli("report", "build", "--org", dept, "--year", "2024", "--json")
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    (e1,) = [f for f in report["findings"] if f["rule"] == "E1"]
    assert e1["severity"] == "warning"
    assert e1["message"].startswith("平台中没有某某县教育局2024年的任何记录")
    assert "0条" not in "".join(report["narrative"].values())
    shown = cli("report", "build", "--org", dept, "--year", "2024")
    assert "E1" in shown.stdout and "平台中没有某某县教育局2024年的任何记录" in shown.stdout


def test_unreadable_ledger_is_exit_2(
    dept: str, cli: Invoke, tmp_path: Path, refused: Refused
) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    line = refused(cli("import", "applications", tmp_path / "x.xlsx", "--org", dept))
    assert "无法读取 Excel 文件" in line


def test_report_build_options_are_checked_first(dept: str, cli: Invoke, refused: Refused) -> None:
    build = ("report", "build", "--org", dept, "--year", "2024")
    assert "--output" in refused(cli(*build, "--to", "docx"))
    assert "PDF 文件（--to pdf）不能输出到屏幕" in refused(cli(*build, "--to", "pdf"))
    assert "--to 只能是" in refused(cli(*build, "--to", "rtf"))
    assert "须与 --to 一起使用" in refused(cli(*build, "-o", "x.md"))


@pytest.fixture
def with_dept(gongkai: Runner) -> Runner:
    """A real process on a database that has 某某县教育局."""
    done = gongkai("org", "add", "某某县教育局", "--code", DEPT_CODE)
    assert done.returncode == 0, done.stderr
    return gongkai


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("org", "add", "某机关", "--code", "12345"), "长度不对"),
        (("org", "add", "某机关", "--code", "123456789"), "校验位不正确"),
        (("import", "applications", "missing.csv", "--org", "某某县教育局"), "找不到文件"),
        (("import", "applications", "x.csv", "--org", "不存在的机关"), "找不到机关"),
        (
            ("export", "applications", "--org", DEPT_CODE, "--year", "2024", "--to", "x.pdf"),
            ".xlsx 或 .csv",
        ),
        (("report", "build", "--org", DEPT_CODE, "--year", "24"), "四位年份"),
        (("report", "build", "--org", DEPT_CODE, "--year", "2024", "--to", "docx"), "--output"),
        (("daily", "--today", "2025-13-01"), "无效"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    with_dept: Runner, args: tuple[str, ...], message: str
) -> None:
    done = with_dept(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
