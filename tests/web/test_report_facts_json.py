"""The year's facts as the published snapshot keeps them: plain JSON, nested facts included."""

from __future__ import annotations

import json
from types import MappingProxyType

from gongkai.apps.reports.annual import facts_to_json
from gongkai.domain.report.draft import DraftFacts
from gongkai.domain.stats.engagement import EngagementSummary
from gongkai.domain.stats.openness import ConsultationSummary, MeetingCount, OpennessFacts


def facts() -> DraftFacts:
    return DraftFacts(
        body="徐套乡人民政府",
        year=2019,
        channels=MappingProxyType({"政府网站": 0, "公示栏": 1087}),
        documents_made=120,
        documents_by_disclosure={"主动公开": 85, "依申请公开": 35},
        mailbox=EngagementSummary(received=10, replied=10, published=10),
        mailbox_names=("县长信箱",),
        npc=EngagementSummary(),
        cppcc=EngagementSummary(),
        openness=OpennessFacts(
            interpretations=2,
            interpretations_by_kind=MappingProxyType({"图文解读": 2}),
            consultation=ConsultationSummary(consultations=1, comments=5, adopted=2),
            meetings=(MeetingCount("党委会议", 24, 24), MeetingCount("政府常务会议", 6, 5, 1)),
            offline_notices={"公示栏": 800, "广播": 40},
        ),
    )


def test_facts_are_plain_json_and_round_trip() -> None:
    data = facts_to_json(facts())
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data  # nothing but JSON types
    assert data["channels"] == {"政府网站": 0, "公示栏": 1087}
    assert data["mailbox_names"] == ["县长信箱"]
    assert data["mailbox"] == {"received": 10, "replied": 10, "published": 10}
    openness = data["openness"]
    assert openness["meetings"] == [
        {"kind": "党委会议", "held": 24, "published": 24, "attended": 0},
        {"kind": "政府常务会议", "held": 6, "published": 5, "attended": 1},
    ]
    assert openness["interpretations_by_kind"] == {"图文解读": 2}
    assert openness["offline_notices"] == {"公示栏": 800, "广播": 40}
    assert openness["consultation"]["comments"] == 5
    assert openness["consultation"]["feedback_overdue"] == 0
    assert data["processing_fees_yuan"] is None


def test_facts_without_openness_records_keep_their_shape() -> None:
    data = facts_to_json(DraftFacts(**{**facts().__dict__, "openness": OpennessFacts()}))
    assert data["openness"]["meetings"] == []
    assert data["openness"]["offline_notices"] == {}
