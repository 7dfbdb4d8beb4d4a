"""The catalog of proactively disclosed information (issue 4, items 1 and 4).

索引号 generation, the art. 26 limit, the 保密审查 before publication, the §3 ledger (all or
nothing, idempotent, round trip) and the per-body restriction.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongkai.apps.catalog.actions import create_item, publish_item, repeal_item, review_secrecy
from gongkai.apps.catalog.choices import CHANNEL_VALUES, CategoryChoice, ChannelChoice
from gongkai.apps.catalog.ledgers import (
    LedgerImportError,
    catalog_template,
    export_catalog,
    import_catalog,
)
from gongkai.apps.catalog.models import CatalogItem, CatalogNode
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS, CATALOG_COLUMNS, CATEGORY_LABELS
from gongkai.domain.ledgers.table_io import read_table, write_csv
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
)
from gongkai.kernel.permissions import user_can

pytestmark = pytest.mark.django_db

CODE_A = "11640521MB1234567X"
CODE_B = "12345678X"


@pytest.fixture
def coded_a(dept_a: Any) -> Any:
    dept_a.credit_code = CODE_A
    dept_a.save()
    return dept_a


@pytest.fixture
def coded_b(dept_b: Any) -> Any:
    dept_b.org_code = CODE_B
    dept_b.save()
    return dept_b


def _draft(user: Any, body: Any, **fields: Any) -> CatalogItem:
    values: dict[str, Any] = {
        "title": "关于印发某某工作方案的通知",
        "made_on": date(2025, 3, 3),
        "category": "normative",
    }
    values.update(fields)
    return create_item(body, **values, acting_user=user)


def test_choices_match_the_ledger() -> None:
    assert CHANNEL_VALUES == CATALOG_CHANNELS == tuple(ChannelChoice.values)
    assert {c.value: str(c.label) for c in CategoryChoice} == CATEGORY_LABELS


# ---------------------------------------------------------------------------------------------
# 索引号
# ---------------------------------------------------------------------------------------------


def test_index_numbers_per_body_and_year(
    clerk_a: Any, coded_a: Any, clerk_b: Any, coded_b: Any
) -> None:
    first = _draft(clerk_a, coded_a)
    second = _draft(clerk_a, coded_a, title="第二件", made_on=date(2025, 12, 31))
    other_year = _draft(clerk_a, coded_a, title="明年", made_on=date(2026, 1, 5))
    other_body = _draft(clerk_b, coded_b)
    assert first.index_number == f"{CODE_A}/2025-00001"
    assert second.index_number == f"{CODE_A}/2025-00002"
    assert other_year.index_number == f"{CODE_A}/2026-00001"
    assert other_body.index_number == f"{CODE_B}/2025-00001"
    # A foreign-form number in use counts for the serial.
    _draft(clerk_a, coded_a, title="旧号", index_number=f"{CODE_A.lower()}_2025_7")
    assert _draft(clerk_a, coded_a, title="下一件").index_number == f"{CODE_A}/2025-00008"
    with pytest.raises(ActionError, match="已存在"):
        _draft(clerk_a, coded_a, title="重号", index_number=first.index_number)


def test_index_number_needs_a_body_code(clerk_a: Any, dept_a: Any) -> None:
    with pytest.raises(ActionError, match="无法生成索引号"):
        _draft(clerk_a, dept_a)
    assert not CatalogItem.objects.exists()


def test_index_number_unique_per_body_in_the_database(coded_a: Any, coded_b: Any) -> None:
    CatalogItem.objects.create(
        body=coded_a, index_number="X/1", title="a", made_on=date(2025, 1, 1)
    )
    CatalogItem.objects.create(
        body=coded_b, index_number="X/1", title="b", made_on=date(2025, 1, 1)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CatalogItem.objects.create(
            body=coded_a, index_number="X/1", title="c", made_on=date(2025, 1, 1)
        )


# ---------------------------------------------------------------------------------------------
# Drafting rules, the catalog tree
# ---------------------------------------------------------------------------------------------


def test_reason_required_when_not_proactive(clerk_a: Any, coded_a: Any) -> None:
    with pytest.raises(ActionError, match="必须说明理由") as info:
        _draft(clerk_a, coded_a, disclosure="依申请公开")
    assert "disclosure_reason" in info.value.field_errors
    item = _draft(clerk_a, coded_a, disclosure="不予公开", disclosure_reason="涉及国家秘密")
    assert item.disclosure_reason == "涉及国家秘密"


def test_items_go_under_leaf_nodes_of_their_body(clerk_a: Any, coded_a: Any, coded_b: Any) -> None:
    root = CatalogNode.objects.create(body=coded_a, name="政策文件")
    leaf = CatalogNode.objects.create(body=coded_a, parent=root, name="规范性文件", order=1)
    foreign = CatalogNode.objects.create(body=coded_b, name="其他机关")
    assert list(CatalogNode.objects.filter(body=coded_a).leaves()) == [leaf]
    with pytest.raises(ActionError, match="末级目录"):
        _draft(clerk_a, coded_a, node=root)
    with pytest.raises(ActionError, match="本机关的目录"):
        _draft(clerk_a, coded_a, node=foreign)
    item = _draft(clerk_a, coded_a, node=leaf)
    assert item.node == leaf
    child = CatalogNode(body=coded_a, parent=leaf, name="下级")
    with pytest.raises(ValidationError, match="已有信息条目"):
        child.full_clean()


# ---------------------------------------------------------------------------------------------
# Art. 26
# ---------------------------------------------------------------------------------------------


def _overdue_in_db(item: CatalogItem, today: date, calendar: Any) -> bool:
    return CatalogItem.objects.publication_overdue(today, calendar).filter(pk=item.pk).exists()


def test_publication_due_and_overdue(clerk_a: Any, reviewer_a: Any, coded_a: Any) -> None:
    calendar = load_calendar()
    # 2025-09-26 (Fri): the 国庆节/中秋节 holiday (10-01..10-08) and 09-28, 10-11 makeup days.
    item = _draft(clerk_a, coded_a, made_on=date(2025, 9, 26))
    due = item.publication_due(calendar)
    assert due == calendar.nth_working_day_after(date(2025, 9, 26), 20)
    assert due == date(2025, 10, 30)
    # The predicate and the queryset (list, filter) read 超期未发布 alike.
    assert not item.is_publication_overdue(due, calendar)
    assert not _overdue_in_db(item, due, calendar)
    assert item.is_publication_overdue(date(2025, 10, 31), calendar)
    assert _overdue_in_db(item, date(2025, 10, 31), calendar)
    item = review_secrecy(item, "approved", date(2025, 9, 29), acting_user=reviewer_a)
    late = publish_item(item, date(2025, 10, 31), ["政府网站"], acting_user=clerk_a)
    # Published after the due date: 超期发布, no longer waiting for publication.
    assert late.is_published_late(calendar)
    assert not late.is_publication_overdue(date(2026, 1, 1), calendar)
    assert not _overdue_in_db(late, date(2026, 1, 1), calendar)
    on_time = _draft(clerk_a, coded_a, title="按时", made_on=date(2025, 9, 26))
    on_time = review_secrecy(
        on_time, "approved_modified", date(2025, 9, 29), acting_user=reviewer_a
    )
    on_time = publish_item(on_time, due, ["政府网站"], acting_user=clerk_a)
    assert not on_time.is_published_late()
    assert not on_time.is_publication_overdue(date(2026, 1, 1))
    on_request = _draft(
        clerk_a, coded_a, title="依申请", disclosure="依申请公开", disclosure_reason="过程信息"
    )
    assert not on_request.is_publication_overdue(date(2030, 1, 1), calendar)
    assert not _overdue_in_db(on_request, date(2030, 1, 1), calendar)


# ---------------------------------------------------------------------------------------------
# 保密审查 and publication
# ---------------------------------------------------------------------------------------------


def test_secrecy_review_then_publish(clerk_a: Any, reviewer_a: Any, coded_a: Any) -> None:
    item = _draft(clerk_a, coded_a)
    with pytest.raises(TransitionError, match="保密审查"):
        publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a)
    with pytest.raises(ActionPermissionError):
        review_secrecy(
            item, "approved", date(2025, 3, 4), acting_user=clerk_a
        )  # a clerk does not approve
    with pytest.raises(ActionError, match="审查结论"):
        review_secrecy(item, "maybe", date(2025, 3, 4), acting_user=reviewer_a)
    item = review_secrecy(item, "withheld", date(2025, 3, 4), acting_user=reviewer_a)
    with pytest.raises(TransitionError, match="保密审查"):
        publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a)
    item = review_secrecy(item, "approved", date(2025, 3, 5), acting_user=reviewer_a)
    assert (item.secrecy_reviewer, item.secrecy_conclusion) == (reviewer_a, "approved")
    with pytest.raises(ActionError, match="早于成文日期"):
        publish_item(item, date(2025, 3, 2), ["政府网站"], acting_user=clerk_a)
    with pytest.raises(ActionError, match="公开渠道"):
        publish_item(item, date(2025, 3, 10), [], acting_user=clerk_a)
    with pytest.raises(ActionError, match="微博"):
        publish_item(item, date(2025, 3, 10), ["微博"], acting_user=clerk_a)
    item = publish_item(
        item, date(2025, 3, 10), ["公开栏", "政府网站", "公开栏"], acting_user=clerk_a
    )
    assert item.published_on == date(2025, 3, 10)
    assert item.channel_list == ["政府网站", "公开栏"]
    with pytest.raises(TransitionError, match="已经发布"):
        publish_item(item, date(2025, 3, 11), ["政府网站"], acting_user=clerk_a)
    with pytest.raises(TransitionError, match="已经发布"):
        review_secrecy(item, "approved", date(2025, 3, 12), acting_user=reviewer_a)
    assert list(entries_for(item).values_list("action", "user")) == [
        ("catalog.create", clerk_a.pk),
        ("catalog.review", reviewer_a.pk),
        ("catalog.review", reviewer_a.pk),
        ("catalog.publish", clerk_a.pk),
    ]


def test_a_stale_version_is_refused(clerk_a: Any, reviewer_a: Any, coded_a: Any) -> None:
    item = _draft(clerk_a, coded_a)
    reviewed = review_secrecy(item, "approved", date(2025, 3, 4), acting_user=reviewer_a)
    assert (item.version, reviewed.version) == (1, 2)
    with pytest.raises(ConcurrentEditError, match="已被他人修改"):
        publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a)
    published = publish_item(
        item, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a, expected_version=2
    )
    assert published.version == 3 and published.published_on == date(2025, 3, 10)


def test_only_proactive_items_are_published(clerk_a: Any, reviewer_a: Any, coded_a: Any) -> None:
    item = _draft(clerk_a, coded_a, disclosure="依申请公开", disclosure_reason="内部事务信息")
    item = review_secrecy(item, "approved", date(2025, 3, 4), acting_user=reviewer_a)
    with pytest.raises(TransitionError, match="主动公开"):
        publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a)


def test_repeal_life_cycle(clerk_a: Any, coded_a: Any) -> None:
    item = _draft(clerk_a, coded_a, valid_from=date(2025, 4, 1))
    with pytest.raises(ActionError, match="施行日期"):
        repeal_item(item, date(2025, 3, 20), acting_user=clerk_a)
    item = repeal_item(item, date(2026, 6, 30), acting_user=clerk_a)
    assert (item.validity, item.repealed_on) == ("repealed", date(2026, 6, 30))
    assert item.facts().repealed_on == date(2026, 6, 30)
    with pytest.raises(TransitionError):
        repeal_item(item, date(2026, 7, 1), "expired", acting_user=clerk_a)


# ---------------------------------------------------------------------------------------------
# Permissions
# ---------------------------------------------------------------------------------------------


def test_other_bodies_items_are_invisible(
    clerk_a: Any, clerk_b: Any, supervisor: Any, coded_a: Any, coded_b: Any
) -> None:
    mine = _draft(clerk_a, coded_a)
    theirs = _draft(clerk_b, coded_b)
    assert list(CatalogItem.objects.restrict(clerk_a)) == [mine]
    assert list(CatalogItem.objects.restrict(clerk_b)) == [theirs]
    assert set(CatalogItem.objects.restrict(supervisor)) == {mine, theirs}
    assert not CatalogItem.objects.restrict(supervisor, "change").exists()
    assert not CatalogItem.objects.restrict(AnonymousUser()).exists()
    assert user_can(clerk_a, "view", mine)
    assert not user_can(clerk_a, "view", theirs)
    with pytest.raises(ActionPermissionError):
        _draft(clerk_a, coded_b)
    with pytest.raises(ActionPermissionError):
        _draft(supervisor, coded_a)
    with pytest.raises(ActionPermissionError):
        publish_item(mine, date(2025, 3, 10), ["政府网站"], acting_user=clerk_b)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_catalog(coded_a, _csv([_row()]), "x.csv", user=clerk_b)


# ---------------------------------------------------------------------------------------------
# The §3 ledger
# ---------------------------------------------------------------------------------------------


def _row(**values: Any) -> dict[str, object]:
    row: dict[str, object] = {
        "索引号": None,
        "标题": "关于做好春耕工作的通知",
        "文号": "宁政发〔2025〕1号",
        "信息类别": "行政规范性文件",
        "成文日期": "2025-02-10",
        "发布日期": "2025-02-12",
        "废止日期": None,
        "公开属性": "主动公开",
        "公开渠道": "政府网站、公开栏",
    }
    row.update(values)
    return row


def _csv(rows: list[dict[str, object]]) -> bytes:
    return write_csv(CATALOG_COLUMNS, rows)


def _ledger() -> list[dict[str, object]]:
    return [
        _row(),
        _row(
            标题="某某规章",
            信息类别="规章",
            文号=None,
            成文日期="2024-11-01",
            发布日期="2024-11-20",
            废止日期="2025-06-30",
        ),  # fmt: skip
        _row(
            索引号=f"{CODE_A[:8].lower()}{CODE_A[8:]}-2025_12",
            标题="带索引号",
            信息类别="其他",
            发布日期=None,
            公开渠道=None,
        ),  # fmt: skip
        _row(标题="依申请", 公开属性="依申请公开", 发布日期=None, 公开渠道=None),
        _row(标题="不予公开", 公开属性="不予公开", 发布日期=None, 公开渠道=None),
        _row(标题="去年的", 成文日期="2024-12-30", 发布日期="2025-01-06", 公开渠道="政务新媒体"),
    ]


def test_import_generates_numbers_and_is_idempotent(clerk_a: Any, coded_a: Any) -> None:
    result = import_catalog(coded_a, _csv(_ledger()), "目录.csv", user=clerk_a)
    assert (result.rows, result.created, result.updated, result.unchanged) == (6, 6, 0, 0)
    assert result.generated == 5
    numbers = dict(CatalogItem.objects.values_list("title", "index_number"))
    assert numbers["带索引号"] == f"{CODE_A}/2025-00012"
    # Generated after the highest serial of the year in the file; year of 发布日期, else 成文日期.
    assert numbers["关于做好春耕工作的通知"] == f"{CODE_A}/2025-00013"
    assert numbers["某某规章"] == f"{CODE_A}/2024-00001"
    assert numbers["依申请"] == f"{CODE_A}/2025-00014"
    assert numbers["去年的"] == f"{CODE_A}/2025-00016"
    repealed = CatalogItem.objects.get(title="某某规章")
    assert (repealed.validity, repealed.category) == ("repealed", "regulation")
    spring = CatalogItem.objects.get(title="关于做好春耕工作的通知")
    assert spring.channel_list == ["政府网站", "公开栏"]
    (entry,) = entries_for(spring)
    assert (entry.action, entry.user, entry.data["note"]) == (
        "catalog.import",
        clerk_a,
        "台账导入：目录.csv",
    )
    assert entry.data["row"] == 2

    again = import_catalog(coded_a, _csv(_ledger()), "目录.csv")
    assert (again.created, again.updated, again.unchanged, again.generated) == (0, 0, 6, 0)
    assert CatalogItem.objects.count() == 6

    changed = _ledger()
    changed[0]["公开渠道"] = "政府网站"
    changed[2]["标题"] = "带索引号（改名）"
    third = import_catalog(coded_a, _csv(changed), "目录.csv")
    assert (third.created, third.updated, third.unchanged) == (0, 2, 4)
    assert CatalogItem.objects.get(index_number=f"{CODE_A}/2025-00012").title == "带索引号（改名）"
    spring = CatalogItem.objects.get(pk=spring.pk)
    assert spring.channels == "政府网站" and spring.version == 2
    changes = entries_for(spring).last().data["changes"]  # type: ignore[union-attr]
    assert changes == [["channels", "政府网站,公开栏", "政府网站"]]
    assert CatalogItem.objects.count() == 6


def test_bad_row_imports_nothing(coded_a: Any) -> None:
    rows = _ledger()
    rows[1]["成文日期"] = "2025-13-01"
    rows[3]["公开渠道"] = "微博"
    rows[4]["标题"] = "很长" * 200
    with pytest.raises(LedgerImportError) as info:
        import_catalog(coded_a, _csv(rows), "bad.csv")
    lines = info.value.lines()
    assert any(line.startswith("第 3 行") and "成文日期" in line for line in lines)
    assert any(line.startswith("第 5 行") and "公开渠道" in line for line in lines)
    assert not CatalogItem.objects.exists()
    # The record checks (lengths) after the format checks: still nothing written.
    rows = _ledger()
    rows[4]["标题"] = "很长" * 200
    with pytest.raises(LedgerImportError) as info:
        import_catalog(coded_a, _csv(rows), "bad.csv")
    assert [(e.row, e.column) for e in info.value.errors] == [(6, "标题")]
    assert not CatalogItem.objects.exists()


def test_missing_body_code_is_a_row_error(dept_a: Any) -> None:
    with pytest.raises(LedgerImportError) as info:
        import_catalog(dept_a, _csv(_ledger()), "x.csv")
    assert {(e.row, e.column) for e in info.value.errors} == {
        (2, "索引号"), (3, "索引号"), (5, "索引号"), (6, "索引号"), (7, "索引号")
    }  # fmt: skip
    assert not CatalogItem.objects.exists()


def test_missing_column_is_reported(coded_a: Any) -> None:
    data = write_csv(["标题", "成文日期"], [{"标题": "x", "成文日期": "2025-01-01"}])
    with pytest.raises(LedgerImportError, match="信息类别"):
        import_catalog(coded_a, data, "x.csv")


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_round_trip(coded_a: Any, coded_b: Any, fmt: str) -> None:
    import_catalog(coded_a, _csv(_ledger()), "目录.csv")
    import_catalog(coded_b, _csv([_row(标题="别的机关")]), "b.csv")
    data = export_catalog(coded_a, 2025, fmt)  # type: ignore[arg-type]
    table = read_table(data, f"out.{fmt}")
    assert table.headers == list(CATALOG_COLUMNS)
    titles = {r.values["标题"] for r in table.rows}
    # The 规章 made in 2024 and repealed in 2025 is counted in 2025; the other body's is not.
    assert titles == {
        "关于做好春耕工作的通知",
        "某某规章",
        "带索引号",
        "依申请",
        "不予公开",
        "去年的",
    }
    assert export_catalog(coded_a, 2023, "csv").count(b"\n") == 1  # headers only
    # Re-importing the export changes nothing; into another body it recreates the same items.
    again = import_catalog(coded_a, data, f"out.{fmt}")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    from gongkai.apps.orgs.services import create_body

    copy = create_body("某某县另一局")
    import_catalog(copy, data, f"out.{fmt}")
    fields = ("index_number", "title", "doc_number", "category", "made_on", "published_on",
              "repealed_on", "validity", "disclosure", "channels")  # fmt: skip
    assert set(CatalogItem.objects.filter(body=copy).values_list(*fields)) == set(
        CatalogItem.objects.filter(body=coded_a).values_list(*fields)
    )


def test_template_example_row_is_skipped(coded_a: Any) -> None:
    result = import_catalog(coded_a, catalog_template("csv"), "模板.csv")
    assert result.rows == 0 and any("示例" in w for w in result.warnings)
