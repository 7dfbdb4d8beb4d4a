"""What every page's template knows of the user beyond ``user`` itself."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import policy_for
from gongkai.web.display import elder_mode
from gongkai.web.navigation import bar

__all__ = ["display", "staff"]


def display(request: HttpRequest) -> dict[str, Any]:
    """``elder_mode``: whether this visitor chose the 适老化 display (its cookie,
    :mod:`gongkai.web.display`), so that the page's first paint is already in it."""
    return {"elder_mode": elder_mode(request)}


def staff(request: HttpRequest) -> dict[str, Any]:
    """``works_for_a_body``: whether the user holds a role in some body (or is a superuser),
    as the body policy says; the home page then leads to their work. ``navigation``: the
    navigation bar for that user on this page (:func:`gongkai.web.navigation.bar`). Each is
    asked only by a page that shows it, once per request."""
    works_for_a_body = SimpleLazyObject(
        lambda: policy_for(Body).user_has_permission(request.user, "view")
    )
    return {
        "works_for_a_body": works_for_a_body,
        "navigation": SimpleLazyObject(
            lambda: bar(
                request.resolver_match,
                works_for_a_body=bool(works_for_a_body),
                signed_in=request.user.is_authenticated,
            )
        ),
    }
