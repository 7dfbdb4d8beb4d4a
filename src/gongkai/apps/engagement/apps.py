from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["EngagementConfig"]


class EngagementConfig(AppConfig):
    name = "gongkai.apps.engagement"
    label = "engagement"
    verbose_name = _("信箱与建议提案")

    def ready(self) -> None:
        from gongkai.apps.engagement import policies  # noqa: F401 (registers the permission policies)
