"""Helpers shared by the staff pages of the apps: an action's errors on a form, the query string
of a paged list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from gongkai.apps.applications.actions import ActionError

__all__ = ["apply_action_error", "querystring"]


def apply_action_error(form: Any, exc: ActionError) -> None:
    """Put an action's Chinese errors on the form's fields, or on the form as a whole when none
    of them names a field of the form."""
    placed = False
    for name, errors in exc.field_errors.items():
        if name in form.fields:
            for error in errors:
                form.add_error(name, error)
            placed = True
    if not placed:
        form.add_error(None, exc.message)


def querystring(request: HttpRequest) -> str:
    """The request's query string without ``page`` (for the links of a pager)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
