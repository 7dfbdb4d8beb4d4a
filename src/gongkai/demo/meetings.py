"""The demo's meetings (会议公开) and offline notices (公示栏与广播).

徐套乡人民政府 2019 gets the records behind its report's sentence “共召开乡党委会议24次，均通过
会议纪要的形式将内容进行了公开”: 24 党委会议, two a month, each linked to the catalog item that
published its minutes (“徐套乡党委会议纪要（2019年第k次）”, already in the demo catalog on the
公开栏); and a few notices on the 公示栏 of its villages with a photo (a small PNG drawn here:
no imaging library needed), two of them linked to the catalog items they post (they do not
count again), and a broadcast. A few other bodies get meetings in 2024 and 2025. Idempotent: a
body that has meetings (notices) already gets none.
"""

from __future__ import annotations

import struct
import zlib
from datetime import date, timedelta

from gongkai.demo.bodies import COUNTY, DEPT_NATURAL_RESOURCES, TOWN_SHIKONG, TOWNSHIP

__all__ = ["demo_photo", "load_meetings_demo"]

YEAR = 2019


def demo_photo(
    width: int = 96, height: int = 64, colour: tuple[int, int, int] = (40, 110, 60)
) -> bytes:
    """A small valid PNG: a board (``colour``) with a white sheet in the middle."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            sheet = width // 4 <= x < 3 * width // 4 and height // 5 <= y < 4 * height // 5
            rows += bytes((250, 250, 245) if sheet else colour)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(bytes(rows)))
        + chunk(b"IEND", b"")
    )


def _township_meetings() -> int:
    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.meetings.actions import link_minutes, record_meeting
    from gongkai.apps.meetings.models import Meeting
    from gongkai.apps.orgs.models import Body

    body = Body.objects.filter(name=TOWNSHIP).first()
    if body is None or Meeting.objects.filter(body=body).exists():
        return 0
    items = {
        i.title: i
        for i in CatalogItem.objects.filter(body=body, title__startswith="徐套乡党委会议纪要")
    }
    for k in range(1, 25):
        month = (k + 1) // 2
        meeting = record_meeting(
            body,
            acting_user=None,
            kind="party_committee",
            held_on=date(YEAR, month, 8 if k % 2 else 22),
            title=f"徐套乡党委会议（{YEAR}年第{k}次）",
            topics="传达学习上级会议和文件精神；研究部署脱贫攻坚、村务公开等重点工作。",
        )
        item = items.get(f"徐套乡党委会议纪要（{YEAR}年第{k}次）")
        if item is not None:
            link_minutes(meeting, item, acting_user=None)
    return 24


#: (body, kind, held_on, title, attended, minutes published days after the meeting or None)
_OTHER_MEETINGS = (
    (COUNTY, "executive", date(2024, 3, 12), "县政府第12次常务会议", False, 7),
    (COUNTY, "executive", date(2024, 6, 18), "县政府第18次常务会议", False, 6),
    (COUNTY, "plenary", date(2024, 1, 23), "县政府第一次全体会议", False, 10),
    (COUNTY, "executive", date(2025, 2, 25), "县政府第25次常务会议", True, 5),
    (COUNTY, "executive", date(2025, 5, 20), "县政府第29次常务会议", False, None),
    (DEPT_NATURAL_RESOURCES, "hearing", date(2024, 9, 10), "集体土地征收补偿标准听证会", True, 15),
    (
        TOWN_SHIKONG,
        "party_committee",
        date(2025, 4, 8),
        "石空镇党委会议（2025年第7次）",
        False,
        None,
    ),
    (TOWN_SHIKONG, "forum", date(2025, 7, 3), "石空镇枸杞产业发展座谈会", True, 9),
)


def _other_meetings() -> int:
    from gongkai.apps.meetings.actions import record_meeting
    from gongkai.apps.meetings.models import Meeting
    from gongkai.apps.orgs.models import Body

    bodies = {b.name: b for b in Body.objects.filter(name__in={m[0] for m in _OTHER_MEETINGS})}
    done = set(
        Meeting.objects.filter(body__in=bodies.values()).values_list("body__name", flat=True)
    )
    added = 0
    for name, kind, held_on, title, attended, after in _OTHER_MEETINGS:
        body = bodies.get(name)
        if body is None or name in done:
            continue
        published = held_on + timedelta(days=after) if after is not None else None
        record_meeting(
            body,
            acting_user=None,
            kind=kind,
            held_on=held_on,
            title=title,
            topics="研究审议有关事项。",
            attended=attended,
            attendees="群众代表、利益相关方代表" if attended else "",
            minutes_published_on=published,
        )
        added += 1
    return added


#: (channel, village or "" for the body, title, posted_on, taken_down_on, photo colour,
#: title of the catalog item it posts or "")
_NOTICES = (
    (
        "board",
        "徐套村",
        f"徐套村{YEAR}年耕地地力保护补贴发放名单公示",
        date(YEAR, 9, 30),
        date(YEAR, 10, 7),
        (40, 110, 60),
        f"徐套村{YEAR}年耕地地力保护补贴发放名单公示",
    ),
    (
        "board",
        "田家滩村",
        f"田家滩村{YEAR}年脱贫退出户名单公示",
        date(YEAR, 11, 29),
        date(YEAR, 12, 6),
        (30, 80, 140),
        f"田家滩村{YEAR}年脱贫退出户名单公示",
    ),
    (
        "board",
        "大滩川村",
        f"大滩川村{YEAR}年村民代表会议决议公示",
        date(YEAR, 6, 14),
        date(YEAR, 6, 21),
        (140, 60, 40),
        "",
    ),
    (
        "board",
        "包牛套村",
        f"包牛套村{YEAR}年蓄水池改造工程村民议事公示",
        date(YEAR, 8, 2),
        None,
        (110, 90, 30),
        "",
    ),
    ("radio", "", f"徐套乡{YEAR}年森林草原防火广播通知", date(YEAR, 3, 15), None, None, ""),
)


def _township_notices() -> int:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai.apps.catalog.models import CatalogItem
    from gongkai.apps.notices.actions import add_photos, record_notice
    from gongkai.apps.notices.models import OfflineNotice
    from gongkai.apps.orgs.models import Body

    body = Body.objects.filter(name=TOWNSHIP).first()
    if body is None or OfflineNotice.objects.filter(body=body).exists():
        return 0
    titles = [n[6] for n in _NOTICES if n[6]]
    items = {i.title: i for i in CatalogItem.objects.filter(body=body, title__in=titles)}
    for channel, village, title, posted, down, colour, item_title in _NOTICES:
        notice = record_notice(
            body,
            acting_user=None,
            channel=channel,
            title=title,
            posted_on=posted,
            taken_down_on=down,
            place_kind="village" if village else "body",
            place_name=village,
            item=items.get(item_title),
        )
        if colour is not None:
            photo = SimpleUploadedFile(f"{village}公示栏.png", demo_photo(colour=colour))
            add_photos(notice, [photo], acting_user=None)
    return len(_NOTICES)


def load_meetings_demo() -> tuple[int, int]:
    """Add the demo meetings and notices (none twice); returns (meetings, notices) added."""
    meetings = _township_meetings() + _other_meetings()
    return meetings, _township_notices()
