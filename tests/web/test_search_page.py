"""The public search page /catalog/search/ (issue 13, item 2): the words found marked and
escaped, the filters (a body alone or with the bodies below it, the year, the category, the
validity), every kind of non-public item left out, odd parameters answered with a Chinese
message, the count said, the query count independent of the results; the search boxes of the
home page, the /bodies/ index and a body's 专栏, and 检索 in the public navigation."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.apps.catalog.actions import (
    add_attachment,
    create_item,
    publish_item,
    repeal_item,
    review_secrecy,
)
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.services import create_body

pytestmark = pytest.mark.django_db

CODE_A = "11640521MB1234567X"
MADE = date(2025, 3, 3)
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
URL = "/catalog/search/"
_SERIAL = itertools.count(1)


@pytest.fixture
def world(
    settings: Any, tmp_path: Any, county: Any, dept_a: Any, clerk_a: Any, reviewer_a: Any
) -> dict[str, Any]:
    """教育局 (under the county) publishes a 规范性文件 with a file; the county, another county
    and 教育局 hold more public items of the same words."""
    settings.GONGKAI_VAR_DIR = tmp_path
    dept_a.credit_code = CODE_A
    dept_a.save()
    item = create_item(
        dept_a,
        title="关于做好寒假安全工作的通知",
        doc_number="某教发〔2025〕3号",
        category="normative",
        made_on=MADE,
        acting_user=clerk_a,
    )
    attachment = add_attachment(item, SimpleUploadedFile("寒假通知.pdf", PDF), acting_user=clerk_a)
    item.refresh_from_db()
    item = review_secrecy(item, "approved", MADE, acting_user=reviewer_a)
    item = publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk_a)
    other = create_body("另一县人民政府")
    return {
        "item": item,
        "attachment": attachment,
        "county_item": _public(county, "县政府关于寒假安全工作的通知", made_on=date(2024, 12, 1)),
        "other_item": _public(other, "另一县寒假安全工作方案", category="other"),
        "other": other,
    }


def _public(body: Any, title: str, **fields: Any) -> CatalogItem:
    """A published 主动公开 item as a ledger import writes it."""
    values: dict[str, Any] = {
        "made_on": MADE,
        "published_on": date(2025, 3, 12),
        "category": "normative",
        "disclosure": "主动公开",
        "secrecy_conclusion": "approved",
        "secrecy_reviewed_on": MADE,
        "index_number": f"000000000-2025-{next(_SERIAL):04d}",
        **fields,
    }
    return CatalogItem.objects.create(body=body, title=title, **values)


def _get(client: Client, **params: Any) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def _titles(page: str) -> list[str]:
    """The titles of the results, as text (marks removed)."""
    cells = re.findall(r'<td class="gk-stack-title"[^>]*><a href="[^"]+">(.*?)</a>', page)
    return sorted(re.sub(r"</?mark>", "", cell) for cell in cells)


def test_empty_query_says_what_to_type(client: Client, world: dict[str, Any]) -> None:
    for params in ({}, {"q": ""}, {"q": "   "}, {"body": world["item"].body_id}):
        page = _get(client, **params)
        assert 'data-testid="search-hint"' in page
        assert "请输入要查找的文字" in page
        assert 'data-testid="object-table"' not in page


def test_results_marked_linked_and_counted(client: Client, world: dict[str, Any]) -> None:
    item, attachment = world["item"], world["attachment"]
    page = _get(client, q="寒假安全")
    assert _titles(page) == sorted(
        [item.title, world["county_item"].title, world["other_item"].title]
    )
    assert "找到 3 条信息" in page
    assert re.search(r'role="status"[^>]*>找到 3 条信息', page)
    assert "<title>检索“寒假安全”（找到 3 条信息，第 1 / 1 页） · 检索主动公开信息" in page
    assert "关于做好<mark>寒假安全</mark>工作的通知" in page
    # The item's page and its file, linked from the result.
    assert f'href="{reverse("catalog:public_item", args=[item.pk])}"' in page
    assert f'href="{attachment.get_absolute_url()}">寒假通知.pdf</a>' in page
    # 文号, 索引号 and 机关 are marked too.
    assert "某教发<mark>〔2025〕3</mark>号" in _get(client, q="〔2025〕3")
    assert f"<mark>{CODE_A}</mark>" in _get(client, q=CODE_A)
    by_body = _get(client, q="教育局")
    assert _titles(by_body) == [item.title]
    assert "某某县<mark>教育局</mark>" in by_body
    # Nothing found: said, with advice.
    none = _get(client, q="不存在的词语")
    assert "找到 0 条信息" in none and 'data-testid="search-advice"' in none


def test_highlight_and_query_are_escaped(client: Client, world: dict[str, Any]) -> None:
    _public(world["other"], "<b>加粗</b>的通知<script>alert(1)</script>")
    page = _get(client, q="加粗</b>的")
    assert "&lt;b&gt;<mark>加粗&lt;/b&gt;的</mark>通知&lt;script&gt;" in page
    assert "<script>alert" not in page and "<b>加粗" not in page
    page = _get(client, q='"><script>x</script>')
    assert "<script>x" not in page
    assert "&quot;&gt;&lt;script&gt;x&lt;/script&gt;" in page


def test_filters_body_subtree_year_category_validity(
    client: Client, world: dict[str, Any], county: Any, dept_a: Any, clerk_a: Any
) -> None:
    item, county_item, other_item = world["item"], world["county_item"], world["other_item"]
    q = "寒假安全"
    assert _titles(_get(client, q=q, body=county.pk)) == [county_item.title]
    assert _titles(_get(client, q=q, body=county.pk, below="on")) == sorted(
        [item.title, county_item.title]
    )
    assert _titles(_get(client, q=q, body=dept_a.pk, below="on")) == [item.title]
    assert _titles(_get(client, q=q, body=world["other"].pk)) == [other_item.title]
    assert _titles(_get(client, q=q, year=2024)) == [county_item.title]
    assert _titles(_get(client, q=q, year=2025)) == sorted([item.title, other_item.title])
    assert _titles(_get(client, q=q, category="other")) == [other_item.title]
    repeal_item(item, date(2025, 6, 1), acting_user=clerk_a)
    assert _titles(_get(client, q=q, validity="repealed")) == [item.title]
    assert item.title not in _titles(_get(client, q=q, validity="valid"))
    # The selected body stays selected; the bodies are offered in the tree's order, indented.
    page = _get(client, q=q, body=dept_a.pk, below="on")
    assert re.search(rf'<option value="{dept_a.pk}" selected>\u3000某某县教育局</option>', page)
    assert re.search(r'name="below"[^>]*checked', page)


def test_non_public_items_are_never_found(
    client: Client, world: dict[str, Any], dept_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    title = "寒假值班安排"
    _public(dept_a, f"{title}（已发布）")
    create_item(dept_a, title=f"{title}（草稿）", made_on=MADE, acting_user=clerk_a)
    reviewed = create_item(
        dept_a, title=f"{title}（审查后未发布）", made_on=MADE, acting_user=clerk_a
    )
    review_secrecy(reviewed, "approved", MADE, acting_user=reviewer_a)
    for disclosure, reason in (("依申请公开", "过程信息"), ("不予公开", "国家秘密")):
        hidden = create_item(
            dept_a,
            title=f"{title}（{disclosure}）",
            made_on=MADE,
            disclosure=disclosure,
            disclosure_reason=reason,
            acting_user=clerk_a,
        )
        if disclosure == "依申请公开":  # even with a 发布日期 written behind the actions' back
            CatalogItem.objects.filter(pk=hidden.pk).update(published_on=MADE)
    _public(dept_a, f"{title}（明日发布）", published_on=timezone.localdate() + timedelta(days=1))
    for q in (title, "值班", "寒", "草稿", "依申请", "不予公开", "明日发布"):
        for params in ({}, {"body": dept_a.pk}, {"year": 2025}):
            found = [t for t in _titles(_get(client, q=q, **params)) if t.startswith(title)]
            assert found in ([f"{title}（已发布）"], []), (q, params, found)
            if q in (title, "值班", "寒"):
                assert found == [f"{title}（已发布）"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "通知", "body": "abc"}, "机关：所选项不在可选范围内。"),
        ({"q": "通知", "body": "999999"}, "机关：所选项不在可选范围内。"),
        ({"q": "通知", "year": "二〇二五"}, "成文年度：年度应为"),
        ({"q": "通知", "year": "99999999999999999999"}, "成文年度：年度应为"),
        ({"q": "通知", "category": "x"}, "信息类别：所选项不在可选范围内。"),
        ({"q": "通知", "validity": "<b>"}, "有效性：所选项不在可选范围内。"),
        ({"q": "通\x00知"}, "检索词：检索词含有不可见的空字符，请删除后再检索。"),
    ],
)
def test_bad_parameters_get_a_chinese_message(
    client: Client, world: dict[str, Any], params: dict[str, str], message: str
) -> None:
    page = _get(client, **params)
    assert 'data-testid="search-errors"' in page
    assert "检索条件有误，请改正：" in page and message in page
    assert 'data-testid="object-table"' not in page


def test_odd_paging_and_long_queries(client: Client, world: dict[str, Any]) -> None:
    for page_param in ("abc", "-1", "0", "99999999999999999999"):
        assert _titles(_get(client, q="寒假安全", page=page_param))
    response = client.get(URL, {"q": "寒假安全", "page": "9"})  # past the last page
    assert response.status_code == 302 and "page=1" in response["Location"]
    assert _titles(_get(client, q="寒假安全" + "字" * 500)) == []


def test_query_count_does_not_grow_with_results(client: Client, world: dict[str, Any]) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _get(client, q="寒假安全")
        return len(captured)

    few = queries()
    for n in range(12):
        _public(world["other"], f"寒假安全检查第{n}号")
    assert queries() == few


def test_search_boxes_and_navigation(client: Client, world: dict[str, Any], county: Any) -> None:
    action = f'action="{URL}"'
    home = client.get("/").content.decode()
    assert action in home and 'for="home-search"' in home
    assert re.search(r'<a class="nav-link"[^>]*href="/catalog/search/"[^>]*>检索</a>', home)
    index = client.get("/bodies/").content.decode()
    assert action in index and 'for="column-search"' in index
    column = client.get(f"/bodies/{county.pk}/").content.decode()
    assert action in column
    assert f'<input type="hidden" name="body" value="{county.pk}">' in column
    assert re.search(r'name="below" value="on" id="column-search-below" checked', column)
    assert "检索某某县人民政府的主动公开信息" in column
    # A body with no body below it offers no 含下级机关.
    other = client.get(f"/bodies/{world['other'].pk}/").content.decode()
    assert f'name="body" value="{world["other"].pk}"' in other and 'name="below"' not in other
    # The search page marks 检索 as the current section.
    page = _get(client, q="寒假")
    assert re.search(r'class="nav-link active" aria-current="page" href="/catalog/search/"', page)


def test_counted_up_to_the_page_limit(
    client: Client, world: dict[str, Any], monkeypatch: Any
) -> None:
    """Beyond the search page's count limit the page says 找到超过 … and pages on."""
    from gongkai.apps.catalog.views import SearchView

    monkeypatch.setattr(SearchView, "count_limit", 20)
    for n in range(25):
        _public(world["other"], f"寒假安全检查第{n}号")
    page = _get(client, q="寒假安全")
    assert re.search(r'role="status"[^>]*>找到超过 20 条信息，第 1 页', page)
    assert "下一页" in page
    assert len(_titles(_get(client, q="寒假安全", page=2))) == 8
