from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["ReportsConfig"]


class ReportsConfig(AppConfig):
    name = "gongkai.apps.reports"
    label = "reports"
    verbose_name = _("政府信息公开工作年度报告")

    def ready(self) -> None:
        from gongkai.apps.orgs.policies import register_body_permissions

        register_body_permissions("reports", "annualreport")
