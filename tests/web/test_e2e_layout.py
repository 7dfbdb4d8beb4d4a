"""End to end in Debian chromium, on the demo data: the public annual report page, the public
catalog, the 工作台 and the supervise page at a 390 px phone and a 1280 px desktop (screenshots
under ``screenshot_dir``), checked for the layout faults a phone showed (issue 10): no page wider
than the screen outside its scroll boxes, report tables with borders, a catalog of 20 items as
cards of reasonable height, column headers and badges on one line; the printed report without
the navigation; the search page's results as cards on a phone and printed without its form;
the online form's asterisks and number pad; and axe-core (bundled by
axe-playwright-python, no network) on every public page with no serious or critical violation,
at 360 px and 1280 px, in the standard and the 适老化 display; the 适老化 switch itself; the
audit trail as cards at 390 px.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
COUNTY = "中宁县人民政府"
DISPLAY_COOKIE = "gk_display"  # gongkai.web.display.COOKIE

# The lines a cell's text takes: the distinct tops of the rectangles of its text nodes.
TEXT_LINES_JS = """
(el) => {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const tops = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const rect of range.getClientRects()) {
      if (rect.width > 0) tops.add(Math.round(rect.top / 4));
    }
  }
  return tops.size;
}
"""

# Every header cell of the page's lists: its text and how many lines it takes.
HEADERS_JS = (
    """
() => {
  const lines = """
    + TEXT_LINES_JS
    + """;
  return [...document.querySelectorAll('[data-testid="object-table"] thead th')]
    .filter((th) => th.innerText.trim())
    .map((th) => [th.innerText.trim(), lines(th)]);
}
"""
)

# Every badge of the page's lists: its text, its lines, whether it sticks out of its cell.
BADGES_JS = (
    """
() => {
  const lines = """
    + TEXT_LINES_JS
    + """;
  return [...document.querySelectorAll('[data-testid="object-table"] td .badge')].map((b) => {
    const cell = b.closest('td').getBoundingClientRect();
    const box = b.getBoundingClientRect();
    return [b.innerText.trim(), lines(b), box.right <= cell.right + 1 && box.left >= cell.left - 1];
  });
}
"""
)

# Data cells of the lists narrower than three characters of their font.
NARROW_CELLS_JS = """
() => [...document.querySelectorAll('[data-testid="object-table"] tbody td')]
  .filter((td) => td.innerText.trim() && !td.hasAttribute('colspan'))
  .filter((td) => td.getBoundingClientRect().width < 3 * parseFloat(getComputedStyle(td).fontSize))
  .map((td) => td.innerText.trim())
"""

# Elements sticking out to the right of the screen, outside any box that scrolls sideways.
OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const inScrollBox = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const style = getComputedStyle(p).overflowX;
      if (style === 'auto' || style === 'scroll' || style === 'hidden') return true;
    }
    return false;
  };
  const out = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !inScrollBox(el))
    .map((el) => el.tagName + '.' + el.className);
  return {scrollWidth: document.documentElement.scrollWidth, width, out: out.slice(0, 5)};
}
"""


def log_in(page: Page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def no_horizontal_overflow(page: Page) -> None:
    found = page.evaluate(OVERFLOW_JS)
    assert found["scrollWidth"] <= found["width"], (page.url, found)
    assert found["out"] == [], (page.url, found)


def headers_and_badges_on_one_line(page: Page) -> None:
    headers = page.evaluate(HEADERS_JS)
    assert headers, page.url
    broken = [text for text, lines in headers if lines != 1]
    assert broken == [], f"{page.url}: headers broken over lines: {broken}"
    badges = page.evaluate(BADGES_JS)
    bad = [text for text, lines, inside in badges if lines != 1 or not inside]
    assert bad == [], f"{page.url}: badges wrapped or clipped: {bad}"
    narrow = page.evaluate(NARROW_CELLS_JS)
    assert narrow == [], f"{page.url}: cells narrower than three characters: {narrow}"


def shoot(page: Page, folder: Path, name: str) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 0
    page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)


def search_path(demo: dict[str, Any]) -> str:
    """The search page for the first four characters of the county's newest public item, in
    the county and the bodies below it."""
    words = quote(demo["item"].title[:4])
    return f"/catalog/search/?q={words}&body={demo['county'].pk}&below=on"


