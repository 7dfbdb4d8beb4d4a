"""法定主动公开内容 (条例第二十条、第二十一条) on catalog items (issue 13 Build 1): the default per
信息类别, the 第二十一条 level check, the item form, the ledger column 公开内容, the API, the
专栏 grouped by content (and by the catalog tree as ``?view=nodes``), the public catalog
filtered by ``?content=``, the jurisdiction counts, and migration 0007 on a real database."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from migration_runs import run_migration_script

from gongkai.apps.api.actions import create_token
from gongkai.apps.catalog.actions import create_item, publish_item, review_secrecy, update_item
from gongkai.apps.catalog.ledgers import LedgerImportError, export_catalog, import_catalog
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.choices import BodyKind
from gongkai.apps.orgs.models import Body
from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.reports.contents import ITEMS_PER_CONTENT
from gongkai.domain.ledgers.catalog import CATALOG_COLUMNS
from gongkai.domain.ledgers.table_io import read_table, write_csv
from gongkai.kernel.errors import ActionError

pytestmark = pytest.mark.django_db

CODE = "11640521MB1234567X"
TOWNSHIP_CODE = "11640521MB7654321X"


def _text(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def dept(dept_a: Body) -> Body:
    dept_a.credit_code = CODE
    dept_a.save()
    return dept_a


@pytest.fixture
def township(county: Body) -> Body:
    body = create_body("某某镇人民政府", parent=county, kind=BodyKind.TOWNSHIP_GOVERNMENT)
    body.credit_code = TOWNSHIP_CODE
    body.save()
    return body


def _published(body: Body, user: Any, title: str, day: date, **fields: Any) -> CatalogItem:
    item = create_item(body, title=title, made_on=day, acting_user=user, **fields)
    item = review_secrecy(item, "approved", day, acting_user=user)
    return publish_item(item, day, ["政府网站"], acting_user=user)


# ---------------------------------------------------------------------------------------------
# The item: default, check, form
# ---------------------------------------------------------------------------------------------


def test_content_defaults_by_category_and_is_checked_against_the_bodys_level(
    dept: Body, township: Body, reviewer_a: Any
) -> None:
    day = date(2025, 3, 3)
    normative = create_item(
        dept, title="规范性文件", made_on=day, category="normative", acting_user=reviewer_a
    )
    other = create_item(dept, title="工作动态", made_on=day, acting_user=reviewer_a)
    budget = create_item(
        dept, title="2025年部门预算", made_on=day, content="a20.7", acting_user=reviewer_a
    )
    assert (normative.content, other.content, budget.content) == ("a20.1", None, "a20.7")
    assert normative.content_label == "（一）行政法规、规章和规范性文件"
    # Cleared on a 规范性文件: it is still item (一).
    normative = update_item(normative, content=None, acting_user=reviewer_a)
    assert normative.content == "a20.1"
    # 宅基地使用情况审核 is the township's (第二十一条), not a county department's.
    with pytest.raises(ActionError) as refused:
        create_item(
            dept, title="宅基地", made_on=day, content="a21.homestead", acting_user=reviewer_a
        )
    assert "乡（镇）人民政府" in refused.value.field_errors["content"][0]
    assert "某某县教育局" in refused.value.field_errors["content"][0]
    assert not CatalogItem.objects.filter(title="宅基地").exists()
    add_member(reviewer_a, township, "reviewer")
    homestead = create_item(
        township, title="宅基地", made_on=day, content="a21.homestead", acting_user=reviewer_a
    )
    assert homestead.content_label == "第二十一条·宅基地使用情况审核"


def test_the_item_form_sets_the_content(clerk_a: Any, dept: Body) -> None:
    client = Client()
    client.force_login(clerk_a)
    form = client.get(reverse("catalog:new")).content.decode()
    assert 'value="a20.14"' in form and "公务员招考" in form
    data = {
        "body": dept.pk,
        "title": "2025年公务员招录公告",
        "category": "other",
        "made_on": "2025-03-03",
        "disclosure": "主动公开",
        "content": "a20.14",
    }
    assert client.post(reverse("catalog:new"), data).status_code == 302
    item = CatalogItem.objects.get(title="2025年公务员招录公告")
    assert item.content == "a20.14"
    page = _text(client.get(item.get_absolute_url()).content.decode())
    assert "公开内容（十四）公务员招考的职位" in page
    # A 第二十一条 matter of the other level: the form says so on the field.
    data |= {"title": "宅基地审核", "content": "a21.homestead"}
    refused = client.post(reverse("catalog:new"), data)
    assert refused.status_code == 400  # the form again, with the error on the field
    assert "宅基地使用情况审核”是条例第二十一条规定由乡（镇）人民政府" in refused.content.decode()


# ---------------------------------------------------------------------------------------------
# The ledger column 公开内容
# ---------------------------------------------------------------------------------------------


def _row(title: str, content: str | None, category: str = "其他") -> dict[str, object]:
    return {
        "标题": title,
        "信息类别": category,
        "成文日期": "2025-02-10",
        "发布日期": "2025-02-12",
        "公开属性": "主动公开",
        "公开渠道": "政府网站",
        "公开内容": content,
    }


def test_the_ledger_reads_and_writes_the_content_column(dept: Body, reviewer_a: Any) -> None:
    rows = [
        _row("预算公开", "财政预算、决算信息"),
        _row("收费目录", "第二十条第（八）项"),
        _row("采购公告", "a20.9"),
        _row("通知", None, category="行政规范性文件"),
        _row("动态", None),
    ]
    result = import_catalog(dept, write_csv(CATALOG_COLUMNS, rows), "目录.csv", user=reviewer_a)
    assert result.created == 5
    contents = dict(CatalogItem.objects.filter(body=dept).values_list("title", "content"))
    assert contents == {
        "预算公开": "a20.7",
        "收费目录": "a20.8",
        "采购公告": "a20.9",
        "通知": "a20.1",
        "动态": None,
    }
    # A blank cell keeps what the item has; the export writes the names back, re-importable.
    update_item(CatalogItem.objects.get(title="动态"), content="a20.2", acting_user=reviewer_a)
    again = import_catalog(dept, write_csv(CATALOG_COLUMNS, rows), "目录.csv", user=reviewer_a)
    assert again.created == 0 and CatalogItem.objects.get(title="动态").content == "a20.2"
    exported = read_table(export_catalog(dept, 2025, "csv"), "x.csv")
    by_title = {r.values["标题"]: r.values["公开内容"] for r in exported.rows}
    assert by_title["收费目录"] == "（八）行政事业性收费项目及其依据、标准"
    assert by_title["动态"] == "（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名"


def test_an_unknown_or_misplaced_content_is_a_row_error(dept: Body, reviewer_a: Any) -> None:
    def refused(rows: list[dict[str, object]]) -> dict[tuple[int, str], str]:
        with pytest.raises(LedgerImportError) as error:
            import_catalog(dept, write_csv(CATALOG_COLUMNS, rows), "坏.csv", user=reviewer_a)
        return {(e.row, e.column): e.message for e in error.value.errors}

    errors = refused([_row("甲", "人事任免"), _row("乙", "第二十条第（十六）项"), _row("丙", None)])
    assert set(errors) == {(2, "公开内容"), (3, "公开内容")}
    assert "“人事任免”不是条例第二十条、第二十一条" in errors[(2, "公开内容")]
    assert "第（一）项至第（十五）项" in errors[(3, "公开内容")]
    # Read, but a township's matter (第二十一条) in a county department's ledger.
    errors = refused([_row("甲", "财政预算、决算信息"), _row("丙", "宅基地")])
    assert list(errors) == [(3, "公开内容")]
    assert "乡（镇）人民政府" in errors[(3, "公开内容")]
    assert not CatalogItem.objects.filter(body=dept).exists()


# ---------------------------------------------------------------------------------------------
# The API
# ---------------------------------------------------------------------------------------------


def test_the_api_gives_and_takes_the_content(dept: Body, django_user_model: Any) -> None:
    admin = django_user_model.objects.create_user("admin_c", password="admin-c-password-1")
    add_member(admin, dept, "admin")
    _published(dept, admin, "部门预算", date(2025, 3, 3), content="a20.7")
    _published(dept, admin, "工作动态", date(2025, 3, 4))
    client = Client()
    listed = client.get("/api/v1/catalog", {"body": CODE}).json()["items"]
    got = {i["title"]: (i["content"], i["content_label"]) for i in listed}
    assert got == {"部门预算": ("a20.7", "（七）财政预算、决算信息"), "工作动态": (None, None)}
    for spelled in ("a20.7", "第二十条第（七）项"):
        only = client.get("/api/v1/catalog", {"body": CODE, "content": spelled}).json()["items"]
        assert [i["title"] for i in only] == ["部门预算"]
    bad = client.get("/api/v1/catalog", {"content": "a20.99"})
    assert (
        bad.status_code == 400 and "第（一）项至第（十五）项" in bad.json()["errors"]["content"][0]
    )

    _, secret = create_token(dept, name="公文系统", acting_user=admin)

    def post(**extra: Any) -> Any:
        payload = {"body": CODE, "title": "行政处罚裁量基准", "made_on": "2025-11-30"} | extra
        return client.post(
            "/api/v1/catalog/items",
            json.dumps(payload),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )

    assert post(content="第二十条第（六）项").status_code == 201
    assert CatalogItem.objects.get(title="行政处罚裁量基准").content == "a20.6"
    refused = post(title="另一件", content="人事任免")
    assert refused.status_code == 400
    assert "人事任免" in refused.json()["errors"]["content"][0]
    assert not CatalogItem.objects.filter(title="另一件").exists()


# ---------------------------------------------------------------------------------------------
# The 专栏, the public catalog, the jurisdiction
# ---------------------------------------------------------------------------------------------


def test_the_column_lists_the_article_20_contents_with_counts_and_newest(
    dept: Body, reviewer_a: Any
) -> None:
    today = timezone.localdate()
    for k in range(ITEMS_PER_CONTENT + 2):
        _published(dept, reviewer_a, f"预算{k}", today - timedelta(days=40 - k), content="a20.7")
    _published(dept, reviewer_a, "动态", today - timedelta(days=3))
    create_item(dept, title="未发布的采购", made_on=today, content="a20.9", acting_user=reviewer_a)
    url = reverse("column:body", args=[dept.pk])
    page = Client().get(url).content.decode()
    text = _text(page)
    # Every item of 第二十条, in order, 0 where nothing is published; a county department also
    # gets the 设区的市级、县级 list of 第二十一条 and not the township's.
    assert text.index("（一）行政法规") < text.index("（七）财政预算") < text.index("（十五）法律")
    assert "第二十一条·治安管理" in text and "宅基地" not in text
    assert "（七）财政预算、决算信息（7条）" in text
    assert "（九）政府集中采购项目的目录、标准及实施情况（暂无）" in text
    assert "未标明公开内容（1条）" in text
    assert "预算6" in text and "预算2" in text and "预算1" not in text
    assert "未发布的采购" not in text
    filtered = f"{reverse('catalog:public', args=[dept.pk])}?content=a20.7"
    assert f'href="{filtered}"' in page
    # The public catalog filtered by that content, and the items without one.
    listed = _text(Client().get(filtered).content.decode())
    assert "预算0" in listed and "动态" not in listed
    unclassified = Client().get(reverse("catalog:public", args=[dept.pk]), {"content": "null"})
    assert "动态" in _text(unclassified.content.decode())
    assert "预算0" not in _text(unclassified.content.decode())
    # The catalog tree is the other view.
    nodes = _text(Client().get(url, {"view": "nodes"}).content.decode())
    assert "未归入目录（8）" in nodes and "（七）财政预算" not in nodes


def test_the_column_queries_are_bounded_by_contents_not_items(dept: Body, reviewer_a: Any) -> None:
    day = timezone.localdate() - timedelta(days=30)
    url = reverse("column:body", args=[dept.pk])
    _published(dept, reviewer_a, "预算", day, content="a20.7")
    with CaptureQueriesContext(connection) as few:
        Client().get(url)
    for k in range(8):
        _published(dept, reviewer_a, f"预算{k}", day, content="a20.7")
    with CaptureQueriesContext(connection) as more_items:
        Client().get(url)
    assert len(more_items) == len(few)
    _published(dept, reviewer_a, "收费", day, content="a20.8")
    with CaptureQueriesContext(connection) as another_content:
        Client().get(url)
    assert len(another_content) == len(few) + 1  # the newest of one more content


def test_a_township_column_and_the_jurisdiction_counts(
    county: Body, dept: Body, township: Body, reviewer_a: Any, django_user_model: Any
) -> None:
    day = timezone.localdate() - timedelta(days=10)
    add_member(reviewer_a, township, "reviewer")
    _published(township, reviewer_a, "宅基地审批公示", day, content="a21.homestead")
    _published(township, reviewer_a, "低保名单公示", day, content="a21.social_assistance")
    _published(dept, reviewer_a, "救助政策", day, content="a21.social_assistance")
    _published(dept, reviewer_a, "教育收费", day, content="a20.8")
    text = _text(Client().get(reverse("column:body", args=[township.pk])).content.decode())
    assert "第二十一条·宅基地使用情况审核（1条）" in text and "治安管理" not in text
    column = Client().get(reverse("column:body", args=[county.pk])).content.decode()
    assert reverse("column:contents", args=[county.pk]) in column
    page = Client().get(reverse("column:contents", args=[county.pk])).content.decode()
    rows = {
        m[0]: (int(m[1]), m[2])
        for m in re.findall(
            r'<tr data-content="([^"]*)"><td>[^<]*</td><td class="text-end">(\d+)</td>'
            r'<td class="text-end">([^<]*)</td>',
            page,
        )
    }
    assert rows["a21.social_assistance"] == (2, "2 / 3")
    assert rows["a21.homestead"] == (1, "1 / 3")
    assert rows["a20.8"] == (1, "1 / 3")
    assert rows["a20.1"] == (0, "0 / 3")
    assert "某某县人民政府及下级机关" in page


def test_the_demo_items_have_contents_and_the_township_column_shows_them() -> None:
    from gongkai.demo.bodies import COUNTY, TOWNSHIP
    from gongkai.demo.loader import load_demo

    load_demo()
    township = Body.objects.get(name=TOWNSHIP)
    items = CatalogItem.objects.public().filter(body=township)
    by_content = dict(
        items.order_by().values_list("content").annotate(n=Count("pk")).values_list("content", "n")
    )
    assert by_content["a21.social_assistance"] > 100 and by_content["a20.11"] > 0
    assert CatalogItem.objects.filter(category="normative", content="a20.1").exists()
    assert (
        not CatalogItem.objects.filter(category__in=["normative", "regulation"])
        .exclude(content="a20.1")
        .exists()
    )
    text = _text(Client().get(reverse("column:body", args=[township.pk])).content.decode())
    n = by_content["a21.social_assistance"]
    assert f"第二十一条·社会救助（{n}条）" in text
    county = Body.objects.get(name=COUNTY)
    page = Client().get(reverse("column:contents", args=[county.pk]))
    assert page.status_code == 200 and "第二十一条·社会救助" in page.content.decode()


# ---------------------------------------------------------------------------------------------
# Migration 0007 on a real database
# ---------------------------------------------------------------------------------------------

MIGRATION = r"""
import json
from datetime import date

