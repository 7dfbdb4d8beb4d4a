"""Permission policy of the annual reports.

An annual report allows what its body allows, and ``review`` (退回 / 审核通过) to a 上级 of a
body above it; a body with no body above it in the platform has its report reviewed by its own
审核人/管理员 (条例第四十九条 leaves the review to the body's superior). Who may set the
deadlines of a subtree's reports is the body policy's ``supervise``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gongkai.apps.orgs.models import Body
from gongkai.apps.orgs.policies import BODY_ACTIONS, BodyScopedPolicy, body_policy
from gongkai.apps.reports.models import AnnualReport, YearSummary
from gongkai.kernel.permissions import is_active_user

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["AnnualReportPolicy", "annual_report_policy", "may_review", "year_summary_policy"]


def may_review(user: UserLike, body: Body) -> bool:
    """May ``user`` return or approve ``body``'s report?"""
    if not is_active_user(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    if body.parent is None:
        return body_policy.user_has_permission_for_instance(user, "approve", body)
    return body_policy.user_has_permission_for_instance(user, "supervise", body.parent)


class AnnualReportPolicy(BodyScopedPolicy[AnnualReport]):
    actions = BODY_ACTIONS | {"review"}

    def user_has_permission_for_instance(
        self, user: UserLike, action: str, instance: AnnualReport
    ) -> bool:
        if action == "review":
            return may_review(user, instance.body)
        return super().user_has_permission_for_instance(user, action, instance)


annual_report_policy = AnnualReportPolicy(AnnualReport)
#: A body's stored year summary (``reports.summaries``) is seen as its body is.
year_summary_policy: BodyScopedPolicy[YearSummary] = BodyScopedPolicy(YearSummary)
