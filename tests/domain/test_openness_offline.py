"""The pure rules of 会议公开 and the offline channels (gongkai.domain.openness)."""

from __future__ import annotations

from datetime import date

from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS
from gongkai.domain.openness.images import image_type, strip_jpeg_metadata
from gongkai.domain.openness.meetings import MeetingRow, count_meetings
from gongkai.domain.openness.offline import (
    CATALOG_CHANNEL_OF,
    NOTICE_CHANNELS,
    NoticeRow,
    channel_publications,
    counts_as_channel_publication,
    offline_publications,
)
from gongkai.domain.stats.openness import MeetingCount

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
# SOI, APP1 (Exif, 10 bytes), APP0 (JFIF, 6 bytes), SOS, scan data, EOI.
JPEG = (
    b"\xff\xd8"
    + b"\xff\xe1\x00\x0aExif\x00\x00GP"
    + b"\xff\xe0\x00\x06JFIF"
    + b"\xff\xda\x00\x02scan\xff\xd9"
)


def test_every_offline_channel_maps_to_a_catalog_channel() -> None:
    assert set(CATALOG_CHANNEL_OF) == set(NOTICE_CHANNELS)
    assert set(CATALOG_CHANNEL_OF.values()) <= set(CATALOG_CHANNELS)
    assert CATALOG_CHANNEL_OF["公示栏"] == "公开栏"
    assert CATALOG_CHANNEL_OF["广播"] == "广播电视"


def test_an_unlinked_notice_counts_a_linked_one_does_not() -> None:
    unlinked = NoticeRow("公示栏", date(2019, 3, 1))
    linked = NoticeRow("公示栏", date(2019, 3, 1), linked_to_item=True)
    assert counts_as_channel_publication(unlinked, 2019)
    assert not counts_as_channel_publication(linked, 2019)
    assert not counts_as_channel_publication(unlinked, 2020)


def test_channel_publications_by_catalog_channel_in_the_year_posted() -> None:
    rows = [
        NoticeRow("公示栏", date(2019, 1, 5)),
        NoticeRow("宣传栏", date(2019, 6, 5)),
        NoticeRow("广播", date(2019, 12, 31)),
        NoticeRow("电视", date(2020, 1, 1)),  # another year
        NoticeRow("公示栏", date(2019, 2, 1), linked_to_item=True),  # the item counts
        NoticeRow("其他", date(2019, 2, 1)),
    ]
    assert offline_publications(rows, 2019) == {"公示栏": 1, "宣传栏": 1, "广播": 1, "其他": 1}
    assert channel_publications(rows, 2019) == {"公开栏": 2, "广播电视": 1, "其他": 1}
    assert list(channel_publications(rows, 2019)) == ["公开栏", "广播电视", "其他"]


def test_meetings_counted_by_kind_with_minutes_published_by_year_end() -> None:
    rows = [
        *(MeetingRow("党委会议", date(2019, m, 1), date(2019, m, 28)) for m in range(1, 13)),
        MeetingRow("党委会议", date(2019, 12, 20), date(2020, 1, 3)),  # published next year
        MeetingRow("听证会", date(2019, 5, 1), None, attended=True),
        MeetingRow("政府常务会议", date(2018, 5, 1), date(2018, 5, 2)),  # another year
    ]
    assert count_meetings(rows, 2019) == (
        MeetingCount("党委会议", 13, 12, 0),
        MeetingCount("听证会", 1, 0, 1),
    )


def test_images_are_known_by_their_content() -> None:
    assert image_type(PNG) is not None and image_type(PNG).content_type == "image/png"  # type: ignore[union-attr]
    assert image_type(JPEG) is not None and image_type(JPEG).extension == ".jpg"  # type: ignore[union-attr]
    assert image_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is not None
    assert image_type(b"%PDF-1.7") is None
    assert image_type(b"") is None


def test_jpeg_exif_is_removed_and_the_rest_kept() -> None:
    stripped = strip_jpeg_metadata(JPEG)
    assert b"Exif" not in stripped
    assert stripped == b"\xff\xd8" + b"\xff\xe0\x00\x06JFIF" + b"\xff\xda\x00\x02scan\xff\xd9"
    assert strip_jpeg_metadata(PNG) == PNG
    assert strip_jpeg_metadata(b"\xff\xd8\xff\xe1\xff\xff") == b"\xff\xd8\xff\xe1\xff\xff"
