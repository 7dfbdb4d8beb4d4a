"""The 主动公开目录 pages: list and filters, drafting, 保密审查 and publication, life cycle,
art. 26, the catalog tree, the §3 ledger page, the public catalog and the permissions."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from lxml import html as lxml_html

from gongkai.apps.catalog.actions import create_item, publish_item, review_secrecy
from gongkai.apps.catalog.models import CatalogItem, CatalogNode
from gongkai.domain.ledgers.catalog import CATALOG_COLUMNS
from gongkai.domain.ledgers.table_io import write_csv
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db

CODE_A = "11640521MB1234567X"


@pytest.fixture
def coded_a(dept_a: Any) -> Any:
    dept_a.credit_code = CODE_A
    dept_a.save()
    return dept_a


def _draft(user: Any, body: Any, **fields: Any) -> CatalogItem:
    values: dict[str, Any] = {
        "title": "关于印发某某工作方案的通知",
        "made_on": timezone.localdate() - timedelta(days=2),
        "category": "normative",
        "doc_number": "某教发〔2026〕1号",
    }
    values.update(fields)
    return create_item(body, **values, acting_user=user)


@pytest.fixture
def item(coded_a: Any, clerk_a: Any) -> CatalogItem:
    return _draft(clerk_a, coded_a)


def _published(clerk: Any, reviewer: Any, body: Any, **fields: Any) -> CatalogItem:
    item = _draft(clerk, body, **fields)
    item = review_secrecy(item, "approved", item.made_on, acting_user=reviewer)
    return publish_item(item, item.made_on, ["政府网站"], acting_user=clerk)


def _form(**fields: Any) -> dict[str, Any]:
    data = {
        "title": "关于做好秋季开学工作的通知",
        "doc_number": "某教发〔2026〕9号",
        "category": "other",
        "summary": "",
        "topic": "",
        "publisher": "",
        "made_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "valid_from": "",
        "disclosure": "主动公开",
        "disclosure_reason": "",
        "node": "",
        "index_number": "",
    }
    data.update(fields)
    return data


# ---------------------------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["/catalog/", "/catalog/new/", "/catalog/1/", "/catalog/overdue/", "/catalog/tree/1/"]
)
def test_anonymous_is_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_list_and_detail_of_own_body(client: Client, item: CatalogItem, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    page = client.get("/catalog/").content.decode()
    assert item.title in page and item.index_number in page
    detail = client.get(f"/catalog/{item.pk}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    for value in (item.index_number, item.doc_number, "行政规范性文件", "主动公开", "有效"):
        assert value in text
    assert "尚未进行保密审查" in text


def test_other_body_is_404(client: Client, item: CatalogItem, clerk_b: Any) -> None:
    client.force_login(clerk_b)
    assert item.title not in client.get("/catalog/").content.decode()
    for url in (
        f"/catalog/{item.pk}/",
        f"/catalog/{item.pk}/edit/",
        f"/catalog/{item.pk}/actions/publish/",
        f"/catalog/tree/{item.body_id}/",
        f"/catalog/ledger/{item.body_id}/",
    ):
        assert client.get(url).status_code == 404, url


def test_supervisor_reads_but_changes_nothing(
    client: Client, item: CatalogItem, supervisor: Any
) -> None:
    client.force_login(supervisor)
    assert item.title in client.get("/catalog/").content.decode()
    detail = client.get(f"/catalog/{item.pk}/")
    assert detail.status_code == 200
    assert "修改信息" not in detail.content.decode()
    assert client.get(f"/catalog/{item.pk}/edit/").status_code == 403
    assert client.get("/catalog/new/").status_code == 403
    post = client.post(
        f"/catalog/{item.pk}/actions/review/",
        {"secrecy_conclusion": "approved", "reviewed_on": item.made_on.isoformat()},
    )
    assert post.status_code == 403
    assert client.get(f"/catalog/tree/{item.body_id}/").status_code == 200
    new_node = f"/catalog/tree/{item.body_id}/new/"
    assert client.post(new_node, {"name": "机构职能"}).status_code == 403
    item.refresh_from_db()
    assert item.secrecy_conclusion == ""
    assert not CatalogNode.objects.exists()


# ---------------------------------------------------------------------------------------------
# Drafting and editing
# ---------------------------------------------------------------------------------------------


def test_draft_requires_the_disclosure_and_a_reason(
    client: Client, coded_a: Any, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    missing = client.post("/catalog/new/", _form(body=coded_a.pk, disclosure=""))
    assert "请选择公开属性" in missing.content.decode()
    no_reason = client.post("/catalog/new/", _form(body=coded_a.pk, disclosure="不予公开"))
    assert "必须说明理由" in no_reason.content.decode()
    assert not CatalogItem.objects.exists()
    ok = client.post(
        "/catalog/new/",
        _form(body=coded_a.pk, disclosure="依申请公开", disclosure_reason="涉及个人信息"),
    )
    item = CatalogItem.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/catalog/{item.pk}/"
    assert item.index_number.startswith(CODE_A) and item.disclosure == "依申请公开"
    (entry,) = entries_for(item)
    assert (entry.action, entry.user) == ("catalog.create", clerk_a)


def test_category_has_no_default_the_clerk_chooses(
    client: Client, coded_a: Any, clerk_a: Any
) -> None:
    """Issue 10: 信息类别 defaulted to 规章, so an untouched form published a notice as a 规章."""
    client.force_login(clerk_a)
    page = lxml_html.fromstring(client.get("/catalog/new/").content.decode())
    (select,) = page.xpath('//select[@name="category"]')
    options = select.xpath("./option")
    assert [(o.get("value"), o.text_content().strip()) for o in options[:1]] == [("", "请选择")]
    selected = [o.get("value") for o in options if o.get("selected") is not None]
    assert selected in ([], [""])  # the browser shows 请选择, never 规章
    assert select.get("required") is not None
    untouched = client.post("/catalog/new/", _form(body=coded_a.pk, category=""))
    assert untouched.status_code == 400
    assert "请选择信息类别。" in untouched.content.decode()
    assert not CatalogItem.objects.exists()
    chosen = client.post("/catalog/new/", _form(body=coded_a.pk, category="other"))
    assert chosen.status_code == 302
    assert CatalogItem.objects.get().category == "other"


def _trail_row(page: str, action: str) -> str:
    """The text of the newest audit trail row of ``action`` on a record's page."""
    match = re.search(rf'<tr data-action="{re.escape(action)}">(.*?)</tr>', page, re.S)
    assert match is not None, action
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


