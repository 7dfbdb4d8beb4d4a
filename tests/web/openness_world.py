"""Records the meeting and notice tests share: a published catalog item of a body, a tiny
valid PNG (a photo from a phone)."""

from __future__ import annotations

import struct
import zlib
from datetime import date
from typing import Any

from gongkai.apps.catalog.choices import DisclosureChoice
from gongkai.apps.catalog.models import CatalogItem

_counter = iter(range(1, 1_000_000))


def catalog_item(
    body: Any,
    title: str,
    published_on: date | None = date(2019, 1, 31),
    *,
    made_on: date = date(2019, 1, 2),
    disclosure: str = DisclosureChoice.PROACTIVE,
) -> CatalogItem:
    return CatalogItem.objects.create(
        body=body,
        index_number=f"T/{next(_counter)}",
        title=title,
        made_on=made_on,
        published_on=published_on,
        disclosure=disclosure,
    )


def tiny_png(shade: int = 0) -> bytes:
    """A valid 1×1 PNG (``shade`` makes different files)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"\x00" + bytes([shade % 256, 120, 60])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
