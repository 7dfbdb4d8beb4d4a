"""年报检查's findings on the page (issue 10, finding 18): each finding of the list links to its
cells and each such cell explains its findings without hovering (a ``<details>`` opened by a
tap or Enter, described to screen readers) and links back; a blank cell and a contradicted
one differ by class and mark (空 / ≠), not by colour only, with a legend."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from lxml import html as lxml_html

from gongkai.apps.checks.actions import check_uploaded_report
from gongkai.apps.checks.models import ReportCheck

pytestmark = pytest.mark.django_db

TOTAL = "s3.new_received.total"


@pytest.fixture
def contradicted_check(user: Any, seed_path: Path) -> ReportCheck:
    """The seed report (blank cells in table 三: M1) with its 本年新收 total raised by 5: a sum
    that no longer adds up."""
    seed = check_uploaded_report(
        SimpleUploadedFile(seed_path.name, seed_path.read_bytes()), acting_user=user
    )
    data = seed.report().to_dict()
    data["cells"][TOTAL] = int(data["cells"][TOTAL]) + 5
    data["findings"] = []
    content = json.dumps(data, ensure_ascii=False).encode()
    return check_uploaded_report(SimpleUploadedFile("改过.json", content), acting_user=user)


def test_findings_and_cells_link_each_other_and_explain_without_hover(
    clerk_client: Client, contradicted_check: ReportCheck
) -> None:
    page = lxml_html.fromstring(
        clerk_client.get(f"/reports/check/{contradicted_check.pk}/").content.decode()
    )
    # No explanation lives in a title attribute (hover only) any more.
    assert page.xpath('//table[contains(@class, "report-table")]//td[@title]') == []

    findings = page.xpath('//*[@data-testid="findings"]/li')
    sums = [li for li in findings if li.xpath(f'.//a[@href="#cell-{TOTAL}"]')]
    assert sums, "a finding of the broken sum links to the total's cell"
    finding = sums[0]
    anchor = finding.get("id")
    assert anchor and anchor.startswith("finding-")

    (cell,) = page.xpath(f'//td[@id="cell-{TOTAL}"]')
    classes = cell.get("class").split()
    assert "contradicted" in classes and "missing" not in classes
    (summary,) = cell.xpath("./details/summary")
    assert summary.xpath('./span[@class="cell-mark"]')[0].text == "≠"
    note_id = summary.get("aria-describedby")
    (note,) = cell.xpath(f'./details/*[@id="{note_id}"]')
    assert note.xpath(f'.//a[@href="#{anchor}"]'), "the cell links back to its finding"
    assert finding.xpath('.//span[@class="gk-message"]')[0].text in note.text_content()


def test_a_blank_cell_looks_unlike_a_contradicted_one(
    clerk_client: Client, contradicted_check: ReportCheck
) -> None:
    page = lxml_html.fromstring(
        clerk_client.get(f"/reports/check/{contradicted_check.pk}/").content.decode()
    )
    blank = page.xpath('//td[contains(concat(" ", @class, " "), " missing ")]')
    assert blank
    for cell in blank:
        assert "contradicted" not in cell.get("class").split()
        assert cell.xpath('.//span[@class="cell-mark"]')[0].text == "空"
    # The M1 finding links to blank cells, which explain it and link back.
    listed = page.xpath('//*[@data-testid="findings"]/li')
    (m1,) = [li for li in listed if "M1" in li.text_content()]
    target = m1.xpath(".//details//a/@href")[0]
    (cell,) = page.xpath(f'//td[@id="{target[1:]}"]')
    assert "missing" in cell.get("class").split()
    assert cell.xpath(f'.//a[@href="#{m1.get("id")}"]')
    legend = {
        testid: " ".join(page.xpath(f'//*[@data-testid="{testid}"]')[0].text_content().split())
        for testid in ("legend-missing", "legend-contradicted")
    }
    assert "未填写" in legend["legend-missing"] and "空" in legend["legend-missing"]
    assert "≠" in legend["legend-contradicted"] and "矛盾" in legend["legend-contradicted"]
