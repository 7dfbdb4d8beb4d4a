"""Permission policies: the one answer to "may this user do this to that record?".

In the manner of Wagtail's permission policies, each model has one policy object (registered
here by model) with three questions, asked alike by views, templates, actions and querysets:

- :meth:`PermissionPolicy.user_has_permission` — may the user do ``action`` to any record of
  the model (show the "登记" button)?
- :meth:`PermissionPolicy.user_has_permission_for_instance` — to this record?
- :meth:`PermissionPolicy.instances_user_has_permission_for` — which records?

``Model.objects.restrict(user, action)`` (:class:`RestrictedQuerySet`) is the last question
applied to any queryset. The kernel knows no body or role: the policies that decide by body
live in :mod:`gongkai.apps.orgs.policies`, special ones (a report check belongs to its
uploader) in their app's ``policies.py``, imported by the app's ``ready()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "OwnerPolicy",
    "PermissionPolicy",
    "RestrictedQuerySet",
    "is_active_user",
    "policy_for",
    "user_can",
]

M = TypeVar("M", bound=models.Model)

_POLICIES: dict[type[models.Model], PermissionPolicy[Any]] = {}


def is_active_user(user: Any) -> bool:
    """A signed-in, active account (an anonymous visitor or a disabled account may do nothing
    a policy guards)."""
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_active", False))


class PermissionPolicy(Generic[M]):
    """The permissions on one model. Subclasses implement :meth:`filter_queryset` and
    :meth:`user_has_permission_for_instance`; the rest follows from them."""

    #: The actions this policy decides (others are refused with ``ValueError``).
    actions: frozenset[str] = frozenset({"view", "change"})

    def __init__(self, model: type[M]) -> None:
        self.model = model
        _POLICIES[model] = self

    def _check_action(self, action: str) -> None:
        if action not in self.actions:
            raise ValueError(f"{self.model.__name__}: unknown action {action!r}")

    def filter_queryset(
        self, queryset: models.QuerySet[M], user: UserLike, action: str
    ) -> models.QuerySet[M]:
        """``queryset`` narrowed to the records ``user`` may ``action``."""
        raise NotImplementedError

    def user_has_permission_for_instance(self, user: UserLike, action: str, instance: M) -> bool:
        raise NotImplementedError

    def user_has_permission(self, user: UserLike, action: str) -> bool:
        return self.instances_user_has_permission_for(user, action).exists()

    def instances_user_has_permission_for(self, user: UserLike, action: str) -> models.QuerySet[M]:
        return self.filter_queryset(self.model._default_manager.all(), user, action)


def policy_for(model: type[models.Model]) -> PermissionPolicy[Any]:
    """The policy registered for ``model`` (a programming error when there is none)."""
    for klass in model.__mro__:
        policy = _POLICIES.get(klass)
        if policy is not None:
            return policy
    raise LookupError(f"no permission policy for {model.__name__}")


def user_can(user: UserLike, action: str, instance: models.Model) -> bool:
    """Shorthand: may ``user`` ``action`` this record (its model's policy decides)?"""
    return policy_for(type(instance)).user_has_permission_for_instance(user, action, instance)


class RestrictedQuerySet(models.QuerySet[M]):
    """``restrict(user, action)``: the rows the model's policy lets ``user`` ``action``.

    Every query of tenant data starts from it; a record outside it is a 404 on the pages.
    """

    def restrict(self, user: UserLike, action: str = "view") -> Self:
        restricted: Self = policy_for(self.model).filter_queryset(self, user, action)  # type: ignore[assignment]
        return restricted


class OwnerPolicy(PermissionPolicy[M]):
    """A record that belongs to the account that made it (``owner_field``): only that account
    sees and changes it — nobody else, not a superuser either."""

    def __init__(self, model: type[M], owner_field: str = "owner") -> None:
        super().__init__(model)
        self.owner_field = owner_field

    def filter_queryset(
        self, queryset: models.QuerySet[M], user: UserLike, action: str
    ) -> models.QuerySet[M]:
        self._check_action(action)
        if not is_active_user(user):
            return queryset.none()
        return queryset.filter(**{f"{self.owner_field}_id": user.pk})

    def user_has_permission_for_instance(self, user: UserLike, action: str, instance: M) -> bool:
        self._check_action(action)
        owner_id = getattr(instance, f"{self.owner_field}_id", None)
        return is_active_user(user) and owner_id is not None and owner_id == user.pk

    def user_has_permission(self, user: UserLike, action: str) -> bool:
        self._check_action(action)
        return is_active_user(user)
