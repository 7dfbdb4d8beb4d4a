"""The platform's own files are its own: the SQLite database (and its ``-wal``/``-shm``
companions) is ``0600``, the attachment folders ``0700`` and their files ``0600``, whatever the
umask of the process that creates them (a usual umask of 022 would make them world-readable:
personal data of applicants, unpublished reports). The secret key file is ``0600`` too
(:func:`gongkai.web.paths.ensure_secret_key_file`).
"""

from __future__ import annotations

import os
import stat
from typing import Any

__all__ = ["PRIVATE_DIR_MODE", "PRIVATE_FILE_MODE", "make_private", "protect_sqlite_files"]

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def make_private(path: str) -> None:
    """Take the group's and others' permissions from ``path`` when it has any."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return
    if mode & 0o077:
        os.chmod(path, mode & ~0o077)


def protect_sqlite_files(sender: Any, connection: Any, **kwargs: Any) -> None:
    """``connection_created``: the SQLite file SQLite has just created (or found) with the
    umask's mode, and its journal files (SQLite gives them the database file's mode), lose
    every permission of the group and others before anything is written to them."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:"):
        return
    for path in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
        make_private(path)
