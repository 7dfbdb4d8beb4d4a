"""The generic view checks for the pages of 依申请公开 and 网上申请 (the ledgers': in
``test_stats_view_cases.py``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from view_cases import DETAIL, LIST, PAGE, PUBLIC, WRITE, Page, ViewTestCases, World

from gongkai.apps.applications.actions import register_application
from gongkai.apps.online.actions import submit_online_request

pytestmark = pytest.mark.django_db

TODAY = ViewTestCases.today
RECEIVED = TODAY - timedelta(days=3)


def _app(world: World) -> dict[str, Any]:
    return {"pk": world.objs["app"].pk}


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
    )

    @pytest.fixture
    def world(self, world_base: World, register: Any) -> World:
        world_base.objs["app"] = register(received_on=RECEIVED, applicant_name="列表标记人")
        return world_base

    def more_rows(self, world: World, n: int) -> None:
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
        Page("apply:paper", PUBLIC, lambda w: {"body": w.dept_a.pk}),
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


def _correct(world: World, app: Any) -> Any:
    from gongkai.apps.applications.actions import request_correction

    return request_correction(app, TODAY, "请写明年份。", acting_user=world.clerk_a)


class TestNotificationPages(ViewTestCases):
    """The outbox of the applicant's notifications, for the body's staff."""

    pages = (
        Page(
            "applications:notifications",
            LIST,
            marker=lambda w: w.objs["app"].number + "</a>",
        ),
    )

    @pytest.fixture
    def world(self, world_base: World, register: Any) -> World:
        app = register(received_on=RECEIVED, email="applicant@example.org", number="TZ-0001")
        world_base.objs["app"] = _correct(world_base, app)
        return world_base

    def more_rows(self, world: World, n: int) -> None:
        for i in range(n):
            app = register_application(
                world.dept_a,
                acting_user=world.clerk_a,
                channel="in_person",
                received_on=RECEIVED,
                applicant_type="natural_person",
                applicant_name=f"行{i}",
                email=f"a{i}@example.org",
                content="x",
            )
            _correct(world, app)
