from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["ApiConfig"]


class ApiConfig(AppConfig):
    name = "gongkai.apps.api"
    label = "api"
    verbose_name = _("开放接口")

    def ready(self) -> None:
        from gongkai.apps.api import policies  # noqa: F401 (registers the permission policy)
