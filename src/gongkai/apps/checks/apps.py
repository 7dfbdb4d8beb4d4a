from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["ChecksConfig"]


class ChecksConfig(AppConfig):
    """年报检查: a signed-in user uploads a published annual report and reads it checked."""

    name = "gongkai.apps.checks"
    label = "checks"
    verbose_name = _("年报检查")

    def ready(self) -> None:
        from gongkai.apps.checks import policies  # noqa: F401 (registers the permission policies)
