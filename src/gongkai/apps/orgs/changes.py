"""Which bodies' records changed: the one way a change reaches the stored summaries.

Every write to a record a body's annual figures are counted from (an application, a catalog
item, a decision, a case, a meeting …, see ``gongkai.apps.reports.summaries.TRACKED``) raises
the body's :class:`~gongkai.apps.orgs.models.RecordsVersion` **in the same transaction** —
through the model signals :func:`track` connects for a single record, and through
:func:`mark_changed` called by the bulk paths (ledger imports, ``bulk_update``) that send no
signal. A summary computed from version *v* is stale as soon as the version is not *v*; the
listeners of :func:`on_changed` (the summaries' refresh job) run after the transaction
commits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone

from gongkai.apps.orgs.models import RecordsVersion
from gongkai.apps.orgs.policies import follow

__all__ = [
    "changed_body",
    "mark_all_changed",
    "mark_changed",
    "on_changed",
    "track",
    "tracked",
]

_TRACKED: dict[type[models.Model], str] = {}
_LISTENERS: list[tuple[Callable[[], None], Callable[[], bool]]] = []


def mark_changed(body_ids: Iterable[int | None]) -> None:
    """Raise the records version of these bodies in the current transaction (and run the
    :func:`on_changed` listeners once it commits)."""
    ids = sorted({pk for pk in body_ids if pk})
    if not ids:
        return
    now = timezone.now()
    with transaction.atomic():
        rows = RecordsVersion.objects.filter(body_id__in=ids)
        if rows.update(version=F("version") + 1, changed_at=now) < len(ids):
            # A body's first change: its row is made, then raised like the others (a row made
            # meanwhile by another transaction is raised too: a version counts changes, more is
            # harmless, fewer would not be).
            RecordsVersion.objects.bulk_create(
                [RecordsVersion(body_id=pk, version=0, changed_at=now) for pk in ids],
                ignore_conflicts=True,
            )
            rows.filter(version=0).update(version=F("version") + 1, changed_at=now)
    _after_commit()


def mark_all_changed() -> None:
    """Every body's records changed (the working-day calendar: every deadline may move)."""
    from gongkai.apps.orgs.models import Body

    mark_changed(Body.objects.values_list("pk", flat=True))


def on_changed(listener: Callable[[], None], when: Callable[[], bool] = lambda: True) -> None:
    """Call ``listener`` once after every transaction that changed some body's records (while
    ``when()`` is true: a listener a setting turns off adds nothing to the commit)."""
    if all(known is not listener for known, _when in _LISTENERS):
        _LISTENERS.append((listener, when))


def _notify() -> None:
    for listener, when in _LISTENERS:
        if when():
            listener()


def _after_commit() -> None:
    """Queue :func:`_notify` once per transaction (however many records it changes)."""
    if not any(when() for _listener, when in _LISTENERS):
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        entry[1] is _notify for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_notify)


def track(model: type[models.Model], body: str = "body_id") -> None:
    """Count every save and delete of a ``model`` record as a change of its body's records.

    ``body``: the path from the record to its body's id, as a lookup (``"body_id"``,
    ``"application__body_id"``). A save that moves a record to another body changes both."""
    _TRACKED[model] = body
    uid = f"gongkai-records-{model._meta.label_lower}"
    pre_save.connect(_saving, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_saved, sender=model, dispatch_uid=uid + "-save")
    post_delete.connect(_deleted, sender=model, dispatch_uid=uid + "-delete")


def tracked() -> dict[type[models.Model], str]:
    """The models :func:`track` follows, with the lookup of their body's id."""
    return dict(_TRACKED)


def changed_body(instance: models.Model) -> int | None:
    """The id of the body a tracked record belongs to (None: none, or its parent is gone)."""
    path = _TRACKED.get(type(instance))
    if path is None:
        return None
    try:
        value = follow(instance, path)
    except models.ObjectDoesNotExist:  # its parent is being deleted in the same cascade
        return None
    return None if value is None else int(value)


def _saving(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Before a save of an existing record: its body as stored (the body it may leave)."""
    if instance.pk is None or kwargs.get("raw"):
        return
    path = _TRACKED[sender]
    stored = sender._default_manager.filter(pk=instance.pk).values_list(path, flat=True).first()
    instance._gongkai_stored_body = stored  # type: ignore[attr-defined]


def _saved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    before = getattr(instance, "_gongkai_stored_body", None)
    mark_changed([before, changed_body(instance)])


def _deleted(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    mark_changed([changed_body(instance)])
