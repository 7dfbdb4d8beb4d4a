"""The generic view checks (``view_cases.py``) for every page of the 主动公开目录."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from view_cases import DETAIL, DOWNLOAD, LIST, PUBLIC, WRITE, Page, ViewTestCases, World

from gongkai.apps.catalog.actions import (
    add_attachment,
    create_item,
    create_node,
    publish_item,
    review_secrecy,
)
from gongkai.domain.ledgers.catalog import CATALOG_COLUMNS
from gongkai.domain.ledgers.table_io import write_csv

pytestmark = pytest.mark.django_db

CODE_A = "11640521MB1234567X"
MADE = date(2025, 1, 6)  # long past its art. 26 limit: on the 超期未发布 list
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _item(world: World) -> dict[str, Any]:
    return {"pk": world.objs["item"].pk}


def _body(world: World) -> dict[str, Any]:
    return {"body": world.dept_a.pk}


def _fields(**values: Any) -> dict[str, Any]:
    data = {
        "title": "关于做好寒假安全工作的通知",
        "doc_number": "某教发〔2025〕3号",
        "category": "normative",
        "summary": "",
        "topic": "",
        "publisher": "",
        "made_on": "2025-01-10",
        "valid_from": "",
        "disclosure": "主动公开",
        "disclosure_reason": "",
        "node": "",
    }
    data.update(values)
    return data


def _registration(world: World) -> dict[str, Any]:
    return _fields(body=world.dept_a.pk, index_number="")


def _edit(world: World) -> dict[str, Any]:
    item = world.objs["item"]
    return _fields(title="改过名的通知", version=item.version)


def _review(world: World) -> dict[str, Any]:
    item = world.objs["item"]
    return {"secrecy_conclusion": "approved", "reviewed_on": "2025-01-08", "version": item.version}


def _rename(world: World) -> dict[str, Any]:
    return {"name": "机构信息", "version": world.objs["node"].version}


def _ledger(world: World) -> dict[str, Any]:
    row = {
        "标题": "台账导入的通知",
        "信息类别": "其他",
        "成文日期": "2025-02-10",
        "发布日期": "2025-02-12",
        "公开属性": "主动公开",
        "公开渠道": "政府网站",
    }
    return {"file": SimpleUploadedFile("主动公开信息台账.csv", write_csv(CATALOG_COLUMNS, [row]))}


class TestCatalogPages(ViewTestCases):
    pages = (
        Page("catalog:list", LIST, marker=lambda w: w.objs["item"].title),
        Page("catalog:overdue", LIST, marker=lambda w: w.objs["item"].title),
        Page("catalog:new", WRITE, post=_registration, audit="catalog.create"),
        Page("catalog:detail", DETAIL, _item),
        Page("catalog:edit", WRITE, _item, post=_edit, audit="catalog.update"),
        Page(
            "catalog:action",
            WRITE,
            lambda w: {**_item(w), "op": "review"},
            post=_review,
            audit="catalog.review",
            actor="reviewer_a",
        ),
        Page("catalog:attachment", PUBLIC, lambda w: {"pk": w.objs["attachment"].pk}),
        Page("catalog:tree", DETAIL, _body),
        Page(
            "catalog:new_node",
            WRITE,
            _body,
            post=lambda w: {"name": "政策文件"},
            audit="catalog.create_node",
        ),
        Page(
            "catalog:node",
            WRITE,
            lambda w: {"pk": w.objs["node"].pk, "op": "rename"},
            post=_rename,
            audit="catalog.rename_node",
        ),
        Page(
            "catalog:ledger",
            WRITE,
            _body,
            post=_ledger,
            audit="catalog.import",
            supervisor_get=(200,),
        ),
        Page("catalog:ledger_export", DOWNLOAD, _body, query="year=2025&fmt=csv"),
        Page("catalog:ledger_template", DOWNLOAD, lambda w: {"fmt": "csv"}, about_a_record=False),
        Page("catalog:public", PUBLIC, _body),
        Page("catalog:public_item", PUBLIC, lambda w: {"pk": w.objs["published"].pk}),
        Page("catalog:search", PUBLIC, query="q=通知&below=on"),
        Page(
            "catalog:public_by_index",
            PUBLIC,
            lambda w: {"body": w.dept_a.pk, "index_number": w.objs["published"].index_number},
            anonymous_status=301,
        ),
    )

    @pytest.fixture
    def world(self, world_base: World, settings: Any, tmp_path: Path) -> World:
        settings.GONGKAI_VAR_DIR = tmp_path
        world = world_base
        world.dept_a.credit_code = CODE_A
        world.dept_a.save()
        clerk, reviewer = world.clerk_a, world.reviewer_a
        world.objs["item"] = create_item(
            world.dept_a,
            title="列表标记：尚未发布的规范性文件",
            category="normative",
            made_on=MADE,
            acting_user=clerk,
        )
        published = create_item(world.dept_a, title="已发布的通知", made_on=MADE, acting_user=clerk)
        world.objs["attachment"] = add_attachment(
            published, SimpleUploadedFile("公开.pdf", PDF), acting_user=clerk
        )
        published.refresh_from_db()
        published = review_secrecy(published, "approved", MADE, acting_user=reviewer)
        world.objs["published"] = publish_item(published, MADE, ["政府网站"], acting_user=clerk)
        world.objs["node"] = create_node(world.dept_a, "机构职能", acting_user=clerk)
        return world

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            create_item(world.dept_a, title=f"另一件{i}", made_on=MADE, acting_user=world.clerk_a)
