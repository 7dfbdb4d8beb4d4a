from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["ChartsConfig"]


class ChartsConfig(AppConfig):
    name = "gongkai.apps.charts"
    label = "charts"
    verbose_name = _("图表")
