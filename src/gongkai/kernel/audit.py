"""The audit log: :func:`log` writes one :class:`~gongkai.kernel.models.AuditEntry` per step a
person (or the daily run, or an import) takes; :func:`trail` reads the entries of one record
for the one viewer every detail page includes (``kernel/_audit_trail.html``).

Action names are dotted (``applications.reply``); each app registers the Chinese label of its
actions with :func:`register_actions` (in its ``actions`` module), so the viewer shows
"答复", not the name. What changed is taken by the action machinery
(:func:`gongkai.kernel.actions.locked`) as a :func:`snapshot` before and after the step; the
entry keeps the changed fields in the words the pages show (a choice's label, a related
record's name, an ISO date), as they read at the time.

A write made through another channel than the pages (an API token) is done inside
:func:`via`: every entry written meanwhile carries ``data["via"]`` (the channel's name, such
as 接口令牌“公文系统”), and the trail shows it beside the person.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.kernel.bulk import insert_rows, row_values
from gongkai.kernel.models import AuditEntry

__all__ = [
    "AUDIT_EXCLUDED_FIELDS",
    "Change",
    "TrailEntry",
    "action_label",
    "changes_between",
    "entries_for",
    "initial_changes",
    "log",
    "log_many",
    "register_actions",
    "snapshot",
    "trail",
    "user_label",
    "via",
]

#: Bookkeeping fields no person changes (the version is the lock, the times are the entry's).
AUDIT_EXCLUDED_FIELDS = frozenset({"id", "version", "created_at", "updated_at"})

_LABELS: dict[str, Any] = {
    # Written by the admin (gongkai.kernel.admin) and by data moved from the old history tables.
    "admin.add": gettext_lazy("在系统管理中新建"),
    "admin.change": gettext_lazy("在系统管理中修改"),
    "admin.delete": gettext_lazy("在系统管理中删除"),
    "history.created": gettext_lazy("创建"),
    "history.changed": gettext_lazy("修改"),
    "history.deleted": gettext_lazy("删除"),
}


#: The channel the entries being written came through (:func:`via`); empty: the pages.
_VIA: ContextVar[str] = ContextVar("gongkai_audit_via", default="")


@contextmanager
def via(channel: str) -> Iterator[None]:
    """Every audit entry written inside names ``channel`` (``data["via"]``): the write came
    through it (an API token), acting as the entry's user."""
    reset = _VIA.set(channel)
    try:
        yield
    finally:
        _VIA.reset(reset)


def register_actions(labels: Mapping[str, Any]) -> None:
    """Register the Chinese labels of an app's dotted action names."""
    _LABELS.update(labels)


def action_label(action: str) -> str:
    label = _LABELS.get(action)
    return str(label) if label is not None else action


def user_label(user: Any) -> str:
    """How the pages name a person: the full name, else the user name; nobody: 系统."""
    if user is None or not getattr(user, "is_authenticated", False):
        return _("系统")
    return str(user.get_full_name() or user.get_username())


# =============================================================================================
# What changed
# =============================================================================================


