from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["EngagementConfig"]


class EngagementConfig(AppConfig):
    name = "gongkai.apps.engagement"
    label = "engagement"
    verbose_name = _("信箱与建议提案")

    def ready(self) -> None:
        from gongkai.apps.orgs.policies import register_body_permissions

        for model_name in ("mailboxmessage", "proposal"):
            register_body_permissions("engagement", model_name)
