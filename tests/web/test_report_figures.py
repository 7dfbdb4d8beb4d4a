"""Wrong figures that reached the statutory report (issue 10, findings 4–6): built from the
platform's records, a body without rule-making power that files a 规章 gets an error (P1, its
kind as recorded) and a year without records warns (E1) and drafts no zero figures; on 年报检查,
a file that is not a report is refused with the reason, and P1 reads the body's level from its
name."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from lxml import html as lxml_html

from gongkai.apps.catalog.actions import create_item, publish_item, review_secrecy
from gongkai.apps.checks.models import ReportCheck
from gongkai.apps.orgs.choices import BodyKind
from gongkai.apps.reports.annual import build_annual_report
from gongkai.apps.reports.models import AnnualReport
from gongkai.domain.report import samples
from gongkai.domain.report.draft import EMPTY_YEAR_PLACEHOLDER

pytestmark = pytest.mark.django_db

YEAR = 2024


def _regulation(body: Any, clerk: Any, reviewer: Any) -> Any:
    """A 规章 made and published in YEAR (a notice filed under the wrong 信息类别)."""
    item = create_item(
        body,
        title="关于做好防汛工作的通知",
        made_on=date(YEAR, 5, 6),
        category="regulation",
        doc_number="某教发〔2024〕3号",
        index_number=f"X/{YEAR}-00001",
        acting_user=clerk,
    )
    item = review_secrecy(item, "approved", date(YEAR, 5, 7), acting_user=reviewer)
    return publish_item(item, date(YEAR, 5, 8), ["政府网站"], acting_user=clerk)


def _findings(page: str) -> list[tuple[str, str]]:
    """(rule, message) of each finding in the workspace's list."""
    tree = lxml_html.fromstring(page)
    return [
        (
            li.xpath(".//code[contains(@class, 'gk-rule')]")[0].text_content().strip(),
            li.xpath(".//span[contains(@class, 'gk-message')]")[0].text_content().strip(),
        )
        for li in tree.xpath('//*[@data-testid="live-findings"]//li[contains(@class, "finding")]')
    ]


