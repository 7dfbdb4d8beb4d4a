"""Choice lists of 网上申请."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["OnlineRequestStatus"]


class OnlineRequestStatus(models.TextChoices):
    """Where an application submitted online stands before it is registered (条例第三十一条)."""

    PENDING = "pending", _("待确认")
    ACCEPTED = "accepted", _("已受理")
    REJECTED = "rejected", _("不予受理")
