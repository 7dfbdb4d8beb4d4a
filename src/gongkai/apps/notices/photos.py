"""Photos of notices (the evidence a village agent takes with a phone): the checks and where
they are kept.

A photo is accepted when it is not empty, not larger than ``GONGKAI_MAX_UPLOAD_BYTES`` and its
content is a JPEG, PNG or WebP image (:func:`gongkai.domain.openness.images.image_type`: the
first bytes, whatever the name says); a JPEG is stored without its EXIF segment (the phone's
GPS position and serial). The same photo twice on one notice is refused. Every refusal is a
Chinese sentence naming the file. Files live under ``<GONGKAI_VAR_DIR>/notice_photos/<body>/``
(random names, private modes) and are only ever sent by ``notices:photo``, which checks who
may see the notice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from gongkai.domain.openness.images import image_type, strip_jpeg_metadata
from gongkai.kernel.forms import human_size
from gongkai.kernel.stored_files import (
    PrivateStorage,
    UploadRejected,
    clean_filename,
    private_storage,
    random_name,
)

__all__ = [
    "MAX_PHOTOS",
    "PHOTO_DIR",
    "CheckedPhoto",
    "PhotoRejected",
    "check_photo",
    "photo_path",
    "photo_storage",
]

PHOTO_DIR = "notice_photos"
#: Photos one upload takes at most.
MAX_PHOTOS = 10


class PhotoRejected(UploadRejected):
    """A photo that is refused; ``str(exc)`` is the Chinese reason naming the file."""


@dataclass(frozen=True)
class CheckedPhoto:
    name: str
    data: bytes  # as stored (a JPEG without its EXIF)
    content_type: str
    sha256: str


_storage = private_storage(PHOTO_DIR, "照片")


def photo_storage() -> PrivateStorage:
    return _storage


def photo_path(instance: Any, filename: str) -> str:
    """``<body pk>/<random hex><ext>``: the stored name never comes from the user."""
    return random_name(instance.notice.body_id if instance.notice_id else 0, Path(filename).suffix)


def check_photo(name: str, size: int, fileobj: IO[bytes]) -> CheckedPhoto:
    """Check one uploaded photo; :class:`PhotoRejected` when it is refused."""
    shown = clean_filename(name)
    limit = int(settings.GONGKAI_MAX_UPLOAD_BYTES)
    if size <= 0:
        raise PhotoRejected(_("照片“%(name)s”是空文件。") % {"name": shown})
    if size > limit:
        raise PhotoRejected(
            _("照片“%(name)s”有 %(size)s，超过了 %(limit)s 的上限。")
            % {"name": shown, "size": human_size(size), "limit": human_size(limit)}
        )
    fileobj.seek(0)
    data = fileobj.read(limit + 1)
    fileobj.seek(0)
    if len(data) > limit:
        raise PhotoRejected(
            _("照片“%(name)s”超过了 %(limit)s 的上限。")
            % {"name": shown, "limit": human_size(limit)}
        )
    kind = image_type(data)
    if kind is None:
        raise PhotoRejected(
            _("文件“%(name)s”不是照片：只接受 JPEG、PNG 或 WebP 格式的图片。") % {"name": shown}
        )
    if kind.content_type == "image/jpeg":
        data = strip_jpeg_metadata(data)
    stem = Path(shown).stem or "照片"
    return CheckedPhoto(
        name=f"{stem}{kind.extension}",
        data=data,
        content_type=kind.content_type,
        sha256=hashlib.sha256(data).hexdigest(),
    )
