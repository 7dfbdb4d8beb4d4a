"""API tokens: one per system a body lets write into its catalog (docs/api.md).

Only the SHA-256 of a token is stored; the token itself is shown once, when it is created
(:func:`gongkai.apps.api.actions.create_token`).
"""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["ApiToken", "token_hash"]


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(RestrictedQuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        """Tokens not revoked."""
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A body's API token: writes as the body's 管理员 who created it, only into that body."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="api_tokens", verbose_name=_("机关")
    )
    name = models.CharField(
        _("名称"), max_length=100, help_text=_("使用这个令牌的系统，如“公文系统”。")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("创建人"),
    )
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)

    AUDIT_PRIVATE: ClassVar[frozenset[str]] = frozenset({"key_hash"})
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["body", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.body} · {self.name}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
