"""The generic view checks for the pages of the 行政事项统计 (``stats``) and of the ledgers with
tables 三、四 (``ledgers``)."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.urls import get_resolver
from openpyxl import Workbook
from view_cases import DETAIL, DOWNLOAD, LIST, WRITE, Page, ViewTestCases, World

from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.stats.actions import create_decision, create_matter, create_money_record
from gongkai.domain.ledgers.applications import APPLICATION_COLUMNS
from gongkai.domain.ledgers.matters import MATTER_COLUMNS
from gongkai.domain.ledgers.table_io import write_csv

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
RECEIVED = TODAY - timedelta(days=3)


def _body(world: World) -> dict[str, Any]:
    return {"body": world.dept_a.pk}


# -- the pages of one kind of record ---------------------------------------------------------


def _record_pages(
    kind: str, list_name: str, name_field: str, new: dict[str, Any], change: dict[str, Any]
) -> tuple[Page, ...]:
    """The list (the name of the world's record ``kind`` marks it), the registration of a
    record of 教育局 with the fields ``new``, and the world's record changed to ``change`` from
    the version it has."""
    return (
        Page(
            f"stats:{list_name}",
            LIST,
            marker=lambda w: str(getattr(w.objs[kind], name_field)),
        ),
        Page(
            f"stats:{kind}_new",
            WRITE,
            post=lambda w: {"body": w.dept_a.pk, **new},
            audit=f"stats.{kind}_create",
        ),
        Page(
            f"stats:{kind}_edit",
            WRITE,
            lambda w: {"pk": w.objs[kind].pk},
            post=lambda w: {"version": w.objs[kind].version, **change},
            audit=f"stats.{kind}_update",
        ),
    )


def _upload(data: bytes, name: str) -> io.BytesIO:
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def _matters_ledger(world: World) -> dict[str, Any]:
    row = {
        "类别": "行政许可",
        "事项名称": "台账导入的事项",
        "生效日期": "2026-01-01",
        "取消日期": "",
    }
    return {"kind": "matters", "file": _upload(write_csv(MATTER_COLUMNS, [row]), "事项清单.csv")}


def _applications_ledger(world: World) -> dict[str, Any]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(APPLICATION_COLUMNS))
    row = {
        "申请编号": "TZ-0001",
        "收到申请日期": RECEIVED,
        "申请方式": "当面",
        "申请人类型": "自然人",
        "申请人": "台账人",
        "申请内容": "台账导入的申请。",
    }
    sheet.append([row.get(column) for column in APPLICATION_COLUMNS])
    data = io.BytesIO()
    book.save(data)
    return {"kind": "applications", "file": _upload(data.getvalue(), "台账.xlsx")}


class TestStatsPages(ViewTestCases):
    pages = (
        *_record_pages(
            "matter",
            "matters",
            "name",
            {"category": "licensing", "name": "新登记的许可事项", "effective_on": "2026-01-01"},
            {
                "category": "licensing",
                "name": "列表标记事项",
                "effective_on": "2020-01-01",
                "cancelled_on": "2026-06-01",
            },
        ),
        *_record_pages(
            "decision",
            "decisions",
            "matter_name",
            {
                "category": "penalty",
                "matter_name": "新处罚",
                "decided_on": "2026-05-01",
                "count": 2,
            },
            {
                "category": "licensing",
                "matter_name": "列表标记决定",
                "decided_on": "2026-05-02",
                "count": 5,
            },
        ),
        *_record_pages(
            "money",
            "money",
            "item_name",
            {"category": "fees", "item_name": "新收费", "on": "2026-05-01", "amount_yuan": "30"},
            {
                "category": "fees",
                "item_name": "列表标记收费",
                "on": "2026-05-03",
                "amount_yuan": "45.5",
            },
        ),
        Page(
            "stats:ledger",
            WRITE,
            _body,
            post=_matters_ledger,
            audit="stats.import",
            supervisor_get=(200,),
        ),
        Page(
            "stats:ledger_export",
            DOWNLOAD,
            lambda w: {**_body(w), "kind": "decisions"},
            query=f"year={TODAY.year}&fmt=csv",
        ),
        Page(
            "stats:ledger_template",
            DOWNLOAD,
            lambda w: {"kind": "money", "fmt": "xlsx"},
            about_a_record=False,
        ),
        # The ledgers of 依申请公开 and 复议诉讼 with tables 三、四 (/ledgers/).
        Page("ledgers:index", LIST, marker=lambda w: w.dept_a.name),
        Page(
            "ledgers:body",
            WRITE,
            _body,
            post=_applications_ledger,
            audit="applications.import",
            supervisor_get=(200,),
        ),
        Page(
            "ledgers:export",
            DOWNLOAD,
            lambda w: {"pk": w.dept_a.pk, "kind": "applications"},
            query=f"year={TODAY.year}&fmt=csv",
        ),
        Page(
            "ledgers:template",
            DOWNLOAD,
            lambda w: {"kind": "applications", "fmt": "csv"},
            about_a_record=False,
        ),
        Page("ledgers:report", DETAIL, lambda w: {"pk": w.dept_a.pk, "year": TODAY.year}),
        Page("ledgers:report_json", DOWNLOAD, lambda w: {"pk": w.dept_a.pk, "year": TODAY.year}),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        dept_a, clerk_a = world_base.dept_a, world_base.clerk_a
        world_base.objs.update(
            matter=create_matter(
                dept_a,
                acting_user=clerk_a,
                category="licensing",
                name="列表标记事项",
                effective_on=date(2020, 1, 1),
            ),
            decision=create_decision(
                dept_a,
                acting_user=clerk_a,
                category="penalty",
                matter_name="列表标记决定",
                decided_on=date(2026, 3, 1),
            ),
            money=create_money_record(
                dept_a,
                acting_user=clerk_a,
                category="fees",
                item_name="列表标记收费",
                on=date(2026, 3, 1),
                amount_yuan=Decimal("12.50"),
            ),
        )
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        """``n`` more records of each list, in ``n`` more bodies of 教育局's clerk."""
        start = len(world.objs.setdefault("more", []))
        for i in range(start, start + n):
            body = create_body(f"某某县第{i}局", parent=world.county)
            add_member(world.clerk_a, body, "clerk")
            world.objs["more"].append(body)
            for owner in (world.dept_a, body):
                create_matter(
                    owner,
                    acting_user=None,
                    category="penalty",
                    name=f"事项{i}",
                    effective_on=date(2021, 1, 1),
                )
                create_decision(
                    owner,
                    acting_user=None,
                    category="licensing",
                    matter_name=f"决定{i}",
                    decided_on=date(2026, 2, 1),
                )
                create_money_record(
                    owner,
                    acting_user=None,
                    category="procurement",
                    item_name=f"采购{i}",
                    on=date(2026, 2, 1),
                    amount_yuan=Decimal(1000 + i),
                )


def test_every_stats_and_ledgers_url_is_covered() -> None:
    names = {
        f"{namespace}:{name}"
        for namespace in ("stats", "ledgers")
        for name in get_resolver().namespace_dict[namespace][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == TestStatsPages.covered_names()
