"""Uploaded files every app keeps: where they live and what may be uploaded.

One private storage per kind of file (catalog attachments, consultation drafts, notice photos,
assessment evidence), each a folder of ``GONGKAI_VAR_DIR`` read from the settings when used
(tests move it): no URL — the files are only ever sent by a view that checks who may read them —,
folders 0700 and files 0600 whatever the umask (:mod:`gongkai.kernel.filemodes`), stored under
``<body>/<random name>`` (the original name is kept in the database only).

An upload is accepted when it is not larger than ``GONGKAI_MAX_UPLOAD_BYTES``, its extension is
one of the kinds the caller allows and its content is that kind's (first bytes; Office Open XML
and OFD files are ZIP archives that must also contain their main part; text is UTF-8 or GB18030
without NUL). Every refusal is a Chinese sentence naming the file and what is wrong
(:class:`UploadRejected`).
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext as _

from gongkai.kernel.filemodes import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, make_private
from gongkai.kernel.forms import human_size

__all__ = [
    "OLE2",
    "ZIP",
    "CheckedUpload",
    "FileType",
    "PrivateStorage",
    "UploadRejected",
    "check_file",
    "clean_filename",
    "private_storage",
    "random_name",
]

NAME_MAX = 200
OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
ZIP = (b"PK\x03\x04", b"PK\x05\x06")


class PrivateStorage(FileSystemStorage):
    """``<GONGKAI_VAR_DIR>/<folder>``; ``noun`` names the files in the refusal of a URL."""

    def __init__(self, folder: str, noun: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.folder = folder
        self.noun = noun

    @property
    def base_location(self) -> str:
        return str(Path(settings.GONGKAI_VAR_DIR) / self.folder)

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError(f"{self.noun}没有公开地址，只能通过下载页面读取。")

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        saved = str(super().save(name, content, max_length))
        make_private(self.location)  # a folder made before the modes were set (0755)
        return saved


def private_storage(folder: str, noun: str) -> PrivateStorage:
    """The storage of one kind of file (create it once, at import, and hand it out by a
    function: the models' ``storage=`` callables)."""
    return PrivateStorage(
        folder,
        noun,
        file_permissions_mode=PRIVATE_FILE_MODE,
        directory_permissions_mode=PRIVATE_DIR_MODE,
    )


def random_name(body_id: int | None, suffix: str = "") -> str:
    """``<body pk>/<random hex><suffix>``: the stored name never comes from the user."""
    return f"{body_id or 0}/{uuid.uuid4().hex}{suffix}"


_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\/:*?\"<>|]+")


def clean_filename(name: str, fallback: str = "附件") -> str:
    """The file name to keep and offer again: the last path part, no control characters."""
    base = PurePath(name.replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip(" .")
    if len(base) > NAME_MAX:
        stem, ext = os.path.splitext(base)
        base = stem[: NAME_MAX - len(ext)] + ext
    return base or fallback


@dataclass(frozen=True)
class FileType:
    label: str
    content_type: str
    magic: tuple[bytes, ...]  # empty: checked otherwise (plain text)
    zip_member: str = ""  # a part the ZIP archive must contain


class UploadRejected(ValueError):
    """An upload that is refused; ``str(exc)`` is the Chinese reason naming the file."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    content_type: str
    sha256: str


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


def check_file(
    name: str,
    size: int,
    fileobj: IO[bytes],
    types: Mapping[str, FileType],
    *,
    fallback_name: str = "附件",
) -> CheckedUpload:
    """Check an upload (size, extension among ``types``, content); :class:`UploadRejected`
    if refused."""
    shown = clean_filename(name, fallback_name)
    limit = int(settings.GONGKAI_MAX_UPLOAD_BYTES)
    if size <= 0:
        raise UploadRejected(_("文件“%(name)s”是空的。") % {"name": shown})
    if size > limit:
        raise UploadRejected(
            _("文件“%(name)s”有 %(size)s，超过了 %(limit)s 的上限。")
            % {"name": shown, "size": human_size(size), "limit": human_size(limit)}
        )
    ext = PurePath(shown).suffix.lower()
    kind = types.get(ext)
    if kind is None:
        allowed = "、".join(sorted({e.lstrip(".") for e in types}))
        raise UploadRejected(
            _("文件“%(name)s”的类型不受支持：只接受 %(allowed)s 文件。")
            % {"name": shown, "allowed": allowed}
        )
    wrong = _(
        "文件“%(name)s”的内容不是 %(kind)s 文件，与扩展名 %(ext)s 不符"
        "（文件可能已损坏或被改了扩展名）。"
    ) % {"name": shown, "kind": kind.label, "ext": ext}
    fileobj.seek(0)
    data = fileobj.read(limit + 1)
    fileobj.seek(0)
    if len(data) > limit:
        raise UploadRejected(
            _("文件“%(name)s”超过了 %(limit)s 的上限。")
            % {"name": shown, "limit": human_size(limit)}
        )
    if kind.magic:
        if not any(data.startswith(m) for m in kind.magic):
            raise UploadRejected(wrong)
    elif not _looks_like_text(data):
        raise UploadRejected(wrong)
    if kind.magic == ZIP:
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            raise UploadRejected(wrong) from None
        finally:
            fileobj.seek(0)
        if kind.zip_member and kind.zip_member not in names:
            raise UploadRejected(wrong)
    return CheckedUpload(
        name=shown,
        size=len(data),
        content_type=kind.content_type,
        sha256=hashlib.sha256(data).hexdigest(),
    )