from gongkai.web.runtime import setup_django

setup_django()
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("catalog", "0006_search_index")]
call_command("migrate", "catalog", "0006_search_index", verbosity=0)
apps = MigrationExecutor(connection).loader.project_state(BEFORE).apps
Body = apps.get_model("orgs", "Body")
Item = apps.get_model("catalog", "CatalogItem")
body = Body.objects.create(name="某某县教育局", kind="department", path="/1/", depth=0)
for n, (title, category) in enumerate(
    [("春耕规范性文件", "normative"), ("某某规章", "regulation"), ("春耕动态", "other")], 1
):
    Item.objects.create(
        body=body, title=title, category=category, index_number=f"X/2025-{n:05d}",
        made_on=date(2025, 1, 2), published_on=date(2025, 1, 3), disclosure="主动公开",
    )
call_command("migrate", verbosity=0)
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.catalog.search import search_public

print(json.dumps({
    "contents": dict(CatalogItem.objects.values_list("title", "content")),
    "found": sorted(search_public("春耕").values_list("title", flat=True)),
}, ensure_ascii=False))
"""


def test_migration_0007_fills_the_defaults_and_search_still_works(tmp_path: Path) -> None:
    result = run_migration_script(MIGRATION, tmp_path)
    assert result["contents"] == {
        "春耕规范性文件": "a20.1",
        "某某规章": "a20.1",
        "春耕动态": None,
    }
    assert result["found"] == ["春耕动态", "春耕规范性文件"]
