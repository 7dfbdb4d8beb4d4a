"""Generic view tests, in the manner of NetBox's ``ViewTestCases``: every view of every app is
declared once as a :class:`Page` in a subclass of :class:`ViewTestCases`, and inherits the
checks every view must pass:

- an anonymous visitor is sent to the login view (a public view answers 200);
- a clerk of another body gets 404 for a record of this body (a list does not show it);
- a 上级 (supervisor of the county) reads and changes nothing: a write is refused (403/404);
- a valid change by the body's own staff is saved and writes its audit entry;
- a list costs the same number of queries for 3 rows as for 9 (no query per row);
- odd query parameters (``?page=²``, ``?per_page=-1``, ``?q=%00``, huge numbers, random
  text; a property test with hypothesis) never make a page answer 500.

``test_every_url_is_covered`` (in ``test_view_cases.py``) enumerates the URL patterns and
fails on a view no subclass declares.

A subclass provides the ``world`` fixture: the bodies and people of :class:`World` (from the
shared fixtures) plus the records its pages need, in ``world.objs``; and, for a list, a
``more_rows(world, n)`` method making ``n`` more rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

import pytest
import time_machine
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.kernel.models import AuditEntry

__all__ = [
    "DETAIL",
    "DOWNLOAD",
    "LIST",
    "PAGE",
    "PUBLIC",
    "WRITE",
    "Page",
    "ViewTestCases",
    "World",
]

#: A view that lists many records of the user's bodies (a table).
LIST = "list"
#: One record (404 for another body's).
DETAIL = "detail"
#: A form that changes something: GET shows it, POST does it.
WRITE = "write"
#: A file of one body's records (404 for another body's).
DOWNLOAD = "download"
#: A view of the signed-in user's own work that names no record (工作台, an index).
PAGE = "page"
#: A view for everyone, no login.
PUBLIC = "public"


@dataclass
class World:
    """Who and what the checks use: 教育局 (dept_a) with its 经办人 and 审核人, 财政局 (dept_b)
    with its 经办人, the county's 上级, and the records a test class made (``objs``)."""

    county: Any
    dept_a: Any
    dept_b: Any
    clerk_a: Any
    reviewer_a: Any
    clerk_b: Any
    supervisor: Any
    objs: dict[str, Any] = field(default_factory=dict)


Args = Callable[[World], dict[str, Any]]


def _no_args(world: World) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Page:
    """One URL name and what its checks need.

    ``args``: the URL's keyword arguments from the world; ``post``: valid POST data (a
    ``WRITE`` view); ``audit``: the audit action that POST writes; ``marker``: a text that
    shows the world's record on a ``LIST`` page; ``actor``: who makes the valid change
    (``clerk_a`` or, for an approval, ``reviewer_a``); ``supervisor_reads``: whether a 上级
    may open it (pages that show personal data to the handling staff only do not).
    """

    name: str
    kind: str
    args: Args = _no_args
    post: Callable[[World], dict[str, Any]] | None = None
    audit: str | None = None
    marker: Callable[[World], str] | None = None
    actor: str = "clerk_a"
    supervisor_reads: bool = True
    #: What a 上级's GET of a ``WRITE`` page answers (a ledger view shows its exports: 200).
    supervisor_get: tuple[int, ...] = (403, 404)
    #: Whether the URL names a record of 教育局 (default: it has arguments); a template
    #: download or a registration form is about the user's own bodies.
    about_a_record: bool | None = None
    #: What an anonymous GET of a ``PUBLIC`` page answers (200; a redirect for some).
    anonymous_status: int = 200
    #: What the valid change of a ``WRITE`` page answers: a redirect, or 200 for an answer
    #: shown once and never stored (a new API token).
    success_status: int = 302
    #: Query strings added to the URL (a download's year and format).
    query: str = ""

    def url(self, world: World) -> str:
        url = reverse(self.name, kwargs=self.args(world))
        return f"{url}?{self.query}" if self.query else url

    @property
    def names_a_record(self) -> bool:
        """Whether the URL names a record of 教育局 (else the page is about the user's own
        bodies: a registration form, a template download)."""
        if self.about_a_record is not None:
            return self.about_a_record
        return self.args is not _no_args

    @property
    def id(self) -> str:
        return f"{self.name}?{self.query}" if self.query else self.name


