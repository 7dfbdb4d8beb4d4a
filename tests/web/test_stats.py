"""Matter lists, decisions and money (issue 4, items 2 and 4): ledgers and table 二.

The seed's 2019 table 二 (徐套乡人民政府) is rebuilt from imported ledgers written here, with
records around it that the year must not count (decisions of 2018, a matter cancelled before
2019, a matter added and one cancelled in 2019, a procurement project of 2018).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.apps.stats.ledgers import detect_kind, export_matters, import_matters  # noqa: E402
from gongkai.apps.stats.models import Decision, Matter, MoneyRecord  # noqa: E402
from gongkai.apps.stats.reporting import (  # noqa: E402
    build_full_tables,
    build_table2,
    table2_facts,
)
from gongkai.domain.ledgers.table_io import read_table, write_csv, write_xlsx
from gongkai.kernel.audit import entries_for
from gongkai.kernel.ledgers import LedgerImportError
from gongkai.kernel.models import AuditEntry
from gongkai.kernel.permissions import user_can

pytestmark = pytest.mark.django_db

DECISION_HEADERS = ("类别", "事项名称", "决定日期", "数量")
MATTER_HEADERS = ("类别", "事项名称", "生效日期", "取消日期")
MONEY_HEADERS = ("类别", "项目名称", "日期", "金额（元）")

SEED_2019_TABLE_2: dict[str, int | float] = {
    "s2.regulations.new_made": 0,
    "s2.regulations.new_published": 0,
    "s2.regulations.total_published": 0,
    "s2.normative_docs.new_made": 0,
    "s2.normative_docs.new_published": 0,
    "s2.normative_docs.total_published": 0,
    "s2.licensing.prev_items": 5,
    "s2.licensing.change": 0,
    "s2.licensing.decisions": 34,
    "s2.other_services.prev_items": 48,
    "s2.other_services.change": 0,
    "s2.other_services.decisions": 2833,
    "s2.penalty.prev_items": 12,
    "s2.penalty.change": 0,
    "s2.penalty.decisions": 12,
    "s2.compulsion.prev_items": 9,
    "s2.compulsion.change": 0,
    "s2.compulsion.decisions": 21,
    "s2.fees.prev_items": 1,
    "s2.fees.change": 0,
    "s2.procurement.projects": 0,
    "s2.procurement.amount_yuan": 0,
}


def _xlsx(headers: tuple[str, ...], rows: list[dict[str, object]]) -> bytes:
    return write_xlsx(headers, rows, sheet_title="台账")


def _rows(headers: tuple[str, ...], *values: tuple[object, ...]) -> list[dict[str, object]]:
    return [dict(zip(headers, v, strict=True)) for v in values]


def seed_matter_rows() -> list[dict[str, object]]:
    """徐套乡's lists: 5 / 48 / 12 / 9 / 1 at the end of 2018 and of 2019."""
    listed = date(2017, 3, 1)
    rows: list[tuple[object, ...]] = []
    for label, n in (
        ("行政许可", 5),
        ("其他对外管理服务事项", 48),
        ("行政处罚", 12),
        ("行政强制", 9),
        ("行政事业性收费", 1),
    ):
        rows += [(label, f"{label}事项{i + 1}", listed, None) for i in range(n)]
    # Cancelled before 2019: on no list the table counts.
    rows.append(("行政许可", "已取消的许可", date(2016, 1, 1), date(2018, 6, 30)))
    # 2019: one penalty matter cancelled, one added — the count stays 12 (change 0).
    rows[60] = ("行政处罚", "行政处罚事项8", listed, date(2019, 5, 1))
    rows.append(("行政处罚", "新增处罚事项", date(2019, 5, 1), None))
    return _rows(MATTER_HEADERS, *rows)


def seed_decision_rows() -> list[dict[str, object]]:
    """34 licensing decisions one by one; 2,833 other services counted per month; 12
    penalties; 21 compulsions in two counted rows; and decisions of 2018 the year ignores."""
    rows: list[tuple[object, ...]] = []
    for i in range(34):
        rows.append(
            ("行政许可", f"行政许可事项{i % 5 + 1}", date(2019, 1, 7) + timedelta(i * 9), 1)
        )
    monthly = [236] * 11 + [2833 - 236 * 11]
    for month, n in enumerate(monthly, start=1):
        last = date(2019, month % 12 + 1, 1) - timedelta(1) if month < 12 else date(2019, 12, 31)
        rows.append(("其他对外管理服务事项", "农村低保审核", last, n))
    for i in range(12):
        rows.append(("行政处罚", "行政处罚事项1", date(2019, i + 1, 15), None))
    rows.append(("行政强制", "行政强制事项1", date(2019, 6, 30), 10))
    rows.append(("行政强制", "行政强制事项1", date(2019, 12, 31), 11))
    rows.append(("行政许可", "行政许可事项1", date(2018, 12, 28), 3))
    return _rows(DECISION_HEADERS, *rows)


