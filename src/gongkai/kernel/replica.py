"""Reads from a PostgreSQL streaming replica (issue 15): the database router and the middleware
that decides which requests may read from it.

With ``DATABASE_REPLICA_URL`` set, the settings add the database alias :data:`REPLICA` and
install :class:`ReplicaRouter`; without it there is one database and nothing here acts. The
replica is behind the primary by its replication lag, so a read goes to it only when a stale
answer is harmless:

- in a request the middleware marked read-only: a ``GET``/``HEAD`` of a view that reads the
  replica (:func:`reads_replica`: the public pages, the open API's reads, the supervisor's
  overview and the charts, declared with ``replica_reads`` on the view);
- never inside a transaction (``connection.in_atomic_block`` of the primary: an action decides
  on rows it has locked), never after the request wrote (the rest of the request reads the
  primary), never for a write (:meth:`ReplicaRouter.db_for_write` is always the primary);
- not for a client who has just written: every response to a ``POST`` (or a request that
  wrote) carries the signed cookie :data:`PIN_COOKIE`, and for ``GONGKAI_REPLICA_PIN_SECONDS``
  that client's requests read the primary, so the page after the redirect shows the change.

Migrations run on the primary only. The job workers, ``gongkai daily`` and every other command
have no request, so they read and write the primary.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.http import HttpRequest, HttpResponseBase
from django.urls import Resolver404, URLPattern, URLResolver, resolve

__all__ = [
    "PIN_COOKIE",
    "REPLICA",
    "ReplicaMiddleware",
    "ReplicaRouter",
    "read_only",
    "reads_replica",
    "replica_in_use",
    "replica_views",
]

#: The database alias of the read replica (``DATABASE_REPLICA_URL``).
REPLICA = "replica"
#: The signed cookie that pins a client who has just written to the primary.
PIN_COOKIE = "gk_primary"
_PIN_SALT = "gongkai.kernel.replica.pin"
#: The request methods that may read the replica (a view declared so); any other pins.
_READ_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class _Request:
    """The request being served: whether it may read the replica (until it writes), and
    whether it wrote."""

    replica: bool
    wrote: bool = False


_request: ContextVar[_Request | None] = ContextVar("gongkai_replica_request", default=None)


class ReplicaRouter:
    """Reads of a read-only request to :data:`REPLICA`, everything else to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        state = _request.get()
        if state is None or not state.replica or state.wrote:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        state = _request.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # The replica is a copy of the primary: a row read from one relates to a row of the other.
        both = {obj1._state.db, obj2._state.db}
        return True if both <= {DEFAULT_DB_ALIAS, REPLICA} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


def replica_in_use() -> bool:
    """Whether reads may go to the replica: :class:`ReplicaRouter` is installed (the settings
    do so when ``DATABASE_REPLICA_URL`` is set)."""
    return any(isinstance(each, ReplicaRouter) for each in router.routers)


def reads_replica(view: Callable[..., Any]) -> bool:
    """Whether the view (a URL pattern's callback) may read the replica on ``GET``: its
    ``replica_reads`` (a view class's attribute, or set on a function view), else whether the
    view is ``public`` (:class:`gongkai.kernel.views.ObjectView`)."""
    owner = getattr(view, "view_class", view)
    declared = getattr(owner, "replica_reads", None)
    if declared is not None:
        return bool(declared)
    return bool(getattr(owner, "public", False))


def replica_views(
    patterns: list[URLPattern | URLResolver],
) -> list[URLPattern | URLResolver]:
    """The URL patterns of function views (the open API's, the sitemap) declared as reading the
    replica on ``GET``: each callback wrapped with ``replica_reads = True`` (a view class says
    it with its attribute)."""
    for pattern in patterns:
        if not isinstance(pattern, URLPattern):
            continue
        view = pattern.callback

        @functools.wraps(view)
        def wrapped(*args: Any, _view: Callable[..., Any] = view, **kwargs: Any) -> Any:
            return _view(*args, **kwargs)

        wrapped.replica_reads = True  # type: ignore[attr-defined]
        pattern.callback = wrapped
    return patterns


@contextmanager
def _serving(replica: bool) -> Iterator[_Request]:
    token = _request.set(state := _Request(replica))
    try:
        yield state
    finally:
        _request.reset(token)


@contextmanager
def read_only() -> Iterator[None]:
    """Inside: reads go to the replica (when :func:`replica_in_use`), except in a transaction
    and after the first write. The middleware serves a read-only request inside it."""
    with _serving(replica=True):
        yield


def _pinned(request: HttpRequest) -> bool:
    value = request.get_signed_cookie(
        PIN_COOKIE, default=None, salt=_PIN_SALT, max_age=settings.GONGKAI_REPLICA_PIN_SECONDS
    )
    return value is not None


def _read_only_request(request: HttpRequest) -> bool:
    """A ``GET``/``HEAD`` of a view that reads the replica, from a client not pinned."""
    if request.method not in _READ_METHODS or _pinned(request):
        return False
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return reads_replica(match.func)


class ReplicaMiddleware:
    """Lets the read-only requests (:func:`_read_only_request`) read the replica, and pins a
    client whose request wrote (or was a ``POST``) to the primary (:data:`PIN_COOKIE`). Does
    nothing unless :func:`replica_in_use`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not replica_in_use():
            return self.get_response(request)
        with _serving(replica=_read_only_request(request)) as state:
            response = self.get_response(request)  # the session is saved in there too
        if state.wrote or request.method not in _READ_METHODS:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=_PIN_SALT,
                max_age=settings.GONGKAI_REPLICA_PIN_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response
