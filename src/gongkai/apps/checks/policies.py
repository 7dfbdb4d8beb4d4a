"""Permission policy of the report checker: a check belongs to whoever uploaded it (nobody
else sees it, a superuser neither)."""

from __future__ import annotations

from gongkai.apps.checks.models import ReportCheck
from gongkai.kernel.permissions import OwnerPolicy

__all__ = ["report_check_policy"]

report_check_policy: OwnerPolicy[ReportCheck] = OwnerPolicy(ReportCheck)
