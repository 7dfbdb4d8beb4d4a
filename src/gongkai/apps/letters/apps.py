from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["LettersConfig"]


class LettersConfig(AppConfig):
    name = "gongkai.apps.letters"
    label = "letters"
    verbose_name = _("文书")

    def ready(self) -> None:
        from gongkai.apps.letters import policies  # noqa: F401 (registers the permission policies)
