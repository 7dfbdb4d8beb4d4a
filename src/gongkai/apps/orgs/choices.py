"""Choice lists of the orgs app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.domain.report.authority import BodyKind as Kind

__all__ = ["ADMINISTERING_ROLES", "APPROVING_ROLES", "CHANGING_ROLES", "BodyKind", "Role"]


class BodyKind(models.TextChoices):
    """What kind of disclosing body (行政机关) a body is (``disclosure-law.md`` §1); the values
    and labels of the domain's :class:`~gongkai.domain.report.authority.BodyKind`, which says
    who may make 规章 (《立法法》第九十三条)."""

    PROVINCE_GOVERNMENT = Kind.PROVINCE_GOVERNMENT.value, _("省级人民政府")
    CITY_GOVERNMENT = Kind.CITY_GOVERNMENT.value, _("设区的市级人民政府")
    COUNTY_GOVERNMENT = Kind.COUNTY_GOVERNMENT.value, _("县级人民政府")
    TOWNSHIP_GOVERNMENT = Kind.TOWNSHIP_GOVERNMENT.value, _("乡镇人民政府")
    STATE_COUNCIL_DEPARTMENT = Kind.STATE_COUNCIL_DEPARTMENT.value, _("国务院部门")
    DEPARTMENT = Kind.DEPARTMENT.value, _("政府部门")
    OTHER = Kind.OTHER.value, _("其他")


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
# The role that administers the body's own settings (its letter templates, 文号, 救济途径).
ADMINISTERING_ROLES = frozenset({Role.ADMIN})
