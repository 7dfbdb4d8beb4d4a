"""The draft attached to a consultation (征求意见稿): where it lives and what may be uploaded.

The same rules as the catalog's attachments (:mod:`gongkai.apps.catalog.attachments`, which this
app may not import — both are feature apps of one layer): at most ``GONGKAI_MAX_UPLOAD_BYTES``,
an extension on :data:`DRAFT_TYPES` whose first bytes match it. Files are stored under
``<GONGKAI_VAR_DIR>/consultations/<body>/<random name>`` with private modes and are sent only by
the public draft download view (a consultation is public once registered).
"""

from __future__ import annotations

import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

from gongkai.kernel.filemodes import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, make_private
from gongkai.kernel.forms import human_size

__all__ = ["DRAFT_TYPES", "DraftRejected", "check_draft", "draft_path", "draft_storage"]

_OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
_ZIP = (b"PK\x03\x04",)

#: extension → (content type, accepted first bytes; empty: plain text)
DRAFT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".doc": ("application/msword", _OLE2),
    ".wps": ("application/vnd.ms-works", _OLE2),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
    ),
    ".ofd": ("application/ofd", _ZIP),
    ".txt": ("text/plain; charset=utf-8", ()),
}


class DraftRejected(ValueError):
    """An upload refused; ``str(exc)`` is a Chinese sentence naming the file."""


@dataclass(frozen=True)
class CheckedDraft:
    name: str
    size: int
    content_type: str


class DraftStorage(FileSystemStorage):
    """``<GONGKAI_VAR_DIR>/consultations`` (read from the settings when used; tests move it)."""

    @property
    def base_location(self) -> str:
        return str(Path(settings.GONGKAI_VAR_DIR) / "consultations")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("征求意见稿没有静态地址，只能通过下载页面读取。")

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        saved = str(super().save(name, content, max_length))
        make_private(self.location)
        return saved


_storage = DraftStorage(
    file_permissions_mode=PRIVATE_FILE_MODE, directory_permissions_mode=PRIVATE_DIR_MODE
)


def draft_storage() -> DraftStorage:
    return _storage


def draft_path(instance: Any, filename: str) -> str:
    """``<body pk>/<random hex>``: the stored name never comes from the user."""
    return f"{instance.body_id or 0}/{uuid.uuid4().hex}"


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\/:*?\"<>|]+")


def _clean(name: str) -> str:
    base = _UNSAFE.sub("_", PurePath(name.replace("\\", "/")).name).strip(" .")
    return base[-200:] or "征求意见稿"


def check_draft(name: str, size: int, fileobj: IO[bytes]) -> CheckedDraft:
    """Check an uploaded draft (size, extension, first bytes); :class:`DraftRejected` if not."""
    shown = _clean(name)
    limit = int(settings.GONGKAI_MAX_UPLOAD_BYTES)
    if size <= 0:
        raise DraftRejected(_("文件“%(name)s”是空的。") % {"name": shown})
    if size > limit:
        raise DraftRejected(
            _("文件“%(name)s”有 %(size)s，超过了 %(limit)s 的上限。")
            % {"name": shown, "size": human_size(size), "limit": human_size(limit)}
        )
    ext = PurePath(shown).suffix.lower()
    kind = DRAFT_TYPES.get(ext)
    if kind is None:
        allowed = "、".join(e.lstrip(".") for e in DRAFT_TYPES)
        raise DraftRejected(
            _("文件“%(name)s”的类型不受支持：只接受 %(allowed)s 文件。")
            % {"name": shown, "allowed": allowed}
        )
    fileobj.seek(0)
    head = fileobj.read(4096)
    fileobj.seek(0)
    content_type, magic = kind
    ok = any(head.startswith(m) for m in magic) if magic else b"\x00" not in head
    if not ok:
        raise DraftRejected(
            _("文件“%(name)s”的内容与扩展名 %(ext)s 不符（文件可能已损坏或被改了扩展名）。")
            % {"name": shown, "ext": ext}
        )
    return CheckedDraft(name=shown, size=size, content_type=content_type)
