"""The staff queues of issue 10: the extensions waiting for approval (one queryset word), the
annual reports on the 工作台 (returned, due soon, overdue) and in /reports/annual/."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from page_parts import table_rows

from gongkai.apps.applications.actions import approve_extension, request_extension
from gongkai.apps.applications.models import Application

pytestmark = pytest.mark.django_db


def test_extension_pending_is_only_an_unapproved_extension(
    register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    without = register(received_on=date(2026, 9, 25), applicant_name="无延期人")
    pending = register(received_on=date(2026, 9, 25), applicant_name="待批人")
    approved = register(received_on=date(2026, 9, 25), applicant_name="已批人")
    request_extension(pending, 10, "调档。", date(2026, 9, 28), acting_user=clerk_a)
    approved = request_extension(approved, 10, "调档。", date(2026, 9, 28), acting_user=clerk_a)
    approve_extension(approved, date(2026, 9, 29), acting_user=reviewer_a)
    found = set(Application.objects.extension_pending().values_list("pk", flat=True))
    assert found == {pending.pk}
    assert without.pk not in found


def test_workbench_extension_queue_leaves_out_applications_without_extension(
    client: Client, register: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    without = register(received_on=date(2026, 9, 25), applicant_name="无延期人")
    pending = register(received_on=date(2026, 9, 25), applicant_name="待批人")
    request_extension(pending, 10, "调档。", date(2026, 9, 28), acting_user=clerk_a)
    client.force_login(reviewer_a)
    page = client.get("/workbench/").content.decode()
    rows = table_rows(page, "section-extensions")
    numbers = {cell for row in rows for cell in row}
    assert any(pending.number in cell for cell in numbers)
    assert not any(without.number in cell for cell in numbers)
    assert len(rows) == 1
