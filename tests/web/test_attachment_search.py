"""Search of the attachments' text (issue 13): an upload's text is read by the background task
after the commit, the search finds a public item by a phrase only in its attachment, never a
non-public item's, the index follows a removed or changed attachment, the staff page shows the
status, and ``gongkai catalog extract-text`` reads what is pending."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from tests.sample_files import blank_pdf, docx_of

from gongkai.apps.catalog.actions import (
    add_attachment,
    create_item,
    delete_attachment,
    publish_item,
    review_secrecy,
)
from gongkai.apps.catalog.attachment_search import (
    ATTACHMENT_INDEX,
    attachment_item_ids,
    attachment_matches,
    attachment_snippet,
    install_attachment_index,
)
from gongkai.apps.catalog.models import CatalogAttachment, CatalogItem
from gongkai.apps.catalog.search import search_public

pytestmark = pytest.mark.django_db

MADE = date(2025, 3, 3)
PHRASE = "海绵城市建设专项资金绩效评价"


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path


@pytest.fixture
def body(dept_a: Any) -> Any:
    dept_a.credit_code = "11640521MB1234567X"
    dept_a.save()
    return dept_a


def _item(
    clerk: Any, body: Any, title: str = "关于印发年度工作要点的通知", **fields: Any
) -> CatalogItem:
    values: dict[str, Any] = {"made_on": MADE, "category": "other", **fields}
    return create_item(body, title=title, **values, acting_user=clerk)


def _attach(
    item: CatalogItem, clerk: Any, name: str, data: bytes, capture: Any
) -> CatalogAttachment:
    """Upload through the action; the extraction task runs when the upload commits."""
    item.refresh_from_db()
    with capture(execute=True):
        attachment = add_attachment(item, SimpleUploadedFile(name, data), acting_user=clerk)
    return CatalogAttachment.objects.defer(None).get(pk=attachment.pk)


def _publish(item: CatalogItem, clerk: Any, reviewer: Any) -> CatalogItem:
    item.refresh_from_db()
    item = review_secrecy(item, "approved", MADE, acting_user=reviewer)
    return publish_item(item, date(2025, 3, 10), ["政府网站"], acting_user=clerk)


def test_upload_text_is_extracted_and_found_by_search(
    body: Any, clerk_a: Any, reviewer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = _item(clerk_a, body)
    attachment = _attach(
        item,
        clerk_a,
        "实施方案.docx",
        docx_of("第一部分", f"开展{PHRASE}工作，", "各单位按时报送。"),
        django_capture_on_commit_callbacks,
    )
    assert attachment.text_status == "extracted"
    assert PHRASE in attachment.text
    assert attachment.text_extracted_at is not None
    assert list(search_public(PHRASE)) == []  # not published yet
    item = _publish(item, clerk_a, reviewer_a)
    assert list(search_public(PHRASE)) == [item]
    assert list(search_public("绩效评价", bodies=body, year=2025)) == [item]
    assert list(search_public("绩效评价", year=2024)) == []
    snippet = attachment_snippet(item, PHRASE)
    assert f"<mark>{PHRASE}</mark>" in snippet
    assert "实施方案.docx" in snippet
    assert attachment_snippet(item, "不存在的词语") == ""
    # the title still finds it, and the attachment hook does not duplicate a row
    assert list(search_public("年度工作要点")) == [item]


def test_the_search_page_shows_the_passage_of_an_item_found_by_its_file(
    body: Any, clerk_a: Any, reviewer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = _item(clerk_a, body)
    _attach(
        item,
        clerk_a,
        "实施方案.docx",
        docx_of(f"开展{PHRASE}工作，", "各单位按时报送。"),
        django_capture_on_commit_callbacks,
    )
    _publish(item, clerk_a, reviewer_a)
    page = Client().get("/catalog/search/", {"q": PHRASE}).content.decode()
    assert item.title in page
    assert "附件中：" in page and f"<mark>{PHRASE}</mark>" in page
    # found by its title: no passage
    page = Client().get("/catalog/search/", {"q": "年度工作要点"}).content.decode()
    assert item.title.replace("年度工作要点", "<mark>年度工作要点</mark>") in page
    assert "附件中：" not in page


def test_snippet_escapes_the_text(
    body: Any, clerk_a: Any, reviewer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = _item(clerk_a, body)
    text = f"<script>alert(1)</script>{PHRASE}".encode()
    _attach(item, clerk_a, "说明.txt", text, django_capture_on_commit_callbacks)
    item = _publish(item, clerk_a, reviewer_a)
    snippet = attachment_snippet(item, PHRASE)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_a_non_public_items_attachment_is_never_found(
    body: Any, clerk_a: Any, reviewer_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    draft = _item(clerk_a, body, "草稿")
    on_request = _item(
        clerk_a, body, "依申请公开的文件", disclosure="依申请公开", disclosure_reason="过程信息"
    )
    withheld = _item(clerk_a, body, "保密审查不予公开")
    future = _item(clerk_a, body, "将来发布")
    for item in (draft, on_request, withheld, future):
        _attach(
            item,
            clerk_a,
            "附件.txt",
            f"内容：{PHRASE}".encode(),
            django_capture_on_commit_callbacks,
        )
    withheld.refresh_from_db()
    review_secrecy(withheld, "withheld", MADE, acting_user=reviewer_a)
    future.refresh_from_db()
    future = review_secrecy(future, "approved", MADE, acting_user=reviewer_a)
    publish_item(future, date(2099, 1, 1), ["政府网站"], acting_user=clerk_a)
    assert attachment_matches(PHRASE).count() == 4  # indexed …
    assert list(search_public(PHRASE)) == []  # … never found
    assert attachment_item_ids(CatalogItem.objects.public(), PHRASE) == []


def test_removing_an_attachment_removes_its_text_from_the_index(
    body: Any, clerk_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = _item(clerk_a, body)
    attachment = _attach(
        item, clerk_a, "a.txt", f"附件正文{PHRASE}".encode(), django_capture_on_commit_callbacks
    )
    assert list(attachment_matches(PHRASE).values_list("item_id", flat=True)) == [item.pk]
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        delete_attachment(item, attachment, acting_user=clerk_a)
    assert list(attachment_matches(PHRASE)) == []


def test_the_index_follows_a_text_written_by_any_update(body: Any, clerk_a: Any) -> None:
    item = _item(clerk_a, body)
    attachment = add_attachment(item, SimpleUploadedFile("a.txt", b"plain"), acting_user=clerk_a)
    assert attachment.text_status == "pending"  # no commit in this test: the task did not run
    CatalogAttachment.objects.filter(pk=attachment.pk).update(text=f"新的{PHRASE}")
    assert attachment_matches(PHRASE).count() == 1
    CatalogAttachment.objects.filter(pk=attachment.pk).update(text="别的内容")
    assert attachment_matches(PHRASE).count() == 0
    assert attachment_matches("别的内容").count() == 1


def test_short_queries_do_not_search_attachments(body: Any, clerk_a: Any) -> None:
    item = _item(clerk_a, body)
    attachment = add_attachment(item, SimpleUploadedFile("a.txt", b"plain"), acting_user=clerk_a)
    CatalogAttachment.objects.filter(pk=attachment.pk).update(text="绩效")
    assert list(attachment_matches("绩效")) == []


def test_scanned_and_too_large_files_get_their_status_on_the_staff_page(
    client: Client, body: Any, clerk_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = _item(clerk_a, body)
    scan = _attach(item, clerk_a, "扫描件.pdf", blank_pdf(), django_capture_on_commit_callbacks)
    assert (scan.text_status, scan.text) == ("no_text", "")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (30 * 1024 * 1024))
    big = _attach(item, clerk_a, "大文件.docx", bomb.getvalue(), django_capture_on_commit_callbacks)
    assert (big.text_status, big.text) == ("too_large", "")
    client.force_login(clerk_a)
    page = client.get(f"/catalog/{item.pk}/").content.decode()
    assert "检索用文字：无可提取文字（PDF 中没有可提取的文字" in page
    assert "检索用文字：超出提取上限（压缩包中的“word/document.xml”" in page


def test_lost_triggers_are_put_back_and_the_index_rebuilt(
    body: Any, clerk_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    item = _item(clerk_a, body)
    _attach(item, clerk_a, "a.txt", f"正文{PHRASE}".encode(), django_capture_on_commit_callbacks)
    if connection.vendor != "sqlite":
        assert install_attachment_index() is False  # idempotent: the GIN index exists
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attcompression FROM pg_attribute WHERE attname = 'text' "
                "AND attrelid = 'catalog_catalogattachment'::regclass"
            )
            assert cursor.fetchone() == ("l",)  # texts stored with lz4
        return
    with connection.cursor() as cursor:
        for trigger in sorted(ATTACHMENT_INDEX.triggers):
            cursor.execute(f"DROP TRIGGER {trigger}")
        cursor.execute(f"DELETE FROM {ATTACHMENT_INDEX.fts_table}")
    assert install_attachment_index() is True
    assert attachment_matches(PHRASE).count() == 1
    assert install_attachment_index() is False


def _cli(*args: str) -> Any:
    from typer.testing import CliRunner

    from gongkai.cli.main import app

    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def test_extract_text_command_reads_the_pending_attachments(
    body: Any, clerk_a: Any, reviewer_a: Any
) -> None:
    item = _item(clerk_a, body)
    add_attachment(item, SimpleUploadedFile("a.txt", f"正文{PHRASE}".encode()), acting_user=clerk_a)
    item.refresh_from_db()
    photo = SimpleUploadedFile("照片.png", b"\x89PNG\r\n\x1a\n" + bytes(40))
    add_attachment(item, photo, acting_user=clerk_a)
    item = _publish(item, clerk_a, reviewer_a)
    assert list(search_public(PHRASE)) == []  # pending: no task ran in this test
    done = _cli("catalog", "extract-text", "--pending", "--org", body.name)
    assert done.exit_code == 0, done.output
    assert "处理附件 2 个：已提取 1 个，不支持的类型 1 个。" in done.stdout
    assert list(search_public(PHRASE)) == [item]
    again = _cli("catalog", "extract-text", "--pending")
    assert "处理附件 0 个。" in again.stdout


@pytest.mark.parametrize("recent", [0, 1, 500])
def test_older_attachments_are_found_through_the_index(
    body: Any,
    clerk_a: Any,
    reviewer_a: Any,
    django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
    recent: int,
) -> None:
    """PostgreSQL reads the newest PG_RECENT attachments first, then asks the GIN index for
    the older ones: an item is found whichever way its attachment is reached."""
    from gongkai.apps.catalog import attachment_search

    monkeypatch.setattr(attachment_search, "PG_RECENT", recent)
    old = _item(clerk_a, body, "较早的文件")
    _attach(old, clerk_a, "a.txt", f"甲{PHRASE}".encode(), django_capture_on_commit_callbacks)
    new = _item(clerk_a, body, "较新的文件")
    _attach(new, clerk_a, "b.txt", f"乙{PHRASE}".encode(), django_capture_on_commit_callbacks)
    old, new = _publish(old, clerk_a, reviewer_a), _publish(new, clerk_a, reviewer_a)
    assert list(search_public(PHRASE)) == [new, old]


def test_the_model_statuses_are_the_domains() -> None:
    from gongkai.apps.catalog.choices import AttachmentTextStatus
    from gongkai.domain.catalog.attachment_text import STATUSES

    assert set(AttachmentTextStatus.values) == {"pending", *STATUSES}
