"""Ledgers of ledger-formats.md §3 and §4: checking, round trips, templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from gongkai.domain.ledgers.catalog import (
    CATALOG_COLUMNS,
    CatalogRow,
    catalog_export_row,
    parse_catalog_ledger,
)
from gongkai.domain.ledgers.matters import (
    DECISION_COLUMNS,
    MATTER_COLUMNS,
    MONEY_COLUMNS,
    DecisionRow,
    MatterRow,
    MoneyRow,
    decision_export_row,
    matter_export_row,
    money_export_row,
    parse_amount,
    parse_decision_ledger,
    parse_matter_ledger,
    parse_money_ledger,
)
from gongkai.domain.ledgers.table_io import LedgerTable, read_table, write_csv, write_xlsx
from gongkai.domain.ledgers.templates_records import (
    catalog_template_csv,
    catalog_template_xlsx,
    decision_template_csv,
    decision_template_xlsx,
    matter_template_csv,
    matter_template_xlsx,
    money_template_csv,
    money_template_xlsx,
)
from gongkai.domain.stats.table2 import DocumentFacts, MatterFacts, MoneyFacts

CODE = "11640521MB1234567X"


def csv_table(rows: Sequence[Sequence[object]]) -> LedgerTable:
    text = "\n".join(",".join(str(v) for v in row) for row in rows)
    return read_table(text.encode("utf-8"), "ledger.csv")


def errors_of(result: Any) -> list[str]:
    return [str(e) for e in result.errors]


# ---------------------------------------------------------------------------------------------
# Catalog (§3)
# ---------------------------------------------------------------------------------------------

CATALOG_ROWS = [
    CatalogRow(
        f"{CODE}/2019-00001",
        "关于印发工作方案的通知",
        "徐政发〔2019〕1号",
        "normative",
        date(2019, 1, 2),
        date(2019, 1, 5),
        date(2020, 6, 30),
        "主动公开",
        ("政府网站", "公开栏"),
    ),
    CatalogRow(None, "某规章", None, "regulation", date(2019, 3, 1), None, None, "依申请公开", ()),
    CatalogRow(None, "内部事项", None, "other", date(2019, 3, 1), None, None, "不予公开", ()),
    CatalogRow(
        f"{CODE}/2019-00002",
        "=公式样的标题",
        None,
        "other",
        date(2019, 4, 1),
        date(2019, 4, 1),
        None,
        "主动公开",
        ("政务新媒体",),
    ),
]


def _strip_numbers(rows: Sequence[Any]) -> list[Any]:
    return [type(r)(**{**r.__dict__, "row_number": 0}) for r in rows]


@pytest.mark.parametrize("writer", ["xlsx", "csv"])
def test_catalog_round_trip(writer: str) -> None:
    out = [catalog_export_row(r) for r in CATALOG_ROWS]
    data = (
        write_xlsx(CATALOG_COLUMNS, out, sheet_title="t")
        if writer == "xlsx"
        else write_csv(CATALOG_COLUMNS, out)
    )
    result = parse_catalog_ledger(read_table(data, f"catalog.{writer}"))
    assert result.ok, errors_of(result)
    assert _strip_numbers(result.rows) == CATALOG_ROWS
    assert [r.row_number for r in result.rows] == [2, 3, 4, 5]
    assert result.rows[0].facts() == DocumentFacts(
        "normative", date(2019, 1, 2), date(2019, 1, 5), date(2020, 6, 30), "主动公开"
    )
    assert result.rows[1].index_year == 2019


def test_catalog_accepts_variants() -> None:
    table = csv_table(
        [
            ["标题", "信息类别", "成文日期", "公开属性", "索引号", "公开渠道", "备注"],
            [
                "甲",
                "规范性文件",
                "2019/3/1",
                "主动公开",
                f"{CODE.lower()}／2019-7",
                "政府网站，公开栏",
                "x",
            ],
            ["乙", " 规 章 ", "2019年3月1日", "依申请公开", "", "", ""],
        ]
    )
    result = parse_catalog_ledger(table)
    assert result.ok, errors_of(result)
    first, second = result.rows
    assert first.index_number == f"{CODE}/2019-00007"
    assert first.category == "normative"
    assert first.channels == ("政府网站", "公开栏")
    assert second.category == "regulation" and second.index_number is None
    assert any("备注" in w for w in result.warnings)


def test_catalog_bad_rows_report_every_error() -> None:
    table = csv_table(
        [
            list(CATALOG_COLUMNS),
            [f"{CODE}/2019-00001", "好", "", "其他", "2019-01-01", "", "", "主动公开", ""],
            ["XT-19", "", "", "法律", "2019-02-30", "2018-01-01", "", "半公开", "微博、政府网站"],
            [f"{CODE}/2019-1", "重复", "", "其他", "2019-01-01", "", "", "主动公开", ""],
            ["", "无号", "", "其他", "2019-01-01", "", "", "不予公开", ""],
            ["", "无号", "", "其他", "2019-01-01", "", "", "依申请公开", ""],
            [
                "",
                "不予",
                "",
                "其他",
                "2019-01-01",
                "2019-01-01",
                "2018-12-31",
                "不予公开",
                "公开栏",
            ],
        ]
    )
    result = parse_catalog_ledger(table)
    assert not result.ok
    assert result.rows == []
    errors = errors_of(result)
    expected = [
        "第 3 行，“索引号”列：无法识别的索引号“XT-19”",
        "第 3 行，“标题”列：必填，不能为空",
        "第 3 行，“信息类别”列：“法律”不是可选值",
        "第 3 行，“成文日期”列：“2019-02-30”不是有效日期",
        "第 3 行，“公开属性”列：“半公开”不是可选值",
        "第 3 行，“公开渠道”列：“微博”不是可选渠道",
        f"第 4 行，“索引号”列：索引号“{CODE}/2019-00001”与第 2 行重复",
        "第 6 行，“标题”列：标题“无号”（成文日期 2019-01-01）与第 5 行重复",
        "第 7 行，“废止日期”列：2018-12-31 早于成文日期 2019-01-01",
        "第 7 行，“发布日期”列：公开属性为不予公开的信息不应有发布日期",
        "第 7 行，“公开渠道”列：公开属性为不予公开的信息不应有公开渠道",
    ]
    assert len(errors) == len(expected), errors
    for message, prefix in zip(errors, expected, strict=True):
        assert message.startswith(prefix), (message, prefix)


def test_catalog_missing_required_column() -> None:
    result = parse_catalog_ledger(csv_table([["索引号", "标题"], ["", "甲"]]))
    assert errors_of(result) == [
        "第 1 行，“信息类别”列：表头缺少此必填列",
        "第 1 行，“成文日期”列：表头缺少此必填列",
        "第 1 行，“公开属性”列：表头缺少此必填列",
    ]


# ---------------------------------------------------------------------------------------------
# §4: decisions, matter lists, fees and procurement
# ---------------------------------------------------------------------------------------------

DECISION_ROWS = [
    DecisionRow("licensing", "乡村建设规划许可", date(2019, 5, 6)),
    DecisionRow("licensing", "乡村建设规划许可", date(2019, 5, 6)),  # a second decision
    DecisionRow("other_services", "低保审核", date(2019, 3, 31), 236),
    DecisionRow("penalty", "违法建设处罚", date(2019, 7, 1)),
    DecisionRow("compulsion", "查封", date(2019, 8, 1), 2),
]
MATTER_ROWS = [
    MatterRow("licensing", "乡村建设规划许可", date(2016, 1, 1)),
    MatterRow("licensing", "乡村建设规划许可", date(2020, 1, 1)),  # re-listed
    MatterRow("fees", "某收费", date(2016, 1, 1), date(2019, 12, 31)),
]
MONEY_ROWS = [
    MoneyRow("fees", "某收费", date(2019, 5, 5), Decimal("120.50")),
    MoneyRow("fees", "某收费", date(2019, 5, 5), Decimal("120.50")),  # two payments
    MoneyRow("procurement", "办公设备", date(2019, 6, 1), Decimal("251000")),
]

Case = tuple[Sequence[str], Sequence[Any], Callable[[Any], dict[str, object]], Callable[..., Any]]
CASES: dict[str, Case] = {
    "decisions": (DECISION_COLUMNS, DECISION_ROWS, decision_export_row, parse_decision_ledger),
    "matters": (MATTER_COLUMNS, MATTER_ROWS, matter_export_row, parse_matter_ledger),
    "money": (MONEY_COLUMNS, MONEY_ROWS, money_export_row, parse_money_ledger),
}


@pytest.mark.parametrize("writer", ["xlsx", "csv"])
@pytest.mark.parametrize("ledger", list(CASES))
def test_section_4_round_trip(ledger: str, writer: str) -> None:
    columns, rows, export, parse = CASES[ledger]
    out = [export(r) for r in rows]
    data = (
        write_xlsx(columns, out, sheet_title="t") if writer == "xlsx" else write_csv(columns, out)
    )
    result = parse(read_table(data, f"{ledger}.{writer}"))
    assert result.ok, errors_of(result)
    assert _strip_numbers(result.rows) == rows
    assert [r.facts() for r in result.rows] == [r.facts() for r in rows]


def test_facts_of_section_4_rows() -> None:
    assert MATTER_ROWS[2].facts() == MatterFacts("fees", date(2016, 1, 1), date(2019, 12, 31))
    assert MONEY_ROWS[2].facts() == MoneyFacts("procurement", date(2019, 6, 1), Decimal(251000))
    assert DECISION_ROWS[2].facts().count == 236


def test_decision_bad_row_reports_every_error() -> None:
    table = csv_table(
        [
            list(DECISION_COLUMNS),
            ["行政许可", "甲", "2019-01-01", ""],
            ["行政确认", "", "2019-13-01", "0"],
            ["行政处罚", "乙", "", "1.5"],
        ]
    )
    result = parse_decision_ledger(table)
    assert result.rows == []
    errors = errors_of(result)
    assert [e.split("：")[0] for e in errors] == [
        "第 3 行，“类别”列",
        "第 3 行，“事项名称”列",
        "第 3 行，“决定日期”列",
        "第 3 行，“数量”列",
        "第 4 行，“决定日期”列",
        "第 4 行，“数量”列",
    ]


def test_matter_bad_rows_and_duplicates() -> None:
    table = csv_table(
        [
            list(MATTER_COLUMNS),
            ["行政许可", "甲", "2019-01-01", ""],
            ["行政许可", "甲", "2019-01-01", ""],
            ["行政事业性收费", "乙", "2019-01-01", "2018-01-01"],
        ]
    )
    assert errors_of(parse_matter_ledger(table)) == [
        "第 3 行，“事项名称”列：行政许可事项“甲”（生效日期 2019-01-01）与第 2 行重复",
        "第 4 行，“取消日期”列：2018-01-01 早于生效日期 2019-01-01",
    ]


def test_money_bad_rows_and_duplicates() -> None:
    table = csv_table(
        [
            list(MONEY_COLUMNS),
            ["政府集中采购", "设备", "2019-01-01", "1000"],
            ["政府集中采购", "设备", "2019-01-01", "1000"],
            ["行政事业性收费", "证照", "2019-01-01", "-1"],
            ["行政事业性收费", "证照", "2019-01-01", "1.234"],
            ["行政事业性收费", "证照", "2019-01-01", ""],
            ["收费", "证照", "2019-01-01", "abc"],
        ]
    )
    errors = errors_of(parse_money_ledger(table))
    assert [e.split("：")[0] for e in errors] == [
        "第 3 行，“项目名称”列",
        "第 4 行，“金额（元）”列",
        "第 5 行，“金额（元）”列",
        "第 6 行，“金额（元）”列",
        "第 7 行，“类别”列",
        "第 7 行，“金额（元）”列",
    ]
    assert "重复" in errors[0]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,234.5", Decimal("1234.50")),
        ("251000元", Decimal("251000")),
        (" 0 ", Decimal("0")),
        (160596.4, Decimal("160596.40")),
        (12, Decimal("12")),
        ("１２", Decimal("12")),
    ],
)
def test_parse_amount(raw: Any, value: Decimal) -> None:
    assert parse_amount(raw) == (value, None)


# ---------------------------------------------------------------------------------------------
# Templates: their example row is skipped on import
# ---------------------------------------------------------------------------------------------

TEMPLATES: list[tuple[Callable[[], bytes], Callable[[], bytes], Callable[..., Any]]] = [
    (catalog_template_xlsx, catalog_template_csv, parse_catalog_ledger),
    (decision_template_xlsx, decision_template_csv, parse_decision_ledger),
    (matter_template_xlsx, matter_template_csv, parse_matter_ledger),
    (money_template_xlsx, money_template_csv, parse_money_ledger),
]


@pytest.mark.parametrize(("xlsx", "csv", "parse"), TEMPLATES)
def test_template_example_row_is_skipped(
    xlsx: Callable[[], bytes], csv: Callable[[], bytes], parse: Callable[..., Any]
) -> None:
    for data, name in ((xlsx(), "t.xlsx"), (csv(), "t.csv")):
        table = read_table(data, name)
        assert len(table.rows) == 1
        result = parse(table)
        assert result.ok, errors_of(result)
        assert result.rows == []
        assert any("模板示例行" in w for w in result.warnings)
        # the example row is valid once its marker is removed
        values = dict(table.rows[0].values)
        for column, value in values.items():
            if isinstance(value, str) and value.startswith("示例-"):
                values[column] = value.removeprefix("示例-")
        headers = list(table.headers)
        again = parse(read_table(write_csv(headers, [values]), "again.csv"))
        assert again.ok, errors_of(again)
        assert len(again.rows) == 1
