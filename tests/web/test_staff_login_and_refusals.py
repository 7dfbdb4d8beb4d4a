"""Signing in and being refused (issue 10, finding 12): staff land on the 工作台, ``?next=`` is
respected; the 403 page says the server's reason; a refusal logs no traceback."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

import pytest
from django.test import Client
from lxml import html as lxml_html

pytestmark = pytest.mark.django_db


def log_in(client: Client, user: Any, url: str = "/accounts/login/") -> Any:
    return client.post(url, {"username": user.username, "password": f"{user.username}-password-1"})


def test_staff_land_on_the_workbench(client: Client, clerk_a: Any) -> None:
    response = log_in(client, clerk_a)
    assert response.status_code == 302
    assert response["Location"] == "/workbench/"


def test_next_is_respected(client: Client, clerk_a: Any) -> None:
    response = log_in(client, clerk_a, "/accounts/login/?next=/catalog/")
    assert response["Location"] == "/catalog/"


def test_account_without_a_body_lands_on_the_home_page(
    client: Client, django_user_model: Any
) -> None:
    user = django_user_model.objects.create_user("citizen", password="citizen-password-1")
    response = log_in(client, user)
    assert response["Location"] == "/"


def test_403_page_says_why_and_logs_no_traceback(
    client: Client, register: Any, supervisor: Any, caplog: Any
) -> None:
    app = register(received_on=date(2026, 9, 25))
    client.force_login(supervisor)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/applications/{app.pk}/actions/reply/")
    assert response.status_code == 403
    reason = lxml_html.fromstring(response.content).xpath('//*[@data-testid="denied-reason"]')
    assert [r.text_content() for r in reason] == ["您只能查看这件申请，不能办理。"]
    refusals = [r for r in caplog.records if r.name == "django.request"]
    assert refusals, "the refusal is still logged, as one line"
    assert all(r.exc_info is None and not r.exc_text for r in refusals)
    assert all(r.levelno == logging.WARNING for r in refusals)