def _excluded(model: type[models.Model]) -> frozenset[str]:
    return AUDIT_EXCLUDED_FIELDS | frozenset(getattr(model, "AUDIT_EXCLUDE", ()))


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The audited field values of ``instance`` (raw: a foreign key as its id)."""
    excluded = _excluded(type(instance))
    return {
        field.name: getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
        if field.name not in excluded
    }


def _text(field: models.Field[Any, Any], value: Any) -> str:
    """``value`` of ``field`` as the pages show it."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    related_model = field.related_model
    if field.is_relation and isinstance(related_model, type):
        related = related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(field, models.JSONField):
        return _("（已更新）")
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def changes_between(
    model: type[models.Model], before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[list[str]]:
    """``[field, old, new]`` for every audited field whose value differs (texts as shown).

    A model's ``AUDIT_PRIVATE`` fields (an applicant's identity number, contacts) are
    recorded as changed without their values: the trail is shown to everyone who may see the
    record, the personal data only to those handling it.
    """
    private = frozenset(getattr(model, "AUDIT_PRIVATE", ()))
    result: list[list[str]] = []
    for name, new in after.items():
        old = before.get(name)
        if old == new:
            continue
        field = model._meta.get_field(name)
        assert isinstance(field, models.Field)
        if name in private:
            result.append([name, _hidden(old), _hidden(new)])
        else:
            result.append([name, _text(field, old), _text(field, new)])
    return result


def initial_changes(instance: models.Model) -> list[list[str]]:
    """The changes of a new record: its filled-in audited fields (``[field, "—", new]``)."""
    changes = changes_between(type(instance), {}, snapshot(instance))
    return [change for change in changes if change[2] != "—"]


def _hidden(value: Any) -> str:
    return "—" if value is None or value == "" else _("（个人信息，不显示）")


# =============================================================================================
# Writing
# =============================================================================================


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _entry(
    instance: models.Model,
    action: str,
    user: Any,
    data: Mapping[str, Any] | None,
    changes: list[list[str]] | None,
    timestamp: datetime | None,
) -> AuditEntry:
    payload = _jsonable(dict(data or {}))
    if changes:
        payload["changes"] = changes
    channel = _VIA.get()
    if channel:
        payload["via"] = channel
    acting = user if getattr(user, "is_authenticated", False) else None
    return AuditEntry(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:200],
        action=action,
        user=acting,
        user_label=user_label(acting) if acting is not None else "",
        timestamp=timestamp or timezone.now(),
        data=payload,
    )


def log(
    instance: models.Model,
    action: str,
    user: Any,
    data: Mapping[str, Any] | None = None,
    *,
    changes: list[list[str]] | None = None,
    timestamp: datetime | None = None,
) -> AuditEntry:
    """Record that ``user`` (None: the system) did ``action`` to ``instance``.

    Call it inside the transaction of the change, so the entry exists exactly when the change
    does. ``data`` is the action's own facts (dates, amounts, the note); ``changes`` the
    changed fields (:func:`changes_between`).
    """
    entry = _entry(instance, action, user, data, changes, timestamp)
    entry.save()
    return entry


def log_many(
    items: Iterable[tuple[models.Model, str, Mapping[str, Any] | None]],
    user: Any,
) -> int:
    """:func:`log` for many records at once, with plain INSERTs (:mod:`gongkai.kernel.bulk`):
    the bulk path of the ledger imports, in the import's transaction. ``data`` may carry
    ``"changes"`` like :func:`log`'s. Returns the number of entries written."""
    now = timezone.now()
    rows = []
    for obj, action, data in items:
        payload = dict(data or {})
        changes = payload.pop("changes", None)
        rows.append(row_values(_entry(obj, action, user, payload, changes, now)))
    insert_rows(AuditEntry, rows)
    return len(rows)


# =============================================================================================
# Reading: the trail of one record
# =============================================================================================


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class TrailEntry:
    when: datetime
    who: str
    action: str
    label: str
    changes: tuple[Change, ...]
    note: str
    via: str = ""


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
    except Exception:  # a field removed since the entry was written
        return name


def entries_for(instance: models.Model) -> QuerySet[AuditEntry]:
    """The audit entries of ``instance``, oldest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)), object_id=instance.pk
    ).order_by("timestamp", "pk")


def trail(instance: models.Model, limit: int = 200) -> list[TrailEntry]:
    """The audit entries of ``instance``, newest first (at most ``limit``)."""
    model = type(instance)
    entries = entries_for(instance).select_related("user").order_by("-timestamp", "-pk")[:limit]
    result: list[TrailEntry] = []
    for entry in entries:
        data = entry.data or {}
        changes = tuple(
            Change(_field_label(model, name), old, new)
            for name, old, new in data.get("changes", [])
        )
        who = user_label(entry.user) if entry.user is not None else entry.user_label or _("系统")
        result.append(
            TrailEntry(
                when=entry.timestamp,
                who=who,
                action=entry.action,
                label=action_label(entry.action),
                changes=changes,
                note=str(data.get("note", "") or ""),
                via=str(data.get("via", "") or ""),
            )
        )
    return result
