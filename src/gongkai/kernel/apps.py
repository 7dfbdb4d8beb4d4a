from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["KernelConfig"]


class KernelConfig(AppConfig):
    name = "gongkai.kernel"
    label = "kernel"
    verbose_name = _("平台基础")
