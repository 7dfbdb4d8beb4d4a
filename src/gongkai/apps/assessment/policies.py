"""Permission policies of the assessment app.

An assessment is the supervision's own write (条例第四十九条 context: 上级 assesses the bodies
below): every action on an assessment, its indicators and its manual scores asks ``supervise``
on the assessment's body — a 上级 of that body (or of a body above it) sees and changes them;
the body's own 经办人 and the bodies assessed do not (they see their own score sheet once it is
published: :func:`gongkai.apps.assessment.services.may_see_sheet`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.db import models

from gongkai.apps.assessment.models import Assessment, Indicator, Score
from gongkai.apps.orgs.policies import BODY_ACTIONS, BodyScopedPolicy

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["SupervisedPolicy", "assessment_policy", "indicator_policy", "score_policy"]

M = TypeVar("M", bound=models.Model)


class SupervisedPolicy(BodyScopedPolicy[M]):
    """A record of the supervision of ``body_field``: every action is ``supervise`` on it."""

    actions = BODY_ACTIONS | {"supervise"}

    def filter_queryset(
        self, queryset: models.QuerySet[M], user: UserLike, action: str
    ) -> models.QuerySet[M]:
        self._check_action(action)
        return super().filter_queryset(queryset, user, "supervise")

    def user_has_permission_for_instance(self, user: UserLike, action: str, instance: M) -> bool:
        self._check_action(action)
        return super().user_has_permission_for_instance(user, "supervise", instance)

    def user_has_permission(self, user: UserLike, action: str) -> bool:
        self._check_action(action)
        return super().user_has_permission(user, "supervise")


assessment_policy: SupervisedPolicy[Assessment] = SupervisedPolicy(Assessment)
indicator_policy: SupervisedPolicy[Indicator] = SupervisedPolicy(Indicator, "assessment__body")
score_policy: SupervisedPolicy[Score] = SupervisedPolicy(Score, "assessment__body")
