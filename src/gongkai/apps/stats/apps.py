from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["StatsConfig"]


class StatsConfig(AppConfig):
    name = "gongkai.apps.stats"
    label = "stats"
    verbose_name = _("行政执法与服务事项")

    def ready(self) -> None:
        from gongkai.apps.stats import policies  # noqa: F401 (registers the permission policies)
