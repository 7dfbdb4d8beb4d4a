"""What every page's template knows of the user beyond ``user`` itself."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import policy_for
from gongkai.web.navigation import bar

__all__ = ["staff"]


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
