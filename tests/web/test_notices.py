"""公示栏与广播: the counting rule in the database (an unlinked notice counts, a linked one does
not), photo uploads (a non-image and an oversize file refused naming the file, EXIF removed),
another body's notice and photo are 404."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openness_world import catalog_item, tiny_png

from gongkai.apps.notices.actions import add_photos, link_item, record_notice, update_notice
from gongkai.apps.notices.models import NoticePhoto, OfflineNotice
from gongkai.apps.notices.reporting import (
    channel_publications as db_channel_publications,
)
from gongkai.apps.notices.reporting import notice_facts, notice_rows, offline_counts
from gongkai.domain.openness.offline import channel_publications, offline_publications
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path


def _notice(body: Any, user: Any, **kw: Any) -> OfflineNotice:
    kw.setdefault("channel", "board")
    kw.setdefault("title", "田家滩村2019年低保名单公示")
    kw.setdefault("posted_on", date(2019, 5, 6))
    kw.setdefault("place_kind", "village")
    kw.setdefault("place_name", "田家滩村")
    return record_notice(body, acting_user=user, **kw)


def test_an_unlinked_notice_counts_a_linked_one_does_not(clerk_a: Any, dept_a: Any) -> None:
    _notice(dept_a, clerk_a)
    linked = _notice(dept_a, clerk_a, title="已在目录中发布的公示")
    linked = link_item(linked, catalog_item(dept_a, "已在目录中发布的公示"), acting_user=clerk_a)
    _notice(dept_a, clerk_a, channel="radio", title="防汛广播", place_kind="body", place_name="")
    _notice(dept_a, clerk_a, title="去年的", posted_on=date(2018, 12, 31))
    assert notice_facts(dept_a, 2019) == {"公示栏": 1, "广播": 1}
    assert db_channel_publications(dept_a, 2019) == {"公开栏": 1, "广播电视": 1}
    assert offline_counts([dept_a.pk], 2019) == {"公示栏": 1, "广播": 1}
    rows = notice_rows(OfflineNotice.objects.filter(body=dept_a))
    assert offline_publications(rows, 2019) == notice_facts(dept_a, 2019)
    assert channel_publications(rows, 2019) == db_channel_publications(dept_a, 2019)
    link_item(linked, None, acting_user=clerk_a)  # unlinked again: it counts
    assert notice_facts(dept_a, 2019) == {"公示栏": 2, "广播": 1}


def test_place_and_dates_are_checked(clerk_a: Any, dept_a: Any, dept_b: Any) -> None:
    with pytest.raises(ActionError, match="村（社区）名称"):
        _notice(dept_a, clerk_a, place_name="")
    with pytest.raises(ActionError, match="撤下日期不能早于"):
        _notice(dept_a, clerk_a, taken_down_on=date(2019, 5, 1))
    notice = _notice(dept_a, clerk_a)
    with pytest.raises(ActionError, match="只能关联本机关"):
        link_item(notice, catalog_item(dept_b, "财政局的"), acting_user=clerk_a)
    notice = update_notice(notice, acting_user=clerk_a, place_kind="body", place_name="田家滩村")
    assert notice.place_name == "" and notice.place == "本机关"


def test_photos_upload_strips_exif_and_refuses_duplicates(clerk_a: Any, dept_a: Any) -> None:
    notice = _notice(dept_a, clerk_a)
    jpeg = b"\xff\xd8" + b"\xff\xe1\x00\x0aExif\x00\x00GP" + b"\xff\xda\x00\x02scan\xff\xd9"
    notice = add_photos(
        notice,
        [SimpleUploadedFile("IMG_0001.JPG", jpeg), SimpleUploadedFile("a.png", tiny_png())],
        acting_user=clerk_a,
    )
    photos = list(NoticePhoto.objects.order_by("pk"))
    assert [p.original_name for p in photos] == ["IMG_0001.jpg", "a.png"]
    assert b"Exif" not in photos[0].file.read()
    assert AuditEntry.objects.filter(action="notices.photos").count() == 1
    with pytest.raises(ActionError, match="已经上传过"):
        add_photos(notice, [SimpleUploadedFile("again.png", tiny_png())], acting_user=clerk_a)


def test_non_image_and_oversize_photos_are_refused_naming_the_file(
    client: Client, clerk_a: Any, dept_a: Any, settings: Any
) -> None:
    notice = _notice(dept_a, clerk_a)
    client.force_login(clerk_a)
    url = reverse("notices:photos", args=[notice.pk])
    fake = SimpleUploadedFile("现场.jpg", b"%PDF-1.7 not a photo")
    response = client.post(url, {"version": notice.version, "photos": [fake]})
    assert response.status_code == 400
    assert "文件“现场.jpg”不是照片" in response.content.decode()
    settings.GONGKAI_MAX_UPLOAD_BYTES = 40
    big = SimpleUploadedFile("大照片.png", tiny_png() + b"\x00" * 100)
    response = client.post(url, {"version": notice.version, "photos": [big]})
    assert response.status_code == 400
    assert "照片“大照片.png”有" in response.content.decode()
    assert "超过了 40 B 的上限" in response.content.decode()
    assert not NoticePhoto.objects.exists()
    assert not AuditEntry.objects.filter(action="notices.photos").exists()


def test_photo_is_shown_to_the_body_and_404_to_another(
    clerk_a: Any, clerk_b: Any, supervisor: Any, dept_a: Any
) -> None:
    notice = add_photos(
        _notice(dept_a, clerk_a), [SimpleUploadedFile("a.png", tiny_png())], acting_user=clerk_a
    )
    photo = NoticePhoto.objects.get()
    own, other = Client(), Client()
    own.force_login(clerk_a)
    other.force_login(clerk_b)
    response = own.get(photo.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert b"".join(response.streaming_content) == tiny_png()  # type: ignore[attr-defined]
    assert other.get(photo.get_absolute_url()).status_code == 404
    assert other.get(reverse("notices:detail", args=[notice.pk])).status_code == 404
    with pytest.raises(ActionPermissionError):
        add_photos(notice, [SimpleUploadedFile("b.png", tiny_png(9))], acting_user=supervisor)


def test_detail_page_offers_the_phone_camera(client: Client, clerk_a: Any, dept_a: Any) -> None:
    notice = _notice(dept_a, clerk_a)
    client.force_login(clerk_a)
    page = client.get(reverse("notices:detail", args=[notice.pk])).content.decode()
    assert 'accept="image/*"' in page and 'capture="environment"' in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page


def test_link_page_offers_no_link_and_lists_only_the_search_after_an_error(
    clerk_a: Any, dept_a: Any, dept_b: Any
) -> None:
    """Walk of issue 14: the radios include 不关联（取消关联）; a refused choice shows the
    search's items again, not every item of the body; 不关联 unlinks."""
    notice = _notice(dept_a, clerk_a)
    same = catalog_item(dept_a, "田家滩村2019年低保名单公示", date(2019, 5, 6))
    catalog_item(dept_a, "财务公开", date(2019, 5, 6))
    other = catalog_item(dept_b, "别人的公示", date(2019, 5, 6))
    url = reverse("notices:link", args=[notice.pk])
    client = Client()
    client.force_login(clerk_a)
    page = client.get(url).content.decode()
    assert "不关联（取消关联）" in page and "田家滩村2019年低保名单公示（2019-05-06）" in page
    response = client.post(url, {"version": notice.version, "item": other.pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert "所选信息不存在或不属于本机关。" in page
    assert "田家滩村2019年低保名单公示（2019-05-06）" in page and "财务公开" not in page
    notice = link_item(notice, same, acting_user=clerk_a)
    response = client.post(url, {"version": notice.version, "item": ""})
    assert response.status_code == 302
    assert OfflineNotice.objects.get().item is None


def test_list_summary_counts_the_newest_listed_year(
    client: Client, clerk_a: Any, dept_a: Any
) -> None:
    """Without ?year= the summary counts the year of the newest notice listed (the list shows
    every year), not an empty current year; ?year= picks the year."""
    _notice(dept_a, clerk_a)  # 2019
    _notice(dept_a, clerk_a, title="2018年的公示", posted_on=date(2018, 3, 1))
    client.force_login(clerk_a)
    response = client.get(reverse("notices:list"))
    assert response.context["summary_year"] == 2019
    assert response.context["summary"]
    response = client.get(reverse("notices:list"), {"year": 2018})
    assert response.context["summary_year"] == 2018
