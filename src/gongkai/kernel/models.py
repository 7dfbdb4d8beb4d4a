"""Models of the kernel: the one audit log of the platform, and the public pages' rate limits."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AuditEntry", "RateBucket"]


class AuditEntry(models.Model):
    """One step someone took on a record: who, when, which action, what changed.

    Written by every action in the same transaction as the change it records
    (:func:`gongkai.kernel.audit.log`), by the ledger imports (in bulk) and by the admin. The
    entry names its record by content type and primary key and keeps its text at the time
    (``object_repr``, ``user_label``), so it stays readable after the record or the account is
    gone. ``data`` holds the action's own facts and, under ``"changes"``, the fields it changed
    as ``[field, old, new]`` in the words the pages show.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("记录类型")
    )
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    object_repr = models.CharField(_("记录"), max_length=200)
    action = models.CharField(_("操作"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    user_label = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    timestamp = models.DateTimeField(_("时间"), default=timezone.now)
    data = models.JSONField(_("内容"), default=dict, blank=True)

    class Meta:
        verbose_name = _("操作记录")
        verbose_name_plural = _("操作记录")
        ordering = ["-timestamp", "-pk"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "timestamp"], name="auditentry_object"
            ),
            models.Index(fields=["action", "timestamp"], name="auditentry_action"),
        ]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"


class RateBucket(models.Model):
    """How often one client used one public action in the current window (see throttle.py).

    Kept in the database so every server process counts the same hits, on SQLite and
    PostgreSQL alike.
    """

    key = models.CharField(_("键"), max_length=200, unique=True)
    window_start = models.DateTimeField(_("计数开始时间"))
    hits = models.PositiveIntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("访问频率计数")
        verbose_name_plural = _("访问频率计数")

    def __str__(self) -> str:
        return f"{self.key}: {self.hits}"
