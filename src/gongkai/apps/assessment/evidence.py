"""Where a manual score's 佐证材料 lives: ``<GONGKAI_VAR_DIR>/assessment/<body>/<random name>``,
private modes, no URL — sent only by the evidence download view to who may see the sheet. What
may be uploaded is the catalog attachments' rule (:func:`gongkai.apps.catalog.attachments.
check_upload`: size, extension, first bytes)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage

from gongkai.kernel.filemodes import PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, make_private

__all__ = ["EvidenceStorage", "evidence_path", "evidence_storage"]


class EvidenceStorage(FileSystemStorage):
    """``<GONGKAI_VAR_DIR>/assessment`` (read from the settings when used; tests move it)."""

    @property
    def base_location(self) -> str:
        return str(Path(settings.GONGKAI_VAR_DIR) / "assessment")

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("佐证材料没有静态地址，只能通过下载页面读取。")

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        saved = str(super().save(name, content, max_length))
        make_private(self.location)
        return saved


_storage = EvidenceStorage(
    file_permissions_mode=PRIVATE_FILE_MODE, directory_permissions_mode=PRIVATE_DIR_MODE
)


def evidence_storage() -> EvidenceStorage:
    return _storage


def evidence_path(instance: Any, filename: str) -> str:
    """``<body pk>/<random hex>``: the stored name never comes from the user."""
    return f"{instance.body_id or 0}/{uuid.uuid4().hex}"
