"""End to end in Debian chromium: every chart page (a department's year, the county's
subtree, the index) opens with no console error — no CSP refusal, no script error — at 1280
and 390 px, and each chart's table holds exactly the numbers ECharts draws: read from the
instance in the page (``echarts.getInstanceByDom(el).getOption()``) and compared cell by cell
with the table under it (the first ``shown`` rows for the comparison of bodies)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

SCREENSHOT_DIR = Path(os.environ.get("GONGKAI_SCREENSHOT_DIR", "/tmp"))
YEAR = 2024

READ_CHARTS = """() => Array.from(document.querySelectorAll('[data-chart-canvas]')).map(el => {
  const chart = echarts.getInstanceByDom(el);
  if (!chart) { return {key: el.dataset.chartCanvas, missing: true}; }
  const option = chart.getOption();
  return {
    key: el.dataset.chartCanvas,
    width: el.getBoundingClientRect().width,
    categories: option.xAxis && option.xAxis.length ? option.xAxis[0].data : null,
    series: option.series.map(s => ({name: s.name, type: s.type, data: s.data})),
  };
})"""


def _drawn(value: Any) -> float | None:
    """A number as ECharts holds it (no value: None or "-")."""
    return None if value is None or value == "-" else float(value)


def _cell(text: str) -> float | None:
    """A number as the table shows it (no value: “—”)."""
    return None if text == "—" else float(text)


def _table(page: Page, key: str) -> list[list[str]]:
    rows = page.locator(f'[data-chart-table="{key}"] tbody tr')
    return [
        [cell.strip() for cell in rows.nth(i).locator("th, td").all_inner_texts()]
        for i in range(rows.count())
    ]


def _check_page(page: Page, errors: list[str], width: int, name: str) -> int:
    """Every chart of the open page drawn, its numbers equal to its table; returns the count."""
    page.wait_for_function("() => typeof echarts !== 'undefined'")
    charts = page.evaluate(READ_CHARTS)
    assert charts, name
    for chart in charts:
        key = chart["key"]
        assert not chart.get("missing"), key
        assert chart["width"] <= width, (key, chart["width"])  # fits the window
        table = _table(page, key)
        series = chart["series"]
        if series[0]["type"] == "pie":
            drawn = [(d["name"], _drawn(d["value"])) for d in series[0]["data"]]
            assert drawn == [(row[0], _cell(row[1])) for row in table], key
            continue
        categories = chart["categories"]
        assert categories == [row[0] for row in table[: len(categories)]], key
        headers = page.locator(f'[data-chart-table="{key}"] thead th').all_inner_texts()
        for s in series:
            column = headers.index(s["name"])
            drawn_values = [_drawn(v) for v in s["data"]]
            shown = [_cell(row[column]) for row in table[: len(categories)]]
            assert drawn_values == shown, (key, s)
        expect(page.get_by_test_id(f"chart-download-{key}")).to_be_visible()
    page.screenshot(path=str(SCREENSHOT_DIR / f"charts-{name}-{width}.png"), full_page=True)
    assert errors == [], errors
    return len(charts)


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/?next=/charts/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(f"{username}-password-1")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="图表", exact=True)).to_be_visible()


def test_every_chart_page_draws_its_table(
    page: Page, live_server: Any, clerk_a: Any, supervisor: Any, county: Any, dept_a: Any,
    dept_b: Any,
) -> None:  # fmt: skip
    from chart_records import add_chart_records

    add_chart_records(dept_a, 1, 300)
    add_chart_records(dept_b, 2, 200)
    add_chart_records(county, 3, 60)
    from gongkai.apps.assessment.actions import create_assessment

    create_assessment(county, acting_user=supervisor, year=YEAR)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    base = live_server.url

    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        _log_in(page, base, "clerk_a")
        page.get_by_role("link", name=dept_a.name).click()
        page.get_by_role("link", name=str(YEAR), exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{dept_a.name} {YEAR} 年图表")
        assert _check_page(page, errors, width, "body") == 5
        page.context.clear_cookies()  # signed out (the menu is collapsed at 390 px)

        _log_in(page, base, "supervisor")
        page.get_by_test_id("chart-subtrees").get_by_role("link").click()
        page.get_by_role("link", name=str(YEAR), exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("及下级机关")
        assert _check_page(page, errors, width, "subtree") == 7
        page.get_by_test_id("chart-other-page").click()
        assert _check_page(page, errors, width, "county") == 5
        page.goto(f"{base}/charts/bodies/{dept_b.pk}/{YEAR}/")
        assert _check_page(page, errors, width, "dept-b") == 5
        page.context.clear_cookies()  # signed out (the menu is collapsed at 390 px)

    # the window narrowed with the page open: the charts follow (ResizeObserver)
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_in(page, base, "clerk_a")
    page.goto(f"{base}/charts/bodies/{dept_a.pk}/{YEAR}/")
    page.wait_for_function("() => typeof echarts !== 'undefined'")
    page.set_viewport_size({"width": 390, "height": 900})
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-chart-canvas]')).every("
        "el => echarts.getInstanceByDom(el).getWidth() <= 390)"
    )
    # hovering a bar shows the canvas tooltip: still no CSP refusal
    page.locator('[data-chart-canvas="applications"]').hover()
    page.mouse.wheel(0, 0)
    assert errors == [], errors
