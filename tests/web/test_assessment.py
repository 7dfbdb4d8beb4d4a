"""考核: the computed indicators equal an independent count over the records, a changed record
changes the score, the ranking's ties, who sees which sheet, the supervisor's writes and the
Excel export."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from gongkai.apps.applications.models import Application
from gongkai.apps.assessment import actions
from gongkai.apps.assessment.models import Assessment, Indicator, Score
from gongkai.apps.assessment.services import scores, sheet_of, sheets
from gongkai.apps.catalog.models import CatalogItem, Interpretation
from gongkai.apps.engagement.models import Consultation
from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.reports import actions as report_actions
from gongkai.apps.reports.models import ReportEvent
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.catalog.interpretation import is_timely
from gongkai.kernel.errors import ActionError, ActionPermissionError, TransitionError
from gongkai.kernel.models import AuditEntry

pytestmark = pytest.mark.django_db

YEAR = 2024
FILLED = {
    "一": "总体情况。",
    "五": "存在的主要问题：信息更新不够及时。改进情况：每月核对一次目录。",
    "六": "无其他需要报告的事项。",
}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _application(body: Any, n: int, received: date, due: date, replied: date | None) -> Any:
    return Application(
        body=body,
        number=f"A{body.pk}-{n}",
        channel="online",
        received_on=received,
        applicant_type="natural_person",
        applicant_name="申请人",
        content="测试",
        status="replied" if replied else "registered",
        outcome="granted" if replied else "",
        due_on=due,
        replied_on=replied,
    )


@pytest.fixture
def world(world_base: Any) -> Any:
    """教育局 (dept_a) with applications, catalog items and a submitted 2024 report; 财政局
    (dept_b) and 卫健局 (dept_c) without records; the county's draft 2024 assessment."""
    w = world_base
    w.dept_c = create_body("某某县卫健局", parent=w.county)
    Application.objects.bulk_create(
        [
            _application(w.dept_a, 1, date(2024, 3, 1), date(2024, 3, 29), date(2024, 3, 20)),
            _application(w.dept_a, 2, date(2024, 4, 1), date(2024, 4, 29), date(2024, 4, 29)),
            _application(w.dept_a, 3, date(2024, 5, 6), date(2024, 6, 3), date(2024, 6, 10)),
            _application(w.dept_a, 4, date(2024, 12, 2), date(2024, 12, 30), date(2025, 1, 3)),
            _application(w.dept_a, 5, date(2023, 12, 1), date(2023, 12, 29), date(2024, 1, 5)),
            _application(w.dept_a, 6, date(2023, 3, 1), date(2023, 3, 29), date(2023, 3, 10)),
            _application(w.dept_a, 7, date(2024, 9, 2), date(2024, 9, 30), None),
        ]
    )
    CatalogItem.objects.bulk_create(
        [
            CatalogItem(body=w.dept_a, title="按时", made_on=date(2024, 3, 1),
                        published_on=date(2024, 3, 5), index_number="T-1"),
            CatalogItem(body=w.dept_a, title="超期发布", made_on=date(2024, 3, 1),
                        published_on=date(2024, 6, 3), index_number="T-2"),
            CatalogItem(body=w.dept_a, title="超期未发布", made_on=date(2024, 11, 1),
                        index_number="T-3"),
            CatalogItem(body=w.dept_a, title="新近成文", made_on=date(2024, 12, 30),
                        index_number="T-4"),
        ]
    )  # fmt: skip
    timely, missing = CatalogItem.objects.bulk_create(
        [
            CatalogItem(body=w.dept_a, title="规范性文件一", category="normative",
                        made_on=date(2024, 3, 1), published_on=date(2024, 3, 5),
                        index_number="N-1"),
            CatalogItem(body=w.dept_a, title="规范性文件二", category="normative",
                        made_on=date(2024, 3, 25), published_on=date(2024, 4, 1),
                        index_number="N-2"),
        ]
    )  # fmt: skip
    Interpretation.objects.create(
        body=w.dept_a, item=timely, kind="text", title="解读", text="解读内容",
        published_on=date(2024, 3, 6),
    )  # fmt: skip
    Consultation.objects.bulk_create(
        [
            Consultation(body=w.dept_a, title="按期反馈", starts_on=date(2024, 5, 1),
                         ends_on=date(2024, 5, 31), feedback_due_on=date(2024, 6, 14),
                         feedback_published_on=date(2024, 6, 10)),
            Consultation(body=w.dept_a, title="逾期反馈", starts_on=date(2024, 8, 1),
                         ends_on=date(2024, 8, 30), feedback_due_on=date(2024, 9, 13),
                         feedback_published_on=date(2024, 10, 8)),
            Consultation(body=w.dept_a, title="上年", starts_on=date(2023, 5, 1),
                         ends_on=date(2023, 5, 31), feedback_due_on=date(2023, 6, 14)),
        ]
    )  # fmt: skip
    report = report_actions.open_report(w.dept_a, YEAR, acting_user=w.clerk_a)
    report = report_actions.save_narrative(report, FILLED, acting_user=w.clerk_a)
    report_actions.submit_report(report, acting_user=w.clerk_a)
    w.assessment = actions.create_assessment(w.county, acting_user=w.supervisor, year=YEAR)
    return w