def test_a_department_filing_a_regulation_gets_an_error_from_its_kind(
    client: Client, dept_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    _regulation(dept_a, clerk_a, reviewer_a)
    assert dept_a.kind == BodyKind.DEPARTMENT and dept_a.may_make_regulations is False
    report = build_annual_report(dept_a, YEAR).report
    assert report.cells["s2.regulations.issued"] == 1
    (p1,) = [f for f in report.errors if f.rule == "P1"]
    assert p1.cells == ("s2.regulations.issued",)
    assert "某某县教育局机关类型为“政府部门”，没有制定规章的权限" in p1.message
    client.force_login(clerk_a)
    assert client.post(reverse("reports:annual_start", args=[dept_a.pk, YEAR])).status_code == 302
    page = client.get(reverse("reports:annual", args=[dept_a.pk, YEAR])).content.decode()
    assert ("P1", p1.message) in _findings(page)


def test_the_same_regulation_of_a_city_government_is_no_finding(
    dept_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    dept_a.kind = BodyKind.CITY_GOVERNMENT  # the kind decides, not the name
    dept_a.save()
    _regulation(dept_a, clerk_a, reviewer_a)
    report = build_annual_report(dept_a, YEAR).report
    assert report.cells["s2.regulations.issued"] == 1
    assert not [f for f in report.findings if f.rule == "P1"]


def test_a_year_without_records_warns_and_drafts_no_zero_figures(
    client: Client, dept_a: Any, clerk_a: Any
) -> None:
    """The issue: "共发布各类信息0条" and 0 errors for a year the platform has nothing of."""
    built = build_annual_report(dept_a, YEAR)
    (e1,) = [f for f in built.report.findings if f.rule == "E1"]
    assert e1.severity == "warning"
    assert e1.message.startswith(f"平台中没有某某县教育局{YEAR}年的任何记录")
    client.force_login(clerk_a)
    client.post(reverse("reports:annual_start", args=[dept_a.pk, YEAR]))
    stored = AnnualReport.objects.get(body=dept_a, year=YEAR)
    assert stored.narrative["一"] == EMPTY_YEAR_PLACEHOLDER
    assert not any("0条" in text for text in stored.narrative.values())
    page = client.get(reverse("reports:annual", args=[dept_a.pk, YEAR])).content.decode()
    assert ("E1", e1.message) in _findings(page)
    # the records the narrative rests on: no blank row where nothing was published
    (facts,) = lxml_html.fromstring(page).xpath('//*[@data-testid="facts"]//dl')
    rows = dict(
        zip(
            [dt.text_content().strip() for dt in facts.xpath("./dt")],
            [dd.text_content().strip() for dd in facts.xpath("./dd")],
            strict=True,
        )
    )
    assert rows["各渠道发布信息"] == "—"


def test_a_year_with_records_has_no_e1(dept_a: Any, clerk_a: Any, reviewer_a: Any) -> None:
    dept_a.kind = BodyKind.CITY_GOVERNMENT
    dept_a.save()
    _regulation(dept_a, clerk_a, reviewer_a)
    built = build_annual_report(dept_a, YEAR)
    assert not [f for f in built.report.findings if f.rule == "E1"]
    assert built.report.narrative["一"] != EMPTY_YEAR_PLACEHOLDER
    # the next year: the 规章 is still in force (a stock), no record of the year: E1
    later = build_annual_report(dept_a, YEAR + 1).report
    assert later.cells["s2.regulations.in_force"] == 1
    assert [f.rule for f in later.findings if f.rule == "E1"] == ["E1"]


# ---------------------------------------------------------------------------------------------
# 年报检查 (finding 5, and P1 read from the body's name)
# ---------------------------------------------------------------------------------------------

CHECK_URL = "/reports/check/"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("工作总结.txt", "本镇2024年工作总结：全年办理民生事项120件，群众满意。".encode()),
        ("台账.docx", "序号\t姓名\t金额\n1\t张三\t300\n2\t李四\t450\n".encode("gb18030")),
    ],
)
def test_a_file_that_is_not_a_report_is_not_passed_with_zero_errors(
    clerk_client: Client, name: str, content: bytes
) -> None:
    """Issue 10: plain prose or a renamed spreadsheet passed 年报检查 with "0 个错误"."""
    response = clerk_client.post(CHECK_URL, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    (error,) = response.context["form"].errors["file"]
    assert error == (
        f"“{name}”未被识别为政府信息公开工作年度报告："
        "未找到年报的表格（二、三、四）和章节标题（如“一、总体情况”）"
    )
    assert "0 个错误" not in response.content.decode()
    assert ReportCheck.objects.count() == 0


def test_the_checker_reads_the_level_from_the_body_name(clerk_client: Client) -> None:
    report = samples.consistent_report("2021", org="某某市人民政府", year=2023, seed=2)
    report.org = "徐套乡人民政府"
    report.set("s2.regulations.issued", 2)
    upload = SimpleUploadedFile("徐套乡2023.json", report.to_json().encode())
    response = clerk_client.post(CHECK_URL, {"file": upload})
    assert response.status_code == 302
    check = ReportCheck.objects.get()
    (p1,) = [f for f in check.result["findings"] if f["rule"] == "P1"]
    assert p1["severity"] == "error" and p1["cells"] == ["s2.regulations.issued"]
    assert "按机关名称“徐套乡人民政府”（以“乡人民政府”结尾）推断为乡镇人民政府" in p1["message"]
    assert check.error_count >= 1


def test_admin_sets_the_kind_and_shows_the_power(admin_client: Client, dept_a: Any) -> None:
    url = reverse("admin:orgs_body_change", args=[dept_a.pk])
    page = lxml_html.fromstring(admin_client.get(url).content.decode())
    options = page.xpath('//select[@name="kind"]/option')
    assert [o.text_content() for o in options] == [
        "省级人民政府",
        "设区的市级人民政府",
        "县级人民政府",
        "乡镇人民政府",
        "国务院部门",
        "政府部门",
        "其他",
    ]
    assert page.xpath('//div[contains(@class, "field-regulation_power")]//img/@alt') == ["False"]
    listing = admin_client.get(reverse("admin:orgs_body_changelist")).content.decode()
    assert "可以制定规章" in listing


def test_demo_bodies_have_the_kinds_their_names_say() -> None:
    from gongkai.demo.bodies import ALL_BODIES, CITY
    from gongkai.domain.report.authority import certain_kind_from_name

    kinds = {spec.name: spec.kind for spec in ALL_BODIES}
    assert kinds[CITY] == BodyKind.CITY_GOVERNMENT  # 中卫市 (设区的市) makes the demo's 规章
    for name, kind in kinds.items():
        assert kind in BodyKind.values
        assert certain_kind_from_name(name) in (None, kind), name
