"""Reading the text of the catalog's attachments for search, in the background.

An upload (``actions.add_attachment``) leaves its attachment ``pending`` and, once its
transaction has committed, queues the engine task :func:`extract_attachment_texts` (Django's
Tasks API, the platform's ``default`` queue, run by ``gongkai worker``). The task reads each
file in a child process under CPU/memory/wall-clock limits
(:func:`gongkai.domain.catalog.attachment_text.extract_text_isolated`) and stores the text, the
status and the note. ``gongkai catalog extract-text`` does the same for the attachments
uploaded before, or whose task never ran (``--pending``).

The attachment row is the truth: a task that runs twice or late changes nothing wrong (the
write is guarded by the file's SHA-256), one that never runs leaves the row ``pending`` for
the command. The text is derived data, recomputable from the file at any time: it is written
with ``QuerySet.update`` — not an audited action, like the search index itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from gongkai.apps.catalog.choices import AttachmentTextStatus
from gongkai.apps.catalog.models import CatalogAttachment
from gongkai.domain.catalog.attachment_text import AttachmentText, extract_text_isolated
from gongkai.kernel.jobs import JOB_QUEUE

__all__ = [
    "extract_attachment",
    "extract_attachment_texts",
    "extract_many",
    "queue_extraction",
]

logger = logging.getLogger(__name__)


def _read(attachment: CatalogAttachment) -> AttachmentText:
    try:
        with attachment.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return AttachmentText("", AttachmentTextStatus.FAILED, "附件文件不存在或无法读取")
    return extract_text_isolated(data, attachment.original_name)


def extract_attachment(attachment: CatalogAttachment) -> str:
    """Read ``attachment``'s text and store it with its status and note; the status. The row
    is written only while it still holds the same file (its SHA-256)."""
    result = _read(attachment)
    if result.status == AttachmentTextStatus.FAILED:
        logger.warning("attachment %s: text not extracted: %s", attachment.pk, result.note)
    CatalogAttachment.objects.filter(pk=attachment.pk, sha256=attachment.sha256).update(
        text=result.text,
        text_status=result.status,
        text_note=result.note[:300],
        text_extracted_at=timezone.now(),
    )
    return result.status


def extract_many(
    attachments: Iterable[CatalogAttachment],
    progress: Callable[[int, CatalogAttachment, str], None] | None = None,
) -> dict[str, int]:
    """:func:`extract_attachment` for each of ``attachments`` in turn; how many ended in
    each status. ``progress(done, attachment, status)`` after each."""
    counts: dict[str, int] = {}
    for done, attachment in enumerate(attachments, 1):
        status = extract_attachment(attachment)
        counts[status] = counts.get(status, 0) + 1
        if progress is not None:
            progress(done, attachment, status)
    return counts


@task(queue_name=JOB_QUEUE)
def extract_attachment_texts(ids: list[int]) -> dict[str, int]:
    """The engine task: read the text of the attachments ``ids`` (those still there)."""
    attachments = CatalogAttachment.objects.filter(pk__in=list(ids)).order_by("pk")
    return extract_many(attachments.defer("text"))


def queue_extraction(attachment: CatalogAttachment) -> None:
    """Queue the reading of ``attachment``'s text once the surrounding transaction commits
    (robust: a queue that cannot be written to must not fail the upload; the command
    ``gongkai catalog extract-text --pending`` catches up)."""
    pk = attachment.pk
    transaction.on_commit(lambda: extract_attachment_texts.enqueue([pk]), robust=True)
