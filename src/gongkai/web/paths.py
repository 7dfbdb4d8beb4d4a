"""Where the project keeps its mutable files (database, secret key, collected static files).

Kept free of Django imports: the runtime needs these paths *before* settings are loaded (to
create the secret key file), and settings need them to build ``DATABASES`` and ``STATIC_ROOT``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

__all__ = [
    "SECRET_KEY_FILENAME",
    "ensure_secret_key_file",
    "repo_root",
    "var_dir",
]

SECRET_KEY_FILENAME = "secret_key"


def repo_root() -> Path | None:
    """The source checkout this package runs from, or ``None`` when installed as a wheel."""
    candidate = Path(__file__).resolve().parents[3]
    if (candidate / "pyproject.toml").is_file() and (candidate / "src" / "gongkai").is_dir():
        return candidate
    return None


def var_dir(create: bool = True) -> Path:
    """``$GONGKAI_VAR_DIR``, else ``<repo root>/var``, else ``./var`` (created on demand)."""
    configured = os.environ.get("GONGKAI_VAR_DIR", "").strip()
    if configured:
        path = Path(configured).expanduser().resolve()
    else:
        root = repo_root()
        path = (root if root is not None else Path.cwd()) / "var"
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def ensure_secret_key_file(directory: Path | None = None) -> Path:
    """Create ``<var>/secret_key`` with a random key (mode 0600) unless it exists; return it.

    Safe against two processes starting at once: the file is created with ``O_EXCL`` and the
    loser of the race keeps the winner's key.
    """
    path = (directory or var_dir()) / SECRET_KEY_FILENAME
    if path.exists():
        return path
    key = secrets.token_urlsafe(64)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return path
