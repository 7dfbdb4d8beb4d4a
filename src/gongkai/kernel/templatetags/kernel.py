"""Template tags of the kernel: ask a permission policy from a template."""

from __future__ import annotations

from typing import Any

from django import template

from gongkai.kernel.permissions import user_can as policy_user_can

__all__ = ["user_can"]

register = template.Library()


@register.simple_tag(takes_context=True)
def user_can(context: template.Context, action: str, obj: Any) -> bool:
    """``{% user_can "change" object as may_change %}``: the record's policy decides."""
    request = context.get("request")
    if request is None or obj is None:
        return False
    return policy_user_can(request.user, action, obj)