def _by_key(sheet: Any) -> dict[str, Any]:
    return {cell.indicator.key: cell for cell in sheet.cells}


# =============================================================================================
# The computed indicators against an independent count
# =============================================================================================


def _independent(body: Any, year: int) -> dict[str, Any]:
    """The facts counted here with plain Python over the rows."""
    calendar = load_calendar()
    replied = [
        a
        for a in Application.objects.filter(body=body)
        if a.replied_on is not None and a.replied_on.year == year
    ]
    late = [a for a in replied if a.due_on is not None and a.replied_on > a.due_on]
    items = [i for i in CatalogItem.objects.filter(body=body) if i.disclosure == "主动公开"]
    end = date(year + 1, 1, 1)
    published_late = [
        i
        for i in items
        if i.published_on is not None
        and i.published_on.year == year
        and i.published_on > i.publication_due(calendar)
    ]
    unpublished = [i for i in items if i.published_on is None and i.publication_due(calendar) < end]
    events = [
        e
        for e in ReportEvent.objects.filter(report__body=body, report__year=year)
        if e.kind == "submit"
    ]
    first = min(events, key=lambda e: (e.at, e.pk)) if events else None
    normative = [
        i
        for i in items
        if i.category == "normative" and i.published_on is not None and i.published_on.year == year
    ]
    interpreted = [
        i
        for i in normative
        if is_timely(
            i.published_on,
            min(
                (x.published_on for x in Interpretation.objects.filter(item=i) if x.published_on),
                default=None,
            ),
            body.interpretation_days,
            calendar,
        )
    ]
    consultations = [c for c in Consultation.objects.filter(body=body) if c.ends_on.year == year]
    fed_back = [
        c
        for c in consultations
        if c.feedback_published_on is not None and c.feedback_published_on <= c.feedback_due_on
    ]
    return {
        "normative": len(normative),
        "interpreted": len(interpreted),
        "consultations": len(consultations),
        "fed_back": len(fed_back),
        "replied": len(replied),
        "on_time": len(replied) - len(late),
        "published_late": len(published_late),
        "unpublished": len(unpublished),
        "submitted": first is not None,
        "errors": sum(1 for f in first.findings if f["severity"] == "error") if first else 0,
        "warnings": sum(1 for f in first.findings if f["severity"] == "warning") if first else 0,
    }


