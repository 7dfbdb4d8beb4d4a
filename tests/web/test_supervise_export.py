"""The supervisor's Excel export (issue 10, finding 19): after the overview, a sheet each for
tables 三 and 四 added up over the subtree, in the official layout with the official labels of
``domain.report.formats``; read back with openpyxl, every number is the sum of the bodies'."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook
from subtree_records import add_records

from gongkai.apps.applications.models import Application
from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.stats.reporting import build_report
from gongkai.domain.report.formats import (
    S3_COLUMNS,
    S4_BLOCKS,
    S4_COLUMNS,
    SECTION_TITLES,
    format_for_year,
)

pytestmark = pytest.mark.django_db

YEAR = 2024


def test_the_export_holds_the_summed_tables_with_the_official_labels(
    client: Client,
    county: Any,
    dept_a: Any,
    dept_b: Any,
    django_user_model: Any,
    summarize: Any,
) -> None:
    outside = create_body("另一县人民政府")
    for seed, body in enumerate((county, dept_a, dept_b, outside), start=1):
        add_records(body, seed, 60 + 20 * seed)
    summarize(YEAR)
    supervisor = django_user_model.objects.create_user("county_supervisor", password="x" * 16)
    add_member(supervisor, county, "supervisor")
    client.force_login(supervisor)

    response = client.get(f"/reports/supervise/{county.pk}/export.xlsx?year={YEAR}")
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    overview = f"{YEAR}年度年报总览"
    assert workbook.sheetnames == [overview, SECTION_TITLES["三"], SECTION_TITLES["四"]]

    parts = [build_report(body, YEAR) for body in (county, dept_a, dept_b)]

    def summed(key: str) -> int:
        return sum(int(p.cells[key] or 0) for p in parts)

    # Table 三: a row per official row label, the official columns in order after the labels.
    fmt = format_for_year(YEAR)
    sheet = workbook[SECTION_TITLES["三"]]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == SECTION_TITLES["三"]
    header = next(r for r in rows if "自然人" in r)
    labels_then_columns = [c for c in header if c]
    assert labels_then_columns[-1] == S3_COLUMNS[-1].label == "总计"
    checked = 0
    for s3row in fmt.s3_rows:
        (row,) = [r for r in rows if s3row.label in r[:3]]
        values = row[3 : 3 + len(S3_COLUMNS)]
        assert list(values) == [summed(f"s3.{s3row.key}.{c.key}") for c in S3_COLUMNS], s3row
        checked += 1
    assert checked == len(fmt.s3_rows)
    assert (
        summed("s3.new_received.total")
        == Application.objects.filter(
            body__in=[county, dept_a, dept_b], received_on__year=YEAR
        ).count()
    )

    # Table 四: the blocks over the official columns, one row of fifteen numbers.
    sheet = workbook[SECTION_TITLES["四"]]
    rows = list(sheet.iter_rows(values_only=True))
    assert [c for c in rows[3] if c] == ["行政复议", "行政诉讼"]
    assert [c for c in rows[4] if c][: len(S4_COLUMNS)] == [c.label for c in S4_COLUMNS]
    data = rows[6]
    expected = [summed(f"s4.{block}.{c.key}") for block, _l in S4_BLOCKS for c in S4_COLUMNS]
    assert list(data[: len(expected)]) == expected
    assert summed("s4.reconsideration.total") > 0
    # The merged cells of the printed form.
    assert "A4:E4" in {str(r) for r in sheet.merged_cells.ranges}
