"""The supervisor's overview reads the stored summaries (issue 15): body by body it shows what
the records give (``summaries.compute``), its tables 三/四 are the subtree's sums of the
records (``stats.reporting.build_subtree_summary``), its queries do not grow with the number
of bodies, and a summary computed before its body's records changed is shown as such."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html as lxml_html
from openpyxl import load_workbook
from subtree_records import add_records

from gongkai.apps.orgs.models import Body
from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.reports import actions
from gongkai.apps.reports.models import AnnualReport, YearSummary
from gongkai.apps.reports.summaries import FIGURES, compute
from gongkai.apps.reports.supervision import SUMMED_SECTIONS, subtree_overview
from gongkai.apps.stats.models import Decision, Matter
from gongkai.apps.stats.reporting import build_subtree_summary

pytestmark = pytest.mark.django_db

YEAR = 2024
NARRATIVE = {"一": "概况。", "五": "无。", "六": "无。"}


def _decision(body: Body, day: date, count: int = 1) -> None:
    Decision.objects.create(
        body=body,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=day,
        count=count,
    )


@pytest.fixture
def tree(
    county: Body, dept_a: Body, dept_b: Body, clerk_a: Any, clerk_b: Any, supervisor: Any
) -> dict[str, Body]:
    """A county and two departments with applications and cases over 2022–2025; 教育局's
    report a draft, 财政局's published and a decision registered after its publication."""
    for seed, body in enumerate((county, dept_a, dept_b), start=1):
        add_records(body, seed, 40 + 10 * seed)
        Matter.objects.create(
            body=body,
            category="licensing",
            name="民办学校设立审批",
            effective_on=date(2020, 1, 1),
        )
        _decision(body, date(YEAR, 5, 6), count=seed)
    actions.open_report(dept_a, YEAR, acting_user=clerk_a)
    report = actions.open_report(dept_b, YEAR, acting_user=clerk_b)
    report = actions.save_narrative(report, NARRATIVE, acting_user=clerk_b)
    report = actions.submit_report(report, acting_user=clerk_b)
    report = actions.approve_report(report, acting_user=supervisor)
    actions.publish_report(report, acting_user=clerk_b)
    _decision(dept_b, date(YEAR, 12, 30))
    return {"county": county, "dept_a": dept_a, "dept_b": dept_b}


def test_the_overview_shows_body_by_body_what_the_records_give(
    tree: dict[str, Body], summarize: Any
) -> None:
    county = tree["county"]
    summarize(YEAR)
    overview = subtree_overview(county, YEAR)
    assert [row.body for row in overview.rows] == [county, tree["dept_a"], tree["dept_b"]]
    for row in overview.rows:
        live = compute(
            row.body, YEAR, AnnualReport.objects.filter(body=row.body, year=YEAR).first()
        )
        assert row.current and row.computed_at is not None
        assert (row.errors, row.warnings, row.changed_since_published) == (
            live.errors,
            live.warnings,
            live.changed,
        ), row.body.name
        assert row.figures == tuple(live.figures[key] for key, _label in FIGURES)
    published = next(row for row in overview.rows if row.body == tree["dept_b"])
    assert published.status_label == "已发布" and published.changed_since_published == 1
    assert overview.rows[0].figures[0] == compute(county, YEAR).figures["s3.new_received.total"]
    assert overview.rows[0].figures[0] > 0
    # Every summary current: the figures are those of the records now.
    assert overview.pending == 0 and overview.as_of == overview.freshness.read_at


def test_the_summed_tables_are_the_demo_countys_sums_of_the_records(
    settings: Any, tmp_path: Any, summarize: Any
) -> None:
    from gongkai.demo.bodies import COUNTY
    from gongkai.demo.county import YEARS
    from gongkai.demo.loader import load_demo

    settings.GONGKAI_VAR_DIR = tmp_path  # the demo's files (the notices' photos)
    load_demo()
    county = Body.objects.get(name=COUNTY)
    summarize(*YEARS)
    for year in YEARS:
        expected = build_subtree_summary(county, year)
        summed = subtree_overview(county, year).summary
        keys = [k for k in expected.cells if k.startswith(("s3.", "s4."))]
        assert keys and {k[:2] for k in keys} == {f"s{n}" for n in (3, 4)}
        assert {k: summed.cells[k] or 0 for k in keys} == {
            k: expected.cells[k] or 0 for k in keys
        }, year
        assert summed.cells["s3.new_received.total"] == expected.cells["s3.new_received.total"]
    assert any(build_subtree_summary(county, year).cells["s3.new_received.total"] for year in YEARS)
    # Body by body too, for the demo's published and unpublished reports alike.
    published = AnnualReport.objects.published().filter(body__in=Body.objects.subtree(county))
    year = published.order_by("-year").values_list("year", flat=True)[0]
    rows = subtree_overview(county, year).rows
    assert any(row.report is not None and row.report.is_published for row in rows)
    assert any(row.report is None or not row.report.is_published for row in rows)
    for row in rows:
        live = compute(row.body, year, row.report)
        assert (row.errors, row.warnings, row.changed_since_published) == (
            live.errors,
            live.warnings,
            live.changed,
        ), row.body.name
        assert row.figures == tuple(live.figures[key] for key, _label in FIGURES), row.body.name
    assert SUMMED_SECTIONS == ("三", "四")


def _subtree(root: Body, count: int, clerk: Any) -> None:
    for i in range(count):
        body = create_body(f"{root.name}下级机关{i:02d}", parent=root)
        if i % 3 == 0:
            add_member(clerk, body, "clerk")
            actions.open_report(body, YEAR, acting_user=clerk)
        if i % 4 == 0:
            add_records(body, i, 8)