def _assert_matches(cells: dict[str, Any], expected: dict[str, Any]) -> None:
    on_time = cells["on_time_reply"].facts
    assert (on_time.done, on_time.total) == (expected["on_time"], expected["replied"])
    overdue = dict(cells["catalog_overdue"].facts.parts)
    assert overdue == {
        "超期发布": expected["published_late"],
        "年末超期未发布": expected["unpublished"],
    }
    coverage = cells["interpretation_coverage"].facts
    assert (coverage.done, coverage.total) == (expected["interpreted"], expected["normative"])
    feedback = cells["consultation_feedback"].facts
    assert (feedback.done, feedback.total) == (expected["fed_back"], expected["consultations"])
    report = cells["report_errors"].facts
    assert report.submitted == expected["submitted"]
    assert (report.errors, report.warnings) == (expected["errors"], expected["warnings"])


def test_computed_indicators_equal_an_independent_count(world: Any) -> None:
    expected = _independent(world.dept_a, YEAR)
    # the world's own numbers, so the independent count is itself checked
    assert (expected["on_time"], expected["replied"]) == (2, 4)
    assert (expected["published_late"], expected["unpublished"]) == (1, 1)
    assert expected["submitted"]
    assert (expected["interpreted"], expected["normative"]) == (1, 2)
    assert (expected["fed_back"], expected["consultations"]) == (1, 2)
    cells = _by_key(sheet_of(world.assessment, world.dept_a))
    _assert_matches(cells, expected)
    assert cells["on_time_reply"].points == Decimal("10.00")  # 20 × 2/4
    assert cells["on_time_reply"].derivation == "按期答复 2 / 4 件（50.00%）"
    assert cells["catalog_overdue"].points == Decimal("11.00")  # 15 − 2 × 2
    assert cells["interpretation_coverage"].points == Decimal("5.00")  # 10 × 1/2
    assert cells["consultation_feedback"].derivation == "按期公布反馈 1 / 2 次（50.00%）"
    for body in (world.dept_b, world.dept_c):
        cells = _by_key(sheet_of(world.assessment, body))
        _assert_matches(cells, _independent(body, YEAR))
        assert cells["on_time_reply"].points == Decimal("20.00")  # nothing to measure
        assert cells["report_errors"].points == Decimal("0.00")  # not submitted


def test_changing_a_record_changes_the_score(world: Any) -> None:
    before = sheet_of(world.assessment, world.dept_a)
    on_time = Application.objects.get(number=f"A{world.dept_a.pk}-1")
    Application.objects.filter(pk=on_time.pk).update(replied_on=date(2024, 4, 8))  # late now
    after = sheet_of(world.assessment, world.dept_a)
    assert _by_key(after)["on_time_reply"].facts.done == 1
    assert _by_key(after)["on_time_reply"].points == Decimal("5.00")
    assert after.total == before.total - Decimal("5.00")
    # publishing the overdue item late moves it from one count to the other
    CatalogItem.objects.filter(title="超期未发布").update(published_on=date(2024, 12, 20))
    parts = dict(_by_key(sheet_of(world.assessment, world.dept_a))["catalog_overdue"].facts.parts)
    assert parts == {"超期发布": 2, "年末超期未发布": 0}


# =============================================================================================
# Ranking, manual scores, publication
# =============================================================================================


def _manual(assessment: Assessment) -> list[Indicator]:
    return list(assessment.indicators.filter(kind="manual"))


def test_ranking_ties_share_a_rank_and_the_next_skips(world: Any) -> None:
    column, training = _manual(world.assessment)
    for body, value in ((world.dept_a, 20), (world.dept_b, 5), (world.dept_c, 5)):
        actions.score_manual(
            column, body, acting_user=world.supervisor, value=Decimal(value), evidence="检查记录。"
        )
    ranked = sheets(world.assessment)
    by_body = {s.body.pk: s for s in ranked}
    # 财政局 and 卫健局 have the same records (none) and the same manual score: a tie
    assert by_body[world.dept_b.pk].total == by_body[world.dept_c.pk].total
    assert by_body[world.dept_b.pk].rank == by_body[world.dept_c.pk].rank
    assert [s.body.pk for s in ranked][0] == world.dept_a.pk
    assert [s.rank for s in ranked] == [1, 2, 2]
    assert [s.total for s in ranked] == sorted((s.total for s in ranked), reverse=True)
    rows = scores(world.assessment)
    assert [(b.pk, t) for b, t, _ in rows] == [(s.body.pk, s.total) for s in ranked]
    assert rows[0][2]["column"] == Decimal("20.00")
    assert rows[0][2]["training"] is None  # not scored yet


