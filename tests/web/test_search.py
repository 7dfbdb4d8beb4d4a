"""Chinese search over the published 主动公开 items (issue 13, item 2): trigram matches of three
characters or more, the bounded scan of one or two, the filters, the highlighting, and that no
item the public may not see is ever found (every kind is tried)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from gongkai.apps.catalog import search
from gongkai.apps.catalog.actions import (
    create_item,
    publish_item,
    repeal_item,
    review_secrecy,
    update_item,
)
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.catalog.search import (
    highlight,
    install_search_index,
    search_public,
)
from gongkai.kernel.tables import count_up_to

pytestmark = pytest.mark.django_db

CODE_A = "11640521MB1234567X"
CODE_B = "12345678X"
MADE = date(2025, 3, 3)


@pytest.fixture
def bodies(dept_a: Any, dept_b: Any) -> tuple[Any, Any]:
    dept_a.credit_code = CODE_A
    dept_a.save()
    dept_b.org_code = CODE_B
    dept_b.save()
    return dept_a, dept_b


def _item(user: Any, body: Any, title: str, **fields: Any) -> CatalogItem:
    values: dict[str, Any] = {"made_on": MADE, "category": "normative", **fields}
    return create_item(body, title=title, **values, acting_user=user)


def _published(
    clerk: Any, reviewer: Any, body: Any, title: str, on: date = date(2025, 3, 10), **fields: Any
) -> CatalogItem:
    item = _item(clerk, body, title, **fields)
    item = review_secrecy(item, "approved", MADE, acting_user=reviewer)
    return publish_item(item, on, ["政府网站"], acting_user=clerk)


def _titles(query: str, **filters: Any) -> list[str]:
    return sorted(search_public(query, **filters).values_list("title", flat=True))


def test_every_kind_of_non_public_item_stays_hidden(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]
) -> None:
    a, _b = bodies
    _published(clerk_a, reviewer_a, a, "寒假安全工作通知（已发布）")
    _item(clerk_a, a, "寒假安全工作通知（草稿）")
    reviewed = _item(clerk_a, a, "寒假安全工作通知（审查后未发布）")
    review_secrecy(reviewed, "approved", MADE, acting_user=reviewer_a)
    _item(
        clerk_a,
        a,
        "寒假安全工作通知（依申请公开）",
        disclosure="依申请公开",
        disclosure_reason="过程信息",
    )
    _item(
        clerk_a,
        a,
        "寒假安全工作通知（不予公开）",
        disclosure="不予公开",
        disclosure_reason="国家秘密",
    )
    tomorrow = timezone.localdate() + timedelta(days=1)
    _published(clerk_a, reviewer_a, a, "寒假安全工作通知（明日发布）", on=tomorrow)
    # A published draft turned 依申请公开 before publication stays hidden as well.
    turned = _item(clerk_a, a, "寒假安全工作通知（改为依申请）")
    update_item(turned, disclosure="依申请公开", disclosure_reason="过程信息", acting_user=clerk_a)
    for query in ("寒假安全工作通知", "寒假", "寒", "通知", "安全工作", "草稿", "依申请", "不予"):
        assert _titles(query) in (["寒假安全工作通知（已发布）"], []), query
    assert _titles("寒假安全") == ["寒假安全工作通知（已发布）"]
    assert _titles("寒") == ["寒假安全工作通知（已发布）"]
    assert _titles("草稿") == [] and _titles("不予公开") == []
    assert _titles(CODE_A) == ["寒假安全工作通知（已发布）"]  # 索引号 fragment, by the body code


def test_repealed_items_stay_public_with_their_validity(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]
) -> None:
    """There is no withdrawal of a published item: a repealed 规范性文件 stays published (its
    有效性 says 废止) and the validity filter separates it."""
    a, _b = bodies
    item = _published(clerk_a, reviewer_a, a, "某某管理办法", valid_from=MADE)
    _published(clerk_a, reviewer_a, a, "某某管理办法实施细则", valid_from=MADE)
    repeal_item(item, date(2025, 6, 1), acting_user=clerk_a)
    assert _titles("管理办法") == ["某某管理办法", "某某管理办法实施细则"]
    assert _titles("管理办法", validity="repealed") == ["某某管理办法"]
    assert _titles("管理办法", validity="valid") == ["某某管理办法实施细则"]


def test_index_follows_edits_in_the_same_transaction(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]
) -> None:
    a, _b = bodies
    draft = _item(clerk_a, a, "关于春季防火的通知", doc_number="某林发〔2025〕7号")
    assert _titles("春季防火") == []
    draft = update_item(draft, title="关于秋季防火的通知", acting_user=clerk_a)
    draft = review_secrecy(draft, "approved", MADE, acting_user=reviewer_a)
    publish_item(draft, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a)
    assert _titles("春季防火") == []
    assert _titles("秋季防火") == ["关于秋季防火的通知"]
    assert _titles("〔2025〕7") == ["关于秋季防火的通知"]  # 文号 fragment
    assert _titles("林发") == ["关于秋季防火的通知"]  # two characters
    CatalogItem.objects.filter(pk=draft.pk).update(title="关于冬季取暖的通知")  # bulk SQL
    assert _titles("秋季防火") == [] and _titles("冬季取暖") == ["关于冬季取暖的通知"]


def test_filters_and_body_names(clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]) -> None:
    a, b = bodies
    _published(clerk_a, reviewer_a, a, "财政预算公开说明", category="other")
    CatalogItem.objects.create(  # as a ledger import writes it
        body=b,
        title="财政预算执行情况",
        category="normative",
        made_on=date(2024, 5, 6),
        published_on=date(2024, 5, 8),
    )
    assert _titles("财政预算") == ["财政预算公开说明", "财政预算执行情况"]
    assert _titles("财政预算", bodies=a) == ["财政预算公开说明"]
    assert _titles("财政预算", bodies=[b.pk]) == ["财政预算执行情况"]
    assert _titles("财政预算", year=2024) == ["财政预算执行情况"]
    assert _titles("财政预算", category="other") == ["财政预算公开说明"]
    assert _titles(b.name) == ["财政预算执行情况"]  # the 机关 name finds its items
    assert _titles("") == ["财政预算公开说明", "财政预算执行情况"]
    assert _titles('"预算') == [] and _titles("预算 OR 财政") == []  # no FTS syntax injection


def test_short_queries_scan_a_bounded_window(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _b = bodies
    _published(clerk_a, reviewer_a, a, "旧的水利通知")
    _published(clerk_a, reviewer_a, a, "新的交通通知")
    assert _titles("水") == ["旧的水利通知"]
    monkeypatch.setattr(search, "SHORT_QUERY_WINDOW", 1)
    assert _titles("水") == []  # beyond the window of the newest one
    assert _titles("水利通") == ["旧的水利通知"]  # trigram queries are not bounded


def test_highlight_escapes_and_marks() -> None:
    assert highlight("<b>寒假</b>安全寒假", "寒假") == (
        "&lt;b&gt;<mark>寒假</mark>&lt;/b&gt;安全<mark>寒假</mark>"
    )
    assert highlight("a<b", "") == "a&lt;b"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite triggers")
def test_lost_triggers_are_put_back_and_the_index_rebuilt(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]
) -> None:
    a, _b = bodies
    with connection.cursor() as cursor:
        for trigger in ("ai", "ad", "au"):
            cursor.execute(f"DROP TRIGGER catalog_item_fts_{trigger}")
    _published(clerk_a, reviewer_a, a, "防汛抗旱预案")
    assert _titles("防汛抗旱") == []  # not indexed without its trigger
    assert install_search_index() is True
    assert _titles("防汛抗旱") == ["防汛抗旱预案"]
    assert install_search_index() is False


def test_small_filtered_sets_are_read_whole(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A body, a year, a 类别 or a 有效性 leaving at most SCAN_ALL_LIMIT candidates: a query of
    any length finds every match among them, beyond the short-query window too."""
    a, b = bodies
    _published(clerk_a, reviewer_a, a, "旧的水利通知", category="regulation")
    _published(None, None, b, "新的交通通知")  # by the system (clerk_a works for a)
    _published(None, None, b, "最新的通知")
    monkeypatch.setattr(search, "SHORT_QUERY_WINDOW", 1)
    assert _titles("水") == []  # no filter: the window of the newest item only
    assert _titles("水", bodies=a) == ["旧的水利通知"]
    assert _titles("水", year=MADE.year) == ["旧的水利通知"]
    assert _titles("水利", category="regulation", validity="valid") == ["旧的水利通知"]
    assert _titles("通知", bodies=[b.pk]) == ["新的交通通知", "最新的通知"]
    assert _titles("水利", bodies=b) == [] and _titles("水", category="other") == []
    assert _titles("教育", bodies=a) == ["旧的水利通知"]  # the 机关 name (某某县教育局) too
    assert _titles("教育", bodies=[b.pk]) == []
    # More candidates than SCAN_ALL_LIMIT: the window bounds a short query again.
    monkeypatch.setattr(search, "SCAN_ALL_LIMIT", 1)
    assert _titles("通知", bodies=[b.pk]) == ["最新的通知"]
    assert _titles("交通通知", bodies=[b.pk]) == ["新的交通通知"]  # three and more: indexed


