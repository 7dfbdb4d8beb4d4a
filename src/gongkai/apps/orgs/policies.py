"""The permission policy of the platform: who may see, change, approve and supervise what, per
body. The one role rule is :func:`_bodies_for` (a queryset of bodies) and :func:`_may` (one
body); the policies below apply it to a model, and every view, template, action and query asks
them (``Model.objects.restrict(user, action)``, :func:`gongkai.kernel.permissions.user_can`).

- 经办人 / 审核人 / 管理员 see and change their own bodies' records;
- 审核人 / 管理员 also approve (extensions, an art. 35 date, the report of a body at the top);
- 管理员 alone ``administer``s the body's own settings (its letter templates, 文号 prefix and
  救济途径 bodies);
- 上级 sees the records of its body and every body below it (``view``) and changes none of
  them; ``supervise`` a body: be 上级 of it or of a body above it — the supervision's own
  writes ask it (the report deadlines of the bodies below, 条例第四十九条; the review of
  their reports is ``AnnualReportPolicy.review``);
- a superuser sees and changes everything; an anonymous or inactive account nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import Q

from gongkai.apps.orgs.choices import ADMINISTERING_ROLES, APPROVING_ROLES, CHANGING_ROLES, Role
from gongkai.apps.orgs.models import Body, BodyQuerySet, Membership, RecordsVersion
from gongkai.kernel.permissions import PermissionPolicy, is_active_user

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "BODY_ACTIONS",
    "BodyPolicy",
    "BodyScopedPolicy",
    "body_of",
    "body_policy",
    "follow",
    "forget_cached_roles",
    "membership_policy",
    "records_version_policy",
]

M = TypeVar("M", bound=models.Model)

#: What a body-owned record allows: see it, change it, approve for its body, administer the
#: body's settings.
BODY_ACTIONS = frozenset({"view", "change", "approve", "administer"})


# =============================================================================================
# The role rule
# =============================================================================================


def _roles_filter(user: Any, roles: frozenset[Role]) -> BodyQuerySet:
    user_pk: Any = user.pk
    return Body.objects.filter(
        pk__in=Membership.objects.filter(user_id=user_pk, role__in=roles).values("body_id")
    )


def _bodies_for(user: UserLike, action: str) -> BodyQuerySet:
    """The bodies on which ``user`` may perform ``action``."""
    if not is_active_user(user):
        return Body.objects.none()
    if getattr(user, "is_superuser", False):
        return Body.objects.all()
    if action == "change":
        return _roles_filter(user, CHANGING_ROLES)
    if action == "approve":
        return _roles_filter(user, APPROVING_ROLES)
    if action == "administer":
        return _roles_filter(user, ADMINISTERING_ROLES)
    user_pk: Any = user.pk
    supervised = list(
        Membership.objects.filter(user_id=user_pk, role=Role.SUPERVISOR).values_list(
            "body__path", flat=True
        )
    )
    if action == "supervise":
        if not supervised:
            return Body.objects.none()
        condition = Q()
        for path in supervised:
            condition |= Q(path__startswith=path)
        return Body.objects.filter(condition)
    if action == "view":
        condition = Q(pk__in=Membership.objects.filter(user_id=user_pk).values("body_id"))
        for path in supervised:
            condition |= Q(path__startswith=path)
        return Body.objects.filter(condition)
    raise ValueError(f"unknown action {action!r}")


def _role_cache(user: Any) -> dict[int, set[str]]:
    """The user's roles by body id (all memberships read once per request and cached)."""
    cache: dict[int, set[str]] | None = getattr(user, "_gongkai_roles", None)
    if cache is None:
        cache = {}
        for body_id, role in Membership.objects.filter(user=user).values_list("body_id", "role"):
            cache.setdefault(body_id, set()).add(role)
        user._gongkai_roles = cache
    return cache


def _roles_in(user: Any, body: Body) -> set[str]:
    """The user's roles in ``body``."""
    return _role_cache(user).get(body.pk, set())


def _supervises(user: Any, body: Body) -> bool:
    """上级 of ``body`` or of a body above it."""
    ancestors = body.ancestor_ids() or [body.pk]
    cache = _role_cache(user)
    return any(Role.SUPERVISOR in cache.get(pk, set()) for pk in ancestors)


