"""What every list says about itself (issue 10, finding 16): 共 N 条，第 x / y 页, 找到 N 条
after a search, a page past the end redirects to the last page with a message; the catalog's
lazy list counts at most ``COUNT_LIMIT`` + 1 rows and says 超过 … beyond."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import timezone
from page_parts import marked_texts, table_rows

from gongkai.apps.catalog.actions import create_item, publish_item, review_secrecy
from gongkai.kernel import tables as kernel_tables

pytestmark = pytest.mark.django_db


@pytest.fixture
def dept_a(dept_a: Any) -> Any:
    dept_a.credit_code = "11640521MB1234567X"  # a code for the 索引号
    dept_a.save()
    return dept_a


def _items(clerk: Any, body: Any, count: int) -> None:
    for n in range(count):
        create_item(
            body,
            title=f"文件{n:02d}",
            made_on=timezone.localdate() - timedelta(days=2),
            category="other",
            acting_user=clerk,
        )


@pytest.fixture
def applications(register: Any) -> None:
    for i in range(27):
        register(received_on=date(2026, 10, 1), applicant_name=f"申请人{i:02d}")


def _messages(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_list_says_its_total_and_pages_and_a_search_its_hits(
    client: Client, applications: None, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    page = client.get("/applications/").content.decode()
    assert marked_texts(page, "listing") == ["共 27 件申请，第 1 / 2 页"]
    page = client.get("/applications/?q=申请人1").content.decode()
    assert marked_texts(page, "listing") == ["找到 10 件申请，第 1 / 1 页"]
    page = client.get("/applications/?q=没有这个人").content.decode()
    assert marked_texts(page, "listing") == ["找到 0 件申请"]


def test_a_page_past_the_end_redirects_to_the_last_page_with_a_message(
    client: Client, applications: None, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    response = client.get("/applications/?q=申请人&page=999")
    assert response.status_code == 302
    assert response["Location"] == "/applications/?q=%E7%94%B3%E8%AF%B7%E4%BA%BA&page=2"
    followed = client.get(response["Location"])
    assert _messages(followed) == ["列表没有第 999 页，已转到最后一页（第 2 页）。"]
    assert marked_texts(followed.content.decode(), "listing") == ["找到 27 件申请，第 2 / 2 页"]
    assert len(table_rows(followed.content.decode())) == 2


def test_the_catalog_counts_within_a_bound(
    client: Client, dept_a: Any, clerk_a: Any, django_assert_max_num_queries: Any
) -> None:
    _items(clerk_a, dept_a, 30)
    client.force_login(clerk_a)
    with django_assert_max_num_queries(20) as captured:
        page = client.get("/catalog/").content.decode()
    counts = [
        q["sql"]
        for q in captured.captured_queries
        if "catalogitem" in q["sql"] and "COUNT(" in q["sql"].upper()
    ]
    # One count, of at most COUNT_LIMIT + 1 rows: never a COUNT(*) over the million items.
    assert len(counts) == 1 and f"LIMIT {kernel_tables.COUNT_LIMIT + 1}" in counts[0]
    assert marked_texts(page, "listing") == ["共 30 条信息，第 1 / 2 页"]
    response = client.get("/catalog/?page=999")
    assert response.status_code == 302 and response["Location"] == "/catalog/?page=2"


def test_the_catalog_beyond_the_count_limit_says_more_than(
    client: Client, dept_a: Any, clerk_a: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(kernel_tables, "COUNT_LIMIT", 20)
    _items(clerk_a, dept_a, 30)
    client.force_login(clerk_a)
    page = client.get("/catalog/").content.decode()
    assert marked_texts(page, "listing") == ["共超过 20 条信息，第 1 页"]
    page = client.get("/catalog/?q=文件").content.decode()
    assert marked_texts(page, "listing") == ["找到超过 20 条信息，第 1 页"]
    assert "下一页" in page
    response = client.get("/catalog/?page=7")
    assert response.status_code == 302 and response["Location"] == "/catalog/?page=2"
    assert _messages(client.get(response["Location"])) == [
        "列表没有第 7 页，已转到最后一页（第 2 页）。"
    ]


def test_the_public_catalog_pages_alike(
    client: Client, dept_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    for n in range(25):
        item = create_item(
            dept_a,
            title=f"公开文件{n:02d}",
            made_on=timezone.localdate() - timedelta(days=2),
            category="other",
            acting_user=clerk_a,
        )
        item = review_secrecy(item, "approved", item.made_on, acting_user=reviewer_a)
        publish_item(item, item.made_on, ["政府网站"], acting_user=clerk_a)
    url = f"/catalog/public/{dept_a.pk}/"
    page = client.get(url).content.decode()
    assert marked_texts(page, "listing")[0].startswith("共 25 条")
    assert marked_texts(page, "listing")[0].endswith("，第 1 / 2 页")
    response = client.get(url + "?page=3")
    assert response.status_code == 302 and response["Location"] == url + "?page=2"


def test_a_sort_names_only_the_lists_orderable_columns(
    client: Client, applications: None, clerk_a: Any, recwarn: pytest.WarningsRecorder
) -> None:
    """``?sort=`` keeps the orderable columns it names and drops the rest: a fuzzed ``.I`` or
    ``a.b`` reaches django-tables2 no more (it read the dot as a legacy accessor path and
    warned), and the list is the default order."""
    client.force_login(clerk_a)
    default = table_rows(client.get("/applications/").content.decode())
    for odd in (".I", "applicant.name", "-.x", "nope", ",,"):
        response = client.get(f"/applications/?sort={odd}")
        assert response.status_code == 200
        assert table_rows(response.content.decode()) == default
    assert not [w for w in recwarn if issubclass(w.category, DeprecationWarning)]
    ascending = table_rows(client.get("/applications/?sort=applicant_name").content.decode())
    descending = table_rows(client.get("/applications/?sort=-applicant_name").content.decode())
    assert "申请人00" in " ".join(ascending[0]) and "申请人26" in " ".join(descending[0])
