"""Enumerations whose members carry their Chinese label (one declaration per member)."""

from __future__ import annotations

from enum import StrEnum
from typing import Self

__all__ = ["LabelledEnum"]


class LabelledEnum(StrEnum):
    """A StrEnum declared as ``NAME = "key", "标签"``: the value is the key, ``label`` the label.

    Members are looked up by key as usual (``Kind("key")``).
    """

    label: str

    # ``label`` has a default only so that type checkers accept the lookup by key, which
    # never calls ``__new__``.
    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member
