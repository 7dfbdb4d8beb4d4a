"""政策解读: the actions (policy, state, audit entry, version), the named querysets, the pages
(staff and public item page, the 未发布解读 list) and the reporting functions, each checked
against a count done independently here."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from gongkai.apps.catalog.actions import (
    create_interpretation,
    create_item,
    publish_interpretation,
    publish_item,
    review_secrecy,
    update_interpretation,
)
from gongkai.apps.catalog.models import CatalogItem, Interpretation
from gongkai.apps.catalog.reporting import interpretation_coverage, interpretation_facts
from gongkai.apps.workcal.services import load_calendar
from gongkai.domain.catalog.interpretation import is_timely
from gongkai.kernel.audit import entries_for
from gongkai.kernel.errors import (
    ActionError,
    ActionPermissionError,
    ConcurrentEditError,
    TransitionError,
)

pytestmark = pytest.mark.django_db

CODE_A = "11640521MB1234567X"
CODE_B = "11640521MB7654321Y"


@pytest.fixture
def coded(dept_a: Any, dept_b: Any) -> tuple[Any, Any]:
    dept_a.credit_code, dept_b.credit_code = CODE_A, CODE_B
    dept_a.interpretation_days, dept_b.interpretation_days = 3, 0
    dept_a.save()
    dept_b.save()
    return dept_a, dept_b


def _document(
    body: Any,
    user: Any,
    published_on: date | None,
    *,
    category: str = "normative",
    title: str = "关于规范某事项的通知",
) -> CatalogItem:
    made = date(published_on.year, 1, 1) if published_on else date(2025, 1, 2)
    item = create_item(body, title=title, category=category, made_on=made, acting_user=None)
    if published_on is not None:
        item = review_secrecy(item, "approved", made, acting_user=None)
        item = publish_item(item, published_on, ["政府网站"], acting_user=None)
    return item


def _interpretation(
    item: CatalogItem, published_on: date | None, kind: str = "text", title: str = "解读"
) -> Interpretation:
    interp = create_interpretation(item, kind=kind, title=title, text="一问一答", acting_user=None)
    if published_on is not None:
        interp = publish_interpretation(interp, published_on, acting_user=None)
    return interp


# -- actions ----------------------------------------------------------------------------------


def test_register_correct_publish_with_one_audit_entry_each(coded: Any, clerk_a: Any) -> None:
    dept_a, _ = coded
    item = _document(dept_a, clerk_a, date(2025, 3, 3))
    interp = create_interpretation(
        item, kind="text", title="《通知》政策解读", text="问：…答：…", acting_user=clerk_a
    )
    assert interp.body == dept_a and interp.published_on is None
    interp = update_interpretation(
        interp, title="《通知》图解", kind="graphic", acting_user=clerk_a, expected_version=1
    )
    interp = publish_interpretation(interp, date(2025, 3, 5), acting_user=clerk_a)
    assert interp.version == 3
    assert [(e.action, e.user) for e in entries_for(interp)] == [
        ("catalog.interpretation_create", clerk_a),
        ("catalog.interpretation_update", clerk_a),
        ("catalog.interpretation_publish", clerk_a),
    ]
    assert entries_for(interp)[2].data["timely"] is True
    with pytest.raises(TransitionError, match="已经发布"):
        publish_interpretation(interp, date(2025, 3, 6), acting_user=clerk_a)


def test_version_conflict_is_refused(coded: Any, clerk_a: Any) -> None:
    item = _document(coded[0], clerk_a, date(2025, 3, 3))
    interp = _interpretation(item, None)
    update_interpretation(interp, title="甲", acting_user=clerk_a, expected_version=1)
    with pytest.raises(ConcurrentEditError, match="已被他人修改"):
        update_interpretation(interp, title="乙", acting_user=clerk_a, expected_version=1)
    assert Interpretation.objects.get(pk=interp.pk).title == "甲"


def test_other_body_and_supervisor_are_refused(
    coded: Any, clerk_a: Any, clerk_b: Any, supervisor: Any
) -> None:
    item = _document(coded[0], clerk_a, date(2025, 3, 3))
    with pytest.raises(ActionPermissionError, match="政策解读的权限"):
        create_interpretation(item, title="越权", text="x", acting_user=clerk_b)
    interp = _interpretation(item, None)
    for user in (clerk_b, supervisor):
        with pytest.raises(ActionPermissionError):
            publish_interpretation(interp, date(2025, 3, 4), acting_user=user)
    assert len(entries_for(interp)) == 1


def test_validation_in_chinese(coded: Any, clerk_a: Any) -> None:
    draft = _document(coded[0], clerk_a, None)
    with pytest.raises(ActionError) as info:
        create_interpretation(draft, title="空的", acting_user=clerk_a)
    assert "至少一项" in str(info.value.field_errors["text"])
    with pytest.raises(ActionError) as info:
        create_interpretation(draft, title="坏链接", url="javascript:alert(1)", acting_user=clerk_a)
    assert "http" in str(info.value.field_errors["url"])
    interp = create_interpretation(
        draft, title="视频", kind="video", url="https://v.example.cn/1", acting_user=clerk_a
    )
    with pytest.raises(TransitionError, match="尚未作为主动公开信息发布"):
        publish_interpretation(interp, date(2025, 3, 4), acting_user=clerk_a)


# -- querysets and the pages ------------------------------------------------------------------


def test_public_and_without_interpretation(coded: Any, clerk_a: Any, client: Client) -> None:
    dept_a, _ = coded
    item = _document(dept_a, clerk_a, date(2025, 3, 3))
    lonely = _document(dept_a, clerk_a, date(2025, 3, 3), title="没有解读的规定")
    other = _document(dept_a, clerk_a, date(2025, 3, 3), category="other", title="普通信息")
    shown = _interpretation(item, date(2025, 3, 4), title="已发布的解读甲")
    draft = _interpretation(item, None, title="草稿解读乙")
    assert list(Interpretation.objects.public()) == [shown]
    assert set(CatalogItem.objects.without_interpretation()) == {lonely}
    # As of the day before the 解读: the item had none yet.
    assert set(CatalogItem.objects.without_interpretation(date(2025, 3, 3))) == {item, lonely}
    assert other not in CatalogItem.objects.without_interpretation()

    page = client.get(reverse("catalog:public_item", args=[item.pk])).content.decode()
    assert shown.title in page and draft.title not in page and "一问一答" in page
    listing = client.get(reverse("catalog:public", args=[dept_a.pk])).content.decode()
    assert listing.count('data-testid="interpretation-link"') == 1  # only the item with one
    column = client.get(reverse("column:body", args=[dept_a.pk])).content.decode()
    assert shown.title in column and draft.title not in column

    client.force_login(clerk_a)
    staff = client.get(reverse("catalog:detail", args=[item.pk])).content.decode()
    assert shown.title in staff and draft.title in staff
    missing = client.get(reverse("catalog:interpretations_missing")).content.decode()
    assert lonely.title in missing and "关于规范某事项的通知" not in missing


def test_publish_through_the_page(coded: Any, clerk_a: Any, client: Client) -> None:
    item = _document(coded[0], clerk_a, date(2025, 3, 3))
    interp = _interpretation(item, None)
    client.force_login(clerk_a)
    url = reverse("catalog:interpretation_action", kwargs={"pk": interp.pk, "op": "publish"})
    response = client.post(url, {"published_on": "2025-03-10", "version": interp.version})
    assert response.status_code == 302
    interp.refresh_from_db()
    assert interp.published_on == date(2025, 3, 10)
    assert not interp.is_timely()  # 3 working days after Monday 03-03 is Thursday 03-06


# -- reporting --------------------------------------------------------------------------------


def _world(coded: Any, clerk_a: Any) -> None:
    dept_a, dept_b = coded
    # dept_a (3 working days): one timely, one late, one missing, one of 2024 with a 2025 解读.
    timely = _document(dept_a, clerk_a, date(2025, 3, 3), title="甲")
    _interpretation(timely, date(2025, 3, 6), kind="graphic")
    _interpretation(timely, date(2025, 4, 1), kind="video")
    late = _document(dept_a, clerk_a, date(2025, 6, 2), title="乙")
    _interpretation(late, date(2025, 6, 30))
    _document(dept_a, clerk_a, date(2025, 9, 1), title="丙")
    old = _document(dept_a, clerk_a, date(2024, 12, 31), title="丁")
    _interpretation(old, date(2025, 1, 2))
    # Year end: published 2025-12-31, its 解读 on the 3rd working day of 2026 (timely, but
    # not published by 31 December: it counts as without one in 2025's report).
    year_end = _document(dept_a, clerk_a, date(2025, 12, 31), title="戊")
    _interpretation(year_end, date(2026, 1, 6))
    _document(dept_a, clerk_a, date(2025, 5, 6), category="other", title="其他信息")
    # dept_b (0 days: the same day): one timely, one a day late.
    same_day = _document(dept_b, None, date(2025, 4, 1), title="己")
    _interpretation(same_day, date(2025, 4, 1), kind="press")
    next_day = _document(dept_b, None, date(2025, 4, 1), title="庚")
    _interpretation(next_day, date(2025, 4, 2))


def _independent_coverage(body: Any, year: int) -> tuple[int, int]:
    calendar = load_calendar()
    timely = total = 0
    for item in CatalogItem.objects.filter(body=body, category="normative"):
        if item.published_on is None or item.published_on.year != year:
            continue
        total += 1
        dates = [i.published_on for i in item.interpretations.all() if i.published_on]
        first = min(dates) if dates else None
        timely += is_timely(item.published_on, first, body.interpretation_days, calendar)
    return timely, total


def test_facts_equal_an_independent_count(coded: Any, clerk_a: Any) -> None:
    _world(coded, clerk_a)
    dept_a, dept_b = coded
    count, by_kind, without = interpretation_facts(dept_a, 2025)
    published = [
        i
        for i in Interpretation.objects.filter(body=dept_a)
        if i.published_on and i.published_on.year == 2025
    ]
    assert count == len(published) == 4
    expected: dict[str, int] = {}
    for i in published:
        label = i.get_kind_display()
        expected[label] = expected.get(label, 0) + 1
    assert by_kind == expected == {"文字解读": 2, "图文解读": 1, "视频解读": 1}
    assert without == 2  # 丙 (none) and 戊 (its 解读 came in 2026)
    assert interpretation_facts(dept_a, 2026) == (1, {"文字解读": 1}, 0)


def test_coverage_equals_an_independent_count(
    coded: Any, clerk_a: Any, django_assert_max_num_queries: Any
) -> None:
    _world(coded, clerk_a)
    dept_a, dept_b = coded
    calendar = load_calendar()
    with django_assert_max_num_queries(1):  # one grouped query, whatever the bodies
        coverage = interpretation_coverage(
            [dept_a.pk, dept_b.pk, coded[0].parent_id], 2025, calendar
        )
    assert coverage[dept_a.pk] == _independent_coverage(dept_a, 2025) == (2, 4)
    assert coverage[dept_b.pk] == _independent_coverage(dept_b, 2025) == (1, 2)
    assert coverage[coded[0].parent_id] == (0, 0)
    assert interpretation_coverage([], 2025) == {}


def test_stale_form_is_a_409_and_changes_nothing(coded: Any, clerk_a: Any, client: Client) -> None:
    item = _document(coded[0], clerk_a, date(2025, 3, 3))
    interp = _interpretation(item, None, title="原标题")
    update_interpretation(interp, title="他人改过", acting_user=None)
    client.force_login(clerk_a)
    url = reverse("catalog:edit_interpretation", args=[interp.pk])
    data = {"kind": "text", "title": "我的修改", "text": "x", "url": "", "version": 1}
    response = client.post(url, data)
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    assert Interpretation.objects.get(pk=interp.pk).title == "他人改过"