def test_search_pages_newest_first(clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]) -> None:
    a, b = bodies
    for n in range(3):
        _published(None, None, a if n % 2 else b, f"第{n}号防汛抗旱预案")
    for query in ("防汛抗旱预案", "防汛", "预案"):
        found = list(search_public(query).values_list("title", flat=True))
        assert found == ["第2号防汛抗旱预案", "第1号防汛抗旱预案", "第0号防汛抗旱预案"], query
        assert search_public(query).count() == 3
        assert count_up_to(search_public(query)) == 3
        assert count_up_to(search_public(query), 1) == 2  # "more than one"
        assert list(search_public(query, bodies=b).values_list("title", flat=True)) == [
            "第2号防汛抗旱预案",
            "第0号防汛抗旱预案",
        ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 query plan")
def test_sqlite_streams_fts_matches_newest_first(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]
) -> None:
    """A common term must not collect and sort every match: the plan reads the FTS table in
    rowid order (newest first) and looks each item up by its primary key, with no temporary
    B-tree for the ORDER BY — so the first page stops after its rows."""
    a, _b = bodies
    _published(clerk_a, reviewer_a, a, "乡村振兴工作方案")
    page = search_public("乡村振兴").values_list("pk", "title")[:21]
    plan = page.explain()
    steps = [line.split(" ", 3)[-1] for line in plan.splitlines()]
    assert steps[0].startswith(f"SCAN {search.FTS_TABLE} VIRTUAL TABLE"), plan
    assert any("catalog_catalogitem USING INTEGER PRIMARY KEY (rowid=?)" in s for s in steps), plan
    assert "TEMP B-TREE" not in plan, plan
    assert [title for _pk, title in page] == ["乡村振兴工作方案"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite query plan")
def test_sqlite_lists_every_public_item_by_walking_the_primary_key(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]
) -> None:
    """No words and no filter (the API's ``/catalog``): the plan walks the primary key newest
    first, not the 发布日期 index followed by a sort of every public item."""
    a, _b = bodies
    older = _published(clerk_a, reviewer_a, a, "较早登记的通知")
    newer = _published(clerk_a, reviewer_a, a, "较晚登记的通知")
    page = search_public("").values_list("pk", flat=True)[:21]
    plan = page.explain()
    assert "USING INTEGER PRIMARY KEY (rowid<?)" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
    assert list(page)[:2] == [newer.pk, older.pk]


