"""会议公开: the actions (policy, version, audit, same-body link), the one word
``minutes_published(by=)``, and meeting_facts against the domain's count."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openness_world import catalog_item

from gongkai.apps.catalog.choices import DisclosureChoice
from gongkai.apps.catalog.models import CatalogItem
from gongkai.apps.meetings.actions import link_minutes, record_meeting, update_meeting
from gongkai.apps.meetings.models import Meeting
from gongkai.apps.meetings.reporting import meeting_counts, meeting_facts, meeting_rows
from gongkai.domain.openness.meetings import count_meetings
from gongkai.domain.stats.openness import MeetingCount
from gongkai.kernel.errors import ActionError, ActionPermissionError, ConcurrentEditError
from gongkai.kernel.models import AuditEntry

pytestmark = pytest.mark.django_db


def _meeting(body: Any, user: Any, held_on: date, **kw: Any) -> Meeting:
    return record_meeting(
        body,
        acting_user=user,
        kind=kw.pop("kind", "party_committee"),
        held_on=held_on,
        title=kw.pop("title", f"党委会议 {held_on}"),
        **kw,
    )


def _half_month(k: int) -> date:
    """The k-th (1…24) half-month meeting of 2019, like the demo's."""
    month = (k + 1) // 2
    return date(2019, month, 1 if k % 2 else 15)


def test_24_party_meetings_with_linked_minutes_are_24_held_24_published(
    clerk_a: Any, dept_a: Any
) -> None:
    for k in range(1, 25):
        meeting = _meeting(dept_a, clerk_a, _half_month(k))
        month = (k + 1) // 2
        item = catalog_item(
            dept_a,
            f"党委会议纪要（2019年第{k}次）",
            date(2019, month, 28),
            made_on=date(2019, 1, 1),
        )
        link_minutes(meeting, item, acting_user=clerk_a)
    assert meeting_facts(dept_a, 2019) == (MeetingCount("党委会议", 24, 24, 0),)
    rows = meeting_rows(Meeting.objects.filter(body=dept_a))
    assert count_meetings(rows, 2019) == meeting_facts(dept_a, 2019)
    assert meeting_counts([dept_a.pk], 2019) == {"党委会议": 24}
    assert meeting_facts(dept_a, 2020) == ()


def test_minutes_published_is_one_word(clerk_a: Any, dept_a: Any) -> None:
    typed = _meeting(dept_a, clerk_a, date(2019, 3, 1), minutes_published_on=date(2019, 3, 5))
    late = _meeting(
        dept_a,
        clerk_a,
        date(2019, 12, 20),
        kind="hearing",
        attended=True,
        attendees="村民代表 5 人",
    )
    link_minutes(late, catalog_item(dept_a, "听证纪要", date(2020, 1, 6)), acting_user=clerk_a)
    withheld_item = catalog_item(dept_a, "未发布纪要", None)
    pending = _meeting(dept_a, clerk_a, date(2019, 4, 1), kind="executive")
    link_minutes(pending, withheld_item, acting_user=clerk_a)
    published = Meeting.objects.minutes_published(by=date(2019, 12, 31))
    assert set(published) == {typed}
    assert set(Meeting.objects.unpublished(by=date(2019, 12, 31))) == {late, pending}
    assert set(Meeting.objects.minutes_published(by=date(2020, 1, 6))) == {typed, late}
    for m in Meeting.objects.all():
        assert m.minutes_public_on(date(2019, 12, 31)) == (m in published)
    facts = meeting_facts(dept_a, 2019)
    assert facts == (
        MeetingCount("党委会议", 1, 1, 0),
        MeetingCount("政府常务会议", 1, 0, 0),
        MeetingCount("听证会", 1, 0, 1),
    )
    assert count_meetings(meeting_rows(Meeting.objects.all()), 2019) == facts


def test_link_refuses_another_bodys_item_and_a_non_proactive_one(
    clerk_a: Any, dept_a: Any, dept_b: Any
) -> None:
    meeting = _meeting(dept_a, clerk_a, date(2019, 3, 1))
    with pytest.raises(ActionError, match="只能关联本机关"):
        link_minutes(meeting, catalog_item(dept_b, "别人的纪要"), acting_user=clerk_a)
    on_request = catalog_item(dept_a, "依申请", None, disclosure=DisclosureChoice.ON_REQUEST)
    with pytest.raises(ActionError, match="不是主动公开"):
        link_minutes(meeting, on_request, acting_user=clerk_a)
    with pytest.raises(ActionError, match="早于会议召开日期"):
        link_minutes(meeting, catalog_item(dept_a, "早发", date(2019, 2, 1)), acting_user=clerk_a)
    assert Meeting.objects.get().minutes_item is None


