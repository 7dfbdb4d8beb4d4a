"""The narrative's catalog counts (:func:`publication_facts`) and table 二's documents.

Catalog items of 教育局 over 2023–2025 with every 公开属性, one to three channels (one stored
with spaces and a repeated channel, one with a channel outside the list) and items of 财政局
the counts must not include. Table 二's document cells, counted from grouped rows, equal the
domain's count of every item's own facts.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.stats.reporting import build_table2, document_facts, publication_facts
from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS
from gongkai.domain.stats.table2 import count_table_2

pytestmark = pytest.mark.django_db


def _item(body: Any, n: int, made: date, **fields: Any) -> CatalogItem:
    return CatalogItem.objects.create(**_values(body, n, made, **fields))


def _values(body: Any, n: int, made: date, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "body": body,
        "index_number": f"T-{body.pk}-{n:04d}",
        "title": f"文件{n}",
        "doc_number": f"某教发〔{made.year}〕{n}号",
        "made_on": made,
    }
    values.update(fields)
    if values.get("disclosure", "主动公开") != "主动公开":
        values.setdefault("disclosure_reason", "内部事务信息")
    return values


@pytest.fixture
def items(dept_a: Any, dept_b: Any) -> None:
    # 2024, published in 2024
    _item(dept_a, 1, date(2024, 1, 5), published_on=date(2024, 1, 10), channels="政府网站")
    _item(dept_a, 2, date(2024, 3, 1), published_on=date(2024, 3, 2), channels="政府网站,公开栏")
    _item(
        dept_a, 3, date(2024, 5, 1), published_on=date(2024, 5, 9),
        channels=" 政务新媒体 , 政府网站,政务新媒体",
    )  # fmt: skip
    _item(dept_a, 4, date(2024, 6, 1), published_on=date(2024, 6, 1), channels="微信群,公开栏")
    _item(dept_a, 5, date(2024, 7, 1), published_on=date(2024, 7, 2), channels="")
    # made in 2023, published in 2024; made in 2024, published in 2025
    _item(dept_a, 6, date(2023, 12, 30), published_on=date(2024, 1, 2), channels="便民手册")
    _item(dept_a, 7, date(2024, 12, 30), published_on=date(2025, 1, 3), channels="政府网站")
    # made in 2024, not published (yet, or not proactive)
    _item(dept_a, 8, date(2024, 8, 1))
    _item(dept_a, 9, date(2024, 9, 1), disclosure="依申请公开")
    _item(dept_a, 10, date(2024, 9, 2), disclosure="依申请公开", published_on=date(2024, 9, 3),
          channels="政府网站")  # fmt: skip
    _item(dept_a, 11, date(2024, 10, 1), disclosure="不予公开")
    # information that is not a 文件 (no 文号): not counted as a document made
    _item(dept_a, 14, date(2024, 11, 1), doc_number="")
    # other years, and another body
    _item(dept_a, 12, date(2023, 4, 1), published_on=date(2023, 4, 2), channels="政府网站")
    _item(dept_a, 13, date(2025, 4, 1), published_on=date(2025, 4, 2), channels="政府网站")
    _item(dept_b, 1, date(2024, 4, 1), published_on=date(2024, 4, 2), channels="政府网站")
    _item(dept_b, 2, date(2024, 4, 1), disclosure="不予公开")


def test_publication_facts(items: None, dept_a: Any) -> None:
    channels, made, by_disclosure = publication_facts(dept_a, 2024)
    assert list(channels) == [*CATALOG_CHANNELS, "微信群"]
    assert channels == {
        "政府网站": 3,  # items 1, 2 and 3 (once, though stored twice); not 7, 10 or 12
        "政务新媒体": 1,
        "公开栏": 2,
        "广播电视": 0,
        "便民手册": 1,
        "其他": 0,
        "微信群": 1,
    }
    assert made == 10
    assert by_disclosure == {"主动公开": 7, "依申请公开": 2, "不予公开": 1}
    assert list(by_disclosure) == ["主动公开", "依申请公开", "不予公开"]


def test_publication_facts_of_an_empty_year(items: None, dept_a: Any, dept_b: Any) -> None:
    channels, made, by_disclosure = publication_facts(dept_a, 2020)
    assert channels == dict.fromkeys(CATALOG_CHANNELS, 0)
    assert made == 0
    assert by_disclosure == {"主动公开": 0, "依申请公开": 0, "不予公开": 0}
    channels, made, by_disclosure = publication_facts(dept_b, 2024)
    assert channels["政府网站"] == 1 and sum(channels.values()) == 1
    assert made == 2
    assert by_disclosure == {"主动公开": 1, "依申请公开": 0, "不予公开": 1}


def _documents(body: Any) -> None:
    """规章 and 规范性文件 with dates on both sides of every year boundary of 2019–2025."""
    days = [date(2019, 1, 1) + timedelta(days=37 * i) for i in range(70)]
    made_items = []
    n = 100
    for i, made in enumerate(days):
        for category in ("regulation", "normative", "other"):
            n += 1
            fields: dict[str, Any] = {"category": category}
            kind = (i + n) % 5
            if kind in (0, 1, 2):
                fields["published_on"] = made + timedelta(days=(0, 20, 400)[kind])
            elif kind == 3:
                fields["disclosure"] = "依申请公开"
            else:
                fields["disclosure"] = "不予公开"
            if (i + n) % 3 == 0:
                fields["validity"] = "repealed"
                fields["repealed_on"] = made + timedelta(days=(i * 53) % 900)
            made_items.append(CatalogItem(**_values(body, n, made, **fields)))
    CatalogItem.objects.bulk_create(made_items)


def test_document_cells_equal_the_count_of_every_item(dept_a: Any, dept_b: Any) -> None:
    _documents(dept_a)
    _item(dept_b, 1, date(2020, 5, 1), category="regulation", published_on=date(2020, 5, 2))
    facts = [item.facts() for item in CatalogItem.objects.filter(body=dept_a)]
    for year in (2018, 2019, 2020, 2021, 2023, 2024, 2025, 2026):
        for format_id in ("2019", "2021"):
            raw = count_table_2(facts, (), (), (), year, format_id)
            keys = [k for k in raw if k.startswith(("s2.regulations.", "s2.normative_docs."))]
            expected = {k: raw[k] for k in keys}
            cells = build_table2(dept_a, year, format_id)
            assert {k: cells[k] for k in keys} == expected, (year, format_id)
            assert year == 2018 or any(expected.values())
            # the expanded facts count the same
            grouped = list(document_facts(dept_a, year))
            expanded = count_table_2(grouped, (), (), (), year, format_id)
            assert {k: expanded[k] for k in keys} == expected, (year, format_id)
