"""Template tags of 网上申请 for the pages of other apps (the 工作台 shows how many wait)."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.apps.online.models import OnlineRequest

__all__ = ["pending_online_requests"]

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_online_requests(context: template.Context) -> int:
    """How many submissions wait for the user's bodies to confirm or refuse them."""
    request: Any = context.get("request")
    if request is None:
        return 0
    return OnlineRequest.objects.restrict(request.user, "change").pending().count()
