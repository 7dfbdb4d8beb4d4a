"""Small helpers shared by the apps (no models, no views)."""

from __future__ import annotations

__all__ = ["human_size"]


def human_size(size: int) -> str:
    """A byte count as people read it: ``512 B``, ``12.3 KB``, ``5 MB``."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g} MB"
    if size >= 1024:
        return f"{size / 1024:.3g} KB"
    return f"{size} B"
