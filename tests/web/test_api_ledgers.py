"""The ledger imports of the API (``POST /api/v1/ledgers/{kind}``, issue 13 Build 3): each kind
through the page's own importer as the token's creator, every error status with its Chinese
JSON (validated against the schema the OpenAPI document declares), nothing half-written, the
token named in the audit trail; and the bounded count of the paginated answers."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

import jsonschema
import pytest
import test_ledgers_import as generated
from django.db import connection, connections, transaction
from django.test import Client

from gongkai.apps.api.actions import create_token, revoke_token
from gongkai.apps.applications.models import Application
from gongkai.apps.cases.models import ReviewCase
from gongkai.apps.catalog import actions as catalog
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.models import Body, Membership
from gongkai.apps.orgs.services import add_member
from gongkai.apps.orgs.validators import credit_code_check_char
from gongkai.apps.stats.models import Decision
from gongkai.domain.ledgers.catalog import CATALOG_COLUMNS
from gongkai.domain.ledgers.table_io import write_csv
from gongkai.kernel.audit import entries_for, trail
from gongkai.kernel.tables import COUNT_LIMIT, count_up_to

URL = "/api/v1/ledgers/{kind}"
DECISION_HEADERS = ("类别", "事项名称", "决定日期", "数量")


def _credit_code(serial: str) -> str:
    first17 = "11341100" + serial.rjust(9, "0")
    return first17 + credit_code_check_char(first17)


@pytest.fixture
def coded(dept_a: Body, dept_b: Body) -> dict[str, Body]:
    for n, body in enumerate((dept_a, dept_b), start=1):
        Body.objects.filter(pk=body.pk).update(credit_code=_credit_code(str(n)))
        body.refresh_from_db()
    return {"a": dept_a, "b": dept_b}


@pytest.fixture
def admin_a(django_user_model: Any, dept_a: Body) -> Any:
    user = django_user_model.objects.create_user("admin_a", password="admin-a-password-1")
    add_member(user, dept_a, "admin")
    return user


@pytest.fixture
def secret(coded: dict[str, Body], admin_a: Any) -> str:
    return create_token(coded["a"], name="公文系统", acting_user=admin_a)[1]


def _upload(
    client: Client,
    kind: str,
    data: bytes | None,
    filename: str,
    *,
    token: str | None,
    body: Body | None,
    **fields: str,
) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    form: dict[str, Any] = dict(fields)
    if body is not None:
        form["body"] = body.credit_code
    if data is not None:
        form["file"] = SimpleUploadedFile(filename, data)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL.format(kind=kind), form, **headers)


def _declared(client: Client, response: Any) -> None:
    """``response`` is JSON valid against the schema the document declares for its status."""
    doc = client.get("/api/v1/openapi.json").json()
    declared = doc["paths"]["/api/v1/ledgers/{kind}"]["post"]["responses"]
    assert str(response.status_code) in declared, response.status_code
    schema = declared[str(response.status_code)]["content"]["application/json"]["schema"]
    jsonschema.Draft202012Validator({**schema, "components": doc["components"]}).validate(
        response.json()
    )
    if response.status_code != 200:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in response.json()["message"])


def _catalog_csv(code: str, *titles: str) -> bytes:
    rows: list[dict[str, object]] = [
        {
            "索引号": None,
            "标题": title,
            "文号": f"某教〔2025〕{n}号",
            "信息类别": "行政规范性文件",
            "成文日期": "2025-02-10",
            "发布日期": "2025-02-12",
            "废止日期": None,
            "公开属性": "主动公开",
            "公开渠道": "政府网站",
        }
        for n, title in enumerate(titles, start=1)
    ]
    return write_csv(CATALOG_COLUMNS, rows)


def _decisions(count: int = 5) -> bytes:
    first = date(2025, 3, 1)
    rows = [
        {
            "类别": "行政许可",
            "事项名称": f"许可事项{i}",
            "决定日期": first + timedelta(days=i),
            "数量": 2,
        }
        for i in range(count)
    ]
    return write_csv(DECISION_HEADERS, rows)


# -- each kind ----------------------------------------------------------------------------------


def test_the_document_declares_the_ledger_import(client: Client, db: Any) -> None:
    doc = client.get("/api/v1/openapi.json").json()
    post = doc["paths"]["/api/v1/ledgers/{kind}"]["post"]
    assert set(post["responses"]) == {"200", "400", "401", "403", "404", "409", "413", "422"}
    form = post["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert {"file", "body"} <= set(form["required"])


def test_each_kind_is_imported_by_the_pages_importer_as_the_tokens_creator(
    client: Client, coded: dict[str, Body], admin_a: Any, secret: str
) -> None:
    a = coded["a"]
    apps = generated.generate(12, seed=3)
    answer = _upload(
        client,
        "applications",
        generated.ledger_bytes(apps, "csv"),
        "申请台账.csv",
        token=secret,
        body=a,
    )
    assert answer.status_code == 200, answer.content
    _declared(client, answer)
    assert answer.json()["created"] == 12 == Application.objects.filter(body=a).count()
    assert answer.json()["summary"].startswith("“申请台账.csv”共 12 行：新增 12 条")

    cases = generated.generate_cases(apps, seed=9)
    answer = _upload(
        client, "cases", generated.case_bytes(cases), "复议.xlsx", token=secret, body=a
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["created"] == len(cases) == ReviewCase.objects.filter(body=a).count()

    answer = _upload(
        client, "catalog", _catalog_csv(a.credit_code, "甲通知", "乙通知"), "目录.csv",
        token=secret, body=a,
    )  # fmt: skip
    assert answer.status_code == 200, answer.content
    assert (answer.json()["created"], answer.json()["generated"]) == (2, 2)
    item = CatalogItem.objects.get(body=a, title="甲通知")
    assert item.index_number.startswith(a.credit_code)

    answer = _upload(
        client, "matters", _decisions(), "处理决定.csv", token=secret, body=a, sheet="decisions"
    )
    assert answer.status_code == 200, answer.content
    assert (answer.json()["kind"], answer.json()["created"]) == ("decisions", 5)
    # Without sheet the §4 ledger is recognised from its header, as on the page: the same file
    # again changes nothing.
    again = _upload(client, "matters", _decisions(), "处理决定.csv", token=secret, body=a)
    assert (again.status_code, again.json()["unchanged"]) == (200, 5)
    assert Decision.objects.filter(body=a).count() == 5


def test_the_audit_trail_names_the_token(
    client: Client, coded: dict[str, Body], admin_a: Any, secret: str
) -> None:
    a = coded["a"]
    _upload(client, "catalog", _catalog_csv(a.credit_code, "甲通知"), "目录.csv",
            token=secret, body=a)  # fmt: skip
    item = CatalogItem.objects.get(title="甲通知")
    [entry] = entries_for(item)
    assert entry.user == admin_a and entry.data["via"] == "接口令牌“公文系统”"
    assert trail(item)[0].via == "接口令牌“公文系统”"
    # The single registration (POST /catalog/items) names it too; the pages' writes do not.
    created = client.post(
        "/api/v1/catalog/items",
        {"body": a.credit_code, "title": "乙通知", "made_on": "2026-11-30"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert created.status_code == 201, created.content
    [entry] = entries_for(CatalogItem.objects.get(title="乙通知"))
    assert (entry.user, entry.data["via"]) == (admin_a, "接口令牌“公文系统”")
    by_page = catalog.create_item(a, title="丙通知", made_on=date(2026, 1, 2), acting_user=admin_a)
    assert "via" not in entries_for(by_page).get().data
    # The item's page shows who, and through what.
    client.force_login(admin_a)
    page = client.get(f"/catalog/{item.pk}/")
    assert page.status_code == 200
    assert "通过接口令牌“公文系统”" in page.content.decode()


# -- errors -------------------------------------------------------------------------------------


def test_a_ledger_with_errors_is_400_with_every_row_and_column_and_writes_nothing(
    client: Client, coded: dict[str, Body], secret: str
) -> None:
    a = coded["a"]
    apps = generated.generate(12, seed=3)
    rows = [g.ledger_row(i) for i, g in enumerate(apps)]
    rows[4]["收到申请日期"] = "2025-13-45"
    data = write_csv(generated.APP_HEADERS, rows)
    answer = _upload(client, "applications", data, "坏台账.csv", token=secret, body=a)
    assert answer.status_code == 400, answer.content
    _declared(client, answer)
    body = answer.json()
    assert body["message"].startswith("台账有 1 处错误，未导入任何记录")
    [row] = body["rows"]
    assert (row["row"], row["column"]) == (6, "收到申请日期")
    assert body["errors"]["file"][0].startswith("第 6 行，“收到申请日期”列：")
    assert not Application.objects.exists()

    unreadable = _upload(client, "catalog", b"\x00\x01not a sheet", "x.xlsx", token=secret, body=a)
    assert unreadable.status_code == 400
    _declared(client, unreadable)
    assert unreadable.json()["errors"]["file"] and not CatalogItem.objects.exists()


def test_tokens_revoked_missing_or_unknown_are_401(
    client: Client, coded: dict[str, Body], admin_a: Any
) -> None:
    token, secret = create_token(coded["a"], name="公文系统", acting_user=admin_a)
    revoke_token(token, acting_user=admin_a)
    for auth in (secret, None, "gk_not-a-token"):
        answer = _upload(client, "matters", _decisions(), "d.csv", token=auth, body=coded["a"])
        assert answer.status_code == 401, auth
        assert answer["WWW-Authenticate"] == "Bearer"
        _declared(client, answer)
    assert not Decision.objects.exists()


def test_another_body_or_a_lost_role_is_403(
    client: Client, coded: dict[str, Body], admin_a: Any, secret: str
) -> None:
    other = _upload(client, "matters", _decisions(), "d.csv", token=secret, body=coded["b"])
    assert other.status_code == 403
    _declared(client, other)
    assert other.json()["message"] == "这个令牌属于“某某县教育局”，不能为“某某县财政局”导入台账。"
    Membership.objects.filter(user=admin_a).delete()
    lost = _upload(client, "matters", _decisions(), "d.csv", token=secret, body=coded["a"])
    assert lost.status_code == 403
    assert lost.json()["message"] == "您没有导入“某某县教育局”台账的权限。"
    assert not Decision.objects.exists()


def test_unknown_kind_or_body_is_404(client: Client, coded: dict[str, Body], secret: str) -> None:
    kind = _upload(client, "stats", _decisions(), "d.csv", token=secret, body=coded["a"])
    assert kind.status_code == 404
    _declared(client, kind)
    assert kind.json()["message"] == (
        "没有“stats”这种台账；可导入：applications、cases、catalog、matters。"
    )
    nobody = client.post(
        URL.format(kind="matters"),
        {"body": "NOSUCHBODY", "file": _file("d.csv", _decisions())},
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert nobody.status_code == 404 and "NOSUCHBODY" in nobody.json()["message"]


def _file(name: str, data: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_bad_parameters_are_422(client: Client, coded: dict[str, Body], secret: str) -> None:
    a = coded["a"]
    cases = {
        "file": _upload(client, "matters", None, "", token=secret, body=a),
        "body": _upload(client, "matters", _decisions(), "d.csv", token=secret, body=None),
        "sheet": _upload(
            client, "matters", _decisions(), "d.csv", token=secret, body=a, sheet="nonsense"
        ),
    }
    for field, answer in cases.items():
        assert answer.status_code == 422, (field, answer.content)
        _declared(client, answer)
        assert field in answer.json()["errors"], answer.json()
    wrong_kind = _upload(
        client, "catalog", _catalog_csv(a.credit_code, "甲"), "c.csv",
        token=secret, body=a, sheet="decisions",
    )  # fmt: skip
    assert wrong_kind.status_code == 422 and "sheet" in wrong_kind.json()["errors"]
    assert not Decision.objects.exists() and not CatalogItem.objects.exists()


def test_a_file_over_the_pages_limit_is_413(
    client: Client, coded: dict[str, Body], secret: str, settings: Any
) -> None:
    data = _decisions(40)
    settings.GONGKAI_MAX_UPLOAD_BYTES = len(data) - 1
    answer = _upload(client, "matters", data, "大.csv", token=secret, body=coded["a"])
    assert answer.status_code == 413
    _declared(client, answer)
    assert answer.json()["message"].startswith("文件“大.csv”有 ")
    assert "超过上限" in answer.json()["message"]
    # A request body over the whole request limit is refused before it is read.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    settings.GONGKAI_MAX_UPLOAD_BYTES = 10
    whole = _upload(client, "matters", data, "大.csv", token=secret, body=coded["a"])
    assert whole.status_code == 413
    assert whole.json()["message"].startswith("上传的文件超过上限")
    assert not Decision.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_import_meeting_another_write_is_409_and_writes_nothing(
    client: Client, coded: dict[str, Body], secret: str
) -> None:
    """Another transaction holds the body's row (a page's write, an import from the command
    line): past the database's lock timeout the import is refused with 409, nothing written —
    the page's "其他人正在修改这些记录" case."""
    if connection.vendor != "postgresql":
        pytest.skip("the SQLite test database is in memory (see test_ledger_concurrency.py)")
    a = coded["a"]
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                Body.objects.select_for_update().filter(pk=a.pk).get()
                holding.set()
                release.wait(30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        answer = _upload(client, "matters", _decisions(), "d.csv", token=secret, body=a)
    finally:
        release.set()
        thread.join(30)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert answer.status_code == 409, answer.content
    _declared(client, answer)
    assert answer.json()["message"].startswith("其他人正在修改这些记录，本次未导入任何记录")
    assert not Decision.objects.exists()
    later = _upload(client, "matters", _decisions(), "d.csv", token=secret, body=a)
    assert later.status_code == 200 and Decision.objects.filter(body=a).count() == 5


# -- the bounded count ---------------------------------------------------------------------------


def test_pages_count_up_to_the_limit_and_say_when_capped(
    client: Client, coded: dict[str, Body]
) -> None:
    a = coded["a"]
    answer = client.get("/api/v1/catalog").json()
    assert (answer["count"], answer["count_capped"]) == (0, False)
    made, published = date(2024, 3, 2), date(2024, 3, 4)
    CatalogItem.objects.bulk_create(
        CatalogItem(
            body=a,
            index_number=f"T-{n:06d}",
            title=f"第{n}号",
            made_on=made,
            published_on=published,
            channels="政府网站",
        )  # fmt: skip
        for n in range(COUNT_LIMIT + 1)
    )
    assert count_up_to(CatalogItem.objects.all()) == COUNT_LIMIT + 1
    answer = client.get("/api/v1/catalog?page_size=2&page=3").json()
    assert (answer["count"], answer["count_capped"]) == (COUNT_LIMIT, True)
    assert len(answer["items"]) == 2
    CatalogItem.objects.filter(index_number="T-000000").delete()
    answer = client.get(f"/api/v1/catalog?body={a.credit_code}").json()
    assert (answer["count"], answer["count_capped"]) == (COUNT_LIMIT, False)
    doc = client.get("/api/v1/openapi.json").json()
    paged = doc["components"]["schemas"]["PagedItemOut"]
    assert set(paged["required"]) == {"items", "count", "count_capped"}