def seed_money_rows() -> list[dict[str, object]]:
    return _rows(
        MONEY_HEADERS,
        ("行政事业性收费", "不动产登记费", date(2019, 3, 5), 80),
        ("行政事业性收费", "不动产登记费", date(2019, 3, 5), 80),
        ("行政事业性收费", "不动产登记费", date(2019, 9, 9), "550.50"),
        ("政府集中采购", "办公设备采购", date(2018, 11, 2), "12000"),
    )


@pytest.fixture
def township(db: Any) -> Any:
    from gongkai.apps.orgs.services import create_body

    return create_body("徐套乡人民政府")


def _import_seed(body: Any) -> None:
    import_matters(body, _xlsx(MATTER_HEADERS, seed_matter_rows()), "事项清单.xlsx")
    import_matters(body, _xlsx(DECISION_HEADERS, seed_decision_rows()), "处理决定.xlsx")
    import_matters(body, write_csv(MONEY_HEADERS, seed_money_rows()), "收费.csv")


# =============================================================================================
# Table 二
# =============================================================================================


def test_seed_2019_table_2_from_imported_ledgers(township: Any) -> None:
    _import_seed(township)
    cells = build_table2(township, 2019)
    assert cells == SEED_2019_TABLE_2
    facts = table2_facts(township, 2019)
    # Decisions are summed in the database: one counted fact per category.
    assert sorted((d.category, d.count) for d in facts.decisions) == [
        ("compulsion", 21),
        ("licensing", 34),
        ("other_services", 2833),
        ("penalty", 12),
    ]
    assert facts.documents == () or facts.documents_read
    # 2018: the earlier decisions and the procurement project are counted there.
    cells_2018 = build_table2(township, 2018)
    assert cells_2018["s2.licensing.decisions"] == 3
    assert (cells_2018["s2.procurement.projects"], cells_2018["s2.procurement.amount_yuan"]) == (
        1,
        12000,
    )
    assert cells_2018["s2.licensing.prev_items"] == 6  # the cancelled one was listed in 2017
    assert cells_2018["s2.licensing.change"] == -1


def test_full_tables_carry_table_2_with_provenance_read(township: Any) -> None:
    _import_seed(township)
    report = build_full_tables(township, 2019)
    assert report.format == "2019"
    for key, value in SEED_2019_TABLE_2.items():
        assert report.get(key) == value
        assert report.provenance[key] == "read"
    # Tables 三/四 still come from build_report: no applications → zeros, read.
    s3 = [k for k in report.cells if k.startswith("s3.")]
    assert s3 and all(report.provenance[k] == "read" for k in s3)
    assert {report.get(k) for k in s3} == {0}


def test_a_2021_format_year(township: Any) -> None:
    ledger = _rows(
        DECISION_HEADERS,
        ("行政许可", "建设许可", date(2024, 3, 1), 4),
        ("行政处罚", "罚款", date(2024, 5, 1), None),
        ("其他对外管理服务事项", "低保审核", date(2024, 5, 1), 100),  # not in 2021's table
        ("行政强制", "查封", date(2023, 12, 31), 2),
    )
    import_matters(township, _xlsx(DECISION_HEADERS, ledger), "d.xlsx")
    money = _rows(
        MONEY_HEADERS,
        ("行政事业性收费", "登记费", date(2024, 1, 2), "12345.67"),
        ("行政事业性收费", "登记费", date(2024, 6, 2), "4.33"),
        ("政府集中采购", "车辆", date(2024, 6, 2), "300000"),
    )
    import_matters(township, _xlsx(MONEY_HEADERS, money), "m.xlsx")
    cells = build_table2(township, 2024)
    assert set(cells) >= {"s2.licensing.decisions", "s2.fees.amount_wan"}
    assert "s2.licensing.prev_items" not in cells
    assert cells["s2.licensing.decisions"] == 4
    assert cells["s2.penalty.decisions"] == 1
    assert cells["s2.compulsion.decisions"] == 0
    assert cells["s2.fees.amount_wan"] == 1.235  # 12,350.00 元 → 1.2350 万元
    report = build_full_tables(township, 2024)
    assert report.format == "2021" and report.get("s2.fees.amount_wan") == 1.235
    # The format can be forced: 2024's records in the 2019 form.
    assert build_table2(township, 2024, "2019")["s2.procurement.projects"] == 1


def test_one_record_change_changes_its_cell(township: Any) -> None:
    _import_seed(township)
    decision = Decision.objects.filter(body=township, category="penalty").first()
    assert decision is not None
    decision.count = 5
    decision.save()
    assert build_table2(township, 2019)["s2.penalty.decisions"] == 16


