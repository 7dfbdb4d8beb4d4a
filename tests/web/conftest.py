"""Fixtures of the web tests: users, logged-in clients, the seed report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user(
        "clerk", password="clerk-password-1", first_name="张三"
    )


@pytest.fixture
def other_user(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("other", password="other-password-1")


@pytest.fixture
def clerk_client(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


# ---------------------------------------------------------------------------------------------
# Bodies, roles and applications (issue 3)
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def county(db: Any) -> Any:
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import create_body

    return create_body("某某县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)


@pytest.fixture
def dept_a(county: Any) -> Any:
    from gongkai.apps.orgs.services import create_body

    return create_body("某某县教育局", parent=county)


@pytest.fixture
def dept_b(county: Any) -> Any:
    from gongkai.apps.orgs.services import create_body

    return create_body("某某县财政局", parent=county)


@pytest.fixture
def summarize(db: Any) -> Callable[..., int]:
    """Bring the stored year summaries up to date, as the refresh job does after every change
    (queued when a transaction commits, which a test's own transaction never does): call it
    before reading a subtree's overview, roll-up or charts. ``summarize(2024)``: that year
    only (default: every year kept); returns how many summaries were computed."""
    from gongkai.apps.reports.summaries import refresh

    def run(*years: int) -> int:
        return refresh(years=years or None)

    return run


def _member(django_user_model: Any, username: str, body: Any, role: str) -> Any:
    from gongkai.apps.orgs.services import add_member

    user = django_user_model.objects.create_user(
        username, password=f"{username}-password-1", email=f"{username}@example.org"
    )
    add_member(user, body, role)
    return user


@pytest.fixture
def clerk_a(django_user_model: Any, dept_a: Any) -> Any:
    return _member(django_user_model, "clerk_a", dept_a, "clerk")


@pytest.fixture
def reviewer_a(django_user_model: Any, dept_a: Any) -> Any:
    return _member(django_user_model, "reviewer_a", dept_a, "reviewer")


@pytest.fixture
def clerk_b(django_user_model: Any, dept_b: Any) -> Any:
    return _member(django_user_model, "clerk_b", dept_b, "clerk")


@pytest.fixture
def supervisor(django_user_model: Any, county: Any) -> Any:
    return _member(django_user_model, "supervisor", county, "supervisor")


@pytest.fixture
def register(clerk_a: Any, dept_a: Any) -> Any:
    """``register(received_on, **fields)``: an application of 教育局 registered by clerk_a."""
    from datetime import date

    from gongkai.apps.applications.actions import register_application

    def make(received_on: date = date(2026, 9, 25), **fields: Any) -> Any:
        user = fields.pop("user", clerk_a)
        values: dict[str, Any] = {
            "channel": "in_person",
            "received_on": received_on,
            "applicant_type": "natural_person",
            "applicant_name": "李四",
            "id_type": "id_card",
            "id_number": "110101199001011234",
            "content": "申请公开 2025 年度学校建设项目资金的使用情况。",
        }
        values.update(fields)
        return register_application(dept_a, **values, acting_user=user)

    return make


# ---------------------------------------------------------------------------------------------
# The generic view checks (view_cases.py)
# ---------------------------------------------------------------------------------------------


def pytest_generate_tests(metafunc: Any) -> None:
    from view_cases import pytest_generate_tests_for

    pytest_generate_tests_for(metafunc)


@pytest.fixture
def world_base(
    county: Any,
    dept_a: Any,
    dept_b: Any,
    clerk_a: Any,
    reviewer_a: Any,
    clerk_b: Any,
    supervisor: Any,
) -> Any:
    """The bodies and people of the generic view checks (``view_cases.World``)."""
    from view_cases import World

    return World(county, dept_a, dept_b, clerk_a, reviewer_a, clerk_b, supervisor)