def _may(user: UserLike, action: str, body: Body | None) -> bool:
    """May ``user`` perform ``action`` on ``body``'s records?"""
    if body is None or not is_active_user(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    if action == "view":
        return bool(_roles_in(user, body)) or _supervises(user, body)
    if action == "change":
        return bool(_roles_in(user, body) & CHANGING_ROLES)
    if action == "approve":
        return bool(_roles_in(user, body) & APPROVING_ROLES)
    if action == "administer":
        return bool(_roles_in(user, body) & ADMINISTERING_ROLES)
    if action == "supervise":
        return _supervises(user, body)
    raise ValueError(f"unknown action {action!r}")


#: The roles that let a user ``action`` some body's records (:func:`_may_some`).
_ROLES_FOR: dict[str, frozenset[Role]] = {
    "view": frozenset(Role),
    "change": CHANGING_ROLES,
    "approve": APPROVING_ROLES,
    "administer": ADMINISTERING_ROLES,
    "supervise": frozenset({Role.SUPERVISOR}),
}


def _may_some(user: UserLike, action: str) -> bool:
    """May ``user`` perform ``action`` on some body's records? Such a body exists exactly
    when the user holds such a role (:func:`_bodies_for`), so the cached roles answer; a
    superuser may, even on a platform with no body yet."""
    if not is_active_user(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return any(roles & _ROLES_FOR[action] for roles in _role_cache(user).values())


def forget_cached_roles(user: Any) -> None:
    """Drop the per-request role cache (after memberships change in the same request)."""
    if hasattr(user, "_gongkai_roles"):
        del user._gongkai_roles


def follow(instance: models.Model, path: str) -> Any:
    """The value at the end of the lookup ``path`` (``"application__body"``) from ``instance``,
    None where a step is None."""
    value: Any = instance
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def body_of(instance: models.Model, body_field: str = "body") -> Body | None:
    """The body ``instance`` belongs to, following ``body_field`` (``"application__body"``)."""
    value = follow(instance, body_field)
    return value if isinstance(value, Body) else None


# =============================================================================================
# The policies
# =============================================================================================


class BodyPolicy(PermissionPolicy[Body]):
    """The bodies themselves: ``view`` (own and, for a 上级, the subtree), ``change`` (own
    records), ``approve``, ``supervise`` (上级 of it or of a body above it)."""

    actions = BODY_ACTIONS | {"supervise"}

    def filter_queryset(
        self, queryset: models.QuerySet[Body], user: UserLike, action: str
    ) -> models.QuerySet[Body]:
        self._check_action(action)
        return queryset.filter(pk__in=_bodies_for(user, action).values("pk"))

    def user_has_permission_for_instance(self, user: UserLike, action: str, instance: Body) -> bool:
        self._check_action(action)
        return _may(user, action, instance)

    def user_has_permission(self, user: UserLike, action: str) -> bool:
        self._check_action(action)
        return _may_some(user, action)


class BodyScopedPolicy(PermissionPolicy[M]):
    """A record owned by a body (reached through ``body_field``): the record allows what its
    body allows."""

    actions = BODY_ACTIONS

    def __init__(self, model: type[M], body_field: str = "body") -> None:
        super().__init__(model)
        self.body_field = body_field

    def filter_queryset(
        self, queryset: models.QuerySet[M], user: UserLike, action: str
    ) -> models.QuerySet[M]:
        self._check_action(action)
        bodies = _bodies_for(user, action).values("pk")
        return queryset.filter(**{f"{self.body_field}__in": bodies})

    def user_has_permission_for_instance(self, user: UserLike, action: str, instance: M) -> bool:
        self._check_action(action)
        return _may(user, action, body_of(instance, self.body_field))

    def user_has_permission(self, user: UserLike, action: str) -> bool:
        self._check_action(action)
        return _may_some(user, action)


body_policy = BodyPolicy(Body)
membership_policy: BodyScopedPolicy[Membership] = BodyScopedPolicy(Membership)
#: A body's records version (``orgs.changes``) is seen as its body is.
records_version_policy: BodyScopedPolicy[RecordsVersion] = BodyScopedPolicy(RecordsVersion)