# =============================================================================================
# Import rules
# =============================================================================================


def test_kind_is_recognised_by_header() -> None:
    for headers, kind in (
        (DECISION_HEADERS, "decisions"),
        (MATTER_HEADERS, "matters"),
        (MONEY_HEADERS, "money"),
    ):
        row = [dict.fromkeys(headers, "x")]
        assert detect_kind(read_table(write_csv(headers, row), "x.csv")) == kind
        assert detect_kind(read_table(_xlsx(headers, row), "x.xlsx")) == kind
    with pytest.raises(LedgerImportError, match="无法识别台账类型"):
        detect_kind(read_table(write_csv(("甲", "乙"), [{"甲": 1, "乙": 2}]), "x.csv"))


def test_bad_row_writes_nothing(township: Any) -> None:
    rows = seed_decision_rows()
    rows[40]["数量"] = 0
    rows[41]["类别"] = "行政确认"
    with pytest.raises(LedgerImportError) as info:
        import_matters(township, _xlsx(DECISION_HEADERS, rows), "bad.xlsx")
    assert len(info.value.errors) == 2
    assert "第 42 行" in info.value.lines()[0]
    assert not Decision.objects.exists()

    matters = seed_matter_rows()
    matters[3]["取消日期"] = date(2000, 1, 1)  # before 生效日期
    with pytest.raises(LedgerImportError, match="取消日期"):
        import_matters(township, _xlsx(MATTER_HEADERS, matters), "bad.xlsx")
    assert not Matter.objects.exists()

    money = seed_money_rows()
    money[0]["金额（元）"] = "-5"
    money.append({**money[3]})  # the same procurement project twice
    with pytest.raises(LedgerImportError) as info:
        import_matters(township, _xlsx(MONEY_HEADERS, money), "bad.xlsx")
    assert len(info.value.errors) == 2
    assert not MoneyRecord.objects.exists()

    long_name = seed_decision_rows()[:3]
    long_name[2]["事项名称"] = "长" * 201
    with pytest.raises(LedgerImportError, match="超过 200 个字符"):
        import_matters(township, _xlsx(DECISION_HEADERS, long_name), "long.xlsx")
    assert not Decision.objects.exists()


def test_wrong_kind_is_an_error_not_a_guess(township: Any) -> None:
    data = _xlsx(DECISION_HEADERS, seed_decision_rows())
    with pytest.raises(LedgerImportError):
        import_matters(township, data, "d.xlsx", "money")
    assert not MoneyRecord.objects.exists() and not Decision.objects.exists()


def _snapshot(body: Any) -> tuple[list[tuple[Any, ...]], ...]:
    return (
        list(Decision.objects.filter(body=body).order_by("pk").values_list()),
        list(Matter.objects.filter(body=body).order_by("pk").values_list()),
        list(MoneyRecord.objects.filter(body=body).order_by("pk").values_list()),
    )


def test_reimport_same_file_gives_same_rows(township: Any) -> None:
    _import_seed(township)
    before = _snapshot(township)
    entries = AuditEntry.objects.count()
    for headers, rows, name in (
        (MATTER_HEADERS, seed_matter_rows(), "事项清单.xlsx"),
        (DECISION_HEADERS, seed_decision_rows(), "处理决定.xlsx"),
        (MONEY_HEADERS, seed_money_rows(), "收费.xlsx"),
    ):
        result = import_matters(township, _xlsx(headers, rows), name)
        assert (result.created, result.updated, result.removed) == (0, 0, 0)
        assert result.unchanged == result.rows == len(rows)
    assert _snapshot(township) == before
    assert AuditEntry.objects.count() == entries  # nothing written at all
    assert build_table2(township, 2019) == SEED_2019_TABLE_2


def test_export_reimports_as_is(township: Any) -> None:
    _import_seed(township)
    before = _snapshot(township)
    for kind in ("decisions", "matters", "money"):
        for fmt in ("xlsx", "csv"):
            data = export_matters(township, 2019, kind, fmt)  # type: ignore[arg-type]
            result = import_matters(township, data, f"导出.{fmt}")
            assert result.kind == kind
            assert result.created == result.updated == result.removed == 0
    assert _snapshot(township) == before
    exported = read_table(export_matters(township, 2019, "decisions", "csv"), "d.csv")
    assert sum(int(r.values["数量"] or 1) for r in exported.rows) == 34 + 2833 + 12 + 21  # type: ignore[call-overload]
    matters = read_table(export_matters(township, 2019, "matters", "csv"), "m.csv")
    assert len(matters.rows) == 5 + 48 + 13 + 9 + 1  # the cancelled-in-2018 one is not there


