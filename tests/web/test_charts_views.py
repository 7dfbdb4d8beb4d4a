"""The chart pages: who sees which (a body's staff and its 上级s; the subtree only for its
上级; another body 404), the year, the table under each chart equal to its data, the data as
json_script (no inline script), ECharts loaded on the chart pages only, and each chart's
Excel download equal to its data."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from chart_records import add_chart_records
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook  # type: ignore[import-untyped]

from gongkai.apps.charts.data import Scope, charts_for

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def records(dept_a: Any, dept_b: Any, summarize: Any) -> None:
    add_chart_records(dept_a, 1, 120)
    add_chart_records(dept_b, 2, 80)
    summarize(YEAR)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _chart_data(page: str) -> dict[str, Any]:
    found = re.findall(
        r'<script id="chart-data-([a-z_]+)" type="application/json">(.*?)</script>', page, re.S
    )
    return {key: json.loads(text) for key, text in found}


def _tables(page: str) -> dict[str, list[list[str]]]:
    tables = {}
    for key, body in re.findall(
        r'<table [^>]*data-chart-table="([a-z_]+)">.*?<tbody>(.*?)</tbody>', page, re.S
    ):
        rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
        tables[key] = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]
    return tables


def _text(value: Any) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def test_body_page_tables_equal_the_chart_data(records: None, clerk_a: Any, dept_a: Any) -> None:
    page = _page(_client(clerk_a), f"/charts/bodies/{dept_a.pk}/{YEAR}/")
    data, tables = _chart_data(page), _tables(page)
    assert list(data) == ["applications", "on_time", "channels", "categories", "trend"]
    assert set(tables) == set(data)
    for key, chart in data.items():
        rows = tables[key]
        assert [r[0] for r in rows] == chart["categories"], key
        for i, series in enumerate(chart["series"], start=1):
            assert [r[i] for r in rows] == [_text(v) for v in series["values"]], key
    expected = {c.key: c.as_json() for c in charts_for(Scope(dept_a), YEAR)}
    assert data == expected
    assert sum(sum(s["values"]) for s in data["applications"]["series"]) > 0
    # the drawing's box is an image with a summary; the page loads ECharts, no inline script
    assert 'role="img" aria-label="' in page
    assert "vendor/echarts/echarts.min.js" in page and "charts/charts.js" in page
    assert not re.search(r"<script(?![^>]*(src=|application/json))", page)
    assert ' style="' not in page


def test_echarts_is_loaded_only_on_chart_pages(clerk_a: Any) -> None:
    assert "echarts" not in _page(_client(clerk_a), "/workbench/")


def test_subtree_page_adds_up_the_bodies_and_compares_them(
    records: None, supervisor: Any, county: Any, dept_a: Any, dept_b: Any
) -> None:
    page = _page(_client(supervisor), f"/charts/subtree/{county.pk}/{YEAR}/")
    data = _chart_data(page)
    assert list(data)[-2:] == ["bodies", "scores"]
    assert data["bodies"]["shown"] == 10
    a = {c.key: c for c in charts_for(Scope(dept_a), YEAR)}
    b = {c.key: c for c in charts_for(Scope(dept_b), YEAR)}
    for key in ("applications", "on_time", "channels", "categories", "trend"):
        for i, series in enumerate(data[key]["series"]):
            if series["name"].endswith("（%）"):
                continue
            assert series["values"] == [
                x + y for x, y in zip(a[key].series[i].values, b[key].series[i].values, strict=True)
            ], key
    assert "及下级机关" in page
    # the channels are read from the bodies' stored summaries: the chart says how recent
    (caption,) = re.findall(r'data-chart-table="channels">\s*<caption>(.*?)</caption>', page, re.S)
    assert "按各机关的年度汇总统计，数据截至 " in caption
    # the supervisor also reads each body's own page, which links back to nothing above it
    body_page = _page(_client(supervisor), f"/charts/bodies/{dept_a.pk}/{YEAR}/")
    assert "data-chart-table" in body_page
    county_page = _page(_client(supervisor), f"/charts/bodies/{county.pk}/{YEAR}/")
    assert f"/charts/subtree/{county.pk}/{YEAR}/" in county_page


def test_who_sees_what(
    records: None, clerk_a: Any, clerk_b: Any, supervisor: Any, county: Any, dept_a: Any
) -> None:
    clerk = _client(clerk_a)
    assert clerk.get(f"/charts/bodies/{dept_a.pk}/{YEAR}/").status_code == 200
    assert _client(clerk_b).get(f"/charts/bodies/{dept_a.pk}/{YEAR}/").status_code == 404
    # a department's clerk is no 上级: neither the county's nor its own subtree page
    assert clerk.get(f"/charts/subtree/{county.pk}/{YEAR}/").status_code == 404
    assert clerk.get(f"/charts/subtree/{dept_a.pk}/{YEAR}/").status_code == 404
    assert clerk.get(f"/charts/subtree/{county.pk}/{YEAR}/trend.xlsx").status_code == 404
    assert clerk.get(f"/charts/bodies/{county.pk}/{YEAR}/").status_code == 404
    assert Client().get(f"/charts/bodies/{dept_a.pk}/{YEAR}/").status_code == 302
    assert _client(supervisor).get(f"/charts/subtree/{dept_a.pk}/{YEAR}/").status_code == 200


def test_the_year(clerk_a: Any, dept_a: Any) -> None:
    clerk = _client(clerk_a)
    this_year = timezone.localdate().year
    assert clerk.get(f"/charts/bodies/{dept_a.pk}/2007/").status_code == 404
    assert clerk.get(f"/charts/bodies/{dept_a.pk}/{this_year + 1}/").status_code == 404
    assert clerk.get(f"/charts/bodies/{dept_a.pk}/99999999999999999999/").status_code == 404
    page = _page(clerk, f"/charts/bodies/{dept_a.pk}/?year=²")
    assert f"{this_year - 1} 年图表" in page  # a bad ?year= is last year
    page = _page(clerk, f"/charts/bodies/{dept_a.pk}/?year=2021")
    assert "2021 年图表" in page and "2019—2021年趋势" in page


def test_excel_download_equals_the_data(records: None, supervisor: Any, county: Any) -> None:
    client = _client(supervisor)
    for chart in charts_for(Scope(county, subtree=True), YEAR):
        response = client.get(f"/charts/subtree/{county.pk}/{YEAR}/{chart.key}.xlsx")
        assert response.status_code == 200, chart.key
        assert "attachment" in response["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert tuple(rows[0]) == chart.headers
        assert rows[1:] == [
            [label, *(s.values[i] for s in chart.series)]
            for i, label in enumerate(chart.categories)
        ], chart.key
    assert client.get(f"/charts/subtree/{county.pk}/{YEAR}/nothing.xlsx").status_code == 404
    assert client.get(f"/charts/bodies/{county.pk}/{YEAR}/bodies.xlsx").status_code == 404


def test_links_to_the_charts(
    clerk_a: Any, supervisor: Any, county: Any, dept_a: Any, dept_b: Any
) -> None:
    clerk, boss = _client(clerk_a), _client(supervisor)
    assert 'href="/charts/"' in _page(clerk, "/workbench/")
    index = _page(clerk, "/charts/")
    assert f'href="/charts/bodies/{dept_a.pk}/"' in index
    assert "/charts/subtree/" not in index and f"/charts/bodies/{dept_b.pk}/" not in index
    index = _page(boss, "/charts/")
    assert f'href="/charts/subtree/{county.pk}/"' in index
    for body in (county, dept_a, dept_b):
        assert f'href="/charts/bodies/{body.pk}/"' in index
    supervise = _page(boss, f"/reports/supervise/{county.pk}/?year={YEAR}")
    assert f'href="/charts/subtree/{county.pk}/?year={YEAR}"' in supervise
    assert 'href="/charts/"' in _page(clerk, "/stats/")