@pytest.fixture
def demo(settings: Any, tmp_path: Path, live_server: Any) -> dict[str, Any]:
    """The demo bodies, records, published reports and accounts (``gongkai demo``)."""
    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.reports.models import AnnualReport
    from gongkai.demo.loader import load_demo

    settings.GONGKAI_VAR_DIR = tmp_path / "var"
    load_demo()
    county = Body.objects.get(name=COUNTY)
    report = AnnualReport.objects.published().filter(body=county).order_by("-year").first()
    assert report is not None, "the demo publishes the county's reports"
    item = CatalogItem.objects.public().filter(body=county).order_by("-published_on").first()
    assert item is not None
    assert CatalogItem.objects.public().filter(body=county).count() > 20
    return {"base": live_server.url, "county": county, "report": report, "item": item}


def test_pages_at_390_and_1280_px(page: Page, demo: dict[str, Any], screenshot_dir: Path) -> None:
    base, county, report = demo["base"], demo["county"], demo["report"]
    report_url = f"{base}/reports/published/{county.pk}/{report.year}/"
    catalog_url = f"{base}/catalog/public/{county.pk}/"

    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)

        # -- the public annual report: the official tables with borders -------------------
        page.goto(report_url)
        expect(page.get_by_test_id("published-report")).to_be_visible()
        cells = page.locator("table.report-table td, table.report-table th")
        assert cells.count() > 100
        borders = page.evaluate(
            """() => [...document.querySelectorAll('table.report-table td, table.report-table th')]
                 .filter((c) => {
                   const s = getComputedStyle(c);
                   return s.borderTopStyle !== 'solid' || parseFloat(s.borderTopWidth) < 1
                     || s.borderLeftStyle !== 'solid' || parseFloat(s.borderLeftWidth) < 1;
                 }).length"""
        )
        assert borders == 0, "every cell of the report tables has its borders"
        # Table 二's headers stand apart (each a bordered cell, none broken per character).
        s2_headers = page.evaluate(
            "() => [...document.querySelectorAll('table.report-table.s2 thead th')].map("
            "(th) => th.getBoundingClientRect().width / parseFloat(getComputedStyle(th).fontSize))"
        )
        assert s2_headers and min(s2_headers) >= 3, s2_headers
        no_horizontal_overflow(page)
        shoot(page, screenshot_dir, "public-report")

        # -- the public catalog: 20 items; cards on a phone, the table on a desktop ---------
        page.goto(catalog_url)
        rows = page.get_by_test_id("object-table").locator("tbody tr")
        expect(rows).to_have_count(20)
        no_horizontal_overflow(page)
        heights = [box["height"] for box in (rows.nth(i).bounding_box() for i in range(20)) if box]
        title_width = page.evaluate(
            "() => Math.min(...[...document.querySelectorAll('td.gk-stack-title')]"
            ".map((td) => td.getBoundingClientRect().width))"
        )
        page_height = page.evaluate("document.documentElement.scrollHeight")
        if size is PHONE:
            # Each item a card: the title over the whole card's width, no card taller than a
            # screen's quarter, the 20 of a page in about five screens.
            assert title_width >= 300, title_width
            assert max(heights) <= 220, heights
            # the count above the cards reads on one or two lines, not a character a line
            caption = page.get_by_test_id("listing").bounding_box()
            assert caption and caption["width"] >= 300 and caption["height"] <= 60, caption
            assert page_height <= 4500, page_height
            assert (
                page.evaluate(
                    "getComputedStyle(document.querySelector('[data-testid=object-table] thead'))"
                    ".position"
                )
                == "absolute"
            )  # the header row is for screen readers only
        else:
            assert page.locator("[data-testid=object-table] thead th").first.is_visible()
            assert page_height <= 2000, page_height
        shoot(page, screenshot_dir, "public-catalog")

        # -- the item page, from its title -------------------------------------------------
        first = rows.first.locator("td.gk-stack-title a")
        title = first.inner_text()
        first.click()
        expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
        expect(page.get_by_test_id("public-item-metadata")).to_contain_text("索引号")
        no_horizontal_overflow(page)
        shoot(page, screenshot_dir, "public-catalog-item")

        # -- the search page: the county and the bodies below it, cards on a phone ---------
        page.goto(f"{base}{search_path(demo)}")
        found = page.get_by_test_id("object-table").locator("tbody tr")
        expect(found.first.locator("mark").first).to_be_visible()
        no_horizontal_overflow(page)
        if size is DESKTOP:
            headers_and_badges_on_one_line(page)
        else:
            box = found.first.bounding_box()
            assert box and box["width"] >= 340 and box["height"] <= 260, box
        page.emulate_media(media="print")
        expect(page.get_by_test_id("search-form")).to_be_hidden()
        expect(found.first).to_be_visible()
        page.emulate_media(media="screen")
        shoot(page, screenshot_dir, "search")

    # -- the staff pages: the 工作台 and the supervisor's overview -----------------------------
    log_in(page, base, "zrzy", "gongkai-demo")
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"{base}/workbench/")
        expect(page.get_by_role("heading", name="工作台", exact=True)).to_be_visible()
        no_horizontal_overflow(page)
        headers_and_badges_on_one_line(page)
        cards = page.get_by_test_id("workbench-counts").locator(".card")
        narrowest = min(box["width"] for box in (c.bounding_box() for c in cards.all()) if box)
        assert narrowest >= 140, narrowest  # the counters wrap onto new rows, never squeezed
        if size is DESKTOP:
            # Each section's list fits its card on a desktop (the three small sections were a
            # third of the page wide and scrolled sideways).
            boxes = page.locator("[data-testid^='section-'] .table-responsive").all()
            assert boxes
            for box in boxes:
                fits = box.evaluate("(b) => b.scrollWidth <= b.clientWidth + 1")
                assert fits, box.evaluate("(b) => b.closest('section').dataset.testid")
        shoot(page, screenshot_dir, "workbench")
    page.get_by_role("button", name="退出登录").click()

    log_in(page, base, "county", "gongkai-county")
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"{base}/reports/supervise/{county.pk}/?year={report.year + 1}")
        expect(page.get_by_test_id("overview")).to_be_visible()
        no_horizontal_overflow(page)
        headers_and_badges_on_one_line(page)
        if size is DESKTOP:
            # The overview uses the page's width: nothing floats beside it, no column clipped.
            table = page.get_by_test_id("overview").locator("table").bounding_box()
            main = page.locator("main .container").bounding_box()
            assert table and main and table["width"] >= main["width"] - 40, (table, main)
            box = page.get_by_test_id("overview").locator(".table-responsive")
            assert box.evaluate("(b) => b.scrollWidth <= b.clientWidth"), "fits a desktop"
        shoot(page, screenshot_dir, "supervise")