def test_manual_score_rules_and_publication(world: Any) -> None:
    column, _training = _manual(world.assessment)
    with pytest.raises(ActionError, match="得分应在 0 到 20 分之间"):
        actions.score_manual(
            column, world.dept_a, acting_user=world.supervisor, value=Decimal(21), evidence="x"
        )
    with pytest.raises(ActionError, match="请填写评分依据"):
        actions.score_manual(
            column, world.dept_a, acting_user=world.supervisor, value=Decimal(1), evidence=" "
        )
    with pytest.raises(ActionPermissionError):
        actions.score_manual(
            column, world.dept_a, acting_user=world.clerk_a, value=Decimal(20), evidence="自评"
        )
    computed = world.assessment.indicators.get(key="on_time_reply")
    with pytest.raises(TransitionError, match="由平台计算"):
        actions.score_manual(
            computed, world.dept_a, acting_user=world.supervisor, value=Decimal(1), evidence="x"
        )
    score = actions.score_manual(
        column, world.dept_a, acting_user=world.supervisor, value=Decimal(18), evidence="规范"
    )
    score = actions.score_manual(
        column,
        world.dept_a,
        acting_user=world.supervisor,
        value=Decimal(17),
        evidence="更正",
        expected_version=score.version,
    )
    assert (score.value, score.version, Score.objects.count()) == (Decimal(17), 2, 1)
    actions.update_indicator(column, acting_user=world.supervisor, weight=30)
    with pytest.raises(ActionError, match="合计应为 100 分，现为 110.00 分"):
        actions.publish_assessment(world.assessment, acting_user=world.supervisor)
    actions.update_indicator(
        Indicator.objects.get(pk=column.pk), acting_user=world.supervisor, weight=20
    )
    published = actions.publish_assessment(world.assessment, acting_user=world.supervisor)
    assert published.is_published
    with pytest.raises(TransitionError, match="已发布"):
        actions.score_manual(
            column, world.dept_b, acting_user=world.supervisor, value=Decimal(1), evidence="x"
        )
    actions_logged = list(AuditEntry.objects.values_list("action", flat=True))
    for name in ("assessment.create", "assessment.score", "assessment.publish"):
        assert name in actions_logged


# =============================================================================================
# Who sees what
# =============================================================================================


def test_a_body_sees_only_its_own_sheet_and_only_once_published(world: Any) -> None:
    own = reverse("assessment:sheet", kwargs={"pk": world.assessment.pk, "body": world.dept_a.pk})
    other = reverse("assessment:sheet", kwargs={"pk": world.assessment.pk, "body": world.dept_b.pk})
    detail = reverse("assessment:detail", kwargs={"pk": world.assessment.pk})
    export = reverse("assessment:export", kwargs={"pk": world.assessment.pk})
    clerk = _client(world.clerk_a)
    assert clerk.get(own).status_code == 404  # a draft
    assert world.assessment.title not in clerk.get(reverse("assessment:index")).content.decode()
    actions.publish_assessment(world.assessment, acting_user=world.supervisor)
    page = clerk.get(own)
    assert page.status_code == 200
    text = page.content.decode()
    assert "按期答复 2 / 4 件" in text and "首次提交时错误 0 处" in text
    assert clerk.get(other).status_code == 404
    assert clerk.get(detail).status_code == 404  # the ranking is the supervisor's
    assert clerk.get(export).status_code == 404
    assert own in clerk.get(reverse("assessment:index")).content.decode()
    assert _client(world.clerk_b).get(own).status_code == 404
    # the supervising body itself has no sheet
    county = reverse(
        "assessment:sheet", kwargs={"pk": world.assessment.pk, "body": world.county.pk}
    )
    assert _client(world.supervisor).get(county).status_code == 404