def test_the_overview_reads_as_many_queries_for_3_bodies_as_for_30(
    client: Client, django_user_model: Any, summarize: Any
) -> None:
    clerk = django_user_model.objects.create_user("many_clerk", password="x" * 16)
    boss = django_user_model.objects.create_user("many_boss", password="x" * 16)
    small, large = create_body("小县人民政府"), create_body("大县人民政府")
    _subtree(small, 2, clerk)
    _subtree(large, 29, clerk)
    for root in (small, large):
        add_member(boss, root, "supervisor")
    summarize(YEAR)
    client.force_login(boss)

    def queries(root: Body) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as overview:
            rows = subtree_overview(root, YEAR).rows
        assert all(row.current for row in rows)
        url = reverse("reports:supervise", args=[root.pk]) + f"?year={YEAR}"
        with CaptureQueriesContext(connection) as page:
            assert client.get(url).status_code == 200
        return len(overview.captured_queries), len(page.captured_queries)

    few, many = queries(small), queries(large)
    assert Body.objects.subtree(large).count() == 30
    assert few == many
    assert few[0] <= 4  # bodies, reports, summaries, records versions

    # The table pages (a province has thousands of bodies); counts and sums are of them all.
    url = reverse("reports:supervise", args=[large.pk]) + f"?year={YEAR}&per_page=12&page=3"
    page = lxml_html.fromstring(client.get(url).content.decode())
    shown = [row.get("data-body") for row in page.xpath("//tr[@data-body]")]
    names = [b.name for b in Body.objects.subtree(large).order_by("path")]
    assert shown == names[24:]
    assert (
        "共 30 个机关，第 3 / 3 页" in page.xpath('//*[@data-testid="listing"]')[0].text_content()
    )
    counts = page.xpath('//*[@data-testid="overview-counts"]')[0].text_content()
    assert "未开始 20" in counts and "草稿 10" in counts
    assert f"year={YEAR}" in page.xpath('//a[contains(@href, "page=2")]/@href')[0]


def test_a_stale_summary_is_shown_as_such_and_a_missing_one_too(
    client: Client, tree: dict[str, Body], supervisor: Any, summarize: Any
) -> None:
    county, dept_a = tree["county"], tree["dept_a"]
    summarize(YEAR)
    computed_at = YearSummary.objects.get(body=dept_a, year=YEAR).computed_at
    before = next(r for r in subtree_overview(county, YEAR).rows if r.body == dept_a)
    _decision(dept_a, date(YEAR, 7, 1), count=5)  # raises 教育局's records version
    create_body("某某县新设机关", parent=county)  # no summary yet

    overview = subtree_overview(county, YEAR)
    rows = {row.body.name: row for row in overview.rows}
    stale = rows[dept_a.name]
    assert not stale.current and stale.computed_at == computed_at
    assert stale.figures == before.figures  # the figures of its last summary, said so
    assert rows["某某县新设机关"].computed_at is None and not rows["某某县新设机关"].current
    freshness = overview.freshness
    assert (freshness.updating, freshness.missing, overview.pending) == (1, 1, 2)
    assert overview.as_of == computed_at

    client.force_login(supervisor)
    page = client.get(reverse("reports:supervise", args=[county.pk]) + f"?year={YEAR}")
    tree_html = lxml_html.fromstring(page.content.decode())
    states = {
        row.get("data-body"): row.get("data-summary") for row in tree_html.xpath("//tr[@data-body]")
    }
    assert states == {
        county.name: "current",
        dept_a.name: "updating",
        tree["dept_b"].name: "current",
        "某某县新设机关": "missing",
    }
    (mark,) = tree_html.xpath(f'//tr[@data-body="{dept_a.name}"]//*[@data-testid="summary-state"]')
    assert mark.text == "更新中"
    assert "本行数字为" in mark.get("title") and local_minute(computed_at) in mark.get("title")
    (missing,) = tree_html.xpath(
        '//tr[@data-body="某某县新设机关"]//*[@data-testid="summary-state"]'
    )
    assert missing.text == "尚未汇总"
    errors_cell = tree_html.xpath('//tr[@data-body="某某县新设机关"]/td[3]')[0]
    assert errors_cell.text_content().strip() == "—"  # no figures, not 0
    (note,) = tree_html.xpath('//*[@data-testid="overview-as-of"]')
    text = note.text_content()
    assert f"数据截至 {local_minute(computed_at)}" in text
    assert "1 个机关的记录在汇总后有变化" in text and "1 个机关尚未汇总" in text

    export = client.get(reverse("reports:supervise_export", args=[county.pk]) + f"?year={YEAR}")
    sheet_rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    by_name = {row[0]: dict(zip(sheet_rows[0], row, strict=True)) for row in sheet_rows[1:]}
    assert by_name[dept_a.name]["汇总状态"] == "更新中"
    assert by_name[dept_a.name]["汇总时间"].strftime("%Y-%m-%d %H:%M") == local_minute(computed_at)
    assert by_name["某某县新设机关"]["汇总状态"] == "尚未汇总"
    assert by_name["某某县新设机关"]["汇总时间"] is None
    assert by_name["某某县新设机关"]["错误"] is None
    assert by_name[county.name]["汇总状态"] is None

    # The refresh job has run: every row current, the figures those of the records now.
    summarize(YEAR)
    overview = subtree_overview(county, YEAR)
    assert overview.pending == 0
    row = next(r for r in overview.rows if r.body == dept_a)
    assert row.current and row.computed_at is not None and row.computed_at > computed_at
    page = client.get(reverse("reports:supervise", args=[county.pk]) + f"?year={YEAR}")
    assert 'data-testid="summary-state"' not in page.content.decode()


def local_minute(moment: datetime) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
