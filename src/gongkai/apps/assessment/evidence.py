"""Where a manual score's 佐证材料 lives: ``<GONGKAI_VAR_DIR>/assessment/<body>/<random name>``,
private modes, no URL — sent only by the evidence download view to who may see the sheet
(:mod:`gongkai.kernel.stored_files`). What may be uploaded is the catalog attachments' rule
(:func:`gongkai.apps.catalog.attachments.check_upload`: size, extension, content)."""

from __future__ import annotations

from typing import Any

from gongkai.kernel.stored_files import PrivateStorage, private_storage, random_name

__all__ = ["evidence_path", "evidence_storage"]

_storage = private_storage("assessment", "佐证材料")


def evidence_storage() -> PrivateStorage:
    return _storage


def evidence_path(instance: Any, filename: str) -> str:
    """``<body pk>/<random hex>``: the stored name never comes from the user."""
    return random_name(instance.body_id)