def test_a_supervisor_of_another_subtree_gets_404(world: Any, django_user_model: Any) -> None:
    other_county = create_body("另一县人民政府")
    stranger = django_user_model.objects.create_user("stranger", password="x")
    add_member(stranger, other_county, "supervisor")
    client = _client(stranger)
    pk = world.assessment.pk
    for url in (
        reverse("assessment:detail", kwargs={"pk": pk}),
        reverse("assessment:sheet", kwargs={"pk": pk, "body": world.dept_a.pk}),
        reverse("assessment:export", kwargs={"pk": pk}),
        reverse("assessment:publish", kwargs={"pk": pk}),
        reverse("assessment:new", kwargs={"body": world.county.pk}),
    ):
        assert client.get(url).status_code == 404, url
    actions.publish_assessment(world.assessment, acting_user=world.supervisor)
    assert (
        client.get(
            reverse("assessment:sheet", kwargs={"pk": pk, "body": world.dept_a.pk})
        ).status_code
        == 404
    )  # noqa: E501


# =============================================================================================
# The supervisor's pages
# =============================================================================================


def test_the_supervisor_creates_scores_and_publishes_through_the_pages(world: Any) -> None:
    client = _client(world.supervisor)
    response = client.post(
        reverse("assessment:new", kwargs={"body": world.county.pk}), {"year": 2025, "title": ""}
    )
    created = Assessment.objects.get(body=world.county, year=2025)
    assert response.status_code == 302 and response["Location"] == created.get_absolute_url()
    assert created.title == "2025 年度政务公开工作考核"
    assert created.indicators.count() == 7
    again = client.post(reverse("assessment:new", kwargs={"body": world.county.pk}), {"year": 2025})
    assert again.status_code == 400 and "本机关这一年度的考核已存在" in again.content.decode()
    column = created.indicators.get(key="column")
    url = reverse("assessment:score", kwargs={"pk": column.pk, "body": world.dept_a.pk})
    evidence = SimpleUploadedFile("检查记录.txt", "专栏检查记录".encode(), "text/plain")
    response = client.post(
        url, {"value": "19.5", "evidence": "栏目齐全。", "evidence_file": evidence}, follow=True
    )
    assert "已为“某某县教育局”的“政府信息公开专栏建设”评 19.50 分" in response.content.decode()
    score = Score.objects.get(indicator=column, body=world.dept_a)
    assert score.value == Decimal("19.5") and score.evidence_name == "检查记录.txt"
    evidence = reverse("assessment:evidence", kwargs={"pk": score.pk})
    download = client.get(evidence)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == "专栏检查记录".encode()
    assert _client(world.clerk_a).get(evidence).status_code == 404  # not published yet
    bad = client.post(
        url,
        {
            "value": "1",
            "evidence": "x",
            "version": score.version,
            "evidence_file": SimpleUploadedFile("x.exe", b"MZ\x00", "application/octet-stream"),
        },
    )
    assert bad.status_code == 400 and "类型不受支持" in bad.content.decode()
    edit = reverse("assessment:indicator_edit", kwargs={"pk": column.pk})
    response = client.post(
        edit,
        {"label": "专栏建设", "weight": 25, "order": 6, "description": "", "version": 1},
    )
    assert response.status_code == 302
    publish = reverse("assessment:publish", kwargs={"pk": created.pk})
    response = client.post(publish, {"version": created.version, "confirmed": "on"})
    assert response.status_code == 400 and "现为 105.00 分" in response.content.decode()
    client.post(
        edit, {"label": "专栏建设", "weight": 20, "order": 6, "description": "", "version": 2}
    )
    response = client.post(publish, {"version": created.version, "confirmed": "on"}, follow=True)
    assert "各被考核机关现在可以查看本机关的考核得分" in response.content.decode()
    assert Assessment.objects.get(pk=created.pk).is_published
    detail = client.get(created.get_absolute_url()).content.decode()
    assert "某某县教育局" in detail and "19.50" in detail
    assert _client(world.clerk_a).get(evidence).status_code == 200  # its own, published
    assert _client(world.clerk_b).get(evidence).status_code == 404


