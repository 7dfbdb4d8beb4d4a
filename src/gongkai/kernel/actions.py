"""The machinery every action shares, written once.

An action is a typed function ``do_x(obj, …, *, acting_user)`` in its app's ``actions``
module. It

(a) asks the model's permission policy (:mod:`gongkai.kernel.permissions`),
(b) checks the state transition (its app's one transition table),
(c) runs in ``transaction.atomic(durable=True)`` on the row locked with ``select_for_update``,
    refusing to overwrite a concurrent change (the ``version`` the caller saw),
(d) saves, re-checks the permission on the saved record (a change may not move a record out
    of the user's reach), and writes one audit entry with the changed fields,

and returns the fresh record. :func:`locked` does (a), (c) and (d) around the action's own
code; :func:`create` and :func:`delete` do the same for a new and a removed record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from gongkai.kernel.audit import changes_between, initial_changes, log, snapshot
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    validation_error,
)
from gongkai.kernel.permissions import policy_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    UserLike = AbstractBaseUser | AnonymousUser

__all__ = [
    "Step",
    "create",
    "delete",
    "has_version",
    "locked",
    "require",
    "user_or_none",
]

M = TypeVar("M", bound=models.Model)


def user_or_none(user: Any) -> Any:
    """The account to record as the actor: None for the system (daily run, command line)."""
    return user if getattr(user, "is_authenticated", False) else None


def has_version(model: type[models.Model]) -> bool:
    """Whether the model carries a ``version`` column (optimistic locking)."""
    return any(f.name == "version" for f in model._meta.concrete_fields)


def require(user: Any, permission: str, instance: models.Model, message: str | None = None) -> None:
    """Raise :class:`ActionPermissionError` unless the model's policy lets ``user`` do
    ``permission`` to ``instance``. ``user`` None is the system itself (always allowed)."""
    if user is None:
        return
    if not policy_for(type(instance)).user_has_permission_for_instance(user, permission, instance):
        raise ActionPermissionError(message or _("您没有办理这项操作的权限。"))


@dataclass
class Step(Generic[M]):
    """The record being changed inside :func:`locked`, and what the audit entry will say."""

    obj: M
    data: dict[str, Any] = field(default_factory=dict)


def _fresh(obj: M) -> M:
    model = type(obj)
    try:
        return model._default_manager.select_for_update().get(pk=obj.pk)
    except model.DoesNotExist:  # type: ignore[attr-defined]
        raise ActionError(_("“%(item)s”已不存在。") % {"item": obj}) from None


def _check_version(fresh: models.Model, seen: int) -> None:
    current = fresh.version  # type: ignore[attr-defined]
    if current != seen:
        raise ConcurrentEditError(
            _(
                "“%(item)s”已被他人修改（当前版本 %(current)s，您看到的是版本 %(seen)s），"
                "请刷新页面后重新操作，您的修改尚未保存。"
            )
            % {"item": fresh, "current": current, "seen": seen}
        )


@contextmanager
def locked(
    obj: M,
    action: str,
    *,
    acting_user: Any,
    expected_version: int | None = None,
    permission: str = "change",
    denied: str | None = None,
    data: Mapping[str, Any] | None = None,
    save: bool = True,
) -> Iterator[Step[M]]:
    """Change ``obj`` as one durable transaction and one audit entry ``action``.

    Yields a :class:`Step` whose ``obj`` is the row re-read and locked; the caller changes it
    (and may add facts to ``step.data`` for the entry). On exit the version goes up by one, the
    row is saved (unless ``save`` is False: the caller saved it), the permission is checked
    again on the saved row and the entry is written. ``expected_version`` is the version the
    user saw (default: the version of ``obj`` as loaded); ``acting_user`` None is the system.
    """
    require(acting_user, permission, obj, denied)
    versioned = has_version(type(obj))
    with transaction.atomic(durable=True):
        fresh = _fresh(obj)
        if versioned:
            seen = obj.version if expected_version is None else expected_version  # type: ignore[attr-defined]
            _check_version(fresh, seen)
        require(acting_user, permission, fresh, denied)
        before = snapshot(fresh)
        step: Step[M] = Step(fresh, dict(data or {}))
        yield step
        if versioned:
            fresh.version += 1  # type: ignore[attr-defined]
        if save:
            try:
                with transaction.atomic():
                    fresh.save()
            except IntegrityError as exc:
                raise ActionError(
                    _("保存失败：与已有记录冲突（%(error)s）。") % {"error": exc}
                ) from exc
        require(acting_user, permission, fresh, denied)
        log(
            fresh,
            action,
            acting_user,
            step.data,
            changes=changes_between(type(fresh), before, snapshot(fresh)),
        )


def create(
    obj: M,
    action: str,
    *,
    acting_user: Any,
    data: Mapping[str, Any] | None = None,
    permission: str = "change",
    denied: str | None = None,
    clean_exclude: Iterable[str] = (),
    constraint_fields: Mapping[str, str] | None = None,
    integrity_error: Callable[[IntegrityError], ActionError] | None = None,
    durable: bool = True,
    validate: bool = True,
) -> M:
    """Validate and save the new record ``obj`` with one audit entry ``action``.

    ``full_clean`` errors become an :class:`ActionError` (``constraint_fields`` puts a
    constraint's message on its field); an ``IntegrityError`` of a concurrent twin becomes
    ``integrity_error(exc)`` when given. ``durable=False`` runs inside the caller's
    transaction (an operation that creates together with other writes); ``validate=False``
    when the caller validated ``obj`` itself.
    """
    require(acting_user, permission, obj, denied)
    if validate:
        try:
            obj.full_clean(exclude=list(clean_exclude))
        except ValidationError as exc:
            raise validation_error(exc, constraint_fields) from exc
    with transaction.atomic(durable=durable):
        try:
            with transaction.atomic():
                obj.save()
        except IntegrityError as exc:
            if integrity_error is None:
                raise
            raise integrity_error(exc) from exc
        require(acting_user, permission, obj, denied)
        log(obj, action, acting_user, data, changes=initial_changes(obj))
    return obj


def delete(
    obj: models.Model,
    action: str,
    *,
    acting_user: Any,
    log_on: models.Model | None = None,
    data: Mapping[str, Any] | None = None,
    permission: str = "change",
    denied: str | None = None,
    expected_version: int | None = None,
) -> None:
    """Delete ``obj`` in one durable transaction, with one audit entry ``action`` on
    ``log_on`` (the record the deletion concerns, e.g. the item of an attachment) or on
    ``obj`` itself. A versioned record is deleted only at the version the user saw
    (``expected_version``, default: the version of ``obj`` as loaded), as in :func:`locked`."""
    require(acting_user, permission, obj, denied)
    with transaction.atomic(durable=True):
        fresh = _fresh(obj)
        if has_version(type(obj)):
            seen = obj.version if expected_version is None else expected_version  # type: ignore[attr-defined]
            _check_version(fresh, seen)
        require(acting_user, permission, fresh, denied)
        log(log_on or fresh, action, acting_user, {"deleted": str(fresh), **dict(data or {})})
        fresh.delete()
