"""The read replica (issue 15, :mod:`gongkai.kernel.replica`): which database each query of a
request reads. The suite's ``replica`` alias is a second connection to the test database
(``TEST: {"MIRROR": "default"}``, ``settings_test``); these tests install the router as
``DATABASE_REPLICA_URL`` does and count the queries on each connection. Transactional: the
replica connection sees only committed rows, as a real replica."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.db import connections, router, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gongkai.apps.orgs.models import Body
from gongkai.kernel.replica import PIN_COOKIE, REPLICA, ReplicaMiddleware, read_only
from gongkai.web import settings as project_settings

ROUTER = "gongkai.kernel.replica.ReplicaRouter"
PASSWORD = "supervisor-password-1"

routed = override_settings(DATABASE_ROUTERS=[ROUTER])


@dataclass(frozen=True)
class Served:
    status: int
    cookies: set[str]
    default: list[str]
    replica: list[str]


def serve(call: Callable[[], Any]) -> Served:
    """The response of ``call()`` and the SQL it sent to each database."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        response = call()
    return Served(
        response.status_code,
        {name for name, morsel in response.cookies.items() if morsel.value},
        [query["sql"] for query in primary.captured_queries],
        [query["sql"] for query in replica.captured_queries],
    )


@pytest.fixture
def county(transactional_db: Any) -> Body:
    from gongkai.apps.orgs.choices import BodyKind
    from gongkai.apps.orgs.services import create_body

    county = create_body("某某县人民政府", kind=BodyKind.COUNTY_GOVERNMENT)
    create_body("某某县教育局", parent=county)
    return county


@pytest.fixture
def supervisor(django_user_model: Any, county: Body) -> Any:
    from gongkai.apps.orgs.services import add_member

    user = django_user_model.objects.create_user("county", password=PASSWORD)
    add_member(user, county, "supervisor")
    return user


@pytest.fixture
def supervisor_client(supervisor: Any) -> Client:
    client = Client()
    client.force_login(supervisor)
    return client


def _read_pages(county: Body) -> list[str]:
    """Public pages and the open API's reads (anonymous)."""
    return [
        reverse("column:index"),
        reverse("catalog:public", args=[county.pk]),
        reverse("reports:published_index"),
        "/api/v1/bodies",
        reverse("sitemap"),
        reverse("column:feed", args=[county.pk]),
    ]


def _overview_pages(county: Body) -> list[str]:
    """The supervisor's overview and charts (signed in)."""
    return [
        reverse("reports:supervise", args=[county.pk]),
        reverse("charts:subtree", args=[county.pk]),
        reverse("charts:index"),
    ]


pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@routed
def test_public_pages_api_overview_and_charts_read_the_replica(
    county: Body, supervisor_client: Client
) -> None:
    anonymous = Client()
    for url in _read_pages(county):
        served = serve(lambda url=url: anonymous.get(url))
        assert served.status == 200, url
        assert served.default == [], (url, served.default)
        assert served.replica, url
        assert PIN_COOKIE not in served.cookies
    for url in _overview_pages(county):
        served = serve(lambda url=url: supervisor_client.get(url))
        assert served.status == 200, url
        # The session and the user too: nothing of the page reads the primary.
        assert served.default == [], (url, served.default)
        assert any("django_session" in sql for sql in served.replica), url
        assert PIN_COOKIE not in served.cookies
    head = serve(lambda: anonymous.head(reverse("column:index")))
    assert head.status == 200 and head.default == [] and head.replica


@routed
def test_staff_pages_and_writes_use_the_primary(county: Body, supervisor_client: Client) -> None:
    # A page not declared read-only (a form carrying a record's version could come from it).
    served = serve(lambda: supervisor_client.get(reverse("workbench")))
    assert served.status == 200
    assert served.replica == [] and served.default
    # A write through the open API's path: the primary, and the client is pinned.
    served = serve(
        lambda: Client().post("/api/v1/catalog/items", {}, content_type="application/json")
    )
    assert served.status == 401
    assert served.replica == []
    assert PIN_COOKIE in served.cookies


