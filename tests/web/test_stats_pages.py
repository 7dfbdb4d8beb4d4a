"""The 行政事项统计 pages: 事项清单, 处理决定, 收费/政府集中采购 (lists, totals, forms,
permissions, history) and the §4 ledger page (all or nothing)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from page_parts import table_rows

from gongkai.apps.stats.models import Decision, Matter, MoneyRecord
from gongkai.domain.ledgers.matters import DECISION_COLUMNS, MATTER_COLUMNS
from gongkai.domain.ledgers.table_io import write_csv
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db


def _cells(html: str, testid: str) -> list[list[str]]:
    """The texts of the body cells of the first table inside ``data-testid=testid``."""
    start = html.index(f'data-testid="{testid}"')
    table = html[html.index("<tbody>", start) : html.index("</tbody>", start)]
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    ]


@pytest.fixture
def matters(dept_a: Any, dept_b: Any) -> list[Matter]:
    return [
        Matter.objects.create(
            body=dept_a, category="licensing", name="教师资格认定", effective_on=date(2020, 1, 1)
        ),
        Matter.objects.create(
            body=dept_a,
            category="penalty",
            name="违规办学处罚",
            effective_on=date(2020, 1, 1),
            cancelled_on=date(2025, 7, 1),
        ),
        Matter.objects.create(
            body=dept_b, category="fees", name="财政票据工本费", effective_on=date(2020, 1, 1)
        ),
    ]


@pytest.mark.parametrize("url", ["/stats/", "/stats/decisions/", "/stats/money/"])
def test_anonymous_is_sent_to_login(client: Client, url: str) -> None:
    assert client.get(url)["Location"].startswith("/accounts/login/")


def test_matter_list_by_category_and_date(
    client: Client, matters: list[Matter], clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    page = client.get("/stats/").content.decode()
    assert "教师资格认定" in page and "违规办学处罚" in page
    assert "财政票据工本费" not in page  # another body
    on_list = client.get("/stats/?on=2025-12-31").content.decode()
    assert "教师资格认定" in on_list and "违规办学处罚" not in on_list
    assert "2025-12-31 在清单上的事项" in on_list
    penalties = client.get("/stats/?category=penalty").content.decode()
    assert "违规办学处罚" in penalties and "教师资格认定" not in penalties
    bad = client.get("/stats/?on=2025-99-01")
    assert "请按“年-月-日”填写日期" in bad.content.decode()


def test_create_and_edit_a_matter_with_history(client: Client, dept_a: Any, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    response = client.post(
        "/stats/matters/new/",
        {
            "body": dept_a.pk,
            "category": "licensing",
            "name": "民办学校设立审批",
            "effective_on": "2024-01-01",
            "cancelled_on": "",
        },
    )
    assert response.status_code == 302
    matter = Matter.objects.get()
    bad = client.post(
        f"/stats/matters/{matter.pk}/edit/",
        {
            "category": "licensing",
            "name": "民办学校设立审批",
            "effective_on": "2024-01-01",
            "cancelled_on": "2023-01-01",
        },
    )
    assert bad.status_code == 400 and "取消日期不能早于生效日期" in bad.content.decode()
    ok = client.post(
        f"/stats/matters/{matter.pk}/edit/",
        {
            "category": "licensing",
            "name": "民办学校设立审批",
            "effective_on": "2024-01-01",
            "cancelled_on": "2025-06-30",
        },
    )
    assert ok.status_code == 302
    matter.refresh_from_db()
    assert matter.cancelled_on == date(2025, 6, 30)
    assert matter.version == 2
    entries = list(entries_for(matter))
    assert [(e.action, e.user) for e in entries] == [
        ("stats.matter_create", clerk_a),
        ("stats.matter_update", clerk_a),
    ]
    assert entries[1].data["changes"] == [["cancelled_on", "—", "2025-06-30"]]
    page = client.get(f"/stats/matters/{matter.pk}/edit/").content.decode()
    trail = table_rows(page, "history")
    assert [row[1:3] for row in trail] == [
        ["clerk_a", "修改事项清单事项"],
        ["clerk_a", "登记事项清单事项"],
    ]
    # A form opened before that change (version 1) is refused, nothing saved.
    stale = client.post(
        f"/stats/matters/{matter.pk}/edit/",
        {
            "version": 1,
            "category": "licensing",
            "name": "民办学校设立审批",
            "effective_on": "2024-01-01",
            "cancelled_on": "",
        },
    )
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()
    matter.refresh_from_db()
    assert matter.cancelled_on == date(2025, 6, 30) and matter.version == 2


def test_permissions(client: Client, matters: list[Matter], supervisor: Any, clerk_b: Any) -> None:
    own = matters[0]
    client.force_login(clerk_b)
    assert client.get(f"/stats/matters/{own.pk}/edit/").status_code == 404
    assert client.post(f"/stats/matters/{own.pk}/edit/", {"name": "x"}).status_code == 404
    client.force_login(supervisor)
    assert "教师资格认定" in client.get("/stats/").content.decode()
    assert client.get(f"/stats/matters/{own.pk}/edit/").status_code == 403
    assert client.get("/stats/decisions/new/").status_code == 403
    assert client.get("/stats/unknown/new/").status_code == 404
    assert client.get(f"/stats/ledger/{own.body_id}/").status_code == 200
    upload = SimpleUploadedFile("m.csv", write_csv(MATTER_COLUMNS, []))
    assert client.post(f"/stats/ledger/{own.body_id}/", {"file": upload}).status_code == 403


def test_decision_totals_are_grouped(
    client: Client, dept_a: Any, clerk_a: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(40):
        Decision.objects.create(
            body=dept_a,
            category="licensing" if n % 2 else "penalty",
            matter_name="教师资格认定" if n % 2 else "违规办学处罚",
            decided_on=date(2025, 1 + n % 12, 1),
            count=2,
        )
    Decision.objects.create(
        body=dept_a, category="penalty", matter_name="旧处罚", decided_on=date(2024, 5, 1)
    )
    client.force_login(clerk_a)
    with django_assert_max_num_queries(25):
        response = client.get("/stats/decisions/?year=2025")
    text = response.content.decode()
    assert "2025 年各类别合计" in text
    assert _cells(text, "totals") == [["行政许可", "20", "40"], ["行政处罚", "20", "40"]]
    assert "合计：80" in text
    assert _cells(text, "by-matter") == [
        ["行政许可", "教师资格认定", "40"],
        ["行政处罚", "违规办学处罚", "40"],
    ]
    assert "旧处罚" not in text
    assert response.context["totals"] == [
        {"label": "行政许可", "category": "licensing", "rows": 20, "total": 40},
        {"label": "行政处罚", "category": "penalty", "rows": 20, "total": 40},
    ]
    only = client.get("/stats/decisions/?year=2025&category=penalty")
    assert only.context["grand_total"] == 40


def test_money_records_and_totals(client: Client, dept_a: Any, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    for values in (
        {"category": "fees", "item_name": "证书工本费", "on": "2025-03-01", "amount_yuan": "12.50"},
        {"category": "fees", "item_name": "证书工本费", "on": "2025-04-01", "amount_yuan": "7.50"},
        {
            "category": "procurement",
            "item_name": "课桌椅采购",
            "on": "2025-05-01",
            "amount_yuan": "300000",
        },
    ):
        assert client.post("/stats/money/new/", {"body": dept_a.pk, **values}).status_code == 302
    negative = client.post(
        "/stats/money/new/",
        {
            "body": dept_a.pk,
            "category": "fees",
            "item_name": "x",
            "on": "2025-05-01",
            "amount_yuan": "-1",
        },
    )
    assert negative.status_code == 400 and "金额不能为负数" in negative.content.decode()
    response = client.get("/stats/money/?year=2025")
    totals = {t["category"]: (t["rows"], t["total"]) for t in response.context["totals"]}
    assert totals == {"fees": (2, Decimal("20.00")), "procurement": (1, Decimal("300000.00"))}
    assert response.context["grand_total"] == Decimal("300020.00")
    assert MoneyRecord.objects.count() == 3


def test_matters_ledger_with_a_bad_row_writes_nothing(
    client: Client, dept_a: Any, clerk_a: Any
) -> None:
    client.force_login(clerk_a)
    rows: list[dict[str, object]] = [
        {"类别": "行政许可", "事项名称": "教师资格认定", "生效日期": "2020-01-01", "取消日期": ""},
        {"类别": "行政不存在", "事项名称": "某事项", "生效日期": "2020-01-01", "取消日期": ""},
        {"类别": "行政处罚", "事项名称": "", "生效日期": "2020-02-30", "取消日期": ""},
    ]
    upload = SimpleUploadedFile("事项清单.csv", write_csv(MATTER_COLUMNS, rows))
    response = client.post(f"/stats/ledger/{dept_a.pk}/", {"kind": "", "file": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "未导入任何记录" in text
    assert "第 3 行，“类别”列" in text
    assert "第 4 行，“事项名称”列" in text and "第 4 行，“生效日期”列" in text
    assert not Matter.objects.exists()

    upload = SimpleUploadedFile("事项清单.csv", write_csv(MATTER_COLUMNS, rows[:1]))
    ok = client.post(f"/stats/ledger/{dept_a.pk}/", {"kind": "matters", "file": upload})
    assert ok.status_code == 302
    matter = Matter.objects.get()
    assert matter.name == "教师资格认定"
    entry = entries_for(matter).get()
    assert (entry.action, entry.user) == ("stats.import", clerk_a)


def test_decisions_ledger_import_and_export(client: Client, dept_a: Any, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    rows: list[dict[str, object]] = [
        {"类别": "行政许可", "事项名称": "教师资格认定", "决定日期": "2025-03-31", "数量": 12},
        {"类别": "行政处罚", "事项名称": "违规办学处罚", "决定日期": "2025-04-02", "数量": ""},
    ]
    upload = SimpleUploadedFile("决定.csv", write_csv(DECISION_COLUMNS, rows))
    page = client.post(f"/stats/ledger/{dept_a.pk}/", {"kind": "", "file": upload}, follow=True)
    assert "导入完成" in page.content.decode()
    assert sorted(Decision.objects.values_list("count", flat=True)) == [1, 12]
    export = client.get(f"/stats/ledger/{dept_a.pk}/export/decisions/?year=2025&fmt=csv")
    assert export.status_code == 200
    assert "教师资格认定" in export.content.decode("utf-8-sig")
    assert "attachment" in export["Content-Disposition"]
    template = client.get("/stats/ledger/template/money.xlsx")
    assert template.status_code == 200
    assert client.get("/stats/ledger/template/nope.xlsx").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/stats/",
        "/stats/decisions/",
        "/stats/money/",
        "/stats/matters/new/",
        "/stats/decisions/new/",
        "/stats/money/new/",
        "/stats/ledger/{body}/",
    ],
)
def test_pages_render(client: Client, dept_a: Any, clerk_a: Any, url: str) -> None:
    client.force_login(clerk_a)
    response = client.get(url.format(body=dept_a.pk))
    assert response.status_code == 200
    assert "行政" in response.content.decode()
