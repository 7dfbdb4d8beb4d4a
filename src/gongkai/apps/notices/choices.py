"""Choice lists of the notices app. The channel labels are the domain's
(:data:`gongkai.domain.openness.offline.NOTICE_CHANNELS`), mapped once to the catalog's channels
(:data:`~gongkai.domain.openness.offline.CATALOG_CHANNEL_OF`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["LinkState", "NoticeChannel", "PlaceKind"]


class NoticeChannel(models.TextChoices):
    BOARD = "board", _("公示栏")
    POSTER = "poster", _("宣传栏")
    RADIO = "radio", _("广播")
    TV = "tv", _("电视")
    LED = "led", _("LED屏")
    OTHER = "other", _("其他")


class PlaceKind(models.TextChoices):
    BODY = "body", _("本机关")
    VILLAGE = "village", _("村（社区）")


class LinkState(models.TextChoices):
    """Whether the notice posts a catalog item (list filter; not stored)."""

    LINKED = "linked", _("已关联目录信息")
    UNLINKED = "unlinked", _("未关联（单独计数）")