def test_link_replaces_a_typed_date_and_then_the_date_cannot_be_typed(
    clerk_a: Any, dept_a: Any
) -> None:
    meeting = _meeting(
        dept_a,
        clerk_a,
        date(2019, 3, 1),
        minutes_published_on=date(2019, 3, 2),
        minutes_url="https://example.org/m",
    )
    meeting = link_minutes(
        meeting, catalog_item(dept_a, "纪要", date(2019, 3, 9)), acting_user=clerk_a
    )
    assert meeting.minutes_published_on is None and meeting.minutes_url == ""
    assert meeting.minutes_date == date(2019, 3, 9)
    with pytest.raises(ActionError, match="请先取消关联"):
        update_meeting(meeting, acting_user=clerk_a, minutes_published_on=date(2019, 3, 3))
    assert AuditEntry.objects.filter(action="meetings.link_minutes").count() == 1


def test_rules_version_and_permission(
    clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any
) -> None:
    with pytest.raises(ActionError, match="纪要公开日期不能早于会议召开日期"):
        _meeting(dept_a, clerk_a, date(2019, 3, 1), minutes_published_on=date(2019, 2, 1))
    meeting = _meeting(dept_a, clerk_a, date(2019, 3, 1))
    for outsider in (clerk_b, supervisor):
        with pytest.raises(ActionPermissionError):
            update_meeting(meeting, acting_user=outsider, title="改")
    update_meeting(meeting, acting_user=clerk_a, expected_version=1, title="改名")
    with pytest.raises(ConcurrentEditError):
        update_meeting(meeting, acting_user=clerk_a, expected_version=1, title="再改")
    assert Meeting.objects.get().title == "改名"


def test_another_bodys_meeting_is_404_and_not_listed(
    clerk_a: Any, clerk_b: Any, dept_a: Any
) -> None:
    meeting = _meeting(dept_a, clerk_a, date(2019, 3, 1), title="教育局专题会议")
    client = Client()
    client.force_login(clerk_b)
    for name in ("meetings:detail", "meetings:edit", "meetings:link"):
        assert client.get(reverse(name, args=[meeting.pk])).status_code == 404
    assert "教育局专题会议" not in client.get(reverse("meetings:list")).content.decode()


def test_link_page_searches_the_bodys_items_by_title(
    clerk_a: Any, dept_a: Any, dept_b: Any
) -> None:
    meeting = _meeting(dept_a, clerk_a, date(2019, 3, 1))
    catalog_item(dept_a, "三月党委会议纪要", date(2019, 3, 9))
    catalog_item(dept_a, "财务公开", date(2019, 3, 9))
    catalog_item(dept_b, "三月党委会议纪要（财政局）", date(2019, 3, 9))
    client = Client()
    client.force_login(clerk_a)
    page = client.get(reverse("meetings:link", args=[meeting.pk]), {"q": "三月"}).content.decode()
    assert "三月党委会议纪要" in page and "财政局" not in page and "财务公开" not in page
    item = CatalogItem.objects.get(title="三月党委会议纪要")
    response = client.post(
        reverse("meetings:link", args=[meeting.pk]), {"version": 1, "minutes_item": item.pk}
    )
    assert response.status_code == 302
    assert Meeting.objects.get().minutes_item == item


def test_link_page_offers_no_link_and_lists_only_the_search_after_an_error(
    clerk_a: Any, dept_a: Any
) -> None:
    """Walk of issue 14: the radios include 不关联（取消关联）; a refused choice (minutes
    published before the meeting) shows the search's items again, not every item of the body,
    and 不关联 then unlinks."""
    meeting = _meeting(dept_a, clerk_a, date(2019, 3, 1))
    early = catalog_item(dept_a, "二月党委会议纪要", date(2019, 2, 9))
    catalog_item(dept_a, "财务公开", date(2019, 3, 9))
    url = reverse("meetings:link", args=[meeting.pk])
    client = Client()
    client.force_login(clerk_a)
    page = client.get(url).content.decode()
    assert (
        "不关联（取消关联）" in page
        and 'type="radio"' in page
        and "form-control" not in (page.split('id="id_minutes_item"')[1].split("</div>\n</div>")[0])
    )
    response = client.post(url + "?q=纪要", {"version": 1, "minutes_item": early.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert "早于会议召开日期" in page
    assert "二月党委会议纪要" in page and "财务公开" not in page
    item = catalog_item(dept_a, "三月党委会议纪要", date(2019, 3, 9))
    meeting = link_minutes(meeting, item, acting_user=clerk_a)
    response = client.post(url, {"version": meeting.version, "minutes_item": ""})
    assert response.status_code == 302
    assert Meeting.objects.get().minutes_item is None
