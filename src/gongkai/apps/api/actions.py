"""Actions on API tokens (the body's 管理员 only: ``administer``) and the token check of a request.

A write through the API is the pages' own action acting as the 管理员 who created the token
(:func:`register_item` calls :func:`gongkai.apps.catalog.actions.create_item`,
:func:`import_ledger` the ledger page's importer), so the policy, the history and the
all-or-nothing transaction are the pages' own; every audit entry written names the token
(:func:`gongkai.kernel.audit.via`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.api.models import ApiToken, token_hash
from gongkai.apps.applications.ledgers import import_applications
from gongkai.apps.cases.ledgers import import_cases
from gongkai.apps.catalog.actions import create_item
from gongkai.apps.catalog.ledgers import import_catalog
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.ledgers import MatterLedgerKind, import_matters
from gongkai.kernel.actions import create, locked, user_or_none
from gongkai.kernel.audit import register_actions, via
from gongkai.kernel.errors import ActionError, ActionPermissionError, TransitionError
from gongkai.kernel.ledgers import ImportResult

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "LEDGER_KINDS",
    "TOKEN_PREFIX",
    "authenticate",
    "channel",
    "create_token",
    "import_ledger",
    "register_item",
    "revoke_token",
]

#: Tokens start with it, so a leaked one is recognisable (secret scanners, logs).
TOKEN_PREFIX = "gk_"
#: ``last_used_at`` is written at most this often per token (not on every request).
LAST_USED_RESOLUTION = timedelta(minutes=1)

register_actions(
    {
        "api.create_token": gettext_lazy("创建接口令牌"),
        "api.revoke_token": gettext_lazy("吊销接口令牌"),
    }
)


def _admin_only(body: Body) -> str:
    return _("只有“%(body)s”的管理员可以创建和吊销接口令牌。") % {"body": body.name}


def create_token(body: Body, *, name: str, acting_user: UserLike) -> tuple[ApiToken, str]:
    """A new token of ``body``; returns the record and the token, shown this once."""
    name = name.strip()
    if not name:
        raise ActionError.on_field("name", _("请填写令牌的名称（使用它的系统）。"))
    creator = user_or_none(acting_user)
    if creator is None:  # a token writes as the 管理员 who created it: there must be one
        raise ActionPermissionError(_admin_only(body))
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(body=body, name=name, created_by=creator, key_hash=token_hash(secret))
    create(
        token,
        "api.create_token",
        acting_user=acting_user,
        permission="administer",
        denied=_admin_only(body),
        data={"name": name},
    )
    return token, secret


def revoke_token(token: ApiToken, *, acting_user: UserLike) -> ApiToken:
    """Revoke ``token``: every later request with it is refused (401)."""
    with locked(
        token,
        "api.revoke_token",
        acting_user=acting_user,
        permission="administer",
        denied=_admin_only(token.body),
    ) as step:
        if step.obj.is_revoked:
            raise TransitionError(_("这个令牌已经吊销。"))
        step.obj.revoked_at = timezone.now()
    return step.obj


def authenticate(secret: str) -> ApiToken | None:
    """The active token ``secret`` is (None: unknown or revoked); notes when it was used."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("body", "created_by")
        .filter(key_hash=token_hash(secret))
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def channel(token: ApiToken) -> str:
    """How the audit trail names a write made with ``token`` (:func:`gongkai.kernel.audit.via`)."""
    return _("接口令牌“%(name)s”") % {"name": token.name}


def _own_body(token: ApiToken, body: Body, what: str) -> None:
    """403 unless ``body`` is the token's own (``what``: the write refused, as a verb phrase)."""
    if body.pk != token.body_id:
        raise ActionPermissionError(
            _("这个令牌属于“%(own)s”，不能为“%(body)s”%(what)s。")
            % {"own": token.body.name, "body": body.name, "what": what}
        )


def register_item(token: ApiToken, body: Body, **fields: Any) -> CatalogItem:
    """Register a document of ``body`` at drafting with ``token``: refused (403) outside the
    token's body; otherwise the catalog's :func:`create_item` as the token's creator."""
    _own_body(token, body, _("登记信息"))
    with via(channel(token)):
        return create_item(body, acting_user=token.created_by, **fields)


#: The ledgers the API imports (``POST /api/v1/ledgers/{kind}``): ledger-formats.md §1
#: 依申请公开, §2 复议诉讼, §3 主动公开目录, §4 the three 事项 ledgers (one of them chosen by
#: ``sheet``, else recognised from the header, as on the page).
LEDGER_KINDS: dict[str, Callable[..., ImportResult]] = {
    "applications": import_applications,
    "cases": import_cases,
    "catalog": import_catalog,
    "matters": import_matters,
}


def import_ledger(
    token: ApiToken,
    body: Body,
    kind: str,
    data: bytes,
    filename: str,
    sheet: MatterLedgerKind | None = None,
) -> ImportResult:
    """Import the ledger file ``data`` of ``kind`` into ``body`` with ``token``: the ledger
    page's importer as the token's creator (all rows or none; ``LedgerImportError``,
    ``LedgerFileError`` and a lost role propagate), refused (403) outside the token's body.
    ``sheet`` chooses the §4 ledger (``matters`` only)."""
    _own_body(token, body, _("导入台账"))
    importer = LEDGER_KINDS[kind]
    extra: dict[str, Any] = {"kind": sheet} if kind == "matters" else {}
    with via(channel(token)):
        return importer(body, data, filename, user=token.created_by, **extra)
