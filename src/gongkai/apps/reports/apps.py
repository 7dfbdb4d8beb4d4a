from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

__all__ = ["ReportsConfig"]


class ReportsConfig(AppConfig):
    name = "gongkai.apps.reports"
    label = "reports"
    verbose_name = _("政府信息公开工作年度报告")

    def ready(self) -> None:
        from gongkai.apps.reports import (
            policies,  # noqa: F401 (registers the permission policies)
            workbench,
        )
        from gongkai.apps.reports.summaries import track_records

        workbench.register()  # the annual reports' sections of the 工作台
        track_records()  # every change to a counted record marks its body's summaries stale
