"""Tables 三 and 四 from records made through the actions (issue 3, item 8), and their page."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.apps.applications.actions import reply, request_correction
from gongkai.apps.cases.actions import close_case, record_case
from gongkai.apps.stats.reporting import build_report
from gongkai.domain.report.rules import check

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(register: Any, clerk_a: Any, dept_a: Any) -> dict[str, Any]:
    """2024–2025 records of 教育局 made the way the pages make them."""
    made: dict[str, Any] = {}
    # received 2024, replied 2024 (granted), natural person
    a = register(date(2024, 3, 4), applicant_type="natural_person")
    made["a"] = reply(
        a, "granted", "条例第三十六条第（一）项", "予以公开", date(2024, 3, 20), acting_user=clerk_a
    )
    # received 2024-12, replied 2025 (partial), company: carried forward, then carried over
    b = register(date(2024, 12, 20), applicant_type="commercial")
    made["b"] = reply(
        b, "partial", "条例第三十七条", "部分公开", date(2025, 1, 10), acting_user=clerk_a
    )
    # received 2024, still waiting for a correction: open at the end of 2024 and 2025
    c = register(date(2024, 11, 4), applicant_type="research")
    made["c"] = request_correction(c, date(2024, 11, 6), acting_user=clerk_a)
    # received 2025, concluded 2025 as not held
    d = register(date(2025, 2, 3), applicant_type="legal_service")
    made["d"] = reply(
        d, "unable.not_held", "条例第三十六条第（四）项", "", date(2025, 2, 20), acting_user=clerk_a
    )
    # a reconsideration filed 2024 decided 2025, a lawsuit filed 2025 pending
    case = record_case(
        dept_a,
        number="复-1",
        kind="reconsideration",
        filed_on=date(2024, 5, 6),
        application=made["a"],
        acting_user=clerk_a,
    )
    close_case(case, "upheld", date(2025, 1, 15), acting_user=clerk_a)
    record_case(
        dept_a,
        number="诉-1",
        kind="litigation_direct",
        filed_on=date(2025, 3, 1),
        acting_user=clerk_a,
    )
    return made


def test_tables_from_actions(records: dict[str, Any], dept_a: Any, dept_b: Any) -> None:
    r2024 = build_report(dept_a, 2024)
    cells = r2024.cells
    assert r2024.org == dept_a.name and r2024.year == 2024
    assert cells["s3.new_received.total"] == 3
    assert cells["s3.new_received.natural_person"] == 1
    assert cells["s3.new_received.commercial"] == 1
    assert cells["s3.new_received.research"] == 1
    assert cells["s3.carried_over.total"] == 0
    assert cells["s3.granted.natural_person"] == 1
    assert cells["s3.total_processed.total"] == 1
    assert cells["s3.carried_forward.total"] == 2
    assert cells["s4.reconsideration.pending"] == 1  # decided only in 2025
    assert cells["s4.reconsideration.total"] == 1
    assert cells["s4.litigation_direct.total"] == 0
    assert r2024.provenance["s3.new_received.total"] == "read"

    r2025 = build_report(dept_a, 2025)
    cells = r2025.cells
    assert cells["s3.new_received.total"] == 1
    assert cells["s3.carried_over.commercial"] == 1
    assert cells["s3.carried_over.research"] == 1
    assert cells["s3.partial.commercial"] == 1
    assert cells["s3.unable.not_held.legal_service"] == 1
    assert cells["s3.total_processed.total"] == 2
    assert cells["s3.carried_forward.research"] == 1
    assert cells["s4.reconsideration.total"] == 0  # filed in 2024
    assert cells["s4.litigation_direct.pending"] == 1

    # S1 (new + carried over = processed + carried forward) holds: no S1/R1/R2 finding
    for report in (r2024, r2025):
        check(report)
        assert not [f for f in report.findings if f.rule.startswith(("S1", "R1", "R2", "R3"))]

    # another body's tables are its own
    assert build_report(dept_b, 2024).cells["s3.new_received.total"] == 0


def test_report_page_and_json(
    records: dict[str, Any], client: Client, clerk_a: Any, clerk_b: Any, dept_a: Any
) -> None:
    url = reverse("ledgers:report", args=[dept_a.pk, 2025])
    assert client.get(url).status_code == 302
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404
    client.force_login(clerk_a)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="report-table s3' in html and 'class="report-table s4' in html
    assert 'class="report-table s2' not in html
    assert re.search(r'data-key="s3\.partial\.commercial"[^>]*>1</td>', html)
    assert re.search(r'data-key="s3\.total_processed\.total"[^>]*>2</td>', html)
    data = json.loads(client.get(reverse("ledgers:report_json", args=[dept_a.pk, 2025])).content)
    assert data["cells"]["s3.total_processed.total"] == 2
    assert data["cells"]["s4.litigation_direct.pending"] == 1
    assert data == build_report(dept_a, 2025).to_dict()

    index = client.get(reverse("ledgers:index"))
    assert index.status_code == 200
    assert dept_a.name in index.content.decode()
