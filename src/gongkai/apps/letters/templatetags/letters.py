"""Template tags of the letters app for the pages of other apps: the case page's 文书 panel
(the letters the case calls for, generated or not, with the generate button and downloads)."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.apps.letters.services import letters_panel as panel_rows
from gongkai.kernel.permissions import user_can

__all__ = ["letters_panel"]

register = template.Library()


@register.inclusion_tag("letters/_panel.html", takes_context=True)
def letters_panel(context: template.Context, app: Any) -> dict[str, Any]:
    request: Any = context.get("request")
    user = request.user if request is not None else None
    return {
        "app": app,
        "rows": panel_rows(app),
        "may_generate": user is not None and user_can(user, "change", app),
        "csrf_token": context.get("csrf_token"),
    }