def test_decisions_file_replaces_its_date_range(township: Any) -> None:
    _import_seed(township)
    # A corrected ledger of March 2019 (1 to 31 March): the licensing decisions, the other
    # services count and the penalty of March become these two rows; the rest is untouched.
    march = _rows(
        DECISION_HEADERS,
        ("行政许可", "行政许可事项1", date(2019, 3, 1), 2),
        ("其他对外管理服务事项", "农村低保审核", date(2019, 3, 31), 200),
    )
    in_march = Decision.objects.filter(
        body=township, decided_on__gte=date(2019, 3, 1), decided_on__lte=date(2019, 3, 31)
    )
    licensing_march = in_march.filter(category="licensing").count()
    result = import_matters(township, _xlsx(DECISION_HEADERS, march), "3月.xlsx")
    assert result.unchanged == 0 and result.created == 2
    assert result.removed == licensing_march + 2
    # Every created and every deleted record has its audit entry naming the file.
    march_entries = AuditEntry.objects.filter(data__note="台账导入：3月.xlsx")
    assert march_entries.filter(data__has_key="deleted").count() == result.removed
    assert march_entries.exclude(data__has_key="deleted").count() == result.created
    assert set(march_entries.values_list("action", flat=True)) == {"stats.import"}
    cells = build_table2(township, 2019)
    assert cells["s2.licensing.decisions"] == 34 - licensing_march + 2
    assert cells["s2.other_services.decisions"] == 2833 - 236 + 200
    assert cells["s2.penalty.decisions"] == 11  # 15 March: in the file's range, not in it
    assert cells["s2.compulsion.decisions"] == 21  # outside the range


def test_matter_and_project_keys_update(township: Any) -> None:
    _import_seed(township)
    rows = seed_matter_rows()
    rows[0]["取消日期"] = date(2019, 8, 1)
    result = import_matters(township, _xlsx(MATTER_HEADERS, rows), "事项清单.xlsx", user=None)
    assert (result.created, result.updated, result.unchanged) == (0, 1, len(rows) - 1)
    assert build_table2(township, 2019)["s2.licensing.change"] == -1
    changed = Matter.objects.get(body=township, name="行政许可事项1")
    assert changed.version == 2  # a form opened before the import is refused
    entries = list(entries_for(changed))
    assert [e.action for e in entries] == ["stats.import", "stats.import"]
    assert entries[-1].data["note"] == "台账导入：事项清单.xlsx"
    assert entries[-1].data["changes"] == [["cancelled_on", "—", "2019-08-01"]]

    money = seed_money_rows()
    money[3]["金额（元）"] = "12500.5"
    result = import_matters(township, _xlsx(MONEY_HEADERS, money), "收费.xlsx")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    project = MoneyRecord.objects.get(body=township, category="procurement")
    assert project.amount_yuan == Decimal("12500.50")
    assert entries_for(project).last().data["changes"] == [["amount_yuan", "12000", "12500.5"]]  # type: ignore[union-attr]
    assert build_table2(township, 2018)["s2.procurement.amount_yuan"] == 12500.5


# =============================================================================================
# Permissions
# =============================================================================================


def test_permissions(dept_a: Any, dept_b: Any, clerk_a: Any, clerk_b: Any, supervisor: Any) -> None:
    data = _xlsx(DECISION_HEADERS, seed_decision_rows())
    with pytest.raises(PermissionDenied):
        import_matters(dept_a, data, "d.xlsx", user=clerk_b)
    assert not Decision.objects.exists()
    import_matters(dept_a, data, "d.xlsx", user=clerk_a)
    import_matters(dept_b, _xlsx(MATTER_HEADERS, seed_matter_rows()), "m.xlsx", user=clerk_b)
    decision = Decision.objects.filter(body=dept_a).first()
    assert decision is not None
    entry = entries_for(decision).get()
    assert (entry.action, entry.user, entry.data["note"]) == (
        "stats.import",
        clerk_a,
        "台账导入：d.xlsx",
    )

    assert Decision.objects.restrict(clerk_a).count() == len(seed_decision_rows())
    assert not Decision.objects.restrict(clerk_b).exists()
    assert not Matter.objects.restrict(clerk_a).exists()
    assert Matter.objects.restrict(clerk_b).count() == len(seed_matter_rows())
    assert Decision.objects.restrict(supervisor).count() == len(seed_decision_rows())
    assert Matter.objects.restrict(supervisor).count() == len(seed_matter_rows())
    assert not MoneyRecord.objects.restrict(clerk_a).exists()
    assert user_can(clerk_a, "change", decision)
    assert not user_can(clerk_b, "view", decision)
    assert user_can(supervisor, "view", decision)
