from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["WorkcalConfig"]


class WorkcalConfig(AppConfig):
    name = "gongkai.apps.workcal"
    label = "workcal"
    verbose_name = _("工作日历")
