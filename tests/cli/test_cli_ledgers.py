"""``gongkai import|export catalog`` (§3) and ``gongkai import|export matters`` (§4) through the
real app, in this process on the test database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from gongkai.domain.ledgers.table_io import read_table

Invoke = Callable[..., Result]

CODE = "11100000MB0000001T"  # 某某县人民政府's 统一社会信用代码: the prefix of its 索引号
CATALOG = "\n".join(
    [
        "索引号,标题,文号,信息类别,成文日期,发布日期,废止日期,公开属性,公开渠道",
        ",关于做好春耕工作的通知,宁政发〔2025〕1号,行政规范性文件,2025-02-10,2025-02-12,,主动公开,政府网站、公开栏",
        ",某某规章,,规章,2024-11-01,2024-11-20,2025-06-30,主动公开,政府网站",
        ",依申请公开的文件,宁政发〔2025〕2号,其他,2025-03-03,,,依申请公开,",
        ",前年的文件,宁政发〔2023〕9号,其他,2023-05-05,2023-05-08,2024-01-01,主动公开,公开栏",
    ]
)
DECISIONS = "\n".join(
    [
        "类别,事项名称,决定日期,数量",
        "行政许可,行政许可事项1,2019-01-07,1",
        "行政许可,行政许可事项2,2019-02-07,",
        "行政处罚,行政处罚事项1,2019-03-15,",
        "其他对外管理服务事项,农村低保审核,2019-01-31,236",
        "行政许可,行政许可事项1,2018-12-28,3",
    ]
)
MONEY = "\n".join(
    [
        "类别,项目名称,日期,金额（元）",
        "行政事业性收费,不动产登记费,2019-03-05,80",
        "行政事业性收费,不动产登记费,2019-13-01,80",
    ]
)


@pytest.fixture
def county(db: Any, cli: Invoke) -> str:
    done = cli("org", "add", "某某县人民政府", "--code", CODE)
    assert done.exit_code == 0, done.output
    return "某某县人民政府"


def _write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_import_and_export_catalog(county: str, cli: Invoke, tmp_path: Path) -> None:
    from gongkai.apps.catalog.models import CatalogItem

    good = _write(tmp_path / "目录.csv", CATALOG)
    done = cli("import", "catalog", good, "--org", county)
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "某某县人民政府：“目录.csv”共 4 行：新增 4 条（生成索引号 4 个），更新 0 条，未变化 0 条。"
    )
    assert CatalogItem.objects.get(title="某某规章").index_number == f"{CODE}/2024-00001"
    done = cli("import", "catalog", good, "--org", CODE)
    assert "新增 0 条" in done.stdout and "未变化 4 条" in done.stdout

    bad = _write(
        tmp_path / "bad.csv", CATALOG.replace(",主动公开,政府网站、公开栏", ",公开,政府网站")
    )
    done = cli("import", "catalog", bad, "--org", county)
    assert done.exit_code == 1, done.output
    assert "第 2 行" in done.stderr and "公开属性" in done.stderr
    assert CatalogItem.objects.count() == 4

    out = tmp_path / "out.xlsx"
    done = cli("export", "catalog", "--org", CODE, "--year", "2025", "--to", out)
    assert done.exit_code == 0, done.output
    assert done.stderr.strip() == f"已写入 {out}"
    titles = {row.values["标题"] for row in read_table(out.read_bytes(), out.name).rows}
    assert titles == {"关于做好春耕工作的通知", "某某规章", "依申请公开的文件"}

    done = cli("export", "catalog", "--org", CODE, "--year", "2025", "--to", "x.pdf")
    assert done.exit_code == 2 and ".xlsx 或 .csv" in done.stderr
    done = cli("export", "catalog", "--org", CODE, "--year", "25", "--to", out)
    assert done.exit_code == 2 and "四位年份" in done.stderr


def test_import_and_export_matters(county: str, cli: Invoke, tmp_path: Path) -> None:
    from gongkai.apps.stats.models import Decision, MoneyRecord

    decisions = _write(tmp_path / "处理决定.csv", DECISIONS)
    done = cli("import", "matters", decisions, "--org", county)  # recognised by its header
    assert done.exit_code == 0, done.output
    assert "（处理决定台账）共 5 行：新增 5 条" in done.stdout
    done = cli("import", "matters", decisions, "--org", county, "--kind", "decisions")
    assert done.exit_code == 0 and "未变化 5 条" in done.stdout
    done = cli("import", "matters", decisions, "--org", county, "--kind", "matters")
    assert done.exit_code == 1, done.output
    assert Decision.objects.count() == 5

    money = _write(tmp_path / "收费.csv", MONEY)
    done = cli("import", "matters", money, "--org", county)
    assert done.exit_code == 1
    assert "第 3 行" in done.stderr and "未导入任何记录" in done.stderr
    assert not MoneyRecord.objects.exists()

    out = tmp_path / "导出.csv"
    export = ("export", "matters", "--org", county, "--year", "2019", "--to", out)
    done = cli(*export, "--kind", "decisions")
    assert done.exit_code == 0, done.output
    rows = read_table(out.read_bytes(), out.name).rows
    assert len(rows) == 4  # the decision of 2018 is not in the 2019 ledger
    done = cli(*export)  # --kind is required
    assert done.exit_code == 2 and "--kind" in done.output
