"""Services of the orgs app: finding a body by code or name, creating bodies and memberships.

The CLI (``gongkai org add``, ``--org ORG``), the tests, the benchmarks and the demo accounts
call these; the admin edits bodies and memberships (its changes are audit entries too,
:class:`gongkai.kernel.admin.AuditedAdmin`). Creating a body or a membership writes one audit
entry (``orgs.create_body``, ``orgs.add_member``) naming the system as the actor.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.db import IntegrityError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.orgs.choices import BodyKind, Role
from gongkai.apps.orgs.models import Body, Membership
from gongkai.apps.orgs.policies import forget_cached_roles
from gongkai.kernel.actions import create
from gongkai.kernel.audit import register_actions

__all__ = ["BodyLookupError", "add_member", "create_body", "lookup_body"]

register_actions(
    {
        "orgs.create_body": gettext_lazy("新建机关"),
        "orgs.add_member": gettext_lazy("加入机关"),
    }
)


class BodyLookupError(ValueError):
    """No body, or more than one, matches the text; ``str(exc)`` is a Chinese sentence."""


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def lookup_body(text: str) -> Body:
    """The body whose 统一社会信用代码, 组织机构代码 or full name is ``text``."""
    value = _normalise(text)
    if not value:
        raise BodyLookupError(_("请填写机关的统一社会信用代码、组织机构代码或全称。"))
    code = value.upper().replace("-", "")
    matches = list(
        Body.objects.filter(Q(credit_code=code) | Q(org_code=code) | Q(name=value)).order_by("pk")[
            :3
        ]
    )
    if not matches:
        raise BodyLookupError(
            _("找不到机关“%(text)s”：请使用统一社会信用代码、组织机构代码或机关全称。")
            % {"text": value}
        )
    if len(matches) > 1:
        raise BodyLookupError(
            _("“%(text)s”对应多个机关（%(names)s），请改用统一社会信用代码。")
            % {"text": value, "names": "、".join(b.name for b in matches)}
        )
    return matches[0]


def create_body(
    name: str,
    *,
    code: str = "",
    parent: Body | None = None,
    kind: str = BodyKind.DEPARTMENT,
    **fields: Any,
) -> Body:
    """Create a body; ``code`` is an 18-character credit code or a 9-character org code.

    Raises ``ValidationError`` (Chinese, field-keyed) for a bad code, a duplicate name or code.
    One durable transaction with its audit entry ``orgs.create_body``.
    """
    code = _normalise(code).upper().replace("-", "")
    body = Body(name=_normalise(name), parent=parent, kind=kind, **fields)
    if len(code) == 18:
        body.credit_code = code
    elif code:
        body.org_code = code
    body.full_clean()
    return create(body, "orgs.create_body", acting_user=None, validate=False)


def add_member(user: Any, body: Body, role: str = Role.CLERK) -> Membership:
    """Give ``user`` a role in ``body`` (idempotent: an existing role is returned as it is).

    A new membership is written with its audit entry ``orgs.add_member`` in the caller's
    transaction (the demo accounts create a user and their roles together). Raises
    ``ValidationError`` for a role that does not exist.
    """
    membership = Membership.objects.filter(user=user, body=body, role=role).first()
    if membership is None:
        membership = Membership(user=user, body=body, role=role)
        membership.full_clean()
        try:
            create(membership, "orgs.add_member", acting_user=None, validate=False, durable=False)
        except IntegrityError:  # the same role given at the same moment by someone else
            membership = Membership.objects.get(user=user, body=body, role=role)
    forget_cached_roles(user)
    return membership
