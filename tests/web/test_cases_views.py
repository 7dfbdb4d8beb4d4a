"""The 行政复议/行政诉讼 pages: access control, recording a case from an application, closing."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.test import Client

from gongkai.apps.cases.actions import close_case, record_case
from gongkai.apps.cases.models import ReviewCase
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(register: Any) -> Any:
    return register(received_on=date(2026, 3, 2))


@pytest.fixture
def case(app: Any, clerk_a: Any, dept_a: Any) -> ReviewCase:
    return record_case(
        dept_a,
        number="（2026）某行复字第 1 号",
        kind="reconsideration",
        filed_on=date(2026, 5, 6),
        application=app,
        acting_user=clerk_a,
    )


@pytest.mark.parametrize("url", ["/cases/", "/cases/new/", "/cases/1/", "/cases/1/actions/close/"])
def test_anonymous_is_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_record_case_from_the_application_page(client: Client, app: Any, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert f'href="/cases/new/?application={app.pk}"' in page
    form = client.get(f"/cases/new/?application={app.pk}")
    assert form.status_code == 200
    response = client.post(
        f"/cases/new/?application={app.pk}",
        {
            "body": app.body_id,
            "number": "（2026）某行复字第 7 号",
            "kind": "reconsideration",
            "filed_on": "2026-05-06",
            "application": app.pk,
            "note": "",
        },
    )
    case = ReviewCase.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert case.application == app and case.is_pending
    page = client.get(f"/applications/{app.pk}/").content.decode()
    assert "（2026）某行复字第 7 号" in page and "尚未审结" in page


def test_record_case_errors_are_chinese(client: Client, app: Any, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    response = client.post(
        "/cases/new/",
        {
            "body": app.body_id,
            "number": "",
            "kind": "",
            "filed_on": "2026-02-01",
            "application": app.pk,
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写案件编号" in page and "请选择案件类型" in page
    response = client.post(
        "/cases/new/",
        {
            "body": app.body_id,
            "number": "X1",
            "kind": "reconsideration",
            "filed_on": "2026-02-01",
            "application": app.pk,
        },
    )
    assert response.status_code == 400
    assert "立案日期不能早于关联申请的收到日期" in response.content.decode()
    assert ReviewCase.objects.count() == 0


def _cell(page: str, testid: str) -> str:
    """The text of the element marked ``data-testid`` (tags dropped, spaces collapsed)."""
    match = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(dd|td|span|section)>', page, re.S)
    assert match is not None, testid
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _listed(page: str) -> list[str]:
    """The case numbers in the rows of the list's table, in order."""
    start = page.index('data-testid="object-table"')
    body = page[start : page.index("</tbody>", start)]
    rows = re.findall(r"<tr[^>]*>\s*<td[^>]*>(.*?)</td>", body, re.S)
    return [re.sub(r"<[^>]+>", "", row).strip() for row in rows if "<a " in row]


def test_close_case(client: Client, case: ReviewCase, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    url = f"/cases/{case.pk}/actions/close/"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "登记结案" in page and f'action="{url}"' in page
    assert _cell(page, "case-result") == "尚未审结"
    assert client.get(url).status_code == 200
    response = client.post(url, {"result": "", "closed_on": "2026-04-01"})
    assert response.status_code == 400 and "请选择结果" in response.content.decode()
    response = client.post(url, {"result": "upheld", "closed_on": "2026-04-01"})
    assert response.status_code == 400
    assert "结案日期不能早于立案日期" in response.content.decode()
    case.refresh_from_db()
    assert case.is_pending
    response = client.post(url, {"result": "upheld", "closed_on": "2026-07-01"})
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    case.refresh_from_db()
    assert case.result == "upheld" and case.closed_on == date(2026, 7, 1)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "登记结案" not in page and 'data-testid="case-close"' not in page
    assert _cell(page, "case-result") == "维持（2026-07-01）"
    assert 'data-action="cases.close"' in page and 'data-action="cases.record"' in page
    # A closed case cannot be closed again: the form sends back to the case, a POST is refused.
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    response = client.post(url, {"result": "corrected", "closed_on": "2026-07-02"})
    assert response.status_code == 400 and "已经审结" in response.content.decode()
    case.refresh_from_db()
    assert case.result == "upheld"
    assert [e.action for e in entries_for(case)] == ["cases.record", "cases.close"]


def test_case_list_filters(client: Client, case: ReviewCase, clerk_a: Any, dept_a: Any) -> None:
    other = record_case(
        dept_a,
        number="（2026）某行初字第 3 号",
        kind="litigation_direct",
        filed_on=date(2026, 6, 1),
        acting_user=clerk_a,
    )
    client.force_login(clerk_a)
    page = client.get("/cases/").content.decode()
    assert _listed(page) == [other.number, case.number]
    assert 'href="/cases/new/"' in page
    page = client.get("/cases/?kind=litigation_direct").content.decode()
    assert _listed(page) == [other.number]
    page = client.get("/cases/?state=closed").content.decode()
    assert _listed(page) == []
    close_case(case, "corrected", date(2026, 7, 1), acting_user=clerk_a)
    assert _listed(client.get("/cases/?state=closed").content.decode()) == [case.number]
    assert _listed(client.get("/cases/?state=pending").content.decode()) == [other.number]
    assert _listed(client.get("/cases/?q=初字").content.decode()) == [other.number]
    page = client.get("/cases/?filed_after=2026-05-07").content.decode()
    assert _listed(page) == [other.number]
    page = client.get("/cases/?state=nonsense").content.decode()
    assert _listed(page) == [] and "所选项不在可选范围内" in page


def test_other_body_gets_404_and_supervisor_reads_only(
    client: Client, case: ReviewCase, app: Any, clerk_b: Any, supervisor: Any
) -> None:
    client.force_login(clerk_b)
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert (
        client.post(
            f"/cases/{case.pk}/actions/close/", {"result": "upheld", "closed_on": "2026-07-01"}
        ).status_code
        == 404
    )
    assert case.number not in client.get("/cases/").content.decode()
    assert client.get(f"/cases/new/?application={app.pk}").status_code == 404

    client.force_login(supervisor)
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert case.number in page and "登记结案" not in page
    page = client.get("/cases/").content.decode()
    assert _listed(page) == [case.number] and 'href="/cases/new/"' not in page
    assert client.get(f"/cases/{case.pk}/actions/close/").status_code == 403
    assert (
        client.post(
            f"/cases/{case.pk}/actions/close/", {"result": "upheld", "closed_on": "2026-07-01"}
        ).status_code
        == 403
    )
    assert client.get("/cases/new/").status_code == 403
    assert client.get(f"/cases/new/?application={app.pk}").status_code == 403
    case.refresh_from_db()
    assert case.is_pending
    assert ReviewCase.objects.count() == 1


def test_case_csrf_is_enforced(case: ReviewCase, clerk_a: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(clerk_a)
    response = client.post(
        f"/cases/{case.pk}/actions/close/", {"result": "upheld", "closed_on": "2026-07-01"}
    )
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.is_pending
