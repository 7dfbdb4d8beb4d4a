"""The stored summaries after a random stream of record changes (issue 15's must-show).

``GONGKAI_STREAM_CHANGES`` changes (default 300) on four bodies of a county — applications
registered, replied to, extended, corrected, edited, deleted and moved to another body with
their events; catalog items made, published, edited and deleted; decisions, review cases,
meetings, mailbox messages; report narratives edited and reports published through the
reports' actions — each through the app's own action where there is one (a refused step is
skipped, as on the pages), the ORM otherwise. Some summaries are refreshed in the middle of the
stream (others left stale); then :func:`refresh` must leave :func:`verify` without a mismatch,
and the roll-up tables 三/四 read from the summaries must equal the ones counted from the
records for every year. The seed is ``GONGKAI_STREAM_SEED`` (default 15), printed on failure.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from gongkai.apps.applications import actions as app_actions
from gongkai.apps.applications.models import Application
from gongkai.apps.cases import actions as case_actions
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.engagement import actions as engagement_actions
from gongkai.apps.engagement.models import MailboxMessage
from gongkai.apps.meetings import actions as meeting_actions
from gongkai.apps.meetings.models import Meeting
from gongkai.apps.orgs.models import Body, RecordsVersion
from gongkai.apps.orgs.services import create_body
from gongkai.apps.reports import actions as report_actions
from gongkai.apps.reports.models import AnnualReport, YearSummary
from gongkai.apps.reports.summaries import refresh, stale_pairs, summary_years, verify
from gongkai.apps.reports.supervision import summed_tables
from gongkai.apps.stats import actions as stats_actions
from gongkai.apps.stats.models import Decision
from gongkai.apps.stats.reporting import build_subtree_summary
from gongkai.domain.applications.outcomes import OUTCOME_KEYS, ApplicantType
from gongkai.kernel.errors import ActionError

pytestmark = pytest.mark.django_db

CHANGES = int(os.environ.get("GONGKAI_STREAM_CHANGES", "300"))
SEED = int(os.environ.get("GONGKAI_STREAM_SEED", "15"))
FIRST_DAY = date(2022, 1, 3)
LAST_DAY = date(2026, 11, 30)
TYPES = [t.value for t in ApplicantType]
NARRATIVE = {"一": "概况。", "五": "无。", "六": "无。"}


Touched = list[int]  # the bodies whose records a change changed


def _bodies(record: Any) -> Touched:
    return [record.body_id] if record is not None else []


def _versions() -> dict[int, int]:
    return dict(RecordsVersion.objects.values_list("body_id", "version"))


class Stream:
    """The bodies, the acting users and the random choices of one stream."""

    def __init__(self, bodies: list[Body], clerk: Any, supervisor: Any, rng: random.Random):
        self.bodies = bodies
        self.clerk = clerk  # a superuser: every body's staff
        self.supervisor = supervisor  # the county's 上级: approves the reports below it
        self.rng = rng
        self.done: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()
        self.serial = 0

    def body(self) -> Body:
        return self.rng.choice(self.bodies)

    def day(self, first: date = FIRST_DAY) -> date:
        span = (LAST_DAY - first).days
        return first + timedelta(days=self.rng.randint(0, max(span, 0)))

    def number(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}-{self.serial}"

    def pick(self, model: Any, **filters: Any) -> Any:
        rows = list(
            model.objects.filter(body__in=self.bodies, **filters).values_list("pk", flat=True)
        )
        return model.objects.get(pk=self.rng.choice(rows)) if rows else None

    # -- applications ---------------------------------------------------------------------------

    def register(self) -> Touched:
        body = self.body()
        app_actions.register_application(
            body,
            acting_user=self.clerk,
            channel=self.rng.choice(["in_person", "online", "post"]),
            received_on=self.day(),
            applicant_type=self.rng.choice(TYPES),
            applicant_name="申请人",
            id_type="id_card",
            id_number="110101199001011234",
            content="申请公开某项目的资金使用情况。",
        )
        return [body.pk]

    def reply(self) -> Touched:
        app = self.pick(Application, status="registered")
        if app is not None:
            replied = app.received_on + timedelta(days=self.rng.randint(1, 60))
            outcome = self.rng.choice(OUTCOME_KEYS)
            app_actions.reply(
                app, outcome, "《条例》第三十六条", "答复内容。", replied, acting_user=self.clerk
            )
        return _bodies(app)

    def extension(self) -> Touched:
        app = self.pick(Application, status="registered")
        if app is not None:
            on = app.received_on + timedelta(days=self.rng.randint(5, 18))
            app = app_actions.request_extension(app, 15, "情况复杂", on, acting_user=self.clerk)
            app_actions.approve_extension(app, on, acting_user=self.clerk)
        return _bodies(app)

    def correction(self) -> Touched:
        app = self.pick(Application, status="registered")
        if app is not None:
            on = app.received_on + timedelta(days=self.rng.randint(1, 5))
            app_actions.request_correction(app, on, "请补正申请内容。", acting_user=self.clerk)
        return _bodies(app)

    def edit_application(self) -> Touched:
        app = self.pick(Application)
        if app is not None:
            app.applicant_type = self.rng.choice(TYPES)
            app.save()
        return _bodies(app)

    def delete_application(self) -> Touched:
        app = self.pick(Application)
        if app is not None:
            for case in ReviewCase.objects.filter(application=app):
                case.application = None
                case.save()
            app.delete()
        return _bodies(app)

    def move_application(self) -> Touched:
        app = self.pick(Application)
        if app is None:
            return []
        before = app.body_id
        app.body = self.rng.choice([b for b in self.bodies if b.pk != app.body_id])
        app.number = self.number("M")
        app.save()
        return [before, app.body_id]  # both bodies' counts change

    # -- catalog, decisions, cases, meetings, mailbox ---------------------------------------------

    def catalog_item(self) -> Touched:
        made = self.day()
        published = made + timedelta(days=self.rng.randint(0, 40))
        item = CatalogItem.objects.create(
            body=self.body(),
            index_number=self.number("IDX"),
            title="关于某项工作的通知",
            category=self.rng.choice(["normative", "other", "other"]),
            doc_number=self.rng.choice(["", "某发〔2024〕1号"]),
            made_on=made,
            published_on=published if published <= LAST_DAY else None,
            disclosure=self.rng.choice(["主动公开", "主动公开", "依申请公开"]),
            channels=self.rng.choice(["政府网站", "政府网站,政务新媒体", ""]),
        )
        return [item.body_id]

    def edit_catalog_item(self) -> Touched:
        item = self.pick(CatalogItem)
        if item is not None:
            item.published_on = self.rng.choice([None, self.day(item.made_on)])
            item.save()
        return _bodies(item)

    def delete_catalog_item(self) -> Touched:
        item = self.pick(CatalogItem)
        if item is not None:
            item.delete()
        return _bodies(item)

    def decision(self) -> Touched:
        decision = stats_actions.create_decision(
            self.body(),
            acting_user=self.clerk,
            category=self.rng.choice(["licensing", "penalty", "compulsion", "other_services"]),
            matter_name="某事项",
            decided_on=self.day(),
            count=self.rng.randint(1, 30),
        )
        return [decision.body_id]

    def edit_or_delete_decision(self) -> Touched:
        decision = self.pick(Decision)
        if decision is None:
            return []
        if self.rng.random() < 0.5:
            decision.delete()
        else:
            decision.decided_on = self.day()
            decision.save()
        return [decision.body_id]

    def case(self) -> Touched:
        body = self.body()
        filed = self.day()
        app = Application.objects.filter(body=body, received_on__lte=filed).first()
        case = case_actions.record_case(
            body,
            acting_user=self.clerk,
            number=self.number("C"),
            kind=self.rng.choice(
                ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
            ),
            filed_on=filed,
            application=app if self.rng.random() < 0.5 else None,
        )
        if self.rng.random() < 0.6:
            case.result = self.rng.choice(["upheld", "corrected", "other"])
            case.closed_on = filed + timedelta(days=self.rng.randint(10, 200))
            case.save()
        return [body.pk]

    def meeting(self) -> Touched:
        held = self.day()
        meeting = meeting_actions.record_meeting(
            self.body(),
            acting_user=self.clerk,
            kind=self.rng.choice(["executive", "special", "hearing"]),
            held_on=held,
            title="常务会议",
            attended=self.rng.random() < 0.3,
            minutes_published_on=held + timedelta(days=self.rng.randint(1, 60)),
            minutes_url="https://example.gov.cn/m" if self.rng.random() < 0.5 else "",
        )
        return [meeting.body_id]

    def edit_or_delete_meeting(self) -> Touched:
        meeting = self.pick(Meeting)
        if meeting is None:
            return []
        if self.rng.random() < 0.5:
            meeting.delete()
        else:
            meeting.held_on = self.day()
            if meeting.minutes_published_on is not None:
                meeting.minutes_published_on = meeting.held_on + timedelta(days=3)
            meeting.save()
        return [meeting.body_id]

    def message(self) -> Touched:
        message = engagement_actions.record_message(
            self.body(),
            acting_user=self.clerk,
            mailbox=self.rng.choice(["县长信箱", "局长信箱"]),
            received_on=self.day(),
            subject="来信",
        )
        return [message.body_id]

    def reply_message(self) -> Touched:
        message = self.pick(MailboxMessage, replied_on__isnull=True)
        if message is not None:
            message.replied_on = message.received_on + timedelta(days=self.rng.randint(1, 400))
            message.reply = "已办理。"
            message.save()
        return _bodies(message)

    # -- annual reports ---------------------------------------------------------------------------

    def narrative(self) -> Touched:
        body, year = self.body(), self.rng.randint(2022, 2025)
        report = report_actions.open_report(body, year, acting_user=self.clerk)
        if report.status in ("draft", "returned"):
            text = {**NARRATIVE, "二": f"本年度收到申请若干件（第 {self.serial} 次修改）。"}
            self.serial += 1
            report_actions.save_narrative(report, text, acting_user=self.clerk)
            return [body.pk]
        return []

    def publish(self) -> Touched:
        report = self.pick(AnnualReport, status__in=["draft", "returned"])
        if report is None or report.body.parent_id is None:
            return []  # the county's own report is reviewed by its own 审核人: not streamed
        report = report_actions.save_narrative(report, NARRATIVE, acting_user=self.clerk)
        report = report_actions.submit_report(report, acting_user=self.clerk)
        report = report_actions.approve_report(report, acting_user=self.supervisor)
        report_actions.publish_report(report, acting_user=self.clerk)
        return [report.body_id]

    def operations(self) -> list[tuple[Callable[[], Touched], int]]:
        """Each operation with its weight."""
        return [
            (self.register, 14),
            (self.reply, 8),
            (self.extension, 3),
            (self.correction, 3),
            (self.edit_application, 4),
            (self.delete_application, 2),
            (self.move_application, 3),
            (self.catalog_item, 10),
            (self.edit_catalog_item, 4),
            (self.delete_catalog_item, 2),
            (self.decision, 6),
            (self.edit_or_delete_decision, 3),
            (self.case, 4),
            (self.meeting, 4),
            (self.edit_or_delete_meeting, 2),
            (self.message, 4),
            (self.reply_message, 2),
            (self.narrative, 3),
            (self.publish, 2),
        ]

    def step(self) -> None:
        """One random change; the bodies it changed must have their records version raised."""
        ops = self.operations()
        operation = self.rng.choices([op for op, _w in ops], weights=[w for _op, w in ops])[0]
        name = operation.__name__
        before = _versions()
        try:
            touched = operation()
        except ActionError:
            self.refused[name] += 1  # as on the pages: the step is refused, nothing written
            assert _versions() == before, name
            return
        self.done[name] += 1
        after = _versions()
        unmarked = [pk for pk in touched if after.get(pk, 0) <= before.get(pk, 0)]
        assert not unmarked, f"seed {SEED}: {name} changed bodies {unmarked} without marking them"


@pytest.fixture
def stream(
    county: Body, dept_a: Body, dept_b: Body, supervisor: Any, django_user_model: Any
) -> Stream:
    township = create_body("某某县某某镇人民政府", parent=county, kind="township_government")
    clerk = django_user_model.objects.create_superuser("stream", password="stream-password-1")
    return Stream([county, dept_a, dept_b, township], clerk, supervisor, random.Random(SEED))


def test_summaries_equal_the_records_after_a_random_stream(stream: Stream, county: Body) -> None:
    started = time.perf_counter()
    years = list(summary_years())
    partial_every = max(CHANGES // 6, 1)
    partial_refreshes = 0
    for n in range(1, CHANGES + 1):
        stream.step()
        if n % partial_every == 0 and n < CHANGES:
            # Some summaries current, the others stale: a refresh of a few bodies and years.
            ids = [b.pk for b in stream.rng.sample(stream.bodies, 2)]
            some_years = stream.rng.sample(years, 3)
            refresh(ids, some_years)
            assert not stale_pairs(ids, some_years)
            assert verify(ids, some_years)[0] == [], f"seed {SEED}, after {n} changes"
            partial_refreshes += 1
    assert stale_pairs(), "the stream changed records: some summaries must be stale"
    refreshed = refresh()
    assert refreshed and not stale_pairs()
    mismatches, compared = verify()
    assert mismatches == [], f"seed {SEED}: {mismatches}"
    assert compared == len(stream.bodies) * len(years)
    subtree = Body.objects.subtree(county)
    for year in years:
        from_summaries = summed_tables(
            county.name, year, YearSummary.objects.filter(body__in=subtree, year=year)
        )
        from_records = build_subtree_summary(county, year)
        keys = [k for k in from_records.cells if k.startswith(("s3.", "s4."))]
        assert keys
        assert {k: from_summaries.cells.get(k) for k in keys} == {
            k: from_records.cells.get(k) for k in keys
        }, f"seed {SEED}, year {year}"
    # The stream did what it says: every kind of change happened, reports were published.
    assert set(stream.done) == {op.__name__ for op, _w in stream.operations()} or CHANGES < 300
    assert AnnualReport.objects.filter(status="published").exists() or CHANGES < 300
    assert partial_refreshes >= 1
    print(  # noqa: T201 - the numbers of the closing note (pytest -s)
        f"\n{CHANGES} changes (seed {SEED}) in {time.perf_counter() - started:.1f} s: "
        f"done {dict(stream.done)}, refused {dict(stream.refused)}, "
        f"{partial_refreshes} partial refreshes, final refresh {refreshed} summaries, "
        f"{compared} verified"
    )
