"""The open API /api/v1/ (issue 13): its OpenAPI document, every public endpoint against its
declared schema, the published report against report.schema.json, and the token rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from django.test import Client
from openapi_spec_validator import validate as validate_openapi

from gongkai.apps.api.actions import create_token, revoke_token
from gongkai.apps.api.models import ApiToken
from gongkai.apps.catalog import actions as catalog
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.models import Body
from gongkai.apps.orgs.validators import credit_code_check_char
from gongkai.apps.reports import actions as reports
from gongkai.apps.reports import annual
from gongkai.apps.reports.models import AnnualReport
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import ActionPermissionError

YEAR = 2024
REPORT_SCHEMA = Path(annual.__file__).parents[2] / "domain" / "report" / "report.schema.json"


def _credit_code(serial: str) -> str:
    first17 = "11341100" + serial.rjust(9, "0")
    return first17 + credit_code_check_char(first17)


@pytest.fixture
def world(county: Body, dept_a: Body, dept_b: Body, clerk_a: Any, reviewer_a: Any) -> Any:
    """Coded bodies; 教育局 with a published 主动公开 item, an unpublished one, a 依申请公开 one
    and a published report; 财政局 with a published item."""
    for n, body in enumerate((county, dept_a, dept_b), start=1):
        Body.objects.filter(pk=body.pk).update(credit_code=_credit_code(str(n)))
        body.refresh_from_db()

    def item(body: Body, title: str, *, publish: bool, **fields: Any) -> CatalogItem:
        made = catalog.create_item(
            body, title=title, made_on=date(YEAR, 3, 2), acting_user=None, **fields
        )
        if publish:
            catalog.review_secrecy(made, "approved", date(YEAR, 3, 3), acting_user=None)
            made.refresh_from_db()
            catalog.publish_item(made, date(YEAR, 3, 4), ["政府网站"], acting_user=None)
        return made

    item(dept_a, "关于2024年义务教育招生工作的通知", publish=True, doc_number="某教〔2024〕3号")
    item(dept_a, "尚未发布的草稿", publish=False)
    item(
        dept_a,
        "依申请公开的内部文件",
        publish=False,
        disclosure="依申请公开",
        disclosure_reason="内部管理信息",
    )
    item(dept_b, "财政预算公开说明", publish=True)
    report = reports.open_report(dept_a, YEAR, acting_user=clerk_a)
    AnnualReport.objects.filter(pk=report.pk).update(
        status="published",
        snapshot={"report": annual.build_annual_report(dept_a, YEAR).report.to_dict()},
    )
    return {"county": county, "a": dept_a, "b": dept_b}


@pytest.fixture
def admin_a(django_user_model: Any, dept_a: Body) -> Any:
    from gongkai.apps.orgs.services import add_member

    user = django_user_model.objects.create_user("admin_a", password="admin-a-password-1")
    add_member(user, dept_a, "admin")
    return user


def _doc(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_openapi_document_validates(client: Client, db: Any) -> None:
    doc = _doc(client)
    validate_openapi(doc)
    assert set(doc["paths"]) == {
        "/api/v1/bodies",
        "/api/v1/bodies/{code}/reports/{year}",
        "/api/v1/catalog",
        "/api/v1/catalog/items",
        "/api/v1/ledgers/{kind}",
        "/api/v1/search",
    }


def test_docs_page_loads_its_assets_from_the_site_not_a_cdn(client: Client, db: Any) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "http://" not in html and "https://" not in html


def test_every_public_endpoint_answers_as_its_declared_schema(client: Client, world: Any) -> None:
    doc = _doc(client)
    a = world["a"]
    calls = {
        "/api/v1/bodies": ["/api/v1/bodies", "/api/v1/bodies?page=2"],
        "/api/v1/bodies/{code}/reports/{year}": [
            f"/api/v1/bodies/{a.credit_code}/reports/{YEAR}",
            f"/api/v1/bodies/{a.credit_code}/reports/{YEAR - 1}",  # 404
            f"/api/v1/bodies/NOSUCHBODY/reports/{YEAR}",  # 404
        ],
        "/api/v1/catalog": [
            "/api/v1/catalog",
            f"/api/v1/catalog?body={a.credit_code}&year={YEAR}&q=招生&page=1",
            "/api/v1/catalog?year=abc",  # 422
            "/api/v1/catalog?page=0",  # 422
        ],
        "/api/v1/search": [
            "/api/v1/search?q=招生",
            "/api/v1/search?q=教&category=other&validity=valid&year=2024&page_size=1",
            f"/api/v1/search?q=通知&body={a.credit_code}",
            "/api/v1/search?q=",  # 422
            "/api/v1/search?q=x&category=unknown",  # 422
            "/api/v1/search?q=x&body=NOSUCHBODY",  # 404
        ],
    }
    public = {path for path, item in doc["paths"].items() if "get" in item}
    assert public == set(calls)
    seen: set[int] = set()
    for path, urls in calls.items():
        declared = doc["paths"][path]["get"]["responses"]
        for url in urls:
            response = client.get(url)
            assert str(response.status_code) in declared, (url, response.status_code)
            seen.add(response.status_code)
            schema = declared[str(response.status_code)]["content"]["application/json"]["schema"]
            jsonschema.Draft202012Validator({**schema, "components": doc["components"]}).validate(
                response.json()
            )
    assert seen == {200, 404, 422}


def test_the_report_validates_against_the_report_schema(client: Client, world: Any) -> None:
    response = client.get(f"/api/v1/bodies/{world['a'].credit_code}/reports/{YEAR}")
    assert response.status_code == 200
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(response.json(), schema)
    assert (
        response.json() == AnnualReport.objects.get(body=world["a"], year=YEAR).snapshot["report"]
    )
    missing = client.get(f"/api/v1/bodies/{world['b'].credit_code}/reports/{YEAR}")
    assert missing.status_code == 404
    assert missing.json()["message"] == f"“{world['b'].name}”{YEAR}年度的报告尚未公布。"


def test_the_catalog_lists_only_published_proactive_items(client: Client, world: Any) -> None:
    everything = client.get("/api/v1/catalog").json()
    assert sorted(i["title"] for i in everything["items"]) == [
        "关于2024年义务教育招生工作的通知",
        "财政预算公开说明",
    ]
    assert everything["count"] == 2
    a_only = client.get(f"/api/v1/catalog?body={world['a'].credit_code}").json()
    assert [i["title"] for i in a_only["items"]] == ["关于2024年义务教育招生工作的通知"]
    row = a_only["items"][0]
    assert row["doc_number"] == "某教〔2024〕3号"
    assert row["body_code"] == world["a"].credit_code
    assert row["channels"] == ["政府网站"]
    assert row["url"].startswith("http://testserver/catalog/public/items/")
    assert client.get("/api/v1/catalog?q=文号不存在").json()["count"] == 0
    assert client.get(f"/api/v1/catalog?year={YEAR + 1}").json()["count"] == 0


def test_bodies_list_codes_and_parents(client: Client, world: Any) -> None:
    rows = {b["name"]: b for b in client.get("/api/v1/bodies").json()["items"]}
    assert rows["某某县教育局"]["code"] == world["a"].credit_code
    assert rows["某某县教育局"]["parent_code"] == world["county"].credit_code
    assert rows["某某县人民政府"]["parent_code"] is None


def _post(client: Client, token: str | None, **payload: Any) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(
        "/api/v1/catalog/items", json.dumps(payload), content_type="application/json", **headers
    )


def _payload(body: Body, **extra: Any) -> dict[str, Any]:
    return {
        "body": body.credit_code,
        "title": "关于印发某某办法的通知",
        "made_on": "2026-11-30",
    } | extra


def test_a_token_registers_an_item_through_the_catalog_action(
    client: Client, world: Any, admin_a: Any
) -> None:
    token, secret = create_token(world["a"], name="公文系统", acting_user=admin_a)
    assert (
        ApiToken.objects.get().key_hash != secret and secret not in ApiToken.objects.get().key_hash
    )
    response = _post(client, secret, **_payload(world["a"], doc_number="某教〔2026〕9号"))
    assert response.status_code == 201, response.content
    item = CatalogItem.objects.get(doc_number="某教〔2026〕9号")
    assert item.body == world["a"] and item.published_on is None
    assert response.json()["index_number"] == item.index_number
    [entry] = entries_for(item)
    assert (entry.action, entry.user) == ("catalog.create", admin_a)
    token.refresh_from_db()
    assert token.last_used_at is not None
    # Refused input: nothing stored, a Chinese message naming the field.
    bad = _post(client, secret, **_payload(world["a"], disclosure="依申请公开"))
    assert bad.status_code == 400
    assert "disclosure_reason" in bad.json()["errors"]
    assert CatalogItem.objects.filter(body=world["a"]).count() == 4


def test_a_token_cannot_write_to_another_body(client: Client, world: Any, admin_a: Any) -> None:
    _, secret = create_token(world["a"], name="公文系统", acting_user=admin_a)
    response = _post(client, secret, **_payload(world["b"]))
    assert response.status_code == 403
    assert (
        response.json()["message"] == "这个令牌属于“某某县教育局”，不能为“某某县财政局”登记信息。"
    )
    assert not CatalogItem.objects.filter(body=world["b"], title="关于印发某某办法的通知").exists()


def test_revoked_unknown_and_missing_tokens_are_401(
    client: Client, world: Any, admin_a: Any
) -> None:
    token, secret = create_token(world["a"], name="公文系统", acting_user=admin_a)
    revoke_token(token, acting_user=admin_a)
    for auth in (secret, None, "gk_not-a-token", "abc"):
        response = _post(client, auth, **_payload(world["a"]))
        assert response.status_code == 401, auth
        assert response.json()["message"].startswith("需要有效的接口令牌")
    assert not CatalogItem.objects.filter(title="关于印发某某办法的通知").exists()


def test_only_the_bodys_admin_creates_and_revokes_tokens(
    world: Any, admin_a: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    for user in (clerk_a, reviewer_a):
        with pytest.raises(ActionPermissionError):
            create_token(world["a"], name="公文系统", acting_user=user)
    token, _ = create_token(world["a"], name="公文系统", acting_user=admin_a)
    with pytest.raises(ActionPermissionError):
        revoke_token(token, acting_user=clerk_a)
    with pytest.raises(ActionPermissionError):
        create_token(world["b"], name="公文系统", acting_user=admin_a)
    revoke_token(token, acting_user=admin_a)
    assert [e.action for e in entries_for(token)] == ["api.create_token", "api.revoke_token"]


ODD = ["", "0", "-1", "²", "٢٠٢٤", "1e3", "9" * 30, "\x00", "%00", "abc", "2024.0", " 2024"]


def test_odd_parameters_answer_json_never_500(client: Client, world: Any) -> None:
    code = world["a"].credit_code
    for odd in ODD:
        for url in (
            f"/api/v1/bodies?page={odd}",
            f"/api/v1/bodies?page_size={odd}",
            f"/api/v1/catalog?page={odd}&year={odd}&q={odd}&body={odd}",
            f"/api/v1/bodies/{code}/reports/{odd}",
            f"/api/v1/bodies/{odd or 'x'}/reports/{YEAR}",
            f"/api/v1/search?q={odd}&year={odd}&body={odd}&category={odd}&page={odd}",
        ):
            response = client.get(url)
            assert response.status_code in {200, 404, 422}, (url, response.status_code)
            assert response["Content-Type"] == "application/json; charset=utf-8", url
            if response.status_code != 200:
                assert response.json()["message"], url


def test_the_admin_creates_a_token_on_the_page_sees_it_once_and_revokes_it(
    client: Client, world: Any, admin_a: Any
) -> None:
    from django.urls import reverse
    from lxml import html

    client.force_login(admin_a)
    answer = client.post(
        reverse("api_tokens:create", args=[world["a"].pk, "create"]), {"name": "公文系统"}
    )
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    [secret] = html.fromstring(answer.content).xpath('//code[@data-testid="api-token"]/text()')
    token = ApiToken.objects.get(body=world["a"], name="公文系统")
    listing = client.get(reverse("api_tokens:body", args=[world["a"].pk])).content.decode()
    assert "公文系统" in listing and secret not in listing
    client.logout()
    assert _post(client, secret, **_payload(world["a"])).status_code == 201
    client.force_login(admin_a)
    revoked = client.post(reverse("api_tokens:revoke", args=[token.pk, "revoke"]), {})
    assert revoked.status_code == 302
    client.logout()
    assert _post(client, secret, **_payload(world["a"], title="另一份文件")).status_code == 401


def test_a_body_is_found_by_its_credit_code_else_its_unshared_org_code(world: Any) -> None:
    from gongkai.apps.orgs.services import create_body

    archive = create_body("某某县档案馆", code="D2143569X", parent=world["county"])
    assert Body.objects.by_code(world["a"].credit_code.lower()) == world["a"]
    assert Body.objects.by_code("D2143569X") == archive
    Body.objects.filter(pk=world["b"].pk).update(credit_code="", org_code="D2143569X")
    assert Body.objects.by_code("D2143569X") is None  # shared: addresses neither
    assert Body.objects.by_code("D2143569\x00") is None


def test_search_finds_public_items_only_across_bodies(client: Client, world: Any) -> None:
    found = client.get("/api/v1/search?q=财政").json()
    assert [i["title"] for i in found["items"]] == ["财政预算公开说明"]  # by the body's name
    short = client.get("/api/v1/search?q=文件").json()  # 依申请公开的内部文件 is not public
    assert short["count"] == 0
    two = client.get("/api/v1/search?q=说明").json()
    assert [i["body_name"] for i in two["items"]] == ["某某县财政局"]
    assert client.get("/api/v1/search?q=草稿").json()["count"] == 0
