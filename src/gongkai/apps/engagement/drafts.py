"""The draft attached to a consultation (征求意见稿): where it lives and what may be uploaded.

The kernel's rules for every upload (:mod:`gongkai.kernel.stored_files`): at most
``GONGKAI_MAX_UPLOAD_BYTES``, an extension on :data:`DRAFT_TYPES` whose content matches it.
Files are stored under ``<GONGKAI_VAR_DIR>/consultations/<body>/<random name>`` with private
modes and are sent only by the public draft download view (a consultation is public once
registered).
"""

from __future__ import annotations

from typing import IO, Any

from gongkai.kernel.stored_files import (
    OLE2,
    ZIP,
    CheckedUpload,
    FileType,
    PrivateStorage,
    UploadRejected,
    check_file,
    private_storage,
    random_name,
)

__all__ = ["DRAFT_TYPES", "DraftRejected", "check_draft", "draft_path", "draft_storage"]

DRAFT_TYPES: dict[str, FileType] = {
    ".pdf": FileType("PDF", "application/pdf", (b"%PDF-",)),
    ".doc": FileType("Word", "application/msword", OLE2),
    ".wps": FileType("WPS", "application/vnd.ms-works", OLE2),
    ".docx": FileType(
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ZIP,
        "word/document.xml",
    ),
    ".ofd": FileType("OFD", "application/ofd", ZIP, "OFD.xml"),
    ".txt": FileType("TXT", "text/plain; charset=utf-8", ()),
}

#: A draft refused (the kernel's refusal).
DraftRejected = UploadRejected

_storage = private_storage("consultations", "征求意见稿")


def draft_storage() -> PrivateStorage:
    return _storage


def draft_path(instance: Any, filename: str) -> str:
    """``<body pk>/<random hex>``: the stored name never comes from the user."""
    return random_name(instance.body_id)


def check_draft(name: str, size: int, fileobj: IO[bytes]) -> CheckedUpload:
    """Check an uploaded draft (size, extension, content); :class:`DraftRejected` if not."""
    return check_file(name, size, fileobj, DRAFT_TYPES, fallback_name="征求意见稿")
