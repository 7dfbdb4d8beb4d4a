from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["AssessmentConfig"]


class AssessmentConfig(AppConfig):
    name = "gongkai.apps.assessment"
    label = "assessment"
    verbose_name = _("考核")

    def ready(self) -> None:
        from gongkai.apps.assessment import (
            policies,  # noqa: F401 (registers the permission policies)
            workbench,
        )

        workbench.register()  # 考核结果已发布 on the 工作台
