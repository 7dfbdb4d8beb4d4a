from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["ApplicationsConfig"]


class ApplicationsConfig(AppConfig):
    name = "gongkai.apps.applications"
    label = "applications"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from gongkai.apps.applications import policies  # noqa: F401 (registers the policies)
        from gongkai.apps.applications.signals import recompute_after_calendar_change
        from gongkai.apps.workcal.signals import calendar_changed

        calendar_changed.connect(
            recompute_after_calendar_change, dispatch_uid="applications.recompute_deadlines"
        )
