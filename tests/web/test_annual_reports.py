"""The annual report workspace: building from records, the workflow, the frozen publication,
the differences after it, permissions, and the supervisor's overview."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.apps.reports import actions, annual
from gongkai.apps.reports.models import AnnualReport, ReportEvent
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
)

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def records(dept_a: Any) -> Any:
    """教育局's 2024 records: a licensing matter and its decisions, fees."""
    from gongkai.apps.stats.models import Decision, Matter, MoneyRecord

    Matter.objects.create(
        body=dept_a, category="licensing", name="民办学校设立审批", effective_on=date(2020, 1, 1)
    )
    Decision.objects.create(
        body=dept_a,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=date(2024, 5, 6),
        count=3,
    )
    MoneyRecord.objects.create(
        body=dept_a,
        category="fees",
        item_name="教师资格考试费",
        on=date(2024, 6, 1),
        amount_yuan=12000,
    )
    return dept_a


def _login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def _url(name: str, body: Any, *extra: Any) -> str:
    return reverse(f"reports:{name}", args=[body.pk, YEAR, *extra])


def _step_url(report: Any, op: str) -> str:
    return reverse("reports:action", kwargs={"pk": report.pk, "op": op})


def test_start_builds_tables_and_drafts_the_narrative(
    client: Client, clerk_a: Any, records: Any
) -> None:
    _login(client, clerk_a)
    page = client.get(_url("annual", records))
    assert page.status_code == 200
    assert "开始编制" in page.content.decode()
    assert not AnnualReport.objects.exists()  # a GET creates nothing

    response = client.post(_url("annual_start", records))
    assert response.status_code == 302
    report = AnnualReport.objects.get(body=records, year=YEAR)
    assert report.status == "draft" and report.format == "2021"
    assert "处理决定" in report.narrative["一"] or "行政许可" in report.narrative["一"]
    assert list(report.events.values_list("kind", flat=True)) == ["created"]

    built = annual.build_annual_report(records, YEAR).report
    assert built.get("s2.licensing.decisions") == 3
    assert built.get("s2.fees.amount_wan") == pytest.approx(1.2)
    assert built.errors == []
    page = client.get(_url("annual", records)).content.decode()
    assert 'data-testid="live-findings"' in page


