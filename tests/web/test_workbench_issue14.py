"""Issue 14's work on the 工作台: 意见反馈逾期 / 将到期, 规范性文件待解读 and 考核结果已发布 —
each section shows exactly the records of the user's bodies (another body's never), its count
checked against a count done here independently of the queryset words, and the page's queries
do not grow with the rows."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import html as lxml_html
from page_parts import table_rows
from view_cases import PAGE, Page, ViewTestCases, World

from gongkai.apps.assessment import actions as assessment_actions
from gongkai.apps.catalog.actions import (
    create_interpretation,
    create_item,
    publish_interpretation,
    publish_item,
    review_secrecy,
)
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.engagement.actions import publish_feedback, record_consultation
from gongkai.apps.engagement.models import Consultation
from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.catalog.interpretation import working_days_late

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 16)  # a Monday, no holiday in the weeks around it


def _page(client: Client, user: Any) -> str:
    client.force_login(user)
    with time_machine.travel(datetime(2026, 11, 16, 9, 0), tick=False):
        response = client.get("/workbench/")
    assert response.status_code == 200
    return str(response.content.decode())


def _sections(page: str) -> set[str]:
    tree = lxml_html.fromstring(page)
    return {str(s.get("data-testid")) for s in tree.xpath("//section[@data-testid]")}


def _badge(page: str, name: str) -> int:
    tree = lxml_html.fromstring(page)
    (badge,) = tree.xpath(f'//*[@data-testid="section-{name}"]//h2/span[contains(@class,"badge")]')
    return int(badge.text_content().strip())


def _links(page: str, name: str) -> list[str]:
    tree = lxml_html.fromstring(page)
    return [str(h) for h in tree.xpath(f'//*[@data-testid="section-{name}"]//tbody//a/@href')]


# =============================================================================================
# 意见征集
# =============================================================================================


def _consultation(body: Any, title: str, ends_on: date, *, published: date | None = None) -> Any:
    c = record_consultation(
        body, acting_user=None, title=title, starts_on=ends_on - timedelta(days=20), ends_on=ends_on
    )
    if published is not None:
        c = publish_feedback(c, published_on=published, feedback="已采纳。", acting_user=None)
    return c


@pytest.fixture
def consultations(dept_a: Any, dept_b: Any) -> dict[str, Any]:
    for body in (dept_a, dept_b):
        body.consultation_feedback_days = 5
        body.save()
    made = {
        "a_overdue": _consultation(dept_a, "甲逾期", date(2026, 11, 2)),  # due 11-09
        "a_soon": _consultation(dept_a, "甲将到期", date(2026, 11, 10)),  # due 11-17
        "a_soon_later": _consultation(dept_a, "甲将到期二", date(2026, 11, 13)),  # due 11-20
        "a_today": _consultation(dept_a, "甲今天到期", date(2026, 11, 9)),  # due 11-16
        "a_published": _consultation(
            dept_a, "甲已反馈", date(2026, 11, 2), published=date(2026, 11, 5)
        ),
        "a_open": _consultation(dept_a, "甲征集中", date(2026, 11, 30)),
        "a_far": _consultation(dept_a, "甲远期", date(2026, 11, 13)),
        "b_overdue": _consultation(dept_b, "乙逾期", date(2026, 11, 2)),
        "b_soon": _consultation(dept_b, "乙将到期", date(2026, 11, 10)),
    }
    Consultation.objects.filter(pk=made["a_far"].pk).update(feedback_due_on=date(2026, 11, 30))
    return made


def _expected(body: Any) -> tuple[list[str], list[str]]:
    """Overdue and due within 5 working days, counted here from the dates alone."""
    horizon = load_calendar().nth_working_day_after(TODAY, 5)
    overdue, soon = [], []
    for c in Consultation.objects.filter(body=body).order_by("feedback_due_on", "ends_on", "pk"):
        published = c.feedback_published_on is not None and c.feedback_published_on <= TODAY
        if c.ends_on >= TODAY or published:
            continue
        if c.feedback_due_on < TODAY:
            overdue.append(c.title)
        elif c.feedback_due_on <= horizon:
            soon.append(c.title)
    return overdue, soon


def test_feedback_due_soon_is_ended_unpublished_and_due_within_the_days(
    consultations: dict[str, Any], dept_a: Any
) -> None:
    found = Consultation.objects.filter(body=dept_a).feedback_due_soon(TODAY, 5)
    assert {c.title for c in found} == {"甲将到期", "甲将到期二", "甲今天到期"}
    assert set(_expected(dept_a)[1]) == {c.title for c in found}
    # never the overdue ones: the two words do not overlap
    overdue = Consultation.objects.feedback_overdue(TODAY)
    assert not set(found) & set(overdue)
    # a shorter horizon: 1 working day after Monday is Tuesday 11-17
    one = Consultation.objects.filter(body=dept_a).feedback_due_soon(TODAY, 1)
    assert {c.title for c in one} == {"甲将到期", "甲今天到期"}


def test_workbench_shows_the_users_consultations_overdue_and_due_soon(
    client: Client, consultations: dict[str, Any], clerk_a: Any, clerk_b: Any, dept_a: Any
) -> None:
    page = _page(client, clerk_a)
    overdue, soon = _expected(dept_a)
    assert [row[1] for row in table_rows(page, "section-consultations-overdue")] == overdue
    assert [row[1] for row in table_rows(page, "section-consultations-due-soon")] == soon
    assert soon == ["甲今天到期", "甲将到期", "甲将到期二"]  # the nearest deadline first
    assert _badge(page, "consultations-overdue") == len(overdue) == 1
    assert _badge(page, "consultations-due-soon") == len(soon) == 3
    assert _links(page, "consultations-overdue") == [
        reverse("engagement:consultation_detail", kwargs={"pk": consultations["a_overdue"].pk})
    ]
    assert "乙逾期" not in page and "乙将到期" not in page
    other = _page(client, clerk_b)
    assert [row[1] for row in table_rows(other, "section-consultations-overdue")] == ["乙逾期"]
    assert [row[1] for row in table_rows(other, "section-consultations-due-soon")] == ["乙将到期"]
    assert "甲" not in " ".join(
        " ".join(r) for r in table_rows(other, "section-consultations-due-soon")
    )


def test_empty_consultation_sections_are_hidden(client: Client, clerk_a: Any) -> None:
    page = _page(client, clerk_a)
    assert "section-consultations-overdue" not in _sections(page)
    assert "section-consultations-due-soon" not in _sections(page)
    assert "section-interpretations-missing" not in _sections(page)
    assert "section-assessments-published" not in _sections(page)


# =============================================================================================
# 规范性文件待解读
# =============================================================================================


def _document(body: Any, title: str, published_on: date | None, category: str = "normative") -> Any:
    made = published_on - timedelta(days=3) if published_on else date(2026, 10, 1)
    item = create_item(body, title=title, category=category, made_on=made, acting_user=None)
    if published_on is not None:
        item = review_secrecy(item, "approved", made, acting_user=None)
        item = publish_item(item, published_on, ["政府网站"], acting_user=None)
    return item


@pytest.fixture
def documents(dept_a: Any, dept_b: Any) -> dict[str, Any]:
    dept_a.interpretation_days, dept_b.interpretation_days = 20, 0
    dept_a.credit_code, dept_b.credit_code = "11640521MB1234567X", "11640521MB7654321Y"
    dept_a.save()
    dept_b.save()
    explained = _document(dept_a, "甲已解读", date(2026, 10, 12))
    interp = create_interpretation(
        explained, kind="text", title="解读", text="一问一答", acting_user=None
    )
    publish_interpretation(interp, date(2026, 10, 12), acting_user=None)
    return {
        "a_old": _document(dept_a, "甲早发布", date(2026, 9, 1)),  # 20 days: late
        "a_in_time": _document(dept_a, "甲期限内", date(2026, 11, 2)),  # due 11-30
        "a_other": _document(dept_a, "甲非规范性", date(2026, 9, 1), category="other"),
        "a_unpublished": _document(dept_a, "甲未发布", None),
        "b_late": _document(dept_b, "乙逾期", date(2026, 11, 9)),  # 0 days: late 5 days
        "b_today": _document(dept_b, "乙今天发布", date(2026, 11, 16)),  # due today
    }


def _expected_missing(bodies: list[Any]) -> list[tuple[str, int]]:
    """(title, working days late) of the public 规范性文件 without a published 解读, counted
    here: the late first (then the oldest publication), as the section orders them."""
    calendar = load_calendar()
    rows = []
    for item in CatalogItem.objects.filter(body__in=bodies, category="normative").select_related(
        "body"
    ):
        if item.published_on is None or item.published_on > TODAY:
            continue
        if item.interpretations.filter(published_on__lte=TODAY).exists():
            continue
        late = working_days_late(item.published_on, item.body.interpretation_days, TODAY, calendar)
        rows.append((late == 0, item.published_on, item.pk, item.title, late))
    return [(title, late) for _in_time, _on, _pk, title, late in sorted(rows)]


def test_interpretation_late_is_the_missing_lists_late(documents: dict[str, Any]) -> None:
    late = {i.title for i in CatalogItem.objects.interpretation_late(TODAY)}
    expected = {
        t for t, days in _expected_missing(list({d.body for d in documents.values()})) if days
    }
    assert late == expected == {"甲早发布", "乙逾期"}


def test_workbench_lists_the_documents_waiting_for_a_interpretation_late_first(
    client: Client,
    documents: dict[str, Any],
    clerk_a: Any,
    clerk_b: Any,
    supervisor: Any,
    dept_a: Any,
    dept_b: Any,
) -> None:
    page = _page(client, clerk_a)
    rows = table_rows(page, "section-interpretations-missing")
    expected = _expected_missing([dept_a])
    assert [row[1] for row in rows] == [t for t, _late in expected] == ["甲早发布", "甲期限内"]
    assert "逾期 " in rows[0][4] and "个工作日" in rows[0][4]
    assert f"逾期 {expected[0][1]} 个工作日" in rows[0][4]
    assert "期限内" in rows[1][4]
    assert _badge(page, "interpretations-missing") == len(expected)
    assert reverse("catalog:new_interpretation", kwargs={"item": documents["a_old"].pk}) in (
        _links(page, "interpretations-missing")
    )
    assert "乙逾期" not in page
    # 财政局 (0 days): its late document, then the one due today
    other = table_rows(_page(client, clerk_b), "section-interpretations-missing")
    assert [row[1] for row in other] == ["乙逾期", "乙今天发布"]
    # Over both bodies (different limits) the late come first, whatever the publication date:
    # 乙逾期 (published 11-09) before 甲期限内 (published 11-02, due 11-30); the 上级 sees both.
    both = _page(client, supervisor)
    titles = [row[1] for row in table_rows(both, "section-interpretations-missing")]
    assert titles == [t for t, _late in _expected_missing([dept_a, dept_b])]
    assert titles.index("乙逾期") < titles.index("甲期限内")


# =============================================================================================
# 考核结果已发布
# =============================================================================================


@pytest.fixture
def published(county: Any, supervisor: Any, django_user_model: Any) -> Any:
    with time_machine.travel(datetime(2026, 9, 1, 10, 0), tick=False):
        assessment = assessment_actions.create_assessment(county, acting_user=supervisor, year=2025)
        assessment = assessment_actions.publish_assessment(assessment, acting_user=supervisor)
    # Another county's assessment of its own body: never on 教育局's 工作台.
    other_county = create_body("另一县人民政府")
    other_dept = create_body("另一县教育局", parent=other_county)
    other_supervisor = django_user_model.objects.create_user("other_sup", password="x-password-1")
    add_member(other_supervisor, other_county, "supervisor")
    with time_machine.travel(datetime(2026, 9, 1, 10, 0), tick=False):
        other = assessment_actions.create_assessment(
            other_county, acting_user=other_supervisor, year=2025, title="另一县2025年考核"
        )
        assessment_actions.publish_assessment(other, acting_user=other_supervisor)
    assert other_dept.pk
    return assessment


def test_workbench_shows_the_published_assessment_with_the_own_sheet(
    client: Client,
    published: Any,
    clerk_a: Any,
    clerk_b: Any,
    supervisor: Any,
    dept_a: Any,
    dept_b: Any,
) -> None:
    page = _page(client, clerk_a)
    rows = table_rows(page, "section-assessments-published")
    assert rows == [[published.title, "2025", "某某县人民政府", dept_a.name, "2026-09-01"]]
    assert _links(page, "assessments-published") == [
        reverse("assessment:sheet", kwargs={"pk": published.pk, "body": dept_a.pk})
    ]
    assert _badge(page, "assessments-published") == 1
    assert "另一县2025年考核" not in page
    assert _links(_page(client, clerk_b), "assessments-published") == [
        reverse("assessment:sheet", kwargs={"pk": published.pk, "body": dept_b.pk})
    ]
    # The link opens the sheet for its body's staff.
    assert client.get(_links(_page(client, clerk_a), "assessments-published")[0]).status_code == 200
    # The supervising county has no sheet of its own assessment.
    assert "section-assessments-published" not in _sections(_page(client, supervisor))


def test_the_published_assessment_leaves_the_workbench_after_90_days(
    client: Client, published: Any, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    with time_machine.travel(datetime(2026, 11, 30, 9, 0), tick=False):  # 90 days
        assert "section-assessments-published" in _sections(
            client.get("/workbench/").content.decode()
        )
    with time_machine.travel(datetime(2026, 12, 1, 9, 0), tick=False):  # 91 days
        assert "section-assessments-published" not in _sections(
            client.get("/workbench/").content.decode()
        )


# =============================================================================================
# The queries do not grow with the rows
# =============================================================================================


def _queries(client: Client) -> int:
    with time_machine.travel(datetime(2026, 11, 16, 9, 0), tick=False):
        client.get("/workbench/")  # warm the calendar cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/workbench/").status_code == 200
    return len(captured.captured_queries)


def test_the_workbench_queries_do_not_grow_with_the_rows(
    client: Client, consultations: Any, documents: Any, published: Any, clerk_a: Any, dept_a: Any
) -> None:
    client.force_login(clerk_a)
    before = _queries(client)
    for i in range(6):
        _consultation(dept_a, f"更多逾期{i}", date(2026, 10, 1))
        _consultation(dept_a, f"更多将到期{i}", date(2026, 11, 12))
        _document(dept_a, f"更多文件{i}", date(2026, 8, 3))
    after = _queries(client)
    assert after == before
    # 46 before issue 14's sections (the four annual-report sections read report_tasks each),
    # 18 for the four new ones (a list and a count each, the calendar, the bodies' limits).
    assert after <= 70, after


# =============================================================================================
# The generic view checks (view_cases.py) with every new section filled
# =============================================================================================


class TestWorkbenchWithIssue14Sections(ViewTestCases):
    pages = (Page("workbench", PAGE),)

    @pytest.fixture
    def world(self, world_base: World) -> World:
        dept_a = world_base.dept_a
        dept_a.credit_code = "11640521MB1234567X"
        dept_a.save()
        world_base.objs["consultation"] = _consultation(dept_a, "视图逾期征集", date(2026, 5, 4))
        world_base.objs["item"] = _document(dept_a, "视图待解读文件", date(2026, 5, 4))
        assessment = assessment_actions.create_assessment(
            world_base.county, acting_user=world_base.supervisor, year=2025
        )
        assessment_actions.publish_assessment(assessment, acting_user=world_base.supervisor)
        return world_base

    def test_the_sections_show_on_the_page(self, world: World) -> None:
        client = Client()
        client.force_login(world.clerk_a)
        page = client.get(reverse("workbench")).content.decode()
        for name in ("consultations-overdue", "interpretations-missing", "assessments-published"):
            assert f"section-{name}" in _sections(page), name
        other = Client()
        other.force_login(world.clerk_b)
        text = other.get(reverse("workbench")).content.decode()
        assert "视图逾期征集" not in text and "视图待解读文件" not in text
