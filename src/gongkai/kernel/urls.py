"""The URL patterns of an app, declared on its views (in the manner of NetBox's
``register_model_view``): ``routes = Routes("cases")`` in the app's ``views`` module,
``@routes("<int:pk>/", "detail")`` above each view class, and the app's ``urls`` module
exposes ``routes.app_name`` and ``routes.patterns``. A page's address sits beside its view,
once; the order of the classes is the order in which the patterns are tried."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from django.urls import URLPattern, path
from django.views import View

__all__ = ["Routes"]

V = TypeVar("V", bound=type[View])


class Routes:
    """The patterns of one URL namespace."""

    def __init__(self, app_name: str) -> None:
        self.app_name = app_name
        self.patterns: list[URLPattern] = []

    def __call__(
        self, route: str, name: str, kwargs: Mapping[str, Any] | None = None
    ) -> Callable[[V], V]:
        """Register the decorated view at ``route`` as ``<app_name>:<name>`` (``kwargs``: fixed
        keyword arguments of the view, e.g. the operation of an action page)."""

        def register(view: V) -> V:
            self.patterns.append(path(route, view.as_view(), dict(kwargs or {}), name=name))
            return view

        return register