def test_the_overview_says_how_recent_its_figures_are(
    page: Page, demo: dict[str, Any], settings: Any, screenshot_dir: Path
) -> None:
    """The supervise page with a body whose records changed after its summary (更新中) and a
    body without one (尚未汇总): the 数据截至 line and the marks at 390 and 1280 px and in
    print, nothing wider than the screen, the marks on one line."""
    from gongkai.apps.orgs.models import Body
    from gongkai.apps.orgs.services import create_body
    from gongkai.apps.reports.summaries import refresh
    from gongkai.apps.stats.models import Decision

    base, county, report = demo["base"], demo["county"], demo["report"]
    year = report.year + 1
    refresh(years=[year])
    settings.GONGKAI_SUMMARIES_AUTO_REFRESH = False  # the refresh job waits for a worker
    changed = Body.objects.get(name="中宁县教育局")
    Decision.objects.create(
        body=changed,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=date(year, 6, 1),
    )
    create_body("中宁县新设机关", parent=county)

    log_in(page, base, "county", "gongkai-county")
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"{base}/reports/supervise/{county.pk}/?year={year}")
        note = page.get_by_test_id("overview-as-of")
        expect(note).to_contain_text("数据截至")
        expect(note).to_contain_text("1 个机关的记录在汇总后有变化")
        expect(note).to_contain_text("1 个机关尚未汇总")
        row = page.locator(f'tr[data-body="{changed.name}"]')
        expect(row.get_by_test_id("summary-state")).to_have_text("更新中")
        expect(row.get_by_test_id("summary-state")).to_have_attribute(
            "title", re.compile("本行数字为")
        )
        missing = page.locator('tr[data-body="中宁县新设机关"]')
        expect(missing.get_by_test_id("summary-state")).to_have_text("尚未汇总")
        no_horizontal_overflow(page)
        headers_and_badges_on_one_line(page)
        shoot(page, screenshot_dir, "supervise-updating")
    page.emulate_media(media="print")
    expect(page.get_by_test_id("overview-as-of")).to_be_visible()
    expect(
        page.locator('tr[data-body="中宁县新设机关"]').get_by_test_id("summary-state")
    ).to_be_visible()
    page.emulate_media(media="screen")


