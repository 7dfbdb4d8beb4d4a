"""django-axes (login throttling) under a Chinese name in the admin: the package gives its app
no translatable name. Installed in place of ``"axes"`` (settings ``INSTALLED_APPS``); a module
of its own because an ``apps.py`` with two configurations would lose the kernel's default."""

from __future__ import annotations

from axes.apps import AppConfig as AxesAppConfig  # type: ignore[import-untyped]
from django.utils.translation import gettext_lazy as _

__all__ = ["LoginProtectionConfig"]


class LoginProtectionConfig(AxesAppConfig):  # type: ignore[misc]
    verbose_name = _("登录保护")
