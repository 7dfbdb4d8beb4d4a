"""The generic view checks for the pages of 依申请公开, the ledgers and 网上申请."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import Workbook
from view_cases import DETAIL, DOWNLOAD, LIST, PAGE, PUBLIC, WRITE, Page, ViewTestCases, World

from gongkai.apps.online.actions import submit_online_request
from gongkai.domain.ledgers.applications import APPLICATION_COLUMNS

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
RECEIVED = TODAY - timedelta(days=3)


def _app(world: World) -> dict[str, Any]:
    return {"pk": world.objs["app"].pk}


def _body(world: World) -> dict[str, Any]:
    return {"pk": world.dept_a.pk}


def _registration(world: World) -> dict[str, Any]:
    return {
        "body": world.dept_a.pk,
        "channel": "in_person",
        "received_on": RECEIVED.isoformat(),
        "applicant_type": "natural_person",
        "applicant_name": "登记人",
        "content": "申请公开某项信息。",
    }


def _reply(world: World) -> dict[str, Any]:
    app = world.objs["app"]
    return {
        "version": app.version,
        "outcome": "granted",
        "legal_basis": "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
        "reply_text": "予以公开。",
        "replied_on": TODAY.isoformat(),
    }


def _ledger(world: World) -> dict[str, Any]:
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
    upload = io.BytesIO(data.getvalue())
    upload.name = "台账.xlsx"
    return {"kind": "applications", "file": upload}


def _confirm(world: World) -> dict[str, Any]:
    return {"received_on": TODAY.isoformat()}


class TestApplicationPages(ViewTestCases):
    pages = (
        Page("workbench", PAGE),
        Page("applications:list", LIST, marker=lambda w: w.objs["app"].applicant_name),
        Page("applications:new", WRITE, post=_registration, audit="applications.register"),
        Page("applications:detail", DETAIL, _app),
        Page(
            "applications:action",
            WRITE,
            lambda w: {**_app(w), "op": "reply"},
            post=_reply,
            audit="applications.reply",
        ),
        Page("ledgers:index", LIST, marker=lambda w: w.dept_a.name),
        Page(
            "ledgers:body",
            WRITE,
            lambda w: {"body": w.dept_a.pk},
            post=_ledger,
            audit="applications.import",
            supervisor_get=(200,),
        ),
        Page(
            "ledgers:export",
            DOWNLOAD,
            lambda w: {**_body(w), "kind": "applications"},
            query=f"year={TODAY.year}&fmt=csv",
        ),
        Page(
            "ledgers:template",
            DOWNLOAD,
            lambda w: {"kind": "applications", "fmt": "csv"},
            about_a_record=False,
        ),
        Page("ledgers:report", DETAIL, lambda w: {**_body(w), "year": TODAY.year}),
        Page("ledgers:report_json", DOWNLOAD, lambda w: {**_body(w), "year": TODAY.year}),
    )

    @pytest.fixture
    def world(self, world_base: World, register: Any) -> World:
        world_base.objs["app"] = register(received_on=RECEIVED, applicant_name="列表标记人")
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        from gongkai.apps.applications.actions import register_application

        for i in range(n):
            register_application(
                world.dept_a,
                acting_user=world.clerk_a,
                channel="in_person",
                received_on=RECEIVED - timedelta(days=i),
                applicant_type="natural_person",
                applicant_name=f"行{i}",
                content="x",
            )


class TestOnlinePages(ViewTestCases):
    pages = (
        Page("apply:index", PUBLIC),
        Page("apply:form", PUBLIC, lambda w: {"body": w.dept_a.pk}),
        Page("apply:status", PUBLIC),
        # Without a submission just made, the page of its codes sends to the status query.
        Page("apply:submitted", PUBLIC, anonymous_status=302),
        Page(
            "online:list",
            LIST,
            marker=lambda w: w.objs["request"].tracking_code,
            supervisor_reads=False,
        ),
        Page(
            "online:detail",
            DETAIL,
            lambda w: {"pk": w.objs["request"].pk},
            supervisor_reads=False,
        ),
        Page(
            "online:action",
            WRITE,
            lambda w: {"pk": w.objs["request"].pk, "op": "confirm"},
            post=_confirm,
            audit="online.confirm",
        ),
    )

    @pytest.fixture
    def world(self, world_base: World) -> World:
        submitted = submit_online_request(
            world_base.dept_a,
            applicant_type="natural_person",
            applicant_name="网上申请人",
            id_type="id_card",
            id_number="110101199001011234",
            content="网上申请的内容。",
        )
        world_base.objs["request"] = submitted.request
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            submit_online_request(
                world.dept_a,
                applicant_type="natural_person",
                applicant_name=f"网上{i}",
                id_type="id_card",
                id_number="110101199001011234",
                content="x",
            )
