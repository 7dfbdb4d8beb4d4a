"""``gongkai org add / import / export / report build / ledger template / daily`` as a user
runs them: a subprocess with ``DATABASE_URL`` pointing to a fresh SQLite file."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

COUNTY_CODE = "11100000MB0000001T"  # a valid 统一社会信用代码 (check character T)
DEPT_CODE = "123456788"  # a valid 组织机构代码 (of 某某县教育局, created with the database)
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


def _runner(directory: Path):  # type: ignore[no-untyped-def]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
        "GONGKAI_VAR_DIR": str(directory / "var"),
        "COLUMNS": "200",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gongkai", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=directory,
            timeout=120,
        )

    return run


@pytest.fixture(scope="session")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database the first command created and migrated (copied for each test: faster)."""
    directory = tmp_path_factory.mktemp("migrated")
    done = _runner(directory)("org", "add", "某某县教育局", "--code", DEPT_CODE)
    assert done.returncode == 0, done.stderr
    return directory / "db.sqlite3"


@pytest.fixture
def gongkai(tmp_path: Path, migrated: Path):  # type: ignore[no-untyped-def]
    for suffix in ("", "-wal", "-shm"):
        source = migrated.with_name(migrated.name + suffix)
        if source.exists():
            shutil.copyfile(source, tmp_path / f"db.sqlite3{suffix}")
    return _runner(tmp_path)


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_org_import_export_report(gongkai, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    done = gongkai("org", "add", "某某县人民政府", "--code", COUNTY_CODE)
    assert done.returncode == 0, done.stderr
    assert "已创建机关“某某县人民政府”" in done.stdout
    done = gongkai("org", "add", "某某县财政局", "--code", OTHER_CODE, "--parent", COUNTY_CODE)
    assert done.returncode == 0, done.stderr
    assert "上级机关：某某县人民政府" in done.stdout
    done = gongkai("org", "add", "某某县财政局", "--code", OTHER_CODE)
    assert done.returncode == 2 and "已" in done.stderr, done.stderr

    ledger = _write(tmp_path / "台账.csv", LEDGER)
    done = gongkai("import", "applications", str(ledger), "--org", "某某县教育局")
    assert done.returncode == 0, done.stderr
    assert "新增 4 条" in done.stdout
    done = gongkai("import", "applications", str(ledger), "--org", DEPT_CODE)
    assert done.returncode == 0, done.stderr
    assert "新增 0 条" in done.stdout and "未变化 4 条" in done.stdout
    cases = _write(tmp_path / "案件.csv", CASES)
    done = gongkai("import", "cases", str(cases), "--org", DEPT_CODE)
    assert done.returncode == 0, done.stderr
    assert "新增 2 条" in done.stdout

    out = tmp_path / "2024.xlsx"
    done = gongkai("export", "applications", "--org", DEPT_CODE, "--year", "2024", "--to", str(out))
    assert done.returncode == 0, done.stderr
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][-4:] == ("答复期限", "是否超期", "期限说明", "剩余工作日")
    assert sorted(r[0] for r in rows[1:]) == ["2024-0001", "2024-0002", "2024-0003"]
    first = next(r for r in rows if r[0] == "2024-0001")
    assert first[13].date().isoformat() == "2024-04-09"  # 20 + 5 consultation working days
    out_csv = tmp_path / "cases.csv"
    done = gongkai("export", "cases", "--org", DEPT_CODE, "--year", "2025", "--to", str(out_csv))
    assert done.returncode == 0, done.stderr
    case_rows = list(csv.reader(io.StringIO(out_csv.read_text(encoding="utf-8-sig"))))
    assert case_rows[1][:2] == ["诉-1", "行政诉讼（未经复议直接起诉）"]

    done = gongkai("report", "build", "--org", "某某县教育局", "--year", "2025", "--json")
    assert done.returncode == 0, done.stderr
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
    done = gongkai("report", "build", "--org", DEPT_CODE, "--year", "2024")
    assert done.returncode == 0, done.stderr
    assert "表三" in done.stdout and "表四" in done.stdout
    word = tmp_path / "年报.docx"
    done = gongkai(
        "report", "build", "--org", DEPT_CODE, "--year", "2025", "--to", "docx", "-o", str(word)
    )
    assert done.returncode == 0, done.stderr
    from gongkai.domain.parsers import read_report_bytes

    back = read_report_bytes(word.read_bytes(), word.name)
    assert (back.org, back.year) == ("某某县教育局", 2025)
    assert {k: back.get(k) for k in cells} == cells

    template = tmp_path / "模板.xlsx"
    done = gongkai("ledger", "template", "applications", "--to", str(template))
    assert done.returncode == 0, done.stderr
    header = next(load_workbook(template).worksheets[0].iter_rows(values_only=True))
    assert ",".join(header) == HEADER

    done = gongkai("daily", "--today", "2025-06-30")
    assert done.returncode == 0, done.stderr
    assert "视为放弃申请 1 件" in done.stdout  # 2024-0003 never sent its correction


def test_ledger_errors_exit_1_and_import_nothing(gongkai, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = LEDGER.replace("2024-12-20,邮寄,商业企业", "2024-12-20,邮寄,个体户").replace(
        "2025-02-03,网络,社会组织,某协会,补助资金,,,,,,无法提供-本机关不掌握相关政府信息,2025-02-20",
        "2025-02-03,网络,社会组织,某协会,补助资金,,,,,,予以公开,2025-01-20",
    )
    done = gongkai(
        "import", "applications", str(_write(tmp_path / "bad.csv", bad)), "--org", DEPT_CODE
    )
    assert done.returncode == 1
    assert "第 3 行，“申请人类型”列：" in done.stderr
    assert "第 5 行，“答复日期”列：" in done.stderr
    assert "Traceback" not in done.stderr
    done = gongkai("report", "build", "--org", DEPT_CODE, "--year", "2024", "--json")
    assert json.loads(done.stdout)["cells"]["s3.new_received.total"] == 0


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
    gongkai, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:  # type: ignore[no-untyped-def]
    _write(tmp_path / "x.csv", LEDGER)
    done = gongkai(*args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_unreadable_ledger_is_exit_2(gongkai, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "x.xlsx").write_bytes(b"not a workbook")
    done = gongkai("import", "applications", str(tmp_path / "x.xlsx"), "--org", DEPT_CODE)
    assert done.returncode == 2
    assert "无法读取 Excel 文件" in done.stderr
