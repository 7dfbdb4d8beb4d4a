"""Actions on a body's own settings that several feature apps read.

:func:`set_openness_settings`: the 政策解读 and 意见征集反馈 periods (issue 14), set by the
body's 管理员 (``administer``), audited as ``orgs.openness_settings``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.orgs.models import Body
from gongkai.kernel.actions import locked
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = ["set_openness_settings"]

register_actions({"orgs.openness_settings": gettext_lazy("修改政务公开时限设置")})

#: The bounds of the two periods (working days), as the model's validators state them.
INTERPRETATION_MAX = 60
FEEDBACK_MIN, FEEDBACK_MAX = 1, 90


def set_openness_settings(
    body: Body,
    *,
    interpretation_days: int,
    consultation_feedback_days: int,
    acting_user: UserLike | None,
) -> Body:
    """The working days a 解读 may follow its document, and the working days after a
    consultation's end within which its feedback is to be published (管理员 only)."""
    if not 0 <= interpretation_days <= INTERPRETATION_MAX:
        raise ActionError.on_field(
            "interpretation_days",
            _("政策解读时限应为 0 至 %(max)d 个工作日。") % {"max": INTERPRETATION_MAX},
        )
    if not FEEDBACK_MIN <= consultation_feedback_days <= FEEDBACK_MAX:
        raise ActionError.on_field(
            "consultation_feedback_days",
            _("意见征集反馈时限应为 %(min)d 至 %(max)d 个工作日。")
            % {"min": FEEDBACK_MIN, "max": FEEDBACK_MAX},
        )
    with locked(
        body,
        "orgs.openness_settings",
        acting_user=acting_user,
        permission="administer",
        denied=_("只有“%(body)s”的管理员可以修改政务公开时限设置。") % {"body": body.name},
    ) as step:
        step.obj.interpretation_days = interpretation_days
        step.obj.consultation_feedback_days = consultation_feedback_days
    return step.obj
