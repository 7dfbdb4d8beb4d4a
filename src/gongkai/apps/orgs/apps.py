from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["OrgsConfig"]


class OrgsConfig(AppConfig):
    name = "gongkai.apps.orgs"
    label = "orgs"
    verbose_name = _("行政机关与人员")

    def ready(self) -> None:
        from gongkai.apps.orgs import policies  # noqa: F401 (registers the policies)