def test_the_column_of_a_body_at_390_px(
    page: Page, demo: dict[str, Any], screenshot_dir: Path
) -> None:
    """The 政府信息公开专栏 of the county on a phone: its five parts and the bodies below it,
    nothing wider than the screen; the guide's page; a report's Word link from the column."""
    base, county, report = demo["base"], demo["county"], demo["report"]
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/bodies/{county.pk}/")
    for part in ("guide", "rules", "proactive", "reports", "apply", "below"):
        expect(page.get_by_test_id(f"column-{part}")).to_be_visible()
    expect(page.get_by_test_id("column-guide")).to_contain_text(county.office_address)
    expect(page.get_by_test_id("column-below")).to_contain_text("中宁县自然资源局")
    no_horizontal_overflow(page)
    shoot(page, screenshot_dir, "column")
    word = page.get_by_test_id("column-reports").get_by_role("link", name="Word").first
    expect(word).to_have_attribute(
        "href", re.compile(rf"/reports/published/{county.pk}/\d{{4}}/download\.docx$")
    )
    assert str(report.year) in page.get_by_test_id("column-reports").inner_text()
    page.get_by_role("link", name=re.compile("查看完整指南")).click()
    expect(page.get_by_test_id("guide")).to_contain_text("六、救济途径")
    no_horizontal_overflow(page)
    shoot(page, screenshot_dir, "guide")


def test_printed_report_and_online_form(page: Page, demo: dict[str, Any]) -> None:
    base, county, report = demo["base"], demo["county"], demo["report"]
    page.set_viewport_size(DESKTOP)

    # -- printed, the report page keeps its content and drops the navigation ---------------
    page.goto(f"{base}/reports/published/{county.pk}/{report.year}/")
    page.emulate_media(media="print")
    expect(page.locator("body > header")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.get_by_test_id("download-docx")).to_be_hidden()
    expect(page.get_by_test_id("published-report")).to_be_visible()
    expect(page.locator("table.report-table.s3")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator("body > header")).to_be_visible()

    # -- the anonymous visitor is not offered the staff's 年报检查 ---------------------------
    page.goto(f"{base}/")
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link", name="网上申请")).to_have_count(1)
    expect(nav.get_by_role("link", name="年报检查")).to_have_count(0)

    # -- the online form: required fields marked, the phone field brings up the number pad -
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/apply/{county.pk}/")
    expect(page.get_by_test_id("apply-form")).to_be_visible()
    name_label = page.locator("label[for=id_applicant_name]")
    mark = name_label.evaluate("(el) => getComputedStyle(el, '::after').content")
    assert mark == '" *"', mark
    colour = name_label.evaluate("(el) => getComputedStyle(el, '::after').color")
    assert colour == "rgb(220, 53, 69)", colour
    optional = page.locator("label[for=id_email]").evaluate(
        "(el) => getComputedStyle(el, '::after').content"
    )
    assert optional in ("none", "normal"), optional
    phone = page.get_by_label("联系电话")
    expect(phone).to_have_attribute("type", "tel")
    expect(phone).to_have_attribute("inputmode", "tel")
    no_horizontal_overflow(page)


@pytest.mark.parametrize("mode", ["standard", "elder"])
def test_public_pages_pass_axe(
    page: Page, demo: dict[str, Any], screenshot_dir: Path, mode: str
) -> None:
    """axe-core's rules (WCAG 2.1 A/AA and best practice) on every public page — the 专栏 of
    a jurisdiction and of a body, their 指南, a report, an item, a 404 — on the narrowest
    phone (360 px), a common one (390 px) and a desktop, in the standard and the 适老化
    display: no serious or critical violation, and on the phones no page wider than the
    screen."""
    from gongkai.apps.catalog.models import CatalogItem, Interpretation
    from gongkai.apps.engagement.models import Consultation

    base, county, report, item = demo["base"], demo["county"], demo["report"], demo["item"]
    department = county.children.order_by("pk").last()
    hidden = CatalogItem.objects.exclude(pk__in=CatalogItem.objects.public()).first()
    assert department is not None and hidden is not None
    # issue 14: an item with its 解读, a consultation open now (the comment form) and one
    # whose feedback is published
    explained = Interpretation.objects.public().order_by("pk").first()
    consultations = Consultation.objects.order_by("pk")
    open_now = next(c for c in consultations if c.ends_on >= date.today() >= c.starts_on)
    answered = consultations.filter(feedback_published_on__isnull=False).first()
    assert explained is not None and answered is not None
    pages = [
        "/",
        f"/catalog/public/{county.pk}/",
        f"/catalog/public/items/{item.pk}/",
        "/reports/published/",
        f"/reports/published/{county.pk}/{report.year}/",
        "/apply/",
        f"/apply/{county.pk}/",
        f"/apply/{county.pk}/paper/",
        "/apply/status/",
        "/bodies/",
        # the 专栏: a jurisdiction (the county, its bodies below), a body, their 指南
        f"/bodies/{county.pk}/",
        f"/bodies/{county.pk}/guide/",
        f"/bodies/{department.pk}/",
        f"/bodies/{department.pk}/guide/",
        "/catalog/search/",
        search_path(demo),
        f"/catalog/public/items/{explained.item_id}/",
        "/consult/",
        f"/consult/{open_now.pk}/",
        f"/consult/{answered.pk}/",
        # a page that is not there (an item that is not public) and the site's 404
        f"/catalog/public/items/{hidden.pk}/",
    ]
    # Offline: axe-core comes from the installed wheel; any request leaving the live server
    # (a CDN, axe's own site) is refused and recorded.
    foreign: list[str] = []

    def local_only(route: Any) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": mode, "url": base}])
    axe = Axe()
    found: list[str] = []
    for size in (NARROWEST, PHONE, DESKTOP):
        page.set_viewport_size(size)
        for path in pages:
            response = page.goto(f"{base}{path}")
            assert response is not None
            assert response.status == (404 if str(hidden.pk) in path else 200), path
            elder = page.evaluate("document.documentElement.classList.contains('gk-elder')")
            assert elder is (mode == "elder"), path
            if size is not DESKTOP:
                no_horizontal_overflow(page)
                if size is NARROWEST:
                    shoot(page, screenshot_dir, f"{mode}{path.replace('/', '_')}")
            # No preload: axe would parse @import-ed stylesheets (checks/report.css imports the
            # report tables' one) by inserting <style> copies, which the page's CSP refuses.
            results = axe.run(page, options={"resultTypes": ["violations"], "preload": False})
            assert results.response["testEngine"]["name"] == "axe-core"
            assert results.response["passes"], f"axe checked nothing on {path}"
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [node["target"] for node in violation["nodes"][:3]]
                    found.append(
                        f"{size['width']}px {path}: {violation['id']} ({violation['impact']}) "
                        f"{violation['help']} {targets}"
                    )
    assert found == [], "\n".join(found)
    assert foreign == []


