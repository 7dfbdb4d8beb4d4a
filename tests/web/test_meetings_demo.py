"""The demo's meetings and notices: 徐套乡 2019 states 24 党委会议 with their minutes published
(from the linked catalog items), the village notices count once, and loading twice adds
nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openness_world import catalog_item

from gongkai.apps.meetings.models import Meeting
from gongkai.apps.meetings.reporting import meeting_facts
from gongkai.apps.notices.models import NoticePhoto, OfflineNotice
from gongkai.apps.notices.reporting import channel_publications, notice_facts
from gongkai.demo.bodies import TOWNSHIP
from gongkai.demo.meetings import demo_photo, load_meetings_demo
from gongkai.domain.openness.images import image_type
from gongkai.domain.stats.openness import MeetingCount

pytestmark = pytest.mark.django_db


def test_the_township_demo(settings: Any, tmp_path: Path, county: Any) -> None:
    from gongkai.apps.orgs.services import create_body

    settings.GONGKAI_VAR_DIR = tmp_path
    township = create_body(TOWNSHIP, parent=county)
    for k in range(1, 25):
        month = (k + 1) // 2
        catalog_item(
            township,
            f"徐套乡党委会议纪要（2019年第{k}次）",
            date(2019, month, 28),
            made_on=date(2019, 1, 1),
        )
    catalog_item(township, "徐套村2019年耕地地力保护补贴发放名单公示", date(2019, 9, 30))
    catalog_item(township, "田家滩村2019年脱贫退出户名单公示", date(2019, 11, 29))

    assert load_meetings_demo() == (24, 5)
    assert meeting_facts(township, 2019) == (MeetingCount("党委会议", 24, 24, 0),)
    assert Meeting.objects.filter(minutes_item__isnull=False).count() == 24
    # two notices post catalog items (not counted again), two village boards and a broadcast
    assert notice_facts(township, 2019) == {"公示栏": 2, "广播": 1}
    assert channel_publications(township, 2019) == {"公开栏": 2, "广播电视": 1}
    assert OfflineNotice.objects.linked().count() == 2
    assert NoticePhoto.objects.count() == 4
    assert load_meetings_demo() == (0, 0)
    assert Meeting.objects.count() == 24


def test_the_demo_photo_is_a_png() -> None:
    data = demo_photo()
    assert image_type(data) is not None and data.startswith(b"\x89PNG")
