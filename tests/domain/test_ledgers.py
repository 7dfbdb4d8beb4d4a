"""Ledgers (ledger-formats.md §1–2): reading, checking, writing, templates."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from gongkai.domain.applications.counting import CaseKind, CaseResult
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType
from gongkai.domain.ledgers import table_io
from gongkai.domain.ledgers.applications import (
    APPLICATION_COLUMNS,
    CHANNELS,
    EXPORT_EXTRA_COLUMNS,
    ApplicationRow,
    application_export_row,
    parse_application_ledger,
)
from gongkai.domain.ledgers.cases import (
    CASE_COLUMNS,
    CaseRow,
    case_export_row,
    parse_case_ledger,
)
from gongkai.domain.ledgers.result import LedgerError
from gongkai.domain.ledgers.table_io import LedgerFileError, read_table, write_csv, write_xlsx
from gongkai.domain.ledgers.templates import (
    application_template_csv,
    application_template_xlsx,
    case_template_csv,
    case_template_xlsx,
)
from gongkai.domain.ledgers.values import parse_date, parse_int_range

HEADERS = list(APPLICATION_COLUMNS)
GOOD = ["A-001", "2024-03-04", "网络", "自然人", "张三", "某文件", "", "", "", "", "", "", ""]


def xlsx(rows: Sequence[Sequence[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8") -> bytes:
    return "\n".join(",".join(str(v) for v in row) for row in rows).encode(encoding)


def sample_rows() -> list[ApplicationRow]:
    rows = []
    types = list(ApplicantType)
    for i, outcome in enumerate((*OUTCOME_KEYS, None, None)):
        received = date(2024, 1 + i % 12, 1 + i)
        rows.append(
            ApplicationRow(
                number=f"2024-{i:04d}",
                received_on=received,
                channel=CHANNELS[i % len(CHANNELS)],
                applicant_type=types[i % len(types)],
                applicant=["张三", "某某律师事务所", "=HYPERLINK(1)", "-李四", "王, “五”"][i % 5],
                content="第一行\n第二行" if i == 3 else f"申请内容 {i}",
                correction_sent=date(2024, 1 + i % 12, 2 + i) if i % 3 == 0 else None,
                correction_received=date(2024, 1 + i % 12, 3 + i) if i % 6 == 0 else None,
                consultation_sent=date(2024, 1 + i % 12, 4 + i) if i % 4 == 0 else None,
                consultation_answered=date(2024, 1 + i % 12, 5 + i) if i % 8 == 0 else None,
                extension_days=(i % 20) + 1 if i % 5 == 0 else None,
                outcome=outcome,
                replied_on=date(2024, 12, 20) if outcome else None,
                row_number=i + 2,
            )
        )
    return rows


def export(rows: list[ApplicationRow]) -> list[dict[str, object]]:
    return [
        application_export_row(
            r,
            due=date(2024, 12, 31),
            overdue=False,
            trace="收到申请 … 答复期限 2024-12-31",
            remaining=None if r.outcome else 3,
        )
        for r in rows
    ]


# ---------------------------------------------------------------------------------------------
# Round trips
# ---------------------------------------------------------------------------------------------


def test_xlsx_round_trip() -> None:
    rows = sample_rows()
    data = write_xlsx(
        [*APPLICATION_COLUMNS, *EXPORT_EXTRA_COLUMNS],
        export(rows),
        sheet_title="依申请公开登记台账",
    )
    table = read_table(data, "台账.xlsx")
    assert table.headers == [*APPLICATION_COLUMNS, *EXPORT_EXTRA_COLUMNS]
    assert table.rows[0].values["收到申请日期"] == rows[0].received_on  # a real date cell
    result = parse_application_ledger(table)
    assert result.errors == []
    assert result.warnings == []  # the export's computed columns are not "unknown"
    assert result.rows == rows


def test_csv_round_trip_with_bom_and_formula_like_text() -> None:
    rows = sample_rows()
    data = write_csv([*APPLICATION_COLUMNS, *EXPORT_EXTRA_COLUMNS], export(rows))
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # Excel does not run it as a formula
    assert "2024-01-01" in text
    result = parse_application_ledger(read_table(data, "台账.csv"))
    assert result.errors == []
    assert result.rows == rows


def test_export_writes_labels_and_the_deadline_columns() -> None:
    row = sample_rows()[3]  # outcome OUTCOME_KEYS[3] = denied.law_forbidden
    exported = application_export_row(
        row, due=date(2024, 5, 6), overdue=True, trace="说明", remaining=-2
    )
    assert list(exported) == [*APPLICATION_COLUMNS, *EXPORT_EXTRA_COLUMNS]
    assert exported["申请人类型"] == row.applicant_type.label
    assert exported["办理结果"] == "不予公开-2.其他法律行政法规禁止公开"
    assert exported["答复期限"] == date(2024, 5, 6)
    assert exported["是否超期"] == "是"
    assert exported["剩余工作日"] == -2


def test_case_ledger_round_trip() -> None:
    rows = [
        CaseRow("F-1", CaseKind.RECONSIDERATION, "A-001", date(2024, 2, 1), CaseResult.UPHELD,
                date(2024, 3, 1), 2),
        CaseRow("F-2", CaseKind.LITIGATION_DIRECT, None, date(2024, 4, 1), None, None, 3),
        CaseRow("F-3", CaseKind.LITIGATION_AFTER_RECONSIDERATION, "A-002", date(2024, 5, 1),
                CaseResult.OTHER, date(2025, 1, 3), 4),
    ]  # fmt: skip
    exported = [case_export_row(r) for r in rows]
    assert exported[0]["类型"] == "行政复议" and exported[0]["结果"] == "维持"
    for data, name in (
        (write_xlsx(CASE_COLUMNS, exported, sheet_title="案件"), "cases.xlsx"),
        (write_csv(CASE_COLUMNS, exported), "cases.csv"),
    ):
        result = parse_case_ledger(read_table(data, name), {"A-001", "A-002"})
        assert result.errors == [] and result.rows == rows
        assert [r.facts().kind for r in result.rows] == [r.kind for r in rows]


# ---------------------------------------------------------------------------------------------
# Errors: all of them, with rows and columns; no rows returned
# ---------------------------------------------------------------------------------------------


def test_bad_rows_are_all_reported_and_no_row_is_returned() -> None:
    bad_type = [
        "A-002",
        "2024-03-05",
        "邮寄",
        "个体户",
        "李四",
        "某文件",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    early_reply = [
        "A-003", "2024-03-10", "当面", "商业企业", "某公司", "某文件",
        "", "", "", "", "", "予以公开", "2024-03-01",
    ]  # fmt: skip
    for data, name in (
        (xlsx([HEADERS, GOOD, bad_type, early_reply]), "bad.xlsx"),
        (csv_bytes([HEADERS, GOOD, bad_type, early_reply]), "bad.csv"),
    ):
        result = parse_application_ledger(read_table(data, name))
        assert result.rows == []
        assert [(e.row, e.column) for e in result.errors] == [(3, "申请人类型"), (4, "答复日期")]
        messages = [str(e) for e in result.errors]
        assert messages[0].startswith("第 3 行，“申请人类型”列：无法识别的申请人类型“个体户”")
        assert messages[1] == "第 4 行，“答复日期”列：2024-03-01 早于收到申请日期 2024-03-10"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"申请编号": ""}, [("申请编号", "必填")]),
        ({"收到申请日期": "2024-02-30"}, [("收到申请日期", "不存在")]),
        ({"收到申请日期": "三月五日"}, [("收到申请日期", "不是日期")]),
        ({"申请方式": "微信"}, [("申请方式", "当面 / 邮寄")]),
        ({"申请人": "", "申请内容": ""}, [("申请人", "必填"), ("申请内容", "必填")]),
        ({"补正告知日期": "2024-03-01"}, [("补正告知日期", "早于收到申请日期")]),
        (
            {"补正告知日期": "2024-03-10", "补正收到日期": "2024-03-08"},
            [("补正收到日期", "早于补正告知日期")],
        ),
        ({"补正收到日期": "2024-03-08"}, [("补正收到日期", "应同时填写补正告知日期")]),
        (
            {"征求意见日期": "2024-03-10", "征求意见回复日期": "2024-03-09"},
            [("征求意见回复日期", "早于征求意见日期")],
        ),
        ({"延期工作日": "21"}, [("延期工作日", "1 到 20")]),
        ({"延期工作日": "0"}, [("延期工作日", "超出范围")]),
        ({"延期工作日": "2.5"}, [("延期工作日", "不是整数")]),
        (
            {"办理结果": "同意", "答复日期": "2024-03-20"},
            [("办理结果", "无法识别的办理结果")],
        ),
        (
            {"办理结果": "不予公开", "答复日期": "2024-03-20"},
            [("办理结果", "不完整")],
        ),
        ({"办理结果": "同意"}, [("办理结果", "无法识别"), ("答复日期", "必填")]),
        ({"办理结果": "予以公开"}, [("答复日期", "必填")]),
        ({"答复日期": "2024-03-20"}, [("办理结果", "应同时填写办理结果")]),
    ],
)
def test_each_rule_names_its_column(
    changes: dict[str, str], expected: list[tuple[str, str]]
) -> None:
    row = dict(zip(HEADERS, GOOD, strict=True)) | changes
    result = parse_application_ledger(
        read_table(csv_bytes([HEADERS, [row[h] for h in HEADERS]]), "x.csv")
    )
    assert result.rows == []
    assert [(e.row, e.column) for e in result.errors] == [(2, c) for c, _ in expected]
    for error, (_, fragment) in zip(result.errors, expected, strict=True):
        assert fragment in error.message


def test_a_good_row_with_every_optional_value() -> None:
    row = [
        "A-009", "2024/3/4", " 网络 ", "社会组织", "某协会", "某文件", "2024.3.6", "2024年3月8日",
        "2024-03-11", "2024-03-20", "10", "（三）不予公开-4.保护第三方合法权益", "2024-04-30",
    ]  # fmt: skip
    result = parse_application_ledger(read_table(csv_bytes([HEADERS, row]), "x.csv"))
    assert result.errors == []
    (parsed,) = result.rows
    assert parsed.received_on == date(2024, 3, 4)
    assert parsed.channel == "网络"
    assert parsed.applicant_type is ApplicantType.PUBLIC_WELFARE
    assert parsed.correction_sent == date(2024, 3, 6)
    assert parsed.correction_received == date(2024, 3, 8)
    assert parsed.extension_days == 10
    assert parsed.outcome == "denied.third_party"
    assert parsed.facts().concluded_on == date(2024, 4, 30)


def test_duplicate_numbers_are_errors_naming_the_first_row() -> None:
    other = ["A-001", *GOOD[1:]]
    result = parse_application_ledger(read_table(csv_bytes([HEADERS, GOOD, GOOD, other]), "d.csv"))
    assert result.rows == []
    assert [str(e) for e in result.errors] == [
        "第 3 行，“申请编号”列：申请编号“A-001”与第 2 行重复",
        "第 4 行，“申请编号”列：申请编号“A-001”与第 2 行重复",
    ]


def test_an_outcome_and_its_reply_date_go_together() -> None:
    """One rule for both ledgers (办理结果/答复日期, 结果/结案日期): a blank date with a result is
    missing; a date that cannot be read is reported once, as such, not also as missing."""
    outcome, replied = HEADERS.index("办理结果"), HEADERS.index("答复日期")

    def row(number: str, result: object, reply: object) -> list[object]:
        values: list[object] = [number, *GOOD[1:]]
        values[outcome], values[replied] = result, reply
        return values

    rows = [
        HEADERS,
        row("A-1", "予以公开", None),
        row("A-2", "予以公开", 0),
        row("A-3", None, "2024-03-20"),
    ]
    result = parse_application_ledger(read_table(xlsx(rows), "t.xlsx"))
    assert [str(e) for e in result.errors] == [
        "第 2 行，“答复日期”列：已填写办理结果，答复日期必填",
        "第 3 行，“答复日期”列：“0”不是日期：应为 YYYY-MM-DD 格式的日期，如 2024-03-15",
        "第 4 行，“办理结果”列：已填写答复日期，应同时填写办理结果（未办结的申请两者都留空）",
    ]
    cases = [
        list(CASE_COLUMNS),
        ["F-1", "行政复议", "", "2024-02-01", "维持", None],
        ["F-2", "行政复议", "", "2024-02-01", "维持", 0],
    ]
    result = parse_case_ledger(read_table(xlsx(cases), "c.xlsx"))
    assert [str(e) for e in result.errors] == [
        "第 2 行，“结案日期”列：已填写结果，结案日期必填",
        "第 3 行，“结案日期”列：“0”不是日期：应为 YYYY-MM-DD 格式的日期，如 2024-03-15",
    ]


def test_missing_required_column_and_unknown_columns() -> None:
    headers = [h for h in HEADERS if h != "申请人类型"] + ["备注"]
    row = [v for h, v in zip(HEADERS, GOOD, strict=True) if h != "申请人类型"] + ["随便"]
    result = parse_application_ledger(read_table(csv_bytes([headers, row]), "m.csv"))
    assert [str(e) for e in result.errors] == ["第 1 行，“申请人类型”列：表头缺少此必填列"]
    assert result.rows == []
    assert "未知的列“备注”已忽略" in result.warnings


def test_optional_columns_may_be_absent_and_columns_in_any_order() -> None:
    headers = ["申请内容", "申请人", "申请人类型", "申请方式", "收到申请日期", "申请编号", "说明"]
    row = ["某文件", "张三", "法律服务机构", "传真", "2024-03-04", "B-1", "x"]
    result = parse_application_ledger(read_table(xlsx([headers, row]), "o.xlsx"))
    assert result.errors == []
    assert result.rows[0].applicant_type is ApplicantType.LEGAL_SERVICE
    assert result.rows[0].outcome is None
    assert "未知的列“说明”已忽略" in result.warnings
    assert "文件中没有“办理结果”列，按空白处理" in result.warnings


def test_case_ledger_rules() -> None:
    headers = list(CASE_COLUMNS)
    rows = [
        headers,
        ["F-1", "行政复议", "A-001", "2024-02-01", "维持", "2024-03-01"],
        ["F-2", "行政诉讼", "A-404", "2024-02-01", "", ""],
        ["F-3", "复议后起诉", "", "2024-02-01", "驳回", "2024-01-01"],
        ["F-4", "直接起诉", "", "", "纠正", ""],
        ["F-1", "行政复议", "", "2024-02-01", "", "2024-03-01"],
    ]
    result = parse_case_ledger(read_table(csv_bytes(rows), "c.csv"), {"A-001"})
    assert result.rows == []
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "类型"),
        (3, "关联申请编号"),
        (4, "结果"),
        (4, "结案日期"),
        (5, "立案日期"),
        (5, "结案日期"),
        (6, "结果"),
        (6, "案件编号"),
    ]
    assert "应为 行政复议 / 行政诉讼（未经复议直接起诉） / 行政诉讼（复议后起诉）" in str(
        result.errors[0]
    )
    # without a set of known numbers, 关联申请编号 is not checked
    ok = parse_case_ledger(read_table(csv_bytes(rows[:2] + [rows[2]]), "c.csv"))
    assert [(e.row, e.column) for e in ok.errors] == [(3, "类型")]


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def test_excel_date_cells_numbers_and_header_below_blank_rows() -> None:
    row: list[object] = [
        2024001, datetime(2024, 3, 4), "网络", "自然人", "张三", "某文件",
        datetime(2024, 3, 5, 0, 0), "2024/3/7", 45364, None, 5.0, "予以公开",
        date(2024, 4, 1),
    ]  # fmt: skip
    data = xlsx([[], [None, None], HEADERS, row, [None] * 3])
    table = read_table(data, "dates.xlsx")
    assert table.header_row == 3
    assert [r.number for r in table.rows] == [4]
    result = parse_application_ledger(table)
    assert result.errors == []
    (parsed,) = result.rows
    assert parsed.number == "2024001"
    assert parsed.received_on == date(2024, 3, 4)
    assert parsed.correction_sent == date(2024, 3, 5)
    assert parsed.correction_received == date(2024, 3, 7)
    assert parsed.consultation_sent == date(2024, 3, 13)  # a serial number that lost its format
    assert parsed.extension_days == 5
    assert parsed.replied_on == date(2024, 4, 1)
    assert parsed.row_number == 4


def test_gb18030_csv_is_read_with_a_warning() -> None:
    data = csv_bytes([HEADERS, GOOD], encoding="gb18030")
    table = read_table(data, "旧台账.csv")
    assert table.rows[0].values["申请人"] == "张三"
    assert any("GB18030" in w and "旧台账.csv" in w for w in table.warnings)
    result = parse_application_ledger(table)
    assert result.errors == [] and result.warnings == table.warnings


def test_utf8_csv_without_bom_and_with_bom() -> None:
    plain = csv_bytes([HEADERS, GOOD])
    assert read_table(plain, "a.csv").headers == HEADERS
    assert read_table("\ufeff".encode() + plain, "a.csv").headers == HEADERS
    assert read_table(plain, "a.csv").warnings == []


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"", "a.xlsx", "是空的"),
        (b"this is not a zip file", "a.xlsx", "文件已损坏或不是 .xlsx 格式"),
        (b"PK\x03\x04broken", "a.xlsx", "文件已损坏"),
        (b"\xd0\xcf\x11\xe0", "old.xls", "另存为 .xlsx"),
        (b"abc", "notes.txt", "不支持的文件类型"),
        (b"\x00\x01\x02", "a.csv", "不是文本格式"),
        (b"\n\n ,, \n", "a.csv", "没有表头行"),
        (",".join(HEADERS).encode(), "a.csv", "没有数据行"),
        (",".join(["申请编号", "申请编号"]).encode() + b"\n1,2", "a.csv", "不止一次"),
    ],
)
def test_bad_files(data: bytes, name: str, fragment: str) -> None:
    with pytest.raises(LedgerFileError, match=fragment) as info:
        read_table(data, name)
    assert name in str(info.value)


def test_truncated_xlsx_is_a_file_error() -> None:
    data = xlsx([HEADERS, GOOD])
    with pytest.raises(LedgerFileError, match="t.xlsx"):
        read_table(data[: len(data) // 2], "t.xlsx")


def test_too_many_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    assert table_io.MAX_ROWS == 200_000
    monkeypatch.setattr(table_io, "MAX_ROWS", 3)
    assert len(read_table(csv_bytes([HEADERS, GOOD, GOOD, GOOD]), "ok.csv").rows) == 3
    with pytest.raises(LedgerFileError, match="超过 3 行"):
        read_table(csv_bytes([HEADERS, GOOD, GOOD, GOOD, GOOD]), "big.csv")
    with pytest.raises(LedgerFileError, match="超过 3 行"):
        read_table(xlsx([HEADERS, GOOD, GOOD, GOOD, GOOD]), "big.xlsx")


def test_written_xlsx_has_bold_frozen_header_widths_and_dropdowns() -> None:
    data = application_template_xlsx()
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    assert sheet.title == "依申请公开登记台账"
    assert [c.value for c in sheet[1]] == HEADERS
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width > sheet.column_dimensions["C"].width
    assert sheet.cell(row=2, column=2).is_date
    options = workbook["选项"]
    assert options.sheet_state == "hidden"
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        ref = validation.formula1.split("!")[1].replace("$", "")
        lists[sheet.cell(row=1, column=ord(column) - 64).value] = [
            c.value for row in options[ref] for c in row
        ]
    assert lists["申请方式"] == list(CHANNELS)
    assert lists["申请人类型"] == [t.label for t in ApplicantType]
    assert len(lists["办理结果"]) == len(OUTCOME_KEYS)
    assert "不予公开-4.保护第三方合法权益" in lists["办理结果"]


def test_templates_example_rows_are_valid_but_never_imported() -> None:
    for data, name in (
        (application_template_xlsx(), "t.xlsx"),
        (application_template_csv(), "t.csv"),
    ):
        result = parse_application_ledger(read_table(data, name))
        assert result.errors == [] and result.rows == []
        assert result.warnings == ["第 2 行是模板示例行（示例-2024-0001），已跳过"]
    # The same values under a real number are a valid row.
    real = application_template_csv().decode("utf-8-sig").replace("示例-", "")
    result = parse_application_ledger(read_table(real.encode(), "t.csv"))
    assert result.errors == [] and result.warnings == [] and len(result.rows) == 1
    for data, name in ((case_template_xlsx(), "c.xlsx"), (case_template_csv(), "c.csv")):
        table = read_table(data, name)
        assert table.headers == list(CASE_COLUMNS)
        cases = parse_case_ledger(table)
        assert cases.errors == [] and cases.rows == [] and len(cases.warnings) == 1
    real_case = case_template_csv().decode("utf-8-sig").replace("示例-", "")
    cases = parse_case_ledger(read_table(real_case.encode(), "c.csv"))
    assert cases.errors == [] and len(cases.rows) == 1


def test_ledger_error_text() -> None:
    assert (
        str(LedgerError(5, "申请人类型", "必填，不能为空"))
        == "第 5 行，“申请人类型”列：必填，不能为空"
    )
    assert str(LedgerError(7, "", "整行有误")) == "第 7 行：整行有误"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024/3/5", date(2024, 3, 5)),
        ("2024.3.5", date(2024, 3, 5)),
        ("2024年3月5日", date(2024, 3, 5)),
        ("２０２４－０３－０５", date(2024, 3, 5)),
        ("2024-03-05 00:00:00", date(2024, 3, 5)),
        ("20240305", date(2024, 3, 5)),
        (datetime(2024, 3, 5, 9, 30), date(2024, 3, 5)),
        (date(2024, 3, 5), date(2024, 3, 5)),
        (45356, date(2024, 3, 5)),
        (None, None),
        ("  ", None),
    ],
)
def test_parse_date(raw: table_io.RawValue, expected: date | None) -> None:
    assert parse_date(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["2024-02-30", "3/5/2024", "昨天", 12, 3.5, True])
def test_parse_date_errors(raw: table_io.RawValue) -> None:
    value, problem = parse_date(raw)
    assert value is None and problem


def test_parse_int_range() -> None:
    assert parse_int_range("７", 1, 20) == (7, None)
    assert parse_int_range(20.0, 1, 20) == (20, None)
    assert parse_int_range(None, 1, 20) == (None, None)
    assert parse_int_range(21, 1, 20)[1] == "21 超出范围：应为 1 到 20 之间的整数"
    assert "不是整数" in (parse_int_range("五", 1, 20)[1] or "")


def test_values_under_a_nameless_column_are_ignored_with_a_warning() -> None:
    table = read_table(csv_bytes([[*HEADERS, ""], GOOD + ["孤立的值"]]), "n.csv")
    assert table.headers == HEADERS
    assert table.warnings == ["第 2 行起有内容位于没有列名的列中，已忽略"]


def test_a_nul_character_in_a_cell_refuses_the_file_naming_row_and_column() -> None:
    """Past the first 4 KB (which are checked for a binary file), a NUL in a cell was read and
    stored on SQLite, and a 500 on PostgreSQL (issue 9)."""
    filler = [[f"2025-{i:04d}", *GOOD[1:]] for i in range(120)]
    bad = ["2025-9999", *GOOD[1:]]
    bad[HEADERS.index("申请人")] = "张\x00三"
    data = csv_bytes([HEADERS, *filler, bad])
    assert b"\x00" not in data[:4096]
    with pytest.raises(LedgerFileError) as caught:
        read_table(data, "台账.csv")
    assert str(caught.value) == (
        "文件“台账.csv”第 122 行“申请人”列含有空字符（NUL），未导入任何记录：请删除该字符后重新导入"
    )