@pytest.mark.parametrize("walk_min", [2, 1_000])
def test_a_named_body_with_many_items_is_walked_newest_first(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any], monkeypatch: Any, walk_min: int
) -> None:
    """A query naming a 机关 and found in titles: with many matches (``WALK_MIN``, lowered
    here) the SQLite plan walks the primary key newest first without sorting every match; with
    few, the indexes and a sort (PostgreSQL: the walk kept or the trigram bitmap sorted). The
    same items, newest first, either way, on both engines."""
    monkeypatch.setattr(search, "WALK_MIN", walk_min)
    a, _b = bodies
    first = _published(clerk_a, reviewer_a, a, "年度工作要点")
    second = _published(clerk_a, reviewer_a, a, "防汛抗旱预案")
    titled = _published(clerk_a, reviewer_a, a, f"转发{a.name[:4]}文件的通知")
    for query in (a.name[:4], a.name[:2]):  # the FTS path and the short-query window
        page = search_public(query).values_list("pk", flat=True)[:21]
        if connection.vendor == "sqlite":
            plan = page.explain()
            walked = "USING INTEGER PRIMARY KEY (rowid<?)" in plan and "TEMP B-TREE" not in plan
            assert walked == (walk_min == 2), (query, plan)
        assert list(page) == [titled.pk, second.pk, first.pk]


