"""Models of the core app: only the counters of the public pages' rate limits."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["RateBucket"]


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
