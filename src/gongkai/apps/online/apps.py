from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["OnlineConfig"]


class OnlineConfig(AppConfig):
    """网上申请: citizens apply online and follow their request; the body confirms receipt."""

    name = "gongkai.apps.online"
    label = "online"
    verbose_name = _("网上申请")

    def ready(self) -> None:
        from gongkai.apps.online import policies  # noqa: F401 (registers the permission policies)