def _client_for(user: Any | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


class ViewTestCases:
    """The generic checks; a subclass declares ``pages`` and the ``world`` fixture.

    Every check runs on a frozen day (``today``, a Monday by default), so that dates made by a
    world (received three days ago …) read the same on any day the suite runs.
    """

    pages: ClassVar[tuple[Page, ...]] = ()
    today: ClassVar[date] = date(2026, 6, 15)

    @pytest.fixture(autouse=True)
    def frozen_today(self) -> Iterator[date]:
        with time_machine.travel(self.today, tick=False):
            yield self.today

    def more_rows(self, world: World, n: int) -> None:
        """Make ``n`` more rows for the class's ``LIST`` pages (the query-count check)."""
        raise NotImplementedError

    @classmethod
    def covered_names(cls) -> set[str]:
        return {view.name for view in cls.pages}

    # -- the checks --------------------------------------------------------------------------

    def test_anonymous_is_sent_to_login(self, view: Page, world: World) -> None:
        url = view.url(world)
        response = _client_for(None).get(url)
        if view.kind == PUBLIC:
            assert response.status_code == view.anonymous_status, url
            return
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
        if view.kind == WRITE:
            response = _client_for(None).post(url, view.post(world) if view.post else {})
            assert response.status_code == 302 and reverse("login") in response["Location"]

    def test_another_body_sees_nothing(self, view: Page, world: World) -> None:
        if view.kind == PUBLIC:
            return
        client = _client_for(world.clerk_b)
        before = AuditEntry.objects.count()
        response = client.get(view.url(world))
        if view.kind == LIST:
            assert response.status_code == 200, view.name
            if view.marker is not None:
                assert view.marker(world) not in response.content.decode(), view.name
        elif view.kind == PAGE or not view.names_a_record:
            assert response.status_code == 200, view.name
        else:
            assert response.status_code == 404, view.name
        if view.kind == WRITE:
            data = view.post(world) if view.post else {}
            response = client.post(view.url(world), data)
            assert response.status_code in ((404,) if view.names_a_record else (400, 403))
            assert AuditEntry.objects.count() == before, view.name

    def test_supervisor_only_reads(self, view: Page, world: World) -> None:
        if view.kind == PUBLIC:
            return
        client = _client_for(world.supervisor)
        before = AuditEntry.objects.count()
        response = client.get(view.url(world))
        if view.kind == WRITE:
            assert response.status_code in view.supervisor_get, view.name
            data = view.post(world) if view.post else {}
            assert client.post(view.url(world), data).status_code in (403, 404), view.name
            assert AuditEntry.objects.count() == before
            return
        if view.kind == LIST:
            assert response.status_code == 200, view.name
            if view.marker is not None:
                shown = view.marker(world) in response.content.decode()
                assert shown == view.supervisor_reads, view.name
            return
        expected = 200 if view.supervisor_reads else 404
        assert response.status_code == expected, view.name

    def test_valid_change_is_saved_with_its_audit_entry(self, view: Page, world: World) -> None:
        if view.kind != WRITE:
            return
        assert view.post is not None and view.audit is not None, view.name
        client = _client_for(getattr(world, view.actor))
        before = set(AuditEntry.objects.values_list("pk", flat=True))
        response = client.post(view.url(world), view.post(world))
        assert response.status_code == view.success_status, (
            view.name,
            response.content.decode()[-2000:],
        )
        new = AuditEntry.objects.exclude(pk__in=before)
        assert view.audit in set(new.values_list("action", flat=True)), view.name
        assert new.filter(user=getattr(world, view.actor)).exists(), view.name

    def test_list_queries_do_not_grow_with_rows(self, view: Page, world: World) -> None:
        if view.kind != LIST:
            return
        client = _client_for(world.clerk_a)
        self.more_rows(world, 3)
        with CaptureQueriesContext(connection) as few:
            assert client.get(view.url(world)).status_code == 200
        self.more_rows(world, 6)
        with CaptureQueriesContext(connection) as many:
            assert client.get(view.url(world)).status_code == 200
        assert len(many) == len(few), (view.name, len(few), len(many))

    def test_odd_parameters_never_fail(self, view: Page, world: World) -> None:
        """The body's own staff (and, for a public page, an anonymous visitor) opens the page
        with odd and random query parameters: never a 500 (issue 9)."""
        user = None if view.kind == PUBLIC else getattr(world, view.actor)
        check_odd_parameters(_client_for(user), view.url(world))


#: The query parameters any page may read (the pager and sort of its tables, the year, the
#: search box, the application a case starts from, an export's format).
COMMON_PARAMETERS = (
    "page",
    "per_page",
    "sort",
    "m-page",
    "m-per_page",
    "year",
    "q",
    "application",
    "body",
    "fmt",
)
#: Values that answered 500 before issue 9 (``str.isdigit`` takes ``²``, ``int()`` takes
#: ``-1`` and numbers PostgreSQL's ``bigint`` cannot hold; NUL is refused by PostgreSQL).
ODD_VALUES = (
    "²",
    "٢٠٢٤",
    "-1",
    "0",
    "-2147483649",
    "99999999999999999999",
    "1e9",
    "\x00",
    "2024\x00",
    " 2024 ",
    "",
)


def _parameters_of(path: str) -> tuple[str, ...]:
    """The parameters a page reads: the common ones and its filter set's fields."""
    view_class = getattr(resolve(path).func, "view_class", None)
    filterset = getattr(view_class, "filterset", None)
    fields = tuple(getattr(filterset, "base_filters", {}))
    return COMMON_PARAMETERS + tuple(f for f in fields if f not in COMMON_PARAMETERS)


_VALUES = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(st.characters(categories=["Nd", "No"]), min_size=1, max_size=6),
    st.text(max_size=8),
)


#: The values each parameter is given alone (those that broke pages before issue 9).
KILLERS = ("²", "-2147483649", "99999999999999999999")


def check_odd_parameters(client: Client, url: str) -> None:
    """Every parameter of the page set to each odd value at once, each parameter alone set to
    the values that broke pages before, then random combinations: never a server error."""
    path, _, own = url.partition("?")
    base = QueryDict(own).dict()  # a download's own year and format, unless replaced
    names = _parameters_of(path)
    queries = [dict.fromkeys(names, value) for value in ODD_VALUES]
    queries += [{name: value} for name in names for value in KILLERS]
    for query in queries:
        response = client.get(path, {**base, **query})
        assert response.status_code < 500, (path, query)

    @settings(
        max_examples=10,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.dictionaries(st.sampled_from(names), _VALUES, max_size=4))
    def any_parameters(query: dict[str, str]) -> None:
        response = client.get(path, {**base, **query})
        assert response.status_code < 500, (path, query)

    any_parameters()


def pytest_generate_tests_for(metafunc: pytest.Metafunc) -> None:
    """Parametrize a :class:`ViewTestCases` check over the class's pages (ids: URL names)."""
    cls = metafunc.cls
    if cls is None or not issubclass(cls, ViewTestCases) or "view" not in metafunc.fixturenames:
        return
    pages: Iterable[Page] = cls.pages
    metafunc.parametrize("view", list(pages), ids=[p.id for p in pages])
