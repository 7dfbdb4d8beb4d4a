"""Attachments of catalog items: where the files live and what may be uploaded.

Files are stored under ``<GONGKAI_VAR_DIR>/attachments/<body>/<random name>`` (the original
name is kept in the database only). The directory is never served as static or media files:
downloads go through ``catalog.views.AttachmentDownloadView``, which checks who may read them.

An upload is accepted when it is not larger than ``GONGKAI_MAX_UPLOAD_BYTES``, its extension is
on :data:`ALLOWED_TYPES` and its first bytes are those of that type (Office Open XML and OFD
files are ZIP archives that must also contain their main part), and when the item has no
attachment of the same content yet (:func:`check_not_attached`, by SHA-256: the same file
uploaded twice is refused, naming the attachment it repeats). Every refusal is a Chinese
sentence naming the file and what is wrong.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.kernel.filemodes import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, make_private
from gongkai.kernel.forms import human_size

__all__ = [
    "ALLOWED_TYPES",
    "ATTACHMENT_DIR",
    "AttachmentRejected",
    "AttachmentStorage",
    "CheckedUpload",
    "attachment_path",
    "attachment_storage",
    "check_not_attached",
    "check_upload",
    "clean_filename",
]

ATTACHMENT_DIR = "attachments"
_NAME_MAX = 200

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    magic: tuple[bytes, ...]  # empty: checked otherwise (plain text)
    zip_member: str = ""  # a part the ZIP archive must contain


ALLOWED_TYPES: dict[str, FileType] = {
    ".pdf": FileType("PDF", "application/pdf", (b"%PDF-",)),
    ".doc": FileType("Word", "application/msword", (_OLE2,)),
    ".docx": FileType(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
        "word/document.xml",
    ),
    ".xls": FileType("Excel", "application/vnd.ms-excel", (_OLE2,)),
    ".xlsx": FileType(
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ZIP,
        "xl/workbook.xml",
    ),
    ".ofd": FileType("OFD", "application/ofd", _ZIP, "OFD.xml"),
    ".jpg": FileType("JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": FileType("JPEG", "image/jpeg", (b"\xff\xd8\xff",)),
    ".png": FileType("PNG", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".txt": FileType("TXT", "text/plain; charset=utf-8", ()),
    ".zip": FileType("ZIP", "application/zip", _ZIP),
}


class AttachmentRejected(ValueError):
    """An upload that is refused; ``str(exc)`` is the Chinese reason."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    content_type: str
    sha256: str


class AttachmentStorage(FileSystemStorage):
    """``<GONGKAI_VAR_DIR>/attachments``, read from the settings when used (tests move it).

    There is no URL: the files are only ever sent by the download view.
    """

    @property
    def base_location(self) -> str:
        return str(Path(settings.GONGKAI_VAR_DIR) / ATTACHMENT_DIR)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("附件没有公开地址，只能通过下载页面读取。")

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        saved = str(super().save(name, content, max_length))
        make_private(self.location)  # a folder made before the modes were set (0755)
        return saved


# Folders 0700, files 0600 whatever the umask (gongkai.kernel.filemodes).
_storage = AttachmentStorage(
    file_permissions_mode=PRIVATE_FILE_MODE, directory_permissions_mode=PRIVATE_DIR_MODE
)


def attachment_storage() -> AttachmentStorage:
    return _storage


def attachment_path(instance: Any, filename: str) -> str:
    """``<body pk>/<random hex>``: the stored name never comes from the user."""
    body_id = instance.item.body_id if instance.item_id else 0
    return f"{body_id}/{uuid.uuid4().hex}"


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\/:*?\"<>|]+")


def clean_filename(name: str) -> str:
    """The file name to keep and offer again: the last path part, no control characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")
    if len(base) > _NAME_MAX:
        stem, ext = os.path.splitext(base)
        base = stem[: _NAME_MAX - len(ext)] + ext
    return base or "附件"


def _allowed_list() -> str:
    return "、".join(sorted({ext.lstrip(".") for ext in ALLOWED_TYPES}))


def _looks_like_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def check_upload(name: str, size: int, fileobj: IO[bytes]) -> CheckedUpload:
    """Check an upload (size, extension, content); :class:`AttachmentRejected` if refused."""
    shown = clean_filename(name)
    limit = int(settings.GONGKAI_MAX_UPLOAD_BYTES)
    if size <= 0:
        raise AttachmentRejected(_("文件“%(name)s”是空的。") % {"name": shown})
    if size > limit:
        raise AttachmentRejected(
            _("文件“%(name)s”有 %(size)s，超过了 %(limit)s 的上限。")
            % {"name": shown, "size": human_size(size), "limit": human_size(limit)}
        )
    ext = PurePath(shown).suffix.lower()
    kind = ALLOWED_TYPES.get(ext)
    if kind is None:
        raise AttachmentRejected(
            _("文件“%(name)s”的类型不受支持：只接受 %(allowed)s 文件。")
            % {"name": shown, "allowed": _allowed_list()}
        )
    wrong = _(
        "文件“%(name)s”的内容不是 %(kind)s 文件，与扩展名 %(ext)s 不符"
        "（文件可能已损坏或被改了扩展名）。"
    ) % {
        "name": shown,
        "kind": kind.label,
        "ext": ext,
    }
    fileobj.seek(0)
    data = fileobj.read()
    fileobj.seek(0)
    if len(data) > limit:
        raise AttachmentRejected(
            _("文件“%(name)s”超过了 %(limit)s 的上限。")
            % {"name": shown, "limit": human_size(limit)}
        )
    if kind.magic:
        if not any(data.startswith(m) for m in kind.magic):
            raise AttachmentRejected(wrong)
    elif not _looks_like_text(data):
        raise AttachmentRejected(wrong)
    if kind.magic is _ZIP:
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise AttachmentRejected(wrong) from None
        finally:
            fileobj.seek(0)
        if kind.zip_member and kind.zip_member not in names:
            raise AttachmentRejected(wrong)
    return CheckedUpload(
        name=shown,
        size=len(data),
        content_type=kind.content_type,
        sha256=hashlib.sha256(data).hexdigest(),
    )


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
