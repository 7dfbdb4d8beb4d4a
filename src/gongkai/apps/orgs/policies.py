"""The permission policy of the platform: who may see, change and approve what, per body.

Every query of a body-owned record starts from ``Model.objects.restrict(user, action)``
(:class:`RestrictedQuerySet`); object checks go through :func:`can_view`, :func:`can_change`
and :func:`can_approve`, also registered as ``rules`` permissions (``user.has_perm(
"applications.change_application", app)``) so templates and views ask the same policy.

- 经办人 / 审核人 / 管理员 see and change their own bodies' records;
- 审核人 / 管理员 also approve (extensions, replies);
- 上级 sees the records of its body and every body below it, and changes nothing;
- a superuser sees and changes everything; an anonymous user sees nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, TypeVar

from django.db import models
from django.db.models import Q
from rules.permissions import set_perm
from rules.predicates import Predicate

from gongkai.apps.orgs.choices import APPROVING_ROLES, CHANGING_ROLES, Role
from gongkai.apps.orgs.models import Body, BodyQuerySet, Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "Action",
    "RestrictedQuerySet",
    "bodies_for",
    "can_approve",
    "can_change",
    "can_view",
    "changeable_bodies",
    "register_body_permissions",
    "visible_bodies",
]

Action = Literal["view", "change", "approve"]
_M = TypeVar("_M", bound=models.Model)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


def _pk(user: Any) -> Any:
    return user.pk


def _roles_filter(user: Any, roles: frozenset[Role]) -> BodyQuerySet:
    return Body.objects.filter(
        pk__in=Membership.objects.filter(user_id=_pk(user), role__in=roles).values("body_id")
    )


def visible_bodies(user: UserLike) -> BodyQuerySet:
    """Own bodies (any role); for 上级 also every body in the subtree; superuser: all."""
    if not _active(user):
        return Body.objects.none()
    if getattr(user, "is_superuser", False):
        return Body.objects.all()
    supervised = list(
        Membership.objects.filter(user_id=_pk(user), role=Role.SUPERVISOR).values_list(
            "body__path", flat=True
        )
    )
    condition = Q(pk__in=Membership.objects.filter(user_id=_pk(user)).values("body_id"))
    for path in supervised:
        condition |= Q(path__startswith=path)
    return Body.objects.filter(condition)


def changeable_bodies(user: UserLike) -> BodyQuerySet:
    """Bodies where the user is 经办人, 审核人 or 管理员 (never through 上级); superuser: all."""
    if not _active(user):
        return Body.objects.none()
    if getattr(user, "is_superuser", False):
        return Body.objects.all()
    return _roles_filter(user, CHANGING_ROLES)


def approving_bodies(user: UserLike) -> BodyQuerySet:
    """Bodies where the user is 审核人 or 管理员; superuser: all."""
    if not _active(user):
        return Body.objects.none()
    if getattr(user, "is_superuser", False):
        return Body.objects.all()
    return _roles_filter(user, APPROVING_ROLES)


def bodies_for(user: UserLike, action: str = "view") -> BodyQuerySet:
    """The bodies on which ``user`` may perform ``action`` (view / change / approve)."""
    if action == "view":
        return visible_bodies(user)
    if action == "change":
        return changeable_bodies(user)
    if action == "approve":
        return approving_bodies(user)
    raise ValueError(f"unknown action {action!r}")


# =============================================================================================
# Object checks
# =============================================================================================


def _body_of(obj: Any) -> Body | None:
    if isinstance(obj, Body):
        return obj
    body = getattr(obj, "body", None)
    return body if isinstance(body, Body) else None


def _roles_in(user: Any, body: Body) -> set[str]:
    cache: dict[int, set[str]] | None = getattr(user, "_gongkai_roles", None)
    if cache is None:
        cache = {}
        for body_id, role in Membership.objects.filter(user=user).values_list("body_id", "role"):
            cache.setdefault(body_id, set()).add(role)
        user._gongkai_roles = cache
    return cache.get(body.pk, set())


def _supervises(user: Any, body: Body) -> bool:
    ancestors = body.ancestor_ids() or [body.pk]
    return Membership.objects.filter(
        user=user, role=Role.SUPERVISOR, body_id__in=ancestors
    ).exists()


def can_view(user: UserLike, obj: Any) -> bool:
    """May ``user`` see ``obj`` (a body or a record with a ``body``)?"""
    body = _body_of(obj)
    if body is None or not _active(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(_roles_in(user, body)) or _supervises(user, body)


def can_change(user: UserLike, obj: Any) -> bool:
    """May ``user`` change ``obj``? 经办人/审核人/管理员 of its body; 上级 never."""
    body = _body_of(obj)
    if body is None or not _active(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(_roles_in(user, body) & CHANGING_ROLES)


def can_approve(user: UserLike, obj: Any) -> bool:
    """May ``user`` approve for ``obj``'s body (审核人 or 管理员: extensions, replies)?"""
    body = _body_of(obj)
    if body is None or not _active(user):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return bool(_roles_in(user, body) & APPROVING_ROLES)


def forget_cached_roles(user: Any) -> None:
    """Drop the per-request role cache (after memberships change in the same request)."""
    if hasattr(user, "_gongkai_roles"):
        del user._gongkai_roles


# =============================================================================================
# Restricted querysets
# =============================================================================================


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset of body-owned rows: ``restrict(user, action)`` keeps what the user may see.

    Models set ``restrict_body_field`` on the queryset class when the body is reached through a
    relation (``"application__body"``).
    """

    restrict_body_field = "body"

    def restrict(self, user: UserLike, action: str = "view") -> RestrictedQuerySet[_M]:
        bodies = bodies_for(user, action)
        return self.filter(**{f"{self.restrict_body_field}__in": bodies.values("pk")})


# =============================================================================================
# rules permissions (rules.permissions.ObjectPermissionBackend)
# =============================================================================================


_PREDICATES = {
    "view": Predicate(can_view, name="gongkai_can_view"),
    "change": Predicate(can_change, name="gongkai_can_change"),
    "approve": Predicate(can_approve, name="gongkai_can_approve"),
}


def register_body_permissions(app_label: str, model_name: str) -> None:
    """Register ``<app>.view_<model>``, ``change_`` and ``approve_`` for a body-owned model."""
    for action, predicate in _PREDICATES.items():
        set_perm(f"{app_label}.{action}_{model_name}", predicate)  # type: ignore[no-untyped-call]
