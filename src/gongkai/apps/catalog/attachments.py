"""Attachments of catalog items: where the files live and what may be uploaded.

Files are stored under ``<GONGKAI_VAR_DIR>/attachments/<body>/<random name>`` (the original
name is kept in the database only). The directory is never served as static or media files:
downloads go through ``catalog.views.AttachmentDownloadView``, which checks who may read them.

An upload is accepted by the kernel's check (:func:`gongkai.kernel.stored_files.check_file`:
size, an extension on :data:`ALLOWED_TYPES`, the content of that type), and when the item has no
attachment of the same content yet (:func:`check_not_attached`, by SHA-256: the same file
uploaded twice is refused, naming the attachment it repeats). Every refusal is a Chinese
sentence naming the file and what is wrong.
"""

from __future__ import annotations

from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.kernel.stored_files import (
    OLE2,
    ZIP,
    CheckedUpload,
    FileType,
    PrivateStorage,
    UploadRejected,
    check_file,
    clean_filename,
    private_storage,
    random_name,
)

__all__ = [
    "ALLOWED_TYPES",
    "ATTACHMENT_DIR",
    "AttachmentRejected",
    "CheckedUpload",
    "attachment_path",
    "attachment_storage",
    "check_not_attached",
    "check_upload",
    "clean_filename",
]

ATTACHMENT_DIR = "attachments"

ALLOWED_TYPES: dict[str, FileType] = {
    ".pdf": FileType("PDF", "application/pdf", (b"%PDF-",)),
    ".doc": FileType("Word", "application/msword", OLE2),
    ".docx": FileType(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
        "word/document.xml",
    ),
    ".xls": FileType("Excel", "application/vnd.ms-excel", OLE2),
    ".xlsx": FileType(
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ZIP,
        "xl/workbook.xml",
    ),
    ".ofd": FileType("OFD", "application/ofd", ZIP, "OFD.xml"),
    ".jpg": FileType("JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".png": FileType("PNG", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".txt": FileType("TXT", "text/plain; charset=utf-8", ()),
    ".zip": FileType("ZIP", "application/zip", ZIP),
}

#: An attachment refused (the kernel's refusal; the name the catalog's callers know).
AttachmentRejected = UploadRejected

_storage = private_storage(ATTACHMENT_DIR, "附件")


def attachment_storage() -> PrivateStorage:
    return _storage


def attachment_path(instance: Any, filename: str) -> str:
    """``<body pk>/<random hex>``: the stored name never comes from the user."""
    return random_name(instance.item.body_id if instance.item_id else 0)


def check_upload(name: str, size: int, fileobj: IO[bytes]) -> CheckedUpload:
    """Check an upload (size, extension, content); :class:`AttachmentRejected` if refused."""
    return check_file(name, size, fileobj, ALLOWED_TYPES)


def check_not_attached(checked: CheckedUpload, attached: QuerySet[Any]) -> None:
    """:class:`AttachmentRejected` when one of ``attached`` (the item's attachments) has the
    same content as the upload (the same SHA-256), whatever its name: the refusal names it."""
    same = attached.filter(sha256=checked.sha256).order_by("uploaded_at", "pk").first()
    if same is None:
        return
    raise AttachmentRejected(
        _(
            "文件“%(name)s”与本条信息已有的附件“%(existing)s”（%(when)s 上传）内容完全相同，"
            "不再重复保存。"
        )
        % {
            "name": checked.name,
            "existing": same.original_name,
            "when": timezone.localtime(same.uploaded_at).strftime("%Y-%m-%d %H:%M"),
        }
    )
