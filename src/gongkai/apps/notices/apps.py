from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["NoticesConfig"]


class NoticesConfig(AppConfig):
    name = "gongkai.apps.notices"
    label = "notices"
    verbose_name = _("公示栏与广播")

    def ready(self) -> None:
        from gongkai.apps.notices import policies  # noqa: F401 (registers the permission policies)
