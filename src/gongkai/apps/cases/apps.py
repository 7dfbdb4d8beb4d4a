from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["CasesConfig"]


class CasesConfig(AppConfig):
    name = "gongkai.apps.cases"
    label = "cases"
    verbose_name = _("行政复议与行政诉讼")

    def ready(self) -> None:
        from gongkai.apps.cases import policies  # noqa: F401 (registers the permission policies)