def test_edit_keeps_the_index_number_and_records_history(
    client: Client, item: CatalogItem, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    number = item.index_number
    response = client.post(
        f"/catalog/{item.pk}/edit/",
        _form(title="新标题", category="normative", index_number="X/2020-00001"),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "新标题" and item.index_number == number
    row = _trail_row(client.get(f"/catalog/{item.pk}/").content.decode(), "catalog.update")
    assert "名称：关于印发某某工作方案的通知 → 新标题" in row
    assert "clerk_a" in row and "修改信息" in row


# ---------------------------------------------------------------------------------------------
# 保密审查, publication, life cycle
# ---------------------------------------------------------------------------------------------


def test_publication_needs_the_secrecy_review(
    client: Client, item: CatalogItem, clerk_a: Any, reviewer_a: Any
) -> None:
    client.force_login(clerk_a)
    today = timezone.localdate().isoformat()
    blocked = client.post(
        f"/catalog/{item.pk}/actions/publish/", {"published_on": today, "channels": ["政府网站"]}
    )
    assert blocked.status_code == 400
    assert "尚未通过保密审查" in blocked.content.decode()
    # A 经办人 does not review.
    review = {"secrecy_conclusion": "approved", "reviewed_on": today}
    assert client.post(f"/catalog/{item.pk}/actions/review/", review).status_code == 403

    client.force_login(reviewer_a)
    assert client.post(f"/catalog/{item.pk}/actions/review/", review).status_code == 302
    item.refresh_from_db()
    assert item.secrecy_reviewer == reviewer_a and item.secrecy_conclusion == "approved"

    client.force_login(clerk_a)
    done = client.post(
        f"/catalog/{item.pk}/actions/publish/",
        {"published_on": today, "channels": ["政府网站", "公开栏"]},
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.published_on == timezone.localdate() and item.channels == "政府网站,公开栏"
    page = client.get(f"/catalog/{item.pk}/").content.decode()
    assert "保密审查结论" in page and "reviewer_a" in page


def test_withheld_conclusion_blocks_publication(
    client: Client, item: CatalogItem, clerk_a: Any, reviewer_a: Any
) -> None:
    review_secrecy(item, "withheld", item.made_on, acting_user=reviewer_a)
    client.force_login(clerk_a)
    response = client.post(
        f"/catalog/{item.pk}/actions/publish/",
        {"published_on": timezone.localdate().isoformat(), "channels": ["政府网站"]},
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.published_on is None


def test_amend_and_repeal_a_normative_document(
    client: Client, item: CatalogItem, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    today = timezone.localdate().isoformat()
    assert "登记修改" in client.get(f"/catalog/{item.pk}/").content.decode()
    assert (
        client.post(f"/catalog/{item.pk}/actions/amend/", {"amended_on": today}).status_code == 302
    )
    early = client.post(
        f"/catalog/{item.pk}/actions/repeal/",
        {"validity": "repealed", "repealed_on": "2000-01-01"},
    )
    assert early.status_code == 400 and "不能早于成文日期" in early.content.decode()
    assert (
        client.post(
            f"/catalog/{item.pk}/actions/repeal/", {"validity": "repealed", "repealed_on": today}
        ).status_code
        == 302
    )
    item.refresh_from_db()
    assert item.amended_on == timezone.localdate()
    assert item.validity == "repealed" and item.repealed_on == timezone.localdate()
    page = client.get(f"/catalog/{item.pk}/").content.decode()
    assert "有效性：有效 → 废止" in _trail_row(page, "catalog.repeal")
    assert f"修改日期：{today}" in _trail_row(page, "catalog.amend")


def test_other_documents_have_no_life_cycle(client: Client, coded_a: Any, clerk_a: Any) -> None:
    other = _draft(clerk_a, coded_a, category="other")
    client.force_login(clerk_a)
    assert "登记修改" not in client.get(f"/catalog/{other.pk}/").content.decode()
    response = client.post(
        f"/catalog/{other.pk}/actions/amend/", {"amended_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 400 and "只有规章和行政规范性文件" in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Filters and art. 26
# ---------------------------------------------------------------------------------------------


def test_filters_and_search(client: Client, coded_a: Any, clerk_a: Any, reviewer_a: Any) -> None:
    old = _draft(clerk_a, coded_a, title="旧规章", category="regulation", made_on=date(2024, 5, 6))
    fresh = _draft(
        clerk_a, coded_a, title="新通知", category="other", doc_number="某教函〔2026〕3号"
    )
    review_secrecy(fresh, "approved", fresh.made_on, acting_user=reviewer_a)
    client.force_login(clerk_a)

    def titles(query: str) -> str:
        return client.get(f"/catalog/?{query}").content.decode()

    assert "旧规章" in titles("year=2024") and "新通知" not in titles("year=2024")
    assert "旧规章" in titles("category=regulation") and "新通知" not in titles(
        "category=regulation"
    )
    assert "新通知" in titles("q=教函") and "旧规章" not in titles("q=教函")
    assert "新通知" in titles(f"q={fresh.index_number}")
    waiting = titles("awaiting_review=true")
    assert "旧规章" in waiting and "新通知" not in waiting
    overdue = titles("publication_overdue=true")
    assert "旧规章" in overdue and "新通知" not in overdue
    assert old.pk != fresh.pk


def test_art26_overdue_flag_and_list(client: Client, coded_a: Any, clerk_a: Any) -> None:
    late = _draft(clerk_a, coded_a, title="逾期未发布的文件", made_on=date(2025, 1, 6))
    _draft(clerk_a, coded_a, title="刚形成的文件")
    _draft(
        clerk_a,
        coded_a,
        title="不主动公开的旧文件",
        made_on=date(2025, 1, 6),
        disclosure="不予公开",
        disclosure_reason="涉密",
    )
    client.force_login(clerk_a)
    page = client.get("/catalog/overdue/").content.decode()
    assert "逾期未发布的文件" in page
    assert "刚形成的文件" not in page and "不主动公开的旧文件" not in page
    detail = client.get(f"/catalog/{late.pk}/").content.decode()
    assert 'data-testid="overdue-flag"' in detail and "超期未发布" in detail
    assert "2025-02-" in detail  # the due date (20 working days after 2025-01-06)


def test_list_pages_with_a_bounded_count(
    client: Client, coded_a: Any, clerk_a: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(30):
        _draft(clerk_a, coded_a, title=f"文件{n:02d}")
    client.force_login(clerk_a)
    with django_assert_max_num_queries(20) as captured:
        first = client.get("/catalog/").content.decode()
    item_queries = [q["sql"] for q in captured.captured_queries if "catalogitem" in q["sql"]]
    counts = [sql for sql in item_queries if "COUNT(" in sql.upper()]
    # Counted up to a bound only (kernel.tables.COUNT_LIMIT), never over the whole table.
    assert item_queries and all("LIMIT 10001" in sql for sql in counts)
    assert "下一页" in first and "文件29" in first and "文件00" not in first
    second = client.get("/catalog/?page=2").content.decode()
    assert "文件00" in second and "下一页" not in second


# ---------------------------------------------------------------------------------------------
# The catalog tree
# ---------------------------------------------------------------------------------------------


def test_tree_add_rename_reorder_delete(client: Client, coded_a: Any, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    url = f"/catalog/tree/{coded_a.pk}/"
    new = f"/catalog/tree/{coded_a.pk}/new/"
    assert client.post(new, {"name": "机构职能"}).status_code == 302
    assert client.post(new, {"name": "政策文件"}).status_code == 302
    first, second = CatalogNode.objects.order_by("order")
    assert [first.name, second.name] == ["机构职能", "政策文件"]
    assert client.post(new, {"name": "规范性文件", "parent": second.pk}).status_code == 302
    child = CatalogNode.objects.get(name="规范性文件")
    assert child.parent == second

    client.post(f"/catalog/nodes/{second.pk}/up/")
    assert list(
        CatalogNode.objects.filter(parent=None).order_by("order").values_list("name", flat=True)
    ) == ["政策文件", "机构职能"]
    refused = client.post(f"/catalog/nodes/{second.pk}/up/")  # already the first
    assert refused.status_code == 400 and "已经在最前面" in refused.content.decode()
    client.post(f"/catalog/nodes/{first.pk}/rename/", {"name": "机构信息"})
    first.refresh_from_db()
    assert first.name == "机构信息"

    filed = _draft(clerk_a, coded_a, node=child, title="归入目录的文件")
    _draft(clerk_a, coded_a, title="未分类的文件")
    by_node = client.get(f"/catalog/?node={child.pk}").content.decode()
    assert filed.title in by_node and "未分类的文件" not in by_node
    refused = client.post(f"/catalog/nodes/{child.pk}/delete/", follow=True)
    assert "还有信息条目" in refused.content.decode()
    refused = client.post(f"/catalog/nodes/{second.pk}/delete/", follow=True)
    assert "还有下级目录" in refused.content.decode()
    client.post(f"/catalog/nodes/{first.pk}/delete/")
    assert not CatalogNode.objects.filter(pk=first.pk).exists()
    page = client.get(url).content.decode()
    assert "政策文件" in page and "规范性文件" in page and "1 条信息" in page


# ---------------------------------------------------------------------------------------------
# The §3 ledger
# ---------------------------------------------------------------------------------------------


def _catalog_csv(rows: list[dict[str, object]]) -> bytes:
    return write_csv(CATALOG_COLUMNS, rows)


def test_catalog_ledger_with_a_bad_row_writes_nothing(
    client: Client, coded_a: Any, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    good: dict[str, object] = {
        "标题": "关于印发某某办法的通知",
        "文号": "某教发〔2025〕1号",
        "信息类别": "行政规范性文件",
        "成文日期": "2025-03-03",
        "发布日期": "2025-03-10",
        "公开属性": "主动公开",
        "公开渠道": "政府网站",
    }
    bad: dict[str, object] = {
        **good,
        "标题": "第二个文件",
        "成文日期": "2025-13-40",
        "公开属性": "随便公开",
    }
    upload = _upload("主动公开信息台账.csv", _catalog_csv([good, bad]))
    response = client.post(f"/catalog/ledger/{coded_a.pk}/", {"file": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "未导入任何记录" in text
    assert "第 3 行，“成文日期”列" in text and "第 3 行，“公开属性”列" in text
    assert not CatalogItem.objects.exists()

    upload = _upload("主动公开信息台账.csv", _catalog_csv([good]))
    ok = client.post(f"/catalog/ledger/{coded_a.pk}/", {"file": upload}, follow=True)
    assert "导入完成" in ok.content.decode()
    item = CatalogItem.objects.get()
    assert item.published_on == date(2025, 3, 10)
    (entry,) = entries_for(item)
    assert (entry.action, entry.user) == ("catalog.import", clerk_a)

    export = client.get(f"/catalog/ledger/{coded_a.pk}/export/?year=2025&fmt=csv")
    assert export.status_code == 200 and "关于印发某某办法的通知" in export.content.decode(
        "utf-8-sig"
    )
    assert client.get("/catalog/ledger/template.xlsx").status_code == 200


def test_catalog_ledger_supervisor_cannot_import(
    client: Client, coded_a: Any, supervisor: Any
) -> None:
    client.force_login(supervisor)
    assert client.get(f"/catalog/ledger/{coded_a.pk}/").status_code == 200
    upload = _upload("台账.csv", _catalog_csv([]))
    assert client.post(f"/catalog/ledger/{coded_a.pk}/", {"file": upload}).status_code == 403


def _upload(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


# ---------------------------------------------------------------------------------------------
# The public catalog
# ---------------------------------------------------------------------------------------------


def test_public_catalog_hides_what_is_not_public(
    client: Client, coded_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    _published(clerk_a, reviewer_a, coded_a, title="已发布的通知")
    _draft(clerk_a, coded_a, title="尚未发布的通知")
    reviewed = _draft(clerk_a, coded_a, title="已审查未发布的通知")
    review_secrecy(reviewed, "approved", reviewed.made_on, acting_user=reviewer_a)
    _draft(
        clerk_a,
        coded_a,
        title="依申请公开的文件",
        disclosure="依申请公开",
        disclosure_reason="内部事务",
    )
    _draft(
        clerk_a, coded_a, title="不予公开的文件", disclosure="不予公开", disclosure_reason="涉密"
    )
    response = client.get(f"/catalog/public/{coded_a.pk}/")  # anonymous
    assert response.status_code == 200
    text = response.content.decode()
    assert "已发布的通知" in text
    for hidden in ("尚未发布的通知", "已审查未发布的通知", "依申请公开的文件", "不予公开的文件"):
        assert hidden not in text
    for secret in ("保密审查", "reviewer_a", "同意公开"):
        assert secret not in text
    assert (
        "已发布的通知" not in client.get(f"/catalog/public/{coded_a.pk}/?q=没有").content.decode()
    )
    assert client.get("/catalog/public/999999/").status_code == 404


def test_public_item_page_shows_a_published_item_and_its_files(
    client: Client, coded_a: Any, clerk_a: Any, reviewer_a: Any, settings: Any, tmp_path: Any
) -> None:
    """The title in the public catalog leads to the item's page: its 索引号, 文号, 发布日期,
    类别, 有效性 and body, and its files for download; nothing of the 保密审查."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from lxml import html as lxml_html

    from gongkai.apps.catalog.actions import add_attachment

    settings.GONGKAI_VAR_DIR = tmp_path
    draft = _draft(clerk_a, coded_a, title="已发布的规范性文件", summary="内容概述的文字。")
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    attachment = add_attachment(draft, SimpleUploadedFile("正文.pdf", pdf), acting_user=clerk_a)
    draft.refresh_from_db()
    item = review_secrecy(draft, "approved", draft.made_on, acting_user=reviewer_a)
    item = publish_item(item, item.made_on, ["政府网站"], acting_user=clerk_a)

    listing = client.get(f"/catalog/public/{coded_a.pk}/").content.decode()
    links = lxml_html.fromstring(listing).xpath('//td[contains(@class, "gk-stack-title")]/a')
    assert [(a.text_content(), a.get("href")) for a in links] == [
        ("已发布的规范性文件", f"/catalog/public/items/{item.pk}/")
    ]

    response = client.get(f"/catalog/public/items/{item.pk}/")  # anonymous
    assert response.status_code == 200
    page = lxml_html.fromstring(response.content.decode())
    (metadata,) = page.xpath('//*[@data-testid="public-item-metadata"]')
    shown = dict(
        zip(
            (" ".join(dt.text_content().split()) for dt in metadata.xpath("./dt")),
            (" ".join(dd.text_content().split()) for dd in metadata.xpath("./dd")),
            strict=True,
        )
    )
    assert shown["索引号"] == item.index_number and item.index_number.startswith(CODE_A)
    assert shown["文号"] == "某教发〔2026〕1号"
    assert shown["发布日期"] == item.published_on.isoformat()
    assert shown["信息类别"] == "行政规范性文件"
    assert shown["有效性"] == "有效"
    assert shown["机关"] == coded_a.name
    assert shown["内容概述"] == "内容概述的文字。"
    files = page.xpath('//*[@data-testid="public-attachments"]//a')
    assert [(a.text_content(), a.get("href")) for a in files] == [
        ("正文.pdf", attachment.get_absolute_url())
    ]
    assert client.get(attachment.get_absolute_url()).status_code == 200
    text = response.content.decode()
    for secret in ("保密审查", "reviewer_a", "同意公开", "SHA-256"):
        assert secret not in text


def test_public_item_page_is_404_unless_published_and_proactive(
    client: Client, coded_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    """Only a published 主动公开 item has a public page: a draft, a reviewed but unpublished
    item, a 依申请公开 or 不予公开 one, an item to be published tomorrow and an unknown number
    are all 404, to an anonymous visitor and to the body's own staff alike."""
    draft = _draft(clerk_a, coded_a, title="尚未发布的通知")
    reviewed = review_secrecy(
        _draft(clerk_a, coded_a, title="已审查未发布的通知"),
        "approved",
        draft.made_on,
        acting_user=reviewer_a,
    )
    on_request = _draft(
        clerk_a,
        coded_a,
        title="依申请公开的文件",
        disclosure="依申请公开",
        disclosure_reason="内部",
    )
    withheld = _draft(
        clerk_a, coded_a, title="不予公开的文件", disclosure="不予公开", disclosure_reason="涉密"
    )
    # Behind the actions' back: a 依申请公开 item with a 发布日期, an item published tomorrow.
    CatalogItem.objects.filter(pk=on_request.pk).update(
        published_on=timezone.localdate(), secrecy_conclusion="approved"
    )
    tomorrow = _published(clerk_a, reviewer_a, coded_a, title="明天发布的通知")
    CatalogItem.objects.filter(pk=tomorrow.pk).update(
        published_on=timezone.localdate() + timedelta(days=1)
    )
    published = _published(clerk_a, reviewer_a, coded_a, title="已发布的通知")
    hidden = [draft, reviewed, on_request, withheld, tomorrow]
    staff = Client()
    staff.force_login(clerk_a)
    for visitor in (client, staff):
        assert visitor.get(f"/catalog/public/items/{published.pk}/").status_code == 200
        for item in hidden:
            response = visitor.get(f"/catalog/public/items/{item.pk}/")
            assert response.status_code == 404, item.title
            assert item.title not in response.content.decode()
        assert visitor.get("/catalog/public/items/999999/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/catalog/",
        "/catalog/overdue/",
        "/catalog/new/",
        "/catalog/{item}/",
        "/catalog/{item}/edit/",
        "/catalog/{item}/actions/review/",
        "/catalog/{item}/actions/publish/",
        "/catalog/{item}/actions/amend/",
        "/catalog/{item}/actions/repeal/",
        "/catalog/tree/{body}/",
        "/catalog/ledger/{body}/",
        "/catalog/public/{body}/",
    ],
)
def test_pages_render(client: Client, item: CatalogItem, reviewer_a: Any, url: str) -> None:
    client.force_login(reviewer_a)
    response = client.get(url.format(item=item.pk, body=item.body_id))
    assert response.status_code == 200
    assert "主动公开" in response.content.decode()
