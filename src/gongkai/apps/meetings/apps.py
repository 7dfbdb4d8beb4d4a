from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["MeetingsConfig"]


class MeetingsConfig(AppConfig):
    name = "gongkai.apps.meetings"
    label = "meetings"
    verbose_name = _("会议公开")

    def ready(self) -> None:
        from gongkai.apps.meetings import policies  # noqa: F401 (registers the permission policy)
