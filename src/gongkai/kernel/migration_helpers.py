"""Helpers for the apps' migrations (they run against the historical models of the migration
state, never the current ones).

:func:`copy_history` moves the rows of the former django-simple-history tables into the one
audit log, so a record's trail keeps what happened before the audit log existed: each
historical row becomes an ``AuditEntry`` (``history.created`` / ``history.changed`` /
``history.deleted``) with the fields that changed since the row before it. Foreign keys keep
their related record's name, number, user name or title (the migration state has no
``__str__`` to name them), else the id.

:func:`move_content_type` lets the audit entries and permissions of a model that moved to
another app (``SeparateDatabaseAndState``, the table kept) follow it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

__all__ = ["copy_history", "move_content_type"]

_ACTIONS = {"+": "history.created", "~": "history.changed", "-": "history.deleted"}
_SKIPPED = frozenset({"id", "version", "created_at", "updated_at"})
_BATCH = 2000


#: The field that names a related record in the migration state (which has no ``__str__``).
_NAMING_FIELDS = ("name", "number", "username", "title")
_names: dict[tuple[Any, Any], str] = {}


def _related_name(field: Any, value: Any) -> str:
    """A related record by its name (number, user name, title), else its id."""
    model = field.related_model
    key = (model, value)
    if key not in _names:
        naming = next(
            (n for n in _NAMING_FIELDS if any(f.name == n for f in model._meta.concrete_fields)),
            None,
        )
        found = (
            model._default_manager.filter(pk=value).values_list(naming, flat=True).first()
            if naming
            else None
        )
        _names[key] = str(found) if found else str(value)
    return _names[key]


def _text(field: Any, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if getattr(field, "is_relation", False) and isinstance(field.related_model, type):
        return _related_name(field, value)
    if getattr(field, "choices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dict | list):
        return "（已更新）"
    return str(value)


def _texts(field: Any, old: Any, new: Any, hidden: bool) -> list[str]:
    if hidden:
        return [_hidden(old), _hidden(new)]
    return [_text(field, old), _text(field, new)]


def _hidden(value: Any) -> str:
    return "—" if value is None or value == "" else "（个人信息，不显示）"


def copy_history(
    app_label: str,
    model_names: Sequence[str],
    *,
    excluded: Mapping[str, Iterable[str]] | None = None,
    private: Mapping[str, Iterable[str]] | None = None,
) -> Callable[[Any, Any], None]:
    """A ``RunPython`` function copying ``Historical<Model>`` rows of ``app_label`` into the
    audit log (``kernel.AuditEntry``).

    ``excluded`` (model name → fields) leaves derived fields out, as the models'
    ``AUDIT_EXCLUDE`` does; ``private`` records personal data as changed without its values, as
    ``AUDIT_PRIVATE`` does (the migration state has neither attribute).
    """

    def forwards(apps: Any, schema_editor: Any) -> None:
        entry_model = apps.get_model("kernel", "AuditEntry")
        content_types = apps.get_model("contenttypes", "ContentType")
        for name in model_names:
            historical = apps.get_model(app_label, f"Historical{name}")
            model = apps.get_model(app_label, name)
            ct, _ = content_types.objects.get_or_create(app_label=app_label, model=name.lower())
            skipped = _SKIPPED | frozenset((excluded or {}).get(name, ()))
            hidden = frozenset((private or {}).get(name, ()))
            fields = [
                f
                for f in model._meta.concrete_fields
                if f.name not in skipped and not f.name.startswith("history_")
            ]
            present = {f.attname for f in historical._meta.concrete_fields}
            fields = [f for f in fields if f.attname in present]
            batch: list[Any] = []
            last_id: Any = None
            previous: dict[str, Any] = {}
            rows = historical.objects.order_by("id", "history_date", "history_id")
            for record in rows.iterator(chunk_size=_BATCH):
                values = {f.name: getattr(record, f.attname) for f in fields}
                if record.id != last_id:
                    last_id, previous = record.id, {}
                changes = [
                    [f.name, *_texts(f, previous.get(f.name), values[f.name], f.name in hidden)]
                    for f in fields
                    if previous.get(f.name) != values[f.name]
                    and not (not previous and values[f.name] in (None, ""))
                ]
                data: dict[str, Any] = {"changes": changes} if changes else {}
                if record.history_change_reason:
                    data["note"] = record.history_change_reason
                batch.append(
                    entry_model(
                        content_type_id=ct.pk,
                        object_id=record.id,
                        object_repr=f"{model._meta.verbose_name} {record.id}"[:200],
                        action=_ACTIONS.get(record.history_type, "history.changed"),
                        user_id=record.history_user_id,
                        timestamp=record.history_date,
                        data=data,
                    )
                )
                previous = values
                if len(batch) >= _BATCH:
                    entry_model.objects.bulk_create(batch)
                    batch = []
            entry_model.objects.bulk_create(batch)

    return forwards


def move_content_type(model_name: str, old_app: str, new_app: str) -> Callable[[Any, Any], None]:
    """A ``RunPython`` function renaming the content type of ``model_name`` (lower case) from
    ``old_app`` to ``new_app``: the audit entries (and permissions) of the moved model follow
    it."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        content_types = apps.get_model("contenttypes", "ContentType")
        if not content_types.objects.filter(app_label=new_app, model=model_name).exists():
            content_types.objects.filter(app_label=old_app, model=model_name).update(
                app_label=new_app
            )

    return forwards
