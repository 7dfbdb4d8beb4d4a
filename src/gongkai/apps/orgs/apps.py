from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["OrgsConfig"]


class OrgsConfig(AppConfig):
    name = "gongkai.apps.orgs"
    label = "orgs"
    verbose_name = _("行政机关与人员")

    def ready(self) -> None:
        # The policies register themselves, the services their audit actions' labels.
        from gongkai.apps.orgs import policies, services  # noqa: F401
