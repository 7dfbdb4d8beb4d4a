from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["CatalogConfig"]


class CatalogConfig(AppConfig):
    name = "gongkai.apps.catalog"
    label = "catalog"
    verbose_name = _("主动公开目录")

    def ready(self) -> None:
        from gongkai.apps.catalog import policies  # noqa: F401 (registers the permission policies)
