"""Permission policies of the applications app.

An application allows what its body allows, and one thing more: ``see_personal_data`` (the
applicant's identity number in full) only for the staff who handle the case — its 经办人, or
a 审核人/管理员 of its body. A superuser is not, by being one: identity numbers are personal
information (个人信息保护法第二十八条).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gongkai.apps.applications.models import (
    Application,
    ApplicationEvent,
    Consultation,
    Extension,
    FeeNotice,
    Notification,
    Reminder,
)
from gongkai.apps.orgs.choices import APPROVING_ROLES
from gongkai.apps.orgs.models import Membership
from gongkai.apps.orgs.policies import BODY_ACTIONS, BodyScopedPolicy
from gongkai.kernel.permissions import is_active_user

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["ApplicationPolicy", "application_policy"]


class ApplicationPolicy(BodyScopedPolicy[Application]):
    actions = BODY_ACTIONS | {"see_personal_data"}

    def user_has_permission_for_instance(
        self, user: UserLike, action: str, instance: Application
    ) -> bool:
        if action != "see_personal_data":
            return super().user_has_permission_for_instance(user, action, instance)
        if not is_active_user(user):
            return False
        if instance.handler_id is not None and instance.handler_id == user.pk:
            return True
        user_pk: Any = user.pk
        return Membership.objects.filter(
            user_id=user_pk, body_id=instance.body_id, role__in=APPROVING_ROLES
        ).exists()


application_policy = ApplicationPolicy(Application)
for _model in (ApplicationEvent, Consultation, Extension, FeeNotice, Notification, Reminder):
    BodyScopedPolicy(_model, "application__body")
