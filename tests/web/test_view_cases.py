"""Every page of the platform is covered by the generic view checks (``view_cases.py``): the
URL patterns are enumerated and each named one must be declared by a ``ViewTestCases``
subclass of a test module in this folder."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver
from view_cases import ViewTestCases

HERE = Path(__file__).resolve().parent
#: Django's own pages: the admin (superusers, audited by kernel.admin). The open API is JSON, not
#: pages: test_api.py walks every endpoint of its OpenAPI document (schemas, odd parameters).
NOT_OURS = ("admin", "api")


def url_names(patterns: Iterable[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    """Every named URL of ``patterns``, with its namespace (``applications:detail``)."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            namespace = pattern.namespace
            if namespace in NOT_OURS:
                continue
            inner = f"{prefix}{namespace}:" if namespace else prefix
            yield from url_names(pattern.url_patterns, inner)
        elif pattern.name:
            yield prefix + pattern.name


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def covered_names() -> set[str]:
    """The URL names declared by the view-check classes of every test module here."""
    for path in sorted(HERE.glob("test_*view_cases.py")):
        importlib.import_module(path.stem)
    names: set[str] = set()
    for cls in _subclasses(ViewTestCases):
        names |= {page.name for page in cls.pages}
    return names


def uncovered(all_names: Iterable[str], covered: set[str]) -> list[str]:
    return sorted(set(all_names) - covered)


def test_every_url_is_covered_by_the_view_checks() -> None:
    missing = uncovered(url_names(get_resolver().url_patterns), covered_names())
    assert missing == [], "pages no ViewTestCases class declares: " + ", ".join(missing)


def test_an_undeclared_page_is_reported() -> None:
    names = [*url_names(get_resolver().url_patterns), "somewhere:new_page"]
    missing = uncovered(names, covered_names())
    assert "somewhere:new_page" in missing
    assert "applications:detail" not in missing


def test_declared_names_exist() -> None:
    """A declaration of a page that is gone would cover nothing: every name resolves."""
    known = set(url_names(get_resolver().url_patterns))
    assert covered_names() - known == set()