def test_workflow_submit_return_resubmit_approve_publish_then_difference(
    client: Client, clerk_a: Any, supervisor: Any, records: Any, summarize: Any
) -> None:
    from gongkai.apps.stats.models import Decision

    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    narrative = dict(report.narrative)
    with pytest.raises(ActionError, match="填写提示"):  # the draft's instructions are left
        actions.submit_report(report, acting_user=clerk_a)
    narrative["五"] = "本年度存在的问题：信息更新不够及时。"
    narrative["六"] = "无其他需要报告的事项。"
    report = actions.save_narrative(report, narrative, acting_user=clerk_a)
    assert report.version == 2

    with pytest.raises(TransitionError, match="不能审核通过"):
        actions.approve_report(report, acting_user=supervisor)
    report = actions.submit_report(report, acting_user=clerk_a)
    assert report.status == "submitted" and report.submitted_at is not None
    with pytest.raises(ActionPermissionError, match="只有上级机关"):
        actions.approve_report(report, acting_user=clerk_a)
    with pytest.raises(TransitionError, match="不能保存"):
        actions.save_narrative(report, narrative, acting_user=clerk_a)
    with pytest.raises(TransitionError, match="请填写意见"):
        actions.return_report(report, "", acting_user=supervisor)
    report = actions.return_report(report, comment="第五部分请写具体措施。", acting_user=supervisor)
    assert report.status == "returned"

    narrative["五"] = "本年度存在的问题：信息更新不够及时。改进措施：每月核对一次目录。"
    report = actions.save_narrative(report, narrative, acting_user=clerk_a)
    report = actions.submit_report(report, acting_user=clerk_a)
    report = actions.approve_report(report, acting_user=supervisor)
    with pytest.raises(ActionPermissionError, match="本机关"):
        actions.publish_report(report, acting_user=supervisor)
    report = actions.publish_report(report, acting_user=clerk_a)
    assert report.status == "published"
    published = report.published_report()
    assert published is not None
    assert published.get("s2.licensing.decisions") == 3
    assert "每月核对" in published.narrative["五"]
    assert annual.differences(report) == []
    kinds = list(ReportEvent.objects.filter(report=report).values_list("kind", flat=True))
    assert kinds == ["created", "save", "submit", "return", "save", "submit", "approve", "publish"]
    assert list(entries_for(report).values_list("action", flat=True)) == [
        "reports.open",
        "reports.save",
        "reports.submit",
        "reports.return",
        "reports.save",
        "reports.submit",
        "reports.approve",
        "reports.publish",
    ]

    # A later record change: shown as a difference, the published report unchanged.
    Decision.objects.create(
        body=records,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=date(2024, 12, 30),
    )
    diffs = {d.key: d for d in annual.differences(report)}
    assert diffs["s2.licensing.decisions"].published == 3
    assert diffs["s2.licensing.decisions"].current == 4
    report.refresh_from_db()
    assert report.published_report().get("s2.licensing.decisions") == 3  # type: ignore[union-attr]
    # A meeting registered after publication (issue 14): the narrative's facts differ too.
    from gongkai.apps.meetings.actions import record_meeting

    record_meeting(
        records,
        acting_user=clerk_a,
        kind="executive",
        held_on=date(2024, 6, 3),
        title="局务会议",
        minutes_published_on=date(2024, 6, 10),
        minutes_url="https://www.example.gov.cn/m/1.html",
    )
    meetings = {d.key: d for d in annual.differences(report)}["facts.openness.meetings"]
    assert (meetings.label, meetings.published) == ("会议及纪要公开", "—")
    assert meetings.current == "政府常务会议 召开 1，公开 1，列席 0"
    from gongkai.apps.reports.supervision import subtree_overview

    summarize(YEAR)
    row = next(r for r in subtree_overview(records.parent, YEAR).rows if r.body == records)
    assert row.changed_since_published == 2  # the decisions of table 二 and the meetings
    with pytest.raises(TransitionError, match="不能保存"):
        actions.save_narrative(report, narrative, acting_user=clerk_a)

    page = client.get(reverse("reports:annual_published", args=[records.pk, YEAR]))
    assert page.status_code == 200  # public once published
    assert "每月核对" in page.content.decode()
    download = client.get(reverse("reports:annual_download", args=[records.pk, YEAR, "json"]))
    assert b'"s2.licensing.decisions": 3' in download.content


def test_stale_version_is_refused(clerk_a: Any, reviewer_a: Any, records: Any) -> None:
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    stale_version = report.version
    actions.save_narrative(report, {"一": "甲的修改"}, acting_user=reviewer_a)
    with pytest.raises(ConcurrentEditError, match="已被他人修改"):
        actions.save_narrative(
            report, {"一": "乙的修改"}, expected_version=stale_version, acting_user=clerk_a
        )
    report.refresh_from_db()
    assert report.narrative == {"一": "甲的修改"}


def test_other_bodies_and_anonymous_users_are_kept_out(
    client: Client, clerk_a: Any, clerk_b: Any, records: Any
) -> None:
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    _login(client, clerk_b)
    assert client.get(_url("annual", records)).status_code == 404
    assert client.post(_step_url(report, "save"), {"version": 1}).status_code == 404
    assert client.post(_url("annual_validate", records)).status_code == 404
    client.logout()
    assert client.get(_url("annual", records)).status_code == 302  # to the login page
    # Not published: no public page.
    assert (
        client.get(reverse("reports:annual_published", args=[records.pk, YEAR])).status_code == 404
    )