def test_elder_switch_and_audit_trail_on_a_phone(
    page: Page, demo: dict[str, Any], screenshot_dir: Path
) -> None:
    base = demo["base"]
    page.set_viewport_size(NARROWEST)

    # -- the switch: a real toggle button; pressed, the page is in 适老化 and stays so --------
    page.goto(f"{base}/apply/")
    switch = page.get_by_role("button", name="适老化")
    expect(switch).to_have_attribute("aria-pressed", "false")
    body_size = "parseFloat(getComputedStyle(document.body).fontSize)"
    assert page.evaluate(body_size) == 16
    switch.click()
    expect(page).to_have_url(f"{base}/apply/")
    expect(page.get_by_role("button", name="适老化")).to_have_attribute("aria-pressed", "true")
    assert page.evaluate(body_size) >= 20
    assert page.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    link = page.locator("main a:not(.btn)").first
    assert "underline" in link.evaluate("(a) => getComputedStyle(a).textDecorationLine")
    targets = page.locator(".btn:visible, .form-control:visible, .form-select:visible").all()
    heights = [box["height"] for box in (t.bounding_box() for t in targets) if box]
    assert heights and min(heights) >= 44, heights
    page.keyboard.press("Tab")  # the skip link, then the brand
    page.keyboard.press("Tab")
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert float(ring.rstrip("px")) >= 3, ring
    no_horizontal_overflow(page)
    page.goto(f"{base}/")  # remembered on the next page
    expect(page.locator("html")).to_have_class("gk-elder")
    page.get_by_role("button", name="适老化").click()
    expect(page.get_by_role("button", name="适老化")).to_have_attribute("aria-pressed", "false")
    expect(page.locator("html")).not_to_have_class("gk-elder")

    # -- the audit trail of a case on a phone: each entry a card, its changes readable -------
    from gongkai.apps.applications.models import Application

    case = Application.objects.filter(body__name="中宁县自然资源局").order_by("-pk").first()
    assert case is not None
    page.set_viewport_size(DESKTOP)  # the signed-in user's name shows in the expanded menu
    log_in(page, base, "zrzy", "gongkai-demo")
    page.set_viewport_size(PHONE)
    for mode in ("standard", "elder"):
        page.context.add_cookies([{"name": DISPLAY_COOKIE, "value": mode, "url": base}])
        page.goto(f"{base}{case.get_absolute_url()}")
        changes = page.get_by_test_id("history-table").locator("td.gk-changes")
        assert changes.count() > 0
        widths = [box["width"] for box in (c.bounding_box() for c in changes.all()) if box]
        assert min(widths) >= 260, widths  # was a few px: now the card's width
        no_horizontal_overflow(page)
        shoot(page, screenshot_dir, f"case-history-{mode}")
