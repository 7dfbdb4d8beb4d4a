"""Photos taken as evidence (a notice on a village board): what is an image, by its content,
and the JPEG's metadata (EXIF with the phone's GPS position) left out when it is stored."""

from __future__ import annotations

__all__ = ["IMAGE_TYPES", "ImageType", "image_type", "strip_jpeg_metadata"]

from dataclasses import dataclass


@dataclass(frozen=True)
class ImageType:
    label: str
    content_type: str
    extension: str


IMAGE_TYPES: dict[str, ImageType] = {
    "jpeg": ImageType("JPEG", "image/jpeg", ".jpg"),
    "png": ImageType("PNG", "image/png", ".png"),
    "webp": ImageType("WebP", "image/webp", ".webp"),
}


def image_type(data: bytes) -> ImageType | None:
    """The image type of ``data`` by its first bytes (None: not a JPEG, PNG or WebP image)."""
    if data.startswith(b"\xff\xd8\xff"):
        return IMAGE_TYPES["jpeg"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return IMAGE_TYPES["png"]
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return IMAGE_TYPES["webp"]
    return None


_APP1 = 0xE1  # EXIF (and XMP)
_SOS = 0xDA  # start of scan: the image data follows


def strip_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG without its APP1 segments (EXIF: camera, time, GPS position); anything that is
    not a well-formed JPEG header is returned unchanged."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out = bytearray(data[:2])
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return data
        marker = data[i + 1]
        if marker == _SOS:
            out += data[i:]
            return bytes(out)
        length = int.from_bytes(data[i + 2 : i + 4], "big")
        if length < 2 or i + 2 + length > len(data):
            return data
        if marker != _APP1:
            out += data[i : i + 2 + length]
        i += 2 + length
    return data