def test_the_ranking_exports_as_excel(world: Any) -> None:
    column, _ = _manual(world.assessment)
    actions.score_manual(
        column, world.dept_a, acting_user=world.supervisor, value=Decimal(16), evidence="=1+1"
    )
    response = _client(world.supervisor).get(
        reverse("assessment:export", kwargs={"pk": world.assessment.pk})
    )
    assert response.status_code == 200
    workbook = load_workbook(
        BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
    )  # noqa: E501
    sheet = workbook["排名"]
    rows = list(sheet.iter_rows(values_only=True))
    indicators = list(world.assessment.indicators.all())
    assert rows[0] == ("名次", "机关", *(f"{i.label}（{i.weight}分）" for i in indicators), "总分")
    ranked = sheets(world.assessment)
    assert len(rows) == 1 + len(ranked)
    for row, found in zip(rows[1:], ranked, strict=True):
        assert row[0] == found.rank and row[1] == found.body.name
        assert Decimal(str(row[-1])) == found.total
        shown = [None if v is None else Decimal(str(v)) for v in row[2:-1]]
        assert shown == [c.points for c in found.cells]
    derivations = list(workbook["计算依据"].iter_rows(values_only=True))
    assert ("某某县教育局", "政府信息公开专栏建设", 16, "=1+1") in derivations


def test_the_sheets_cost_the_same_queries_for_more_bodies(world: Any) -> None:
    """One query per metric over the subtree, never one per body."""
    with CaptureQueriesContext(connection) as few:
        sheets(world.assessment)
    for n in range(4):
        body = create_body(f"某某县第{n}局", parent=world.county)
        Application.objects.bulk_create(
            [_application(body, 1, date(2024, 3, 1), date(2024, 3, 29), date(2024, 3, 20))]
        )
    with CaptureQueriesContext(connection) as many:
        ranked = sheets(world.assessment)
    assert len(ranked) == 7
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_the_publish_form_warns_of_missing_hand_scores(world: Any) -> None:
    """Walk of issue 14: publishing with hand scores missing counts them as 0 for good; the
    detail page says how many are missing, down to none."""
    detail = reverse("assessment:detail", kwargs={"pk": world.assessment.pk})
    supervisor = _client(world.supervisor)
    manual = [i for i in world.assessment.indicators.all() if i.is_manual]
    bodies = list(world.assessment.assessed_bodies())
    missing = len(manual) * len(bodies)
    assert missing > 1
    page = supervisor.get(detail).content.decode()
    assert f"还有 {missing} 项人工评分尚未评分：发布后按 0 分计入总分" in page
    actions.score_manual(
        manual[0], bodies[0], acting_user=world.supervisor, value=Decimal(1), evidence="检查"
    )
    assert f"还有 {missing - 1} 项人工评分" in supervisor.get(detail).content.decode()
    for indicator in manual:
        for body in bodies:
            if not Score.objects.filter(indicator=indicator, body=body).exists():
                actions.score_manual(
                    indicator, body, acting_user=world.supervisor, value=Decimal(0), evidence="无"
                )
    page = supervisor.get(detail).content.decode()
    assert 'data-testid="unscored-warning"' not in page and "发布考核结果" in page