def test_supervisor_cannot_edit_and_views_submit_through_http(
    client: Client, clerk_a: Any, supervisor: Any, records: Any
) -> None:
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    _login(client, supervisor)
    response = client.post(
        _step_url(report, "save"), {"version": report.version, "section_一": "上级改的"}
    )
    assert response.status_code == 403  # the 上级 reviews, the body writes
    report.refresh_from_db()
    assert report.narrative.get("一") != "上级改的"

    _login(client, clerk_a)
    form = {"version": report.version} | {
        f"section_{n}": report.narrative.get(n, "") for n in "一二三四五六"
    }
    form["section_五"] = "信息更新不够及时。"
    form["section_六"] = "无其他需要报告的事项。"
    # Not without the confirmation: the page asks for it, keeping the text as posted.
    refused = client.post(_step_url(report, "submit"), form)
    assert refused.status_code == 400
    assert "请勾选确认后再提交上级。" in refused.content.decode()
    assert "无其他需要报告的事项。" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == "draft"
    response = client.post(_step_url(report, "submit"), form | {"confirmed": "on"}, follow=True)
    assert "已提交上级" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted" and report.narrative["六"] == "无其他需要报告的事项。"


def test_live_validation_reports_a_text_that_contradicts_the_tables(
    client: Client, clerk_a: Any, records: Any
) -> None:
    actions.open_report(records, YEAR, acting_user=clerk_a)
    _login(client, clerk_a)
    response = client.post(
        _url("annual_validate", records),
        {"section_三": "本年度共收到政府信息公开申请15件。"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "T1" in html and "15" in html


def test_supervisor_overview_lists_every_body_with_status_and_findings(
    client: Client, clerk_a: Any, supervisor: Any, county: Any, dept_b: Any, records: Any
) -> None:
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    report = actions.save_narrative(
        report, {"一": "概况。", "五": "无。", "六": "无。"}, acting_user=clerk_a
    )
    actions.submit_report(report, acting_user=clerk_a)
    _login(client, supervisor)
    index = client.get(reverse("reports:annual_index") + f"?year={YEAR}").content.decode()
    assert index.count('data-testid="supervise-link"') == 1  # the county, not each body below
    page = client.get(reverse("reports:supervise", args=[county.pk]) + f"?year={YEAR}")
    html = page.content.decode()
    assert page.status_code == 200
    for name in (county.name, records.name, dept_b.name):
        assert f'data-body="{name}"' in html
    assert "已提交上级" in html and "未开始" in html
    # Deadline per jurisdiction: the departments get 2月15日.
    deadlines = reverse("reports:supervise_action", kwargs={"pk": county.pk, "op": "deadlines"})
    response = client.post(
        f"{deadlines}?year={YEAR}", {"scope": "department", "month": 2, "day": 15}, follow=True
    )
    assert "已为 2 个机关设置年报期限" in response.content.decode()
    assert response.redirect_chain[-1][0].endswith(f"?year={YEAR}")  # back to the overview
    records.refresh_from_db()
    assert annual.deadline_of(records, YEAR) == date(2025, 2, 15)
    assert [e.user for e in entries_for(records).filter(action="reports.deadline")] == [supervisor]
    bad = client.post(deadlines, {"scope": "all", "month": 2, "day": 30})
    assert bad.status_code == 400
    assert "2 月没有 30 日" in bad.content.decode()

    _login(client, clerk_a)
    assert client.get(reverse("reports:supervise", args=[county.pk])).status_code == 404


def test_overdue_and_late_submission(clerk_a: Any, records: Any) -> None:
    from gongkai.apps.reports.supervision import is_overdue

    deadline = date(2025, 1, 31)
    assert is_overdue(None, deadline, date(2025, 2, 3)) == (3, False)
    assert is_overdue(None, deadline, date(2025, 1, 31)) == (0, False)
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    assert is_overdue(report, deadline, date(2025, 3, 1)) == (29, False)


def test_published_reports_are_listed_publicly(client: Client, clerk_a: Any, records: Any) -> None:
    from gongkai.apps.reports.models import AnnualReport

    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    listing = client.get(reverse("reports:published_index"))
    assert records.name not in listing.content.decode()  # a draft is not public
    AnnualReport.objects.filter(pk=report.pk).update(
        status="published",
        snapshot={"report": annual.build_annual_report(records, YEAR).report.to_dict()},
    )
    listing = client.get(reverse("reports:published_index") + f"?year={YEAR}&q=教育")
    assert f"{records.name}{YEAR}年政府信息公开工作年度报告" in listing.content.decode()


def test_import_of_the_previous_published_report_supplies_last_years_items(
    client: Client, django_user_model: Any, county: Any, seed_path: Any
) -> None:
    """徐套乡 starts on the platform in 2020: its 2019 report is imported, and the 2020 report
    (2019 format) takes 上一年项目数量 from it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.apps.orgs.services import add_member, create_body
    from gongkai.apps.stats.models import Matter

    township = create_body("徐套乡人民政府", parent=county, kind="township_government")
    clerk = django_user_model.objects.create_user("xt", password="xt-password-1")
    add_member(clerk, township, "clerk")
    for n in range(6):  # the records know 6 licensing matters at the end of 2020
        Matter.objects.create(
            body=township, category="licensing", name=f"许可事项{n}", effective_on=date(2020, 3, 1)
        )
    _login(client, clerk)
    upload = SimpleUploadedFile("徐套乡2019年报.txt", seed_path.read_bytes(), "text/plain")
    response = client.post(
        reverse("reports:annual_import_previous", args=[township.pk, 2019]),
        {"file": upload},
        follow=True,
    )
    assert "已导入 2019 年度已发布的年报" in response.content.decode()
    built = annual.build_annual_report(township, 2020).report
    assert built.get("s2.licensing.prev_items") == 5  # the seed's 5 + 0
    assert built.get("s2.licensing.change") == 1
    assert built.get("s2.other_services.prev_items") == 48
    assert built.get("s2.other_services.change") == -48
    # A second import of the same year, or another body's report, is refused.
    upload = SimpleUploadedFile("again.txt", seed_path.read_bytes(), "text/plain")
    response = client.post(
        reverse("reports:annual_import_previous", args=[township.pk, 2019]),
        {"file": upload},
        follow=True,
    )
    assert "平台上已有本机关 2019 年度的年报" in response.content.decode()
    wrong = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n", "image/png")
    response = client.post(
        reverse("reports:annual_import_previous", args=[township.pk, 2019]),
        {"file": wrong},
        follow=True,
    )
    assert "类型不受支持" in response.content.decode()


def test_redraft_replaces_one_section_with_the_records_of_today(
    client: Client, clerk_a: Any, records: Any
) -> None:
    from gongkai.apps.stats.models import Decision

    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    Decision.objects.create(
        body=records,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=date(2024, 8, 1),
        count=2,
    )
    _login(client, clerk_a)
    form = {"version": report.version, "section_一": "旧的总体情况。", "section_五": "我写的问题。"}
    response = client.post(_step_url(report, "save"), {**form, "redraft": "一"}, follow=True)
    assert "已按当前记录重新生成“一、总体情况”" in response.content.decode()
    report.refresh_from_db()
    assert "处理决定5件" in report.narrative["一"]  # 3 + 2 decisions, today's records
    assert report.narrative["五"] == "我写的问题。"  # the other sections as on the page
    assert client.post(_step_url(report, "save"), {**form, "redraft": "七"}).status_code == 400


def test_admin_shows_reports_read_only_with_their_trail(
    client: Client, django_user_model: Any, clerk_a: Any, records: Any
) -> None:
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    admin_user = django_user_model.objects.create_superuser("root", "root@example.org", "pw-1")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:reports_annualreport_changelist"))
    assert listing.status_code == 200 and records.name in listing.content.decode()
    page = client.get(reverse("admin:reports_annualreport_change", args=[report.pk]))
    assert page.status_code == 200 and "创建草稿" in page.content.decode()
    history = client.get(reverse("admin:reports_annualreport_history", args=[report.pk]))
    assert history.status_code == 200


def test_correction_notice_documents_the_differences_and_keeps_the_report(
    client: Client, clerk_a: Any, supervisor: Any, records: Any, summarize: Any
) -> None:
    from gongkai.apps.reports.supervision import subtree_overview
    from gongkai.apps.stats.models import Decision

    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    report = actions.save_narrative(
        report, {"一": "概况。", "五": "无。", "六": "无。"}, acting_user=clerk_a
    )
    report = actions.submit_report(report, acting_user=clerk_a)
    report = actions.approve_report(report, acting_user=supervisor)
    with pytest.raises(TransitionError, match="尚未发布"):
        actions.publish_correction(report, "说明", acting_user=clerk_a)
    report = actions.publish_report(report, acting_user=clerk_a)
    with pytest.raises(ActionError, match="没有需要更正"):
        actions.publish_correction(report, "说明", acting_user=clerk_a)
    Decision.objects.create(
        body=records,
        category="licensing",
        matter_name="民办学校设立审批",
        decided_on=date(2024, 12, 31),
    )
    with pytest.raises(ActionPermissionError, match="只有本机关"):
        actions.publish_correction(report, "说明", acting_user=supervisor)
    summarize(YEAR)
    row = next(r for r in subtree_overview(records.parent, YEAR).rows if r.body == records)
    assert row.changed_since_published == 1  # the decision, until a notice states it
    _login(client, clerk_a)
    empty = client.post(_step_url(report, "correct"), {"note": " "})
    assert empty.status_code == 400 and "请填写更正说明" in empty.content.decode()
    done = client.post(
        _step_url(report, "correct"), {"note": "补录了12月31日的许可决定。"}, follow=True
    )
    assert "更正说明已发布" in done.content.decode()
    assert annual.undocumented_differences(report) == []
    summarize(YEAR)
    row = next(r for r in subtree_overview(records.parent, YEAR).rows if r.body == records)
    assert row.changed_since_published == 0 and row.current
    client.logout()
    public = client.get(reverse("reports:annual_published", args=[records.pk, YEAR]))
    html = public.content.decode()
    assert "补录了12月31日的许可决定" in html
    assert 'data-key="s2.licensing.decisions"' in html
    report.refresh_from_db()
    assert report.published_report().get("s2.licensing.decisions") == 3  # type: ignore[union-attr]
    assert report.events.filter(kind="correct").count() == 1


def test_overview_export_lists_every_body_with_its_figures(
    client: Client,
    clerk_a: Any,
    supervisor: Any,
    county: Any,
    dept_b: Any,
    records: Any,
    summarize: Any,
) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from gongkai.apps.reports.summaries import compute

    actions.open_report(records, YEAR, acting_user=clerk_a)
    summarize(YEAR)
    _login(client, supervisor)
    response = client.get(reverse("reports:supervise_export", args=[county.pk]) + f"?year={YEAR}")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("机关", "状态", "错误", "警告")
    names = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(names) == {county.name, records.name, dept_b.name}
    assert names[records.name]["状态"] == "草稿" and names[dept_b.name]["状态"] == "未开始"
    live = compute(records, YEAR, records.annual_reports.get(year=YEAR))
    assert names[records.name]["新收申请"] == live.figures["s3.new_received.total"]
    assert names[records.name]["错误"] == live.errors
    assert all(isinstance(row["汇总时间"], datetime) for row in names.values())
    assert {row["汇总状态"] for row in names.values()} == {None}  # every summary current
    _login(client, clerk_a)
    assert client.get(reverse("reports:supervise_export", args=[county.pk])).status_code == 404


def test_processing_fees_paid_in_the_year_are_stated_in_section_six(
    clerk_a: Any, register: Any, records: Any
) -> None:
    from gongkai.apps.applications.models import FeeNotice
    from gongkai.apps.applications.reporting import processing_fees_collected

    app = register(received_on=date(2024, 3, 4))
    FeeNotice.objects.create(
        application=app, method="by_count", amount=100, notice_on=date(2024, 3, 8),
        paid_on=date(2024, 3, 12),
    )  # fmt: skip
    FeeNotice.objects.create(
        application=app,
        method="by_count",
        amount=200,
        notice_on=date(2024, 12, 20),
        paid_on=date(2025, 1, 6),
    )  # fmt: skip — paid the next year
    FeeNotice.objects.create(
        application=app,
        method="by_count",
        amount=100,
        notice_on=date(2024, 5, 6),
        waived=True,
        waived_on=date(2024, 5, 7),
    )  # fmt: skip — waived
    assert processing_fees_collected(records, 2024) == 100
    assert processing_fees_collected(records, 2025) == 200
    draft = annual.draft_sections(records, 2024)
    assert "收取信息处理费100元" in draft["六"]


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _read_docx(response: Any) -> Any:
    from gongkai.domain.parsers import read_report_bytes

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment")
    assert ".docx" in response["Content-Disposition"]
    return read_report_bytes(response.content, "x.docx")


def test_published_report_downloads_as_word(client: Client, clerk_a: Any, records: Any) -> None:
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    built = annual.build_annual_report(records, YEAR, report.narrative).report
    built.narrative["五"] = "信息更新不够及时。"
    AnnualReport.objects.filter(pk=report.pk).update(
        status="published", snapshot={"report": built.to_dict()}
    )
    page = client.get(reverse("reports:annual_published", args=[records.pk, YEAR]))
    docx_url = reverse("reports:annual_download", args=[records.pk, YEAR, "docx"])
    assert "下载 Word" in page.content.decode() and docx_url in page.content.decode()

    back = _read_docx(client.get(docx_url))  # public, as the other downloads
    assert (back.format, back.year, back.org) == (built.format, YEAR, built.org)
    assert {k: back.get(k) for k in built.spec.cell_keys} == {
        k: built.get(k) for k in built.spec.cell_keys
    }
    assert back.get("s2.licensing.decisions") == 3
    assert back.narrative["五"] == "信息更新不够及时。"
    assert (
        client.get(reverse("reports:annual_download", args=[records.pk, YEAR, "doc"])).status_code
        == 404
    )


def test_draft_downloads_as_word_for_the_body_only(
    client: Client, clerk_a: Any, clerk_b: Any, supervisor: Any, records: Any
) -> None:
    url = _url("annual_draft_docx", records)
    _login(client, clerk_a)
    assert client.get(url).status_code == 404  # no report opened yet
    assert "下载 Word 草稿" not in client.get(_url("annual", records)).content.decode()

    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    actions.save_narrative(
        report, report.narrative | {"六": "无其他需要报告的事项。"}, acting_user=clerk_a
    )
    page = client.get(_url("annual", records)).content.decode()
    assert "下载 Word 草稿" in page and url in page
    back = _read_docx(client.get(url))
    assert back.get("s2.licensing.decisions") == 3
    assert back.narrative["六"] == "无其他需要报告的事项。"

    _login(client, clerk_b)
    assert client.get(url).status_code == 404  # another body's clerk
    _login(client, supervisor)  # a body above: reads the draft, but the link is for the staff
    assert client.get(url).status_code == 200
    assert "下载 Word 草稿" not in client.get(_url("annual", records)).content.decode()
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_too_long_a_section_is_refused_and_nothing_saved(clerk_a: Any, records: Any) -> None:
    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    before = dict(report.narrative)
    with pytest.raises(ActionError, match="第五部分超过 50000 字"):
        actions.save_narrative(
            report, {"五": "问" * (actions.NARRATIVE_MAX_CHARS + 1)}, acting_user=clerk_a
        )
    report.refresh_from_db()
    assert report.narrative == before and report.version == 1


def test_the_policy_says_who_reviews_and_who_oversees(
    django_user_model: Any, county: Any, dept_a: Any, clerk_a: Any, reviewer_a: Any, supervisor: Any
) -> None:
    from gongkai.apps.orgs.services import add_member
    from gongkai.domain.report.workflow import Actor

    county_reviewer = django_user_model.objects.create_user("county_reviewer", password="pw-1")
    add_member(county_reviewer, county, "reviewer")
    root = actions.open_report(county, YEAR, acting_user=county_reviewer)
    report = actions.open_report(dept_a, YEAR, acting_user=clerk_a)
    # 教育局's report is reviewed by the county's 上级, not by its own 审核人.
    assert annual.actors_for(reviewer_a, report) == {Actor.BODY, Actor.BODY_REVIEWER}
    assert annual.actors_for(clerk_a, report) == {Actor.BODY}
    assert annual.actors_for(supervisor, report) == {Actor.SUPERVISOR}
    # Nobody is above the county in the platform: its own 审核人 reviews its report.
    assert annual.actors_for(county_reviewer, root) == {
        Actor.BODY,
        Actor.BODY_REVIEWER,
        Actor.SUPERVISOR,
    }
    assert annual.actors_for(supervisor, root) == frozenset()
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw-1")
    assert annual.supervised_roots(supervisor) == [county]
    assert annual.supervised_roots(admin) == [county]
    assert annual.supervised_roots(clerk_a) == []


def test_published_page_draws_the_tables_as_the_workspace_does(
    client: Client, clerk_a: Any, records: Any
) -> None:
    """The public report page shows each official table inside the report stylesheet's
    wrapper (.report-tables, a scroll box that a keyboard can reach), under its narrative
    section, exactly as the workspace draws them (checks/_report_table.html); the print
    stylesheet of every page is linked."""
    from lxml import html as lxml_html

    report = actions.open_report(records, YEAR, acting_user=clerk_a)
    built = annual.build_annual_report(records, YEAR, report.narrative).report
    AnnualReport.objects.filter(pk=report.pk).update(
        status="published", snapshot={"report": built.to_dict()}
    )

    def tables(url: str) -> list[tuple[str, str, bool]]:
        response = client.get(url)
        assert response.status_code == 200
        page = lxml_html.fromstring(response.content.decode())
        assert page.xpath('//link[@rel="stylesheet"][@media="print"]/@href') == [
            "/static/kernel/print.css"
        ]
        return [
            (
                table.get("class"),
                table.getparent().get("class"),
                bool(table.xpath('ancestor::div[contains(@class, "report-tables")]')),
            )
            for table in page.xpath("//table[contains(@class, 'report-table')]")
        ]

    public = tables(reverse("reports:annual_published", args=[records.pk, YEAR]))
    assert [name for name, _box, _wrapped in public] == [
        *["report-table s2"] * 4,  # 第二十条第（一）、（五）、（六）、（八）项
        "report-table s3",
        "report-table s4",
    ]
    assert all(box == "table-responsive" and wrapped for _name, box, wrapped in public), public
    # The HTML download carries the very stylesheet the pages load (one definition).
    from pathlib import Path

    from django.contrib.staticfiles import finders

    served = finders.find("report/report-tables.css")
    assert served, "report/report-tables.css is a static file of the pages"
    sheet = Path(served).read_text("utf-8")
    assert "table.report-table td" in sheet and "border: 1px solid" in sheet
    download = client.get(reverse("reports:annual_download", args=[records.pk, YEAR, "html"]))
    assert sheet in download.content.decode()
    page_css = Path(finders.find("checks/report.css") or "").read_text("utf-8")
    assert '@import url("../report/report-tables.css");' in page_css
    client.force_login(clerk_a)
    assert tables(reverse("reports:annual", args=[records.pk, YEAR])) == public
