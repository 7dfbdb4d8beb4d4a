"""Template tags of the kernel: ask a permission policy from a template; the breadcrumb."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode

from gongkai.kernel.permissions import user_can as policy_user_can

__all__ = ["breadcrumb", "user_can"]

register = template.Library()


@register.simple_tag(takes_context=True)
def user_can(context: template.Context, action: str, obj: Any) -> bool:
    """``{% user_can "change" object as may_change %}``: the record's policy decides."""
    request = context.get("request")
    if request is None or obj is None:
        return False
    return policy_user_can(request.user, action, obj)


@register.inclusion_tag("kernel/_breadcrumb.html")
def breadcrumb(here: Any, *links: Any, **query: Any) -> dict[str, Any]:
    """``{% breadcrumb here "applications:list" _("依申请公开") … %}``: where a page stands —
    the pages above it, each a URL name (without arguments) or a URL (``{% url … as u %}``,
    ``get_absolute_url``) followed by its label, then the page itself. A link without a target
    (an optional page above, absent) is left out. Keyword arguments are the query of every
    link (a reports page keeps its year: ``year=year``)."""
    if len(links) % 2:
        raise template.TemplateSyntaxError("breadcrumb: every link needs its label")
    suffix = f"?{urlencode(query)}" if query else ""
    return {
        "links": [
            (f"{target if '/' in str(target) else reverse(str(target))}{suffix}", label)
            for target, label in zip(links[::2], links[1::2], strict=True)
            if target
        ],
        "here": here,
    }