def test_index_number_fragments_across_separators(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any]
) -> None:
    """索引号 ``code/YYYY-NNNNN``: fragments spanning '/' and '-' are found (on PostgreSQL
    through the trigram index over the separators read as letters), a near miss is not."""
    a, _b = bodies
    item = _published(clerk_a, reviewer_a, a, "某某实施方案")
    number = item.index_number
    assert number.startswith(f"{CODE_A}/2025-"), number
    for fragment in (number, f"7X/2025-{number[-5:]}", f"2025-{number[-5:]}", "/2025-", "X/20"):
        assert _titles(fragment) == ["某某实施方案"], fragment
    assert _titles(f"2025/{number[-5:]}") == [] and _titles("7X-2025") == []


def test_a_candidates_walk_finds_what_the_other_paths_find(
    clerk_a: Any, reviewer_a: Any, bodies: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A term not dense among the newest items but dense among the newest of a 有效性 or of
    one 机关 (the PostgreSQL walk along ``catitem_validity_walk`` / ``catitem_body_walk``,
    each candidate tested row by row): the same items, newest first, as the trigram path."""
    a, _b = bodies
    older = _published(clerk_a, reviewer_a, a, "甲管理办法", valid_from=MADE)
    newer = _published(clerk_a, reviewer_a, a, "乙管理办法", valid_from=MADE)
    _published(clerk_a, reviewer_a, a, "丙工作方案", valid_from=MADE)  # the newest: no match
    for item in (older, newer):
        repeal_item(item, date(2025, 6, 1), acting_user=clerk_a)
    expected = [newer.pk, older.pk]
    assert list(search_public("管理办法", validity="repealed").values_list("pk", flat=True)) == (
        expected
    )
    monkeypatch.setattr(search, "SCAN_ALL_LIMIT", 0)  # not a small set read whole
    monkeypatch.setattr(search, "PROBE_ROWS", 1)  # the newest item only: not dense there
    monkeypatch.setattr(search, "PROBE_HITS", 2)
    monkeypatch.setattr(search, "PROBE_CANDIDATES", 2)  # the two repealed ones: dense
    found = search_public("管理办法", validity="repealed")
    assert list(found.values_list("pk", flat=True)) == expected
    assert list(search_public("管理办法", validity="valid")) == []
    monkeypatch.setattr(search, "PROBE_CANDIDATES", 3)  # one 机关's newest three: dense
    assert list(search_public("管理办法", bodies=a).values_list("pk", flat=True)) == expected
    monkeypatch.setattr(search, "PROBE_CANDIDATES", 1)  # one of two: the trigram path
    assert (
        list(search_public("管理办法", validity="repealed").values_list("pk", flat=True))
        == expected
    )
