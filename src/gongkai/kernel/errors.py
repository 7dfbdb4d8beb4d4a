"""The errors of actions: what every statutory operation raises when it cannot be done.

``str(exc)`` is a Chinese sentence for the clerk; ``field_errors`` puts the sentences on the
fields of a form (:func:`gongkai.kernel.forms.apply_action_error`). Views answer an
:class:`ActionPermissionError` with 403 and show the others on the form.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

__all__ = [
    "ActionError",
    "ActionPermissionError",
    "ConcurrentEditError",
    "QuietRefusals",
    "TransitionError",
    "constraint_fields",
    "validation_error",
]


class ActionError(Exception):
    """An action cannot be performed; ``str(exc)`` is a Chinese sentence for the clerk."""

    def __init__(self, message: str, field_errors: Mapping[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})

    @classmethod
    def on_field(cls, field: str, message: str) -> ActionError:
        """The error shown on one field of the form (and as the message)."""
        return cls(message, {field: [message]})


class ActionPermissionError(ActionError, PermissionDenied):
    """The user may not perform the action (views answer 403)."""


class TransitionError(ActionError):
    """The action is not allowed in the record's current state."""


class ConcurrentEditError(ActionError):
    """Someone else changed the record since the caller loaded it (optimistic locking)."""


def validation_error(
    exc: ValidationError, constraint_fields: Mapping[str, str] | None = None
) -> ActionError:
    """A model's ``ValidationError`` (``full_clean``) as an :class:`ActionError`.

    Django reports a violated ``CheckConstraint`` as a non-field error; ``constraint_fields``
    (its message → a field name) puts it on the field a form shows it on.
    """
    if not hasattr(exc, "error_dict"):
        return ActionError("；".join(exc.messages), {NON_FIELD_ERRORS: list(exc.messages)})
    fields: dict[str, list[str]] = {k: list(v) for k, v in exc.message_dict.items()}
    general = fields.pop(NON_FIELD_ERRORS, [])
    for message in general:
        target = (constraint_fields or {}).get(message, NON_FIELD_ERRORS)
        fields.setdefault(target, []).append(message)
    return ActionError("；".join(m for ms in fields.values() for m in ms), fields)


def constraint_fields(models: Iterable[Any], targets: Mapping[str, str]) -> dict[str, str]:
    """For :func:`validation_error`: the message of each constraint of ``models`` named in
    ``targets`` (constraint name → field) → the field a form shows it on."""
    return {
        str(constraint.get_violation_error_message()): targets[constraint.name]
        for model in models
        for constraint in model._meta.constraints
        if constraint.name in targets
    }


class QuietRefusals(logging.Filter):
    """A filter of the ``django.request`` logger (settings ``LOGGING``): a deliberate refusal
    (``PermissionDenied``, its reason shown on the 403 page) is logged as its one line
    ("Forbidden (Permission denied): /path"), without the traceback Django attaches to it —
    a refusal is not a fault of the server."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
