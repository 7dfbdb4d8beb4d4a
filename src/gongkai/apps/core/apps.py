from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["CoreConfig"]


class CoreConfig(AppConfig):
    name = "gongkai.apps.core"
    label = "core"
    verbose_name = _("平台基础")
