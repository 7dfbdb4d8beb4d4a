"""Choice lists of the orgs app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["BodyKind", "Role"]


class BodyKind(models.TextChoices):
    """What kind of disclosing body (行政机关) a body is (``disclosure-law.md`` §1)."""

    COUNTY_GOVERNMENT = "county_government", _("县级人民政府")
    TOWNSHIP_GOVERNMENT = "township_government", _("乡镇人民政府")
    DEPARTMENT = "department", _("政府部门")
    OTHER = "other", _("其他")


class Role(models.TextChoices):
    """A member's role in a body.

    经办人 handles cases; 审核人 (the office head) also approves extensions; 管理员 administers the
    body; 上级 reads everything in the body's subtree and changes nothing.
    """

    CLERK = "clerk", _("经办人")
    REVIEWER = "reviewer", _("审核人")
    ADMIN = "admin", _("管理员")
    SUPERVISOR = "supervisor", _("上级")


# Roles that may change records of their body, and those that may approve (extensions, replies).
CHANGING_ROLES = frozenset({Role.CLERK, Role.REVIEWER, Role.ADMIN})
APPROVING_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