@routed
def test_the_client_who_wrote_reads_the_primary_for_a_few_seconds(
    county: Body, supervisor: Any
) -> None:
    client = Client()
    login = serve(
        lambda: client.post(reverse("login"), {"username": "county", "password": PASSWORD})
    )
    assert login.status == 302
    assert login.replica == [] and login.default
    assert PIN_COOKIE in login.cookies
    overview = reverse("reports:supervise", args=[county.pk])
    # Right after the redirect: the session just written is read where it was written.
    after = serve(lambda: client.get(overview))
    assert after.status == 200
    assert after.replica == [] and after.default
    public = serve(lambda: client.get(reverse("column:index")))
    assert public.replica == [] and public.default
    # Another visitor, at the same moment, reads the replica.
    assert serve(lambda: Client().get(reverse("column:index"))).replica
    # Once the pin has passed, this client reads the replica too.
    later = timezone.now() + timedelta(seconds=project_settings.GONGKAI_REPLICA_PIN_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        again = serve(lambda: client.get(overview))
    assert again.status == 200
    assert again.default == [] and again.replica


@routed
def test_a_transaction_or_a_write_keeps_the_rest_on_the_primary(county: Body) -> None:
    assert router.db_for_read(Body) == "default"  # no request: commands, workers
    with read_only():
        assert router.db_for_read(Body) == REPLICA
        assert list(Body.objects.values_list("name", flat=True).order_by("pk"))[0] == county.name
        with transaction.atomic():
            assert router.db_for_read(Body) == "default"  # an action decides on locked rows
        assert router.db_for_read(Body) == REPLICA
        assert router.db_for_write(Body) == "default"
        assert router.db_for_read(Body) == "default"  # the request wrote: it reads its write
    assert router.db_for_read(Body) == "default"
    # Migrations run on the primary only.
    assert router.allow_migrate("default", "orgs", model_name="body")
    assert not router.allow_migrate(REPLICA, "orgs", model_name="body")
    # A row read from the replica relates to one of the primary (the same database).
    with read_only():
        read = Body.objects.get(pk=county.pk)
    assert read._state.db == REPLICA
    assert router.allow_relation(read, Body.objects.get(pk=county.pk))


@routed
def test_a_get_that_writes_pins_the_client(county: Body) -> None:
    """A GET may write (a job started by the PDF page, a session saved): the rest of the
    request reads the primary and the client is pinned, read-only page or not."""
    seen: list[str] = []

    def page(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Body))
        Body.objects.filter(pk=county.pk).update(name="某某县人民政府（改）")
        seen.append(router.db_for_read(Body))
        return HttpResponse()

    def reading(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Body))
        return HttpResponse()

    requests = RequestFactory()
    public, staff = reverse("column:index"), reverse("workbench")
    assert PIN_COOKIE in ReplicaMiddleware(page)(requests.get(public)).cookies
    assert seen == [REPLICA, "default"]
    assert PIN_COOKIE in ReplicaMiddleware(page)(requests.get(staff)).cookies
    assert seen[2:] == ["default", "default"]
    assert PIN_COOKIE not in ReplicaMiddleware(reading)(requests.get(public)).cookies
    assert PIN_COOKIE not in ReplicaMiddleware(reading)(requests.get(staff)).cookies
    assert seen[4:] == [REPLICA, "default"]


def test_without_a_replica_nothing_changes(county: Body, supervisor: Any) -> None:
    assert router.routers == []
    anonymous = Client()
    for url in _read_pages(county):
        served = serve(lambda url=url: anonymous.get(url))
        assert served.status == 200, url
        assert served.replica == [] and served.default, url
    client = Client()
    login = serve(
        lambda: client.post(reverse("login"), {"username": "county", "password": PASSWORD})
    )
    assert login.status == 302 and login.replica == []
    assert PIN_COOKIE not in login.cookies
    served = serve(lambda: client.get(reverse("reports:supervise", args=[county.pk])))
    assert served.status == 200 and served.replica == [] and served.default
    assert PIN_COOKIE not in served.cookies


# ---------------------------------------------------------------------------------------------
# DATABASE_REPLICA_URL
# ---------------------------------------------------------------------------------------------


PRIMARY = {"ENGINE": "django.db.backends.postgresql", "NAME": "gongkai", "CONN_MAX_AGE": 60}


@pytest.mark.django_db(databases=[])
def test_replica_url_gives_a_mirror_of_the_primary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    assert project_settings.replica_config(PRIMARY) is None
    monkeypatch.setenv(
        "DATABASE_REPLICA_URL", "postgres://reader:pw@replica.example.org:5432/gongkai"
    )
    config = project_settings.replica_config(PRIMARY)
    assert config is not None
    assert (config["ENGINE"], config["HOST"], config["NAME"]) == (
        "django.db.backends.postgresql",
        "replica.example.org",
        "gongkai",
    )
    assert config["TEST"] == {"MIRROR": "default"}


@pytest.mark.django_db(databases=[])
def test_replica_url_needs_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://reader@replica/gongkai")
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": "x.sqlite3"}
    with pytest.raises(ImproperlyConfigured, match="只能与 PostgreSQL 主库一起使用"):
        project_settings.replica_config(sqlite)
    monkeypatch.setenv("DATABASE_REPLICA_URL", "sqlite:///replica.sqlite3")
    with pytest.raises(ImproperlyConfigured, match="必须是 postgres"):
        project_settings.replica_config(PRIMARY)
