"""Attachments of catalog items: upload checks (size, extension and magic bytes), storage
under the var directory, download permissions, the item's audit trail."""

from __future__ import annotations

import hashlib
import io
import stat
import zipfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.apps.catalog.actions import create_item, publish_item, review_secrecy
from gongkai.apps.catalog.attachments import attachment_storage
from gongkai.apps.catalog.models import CatalogAttachment, CatalogItem
from gongkai.kernel.audit import entries_for

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _var_dir(settings: Any, tmp_path: Path) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path


@pytest.fixture
def coded_a(dept_a: Any) -> Any:
    dept_a.credit_code = "11640521MB1234567X"
    dept_a.save()
    return dept_a


def _draft(user: Any, body: Any, **fields: Any) -> CatalogItem:
    values: dict[str, Any] = {
        "title": "关于印发某某工作方案的通知",
        "made_on": timezone.localdate() - timedelta(days=1),
        "category": "other",
    }
    values.update(fields)
    return create_item(body, **values, acting_user=user)


@pytest.fixture
def item(coded_a: Any, clerk_a: Any) -> CatalogItem:
    return _draft(clerk_a, coded_a)


def _post(client: Client, item: CatalogItem, name: str, data: bytes) -> Any:
    upload = SimpleUploadedFile(name, data)
    return client.post(f"/catalog/{item.pk}/actions/attach/", {"file": upload})


def _published(item: CatalogItem, clerk: Any, reviewer: Any) -> CatalogItem:
    item.refresh_from_db()  # the uploads changed it (its version)
    item = review_secrecy(item, "approved", item.made_on, acting_user=reviewer)
    return publish_item(item, item.made_on, ["政府网站"], acting_user=clerk)


def test_upload_is_stored_under_the_var_dir(
    client: Client, item: CatalogItem, clerk_a: Any, tmp_path: Path
) -> None:
    client.force_login(clerk_a)
    response = _post(client, item, "方案正文.pdf", PDF)
    assert response.status_code == 302
    attachment = CatalogAttachment.objects.get()
    assert attachment.original_name == "方案正文.pdf"
    assert attachment.size == len(PDF) and attachment.content_type == "application/pdf"
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.uploaded_by == clerk_a
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(tmp_path / "attachments") and stored.read_bytes() == PDF
    assert "方案正文" not in stored.name  # the stored name never comes from the user
    # Private whatever the umask (022 here would give 0644/0755): the file 0600, folders 0700.
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    for folder in (stored.parent, tmp_path / "attachments"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    entry = entries_for(item).last()
    assert entry is not None and (entry.action, entry.user) == ("catalog.attach", clerk_a)
    assert entry.data["file"] == "方案正文.pdf" and entry.data["sha256"] == attachment.sha256
    page = client.get(f"/catalog/{item.pk}/").content.decode()
    assert "方案正文.pdf" in page and attachment.sha256 in page


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("正文.docx", _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})),
        ("统计表.xlsx", _zip({"xl/workbook.xml": b"<x/>"})),
        ("版式文件.ofd", _zip({"OFD.xml": b"<ofd/>"})),
        ("旧格式.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64),
        ("照片.JPG", b"\xff\xd8\xff\xe0" + b"\x00" * 16),
        ("截图.png", PNG),
        ("说明.txt", "纯文本说明".encode()),
        ("材料.zip", _zip({"a.txt": b"a"})),
    ],
)
def test_allowed_types_are_accepted(
    client: Client, item: CatalogItem, clerk_a: Any, name: str, data: bytes
) -> None:
    client.force_login(clerk_a)
    assert _post(client, item, name, data).status_code == 302
    assert CatalogAttachment.objects.get().original_name == name


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("伪装.pdf", b"MZ\x90\x00 this is an exe", "内容不是 PDF 文件"),
        ("假文档.docx", _zip({"other.xml": b"<x/>"}), "内容不是 Word 文件"),
        ("坏压缩.zip", b"PK\x03\x04 truncated", "内容不是 ZIP 文件"),
        ("图片.png", PDF, "内容不是 PNG 文件"),
        ("二进制.txt", b"\x00\x01\x02\xff", "内容不是 TXT 文件"),
        ("程序.exe", b"MZ\x90\x00", "类型不受支持"),
        ("没有扩展名", PDF, "类型不受支持"),
    ],
)
def test_wrong_type_or_magic_is_refused(
    client: Client, item: CatalogItem, clerk_a: Any, name: str, data: bytes, message: str
) -> None:
    client.force_login(clerk_a)
    response = _post(client, item, name, data)
    assert response.status_code == 400
    text = response.content.decode()
    assert f"文件“{name}”" in text and message in text
    assert not CatalogAttachment.objects.exists()


def test_too_large_is_refused(
    client: Client, item: CatalogItem, clerk_a: Any, settings: Any, tmp_path: Path
) -> None:
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1024
    client.force_login(clerk_a)
    response = _post(client, item, "大文件.pdf", PDF + b"0" * 2000)
    assert response.status_code == 400
    text = response.content.decode()
    assert "文件“大文件.pdf”" in text and "超过了 1 KB 的上限" in text
    assert not CatalogAttachment.objects.exists()
    assert not (tmp_path / "attachments").exists() or not any(
        p.is_file() for p in (tmp_path / "attachments").rglob("*")
    )


def test_upload_permissions(
    client: Client, item: CatalogItem, supervisor: Any, clerk_b: Any
) -> None:
    client.force_login(supervisor)
    assert _post(client, item, "a.pdf", PDF).status_code == 403
    client.force_login(clerk_b)
    assert _post(client, item, "a.pdf", PDF).status_code == 404
    assert not CatalogAttachment.objects.exists()


def test_download_permissions(
    client: Client,
    item: CatalogItem,
    clerk_a: Any,
    reviewer_a: Any,
    clerk_b: Any,
    supervisor: Any,
) -> None:
    client.force_login(clerk_a)
    _post(client, item, "方案 正文.pdf", PDF)
    attachment = CatalogAttachment.objects.get()
    url = f"/catalog/attachments/{attachment.pk}/"

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "filename*=utf-8''" in disposition
    assert "%E6%96%B9%E6%A1%88" in disposition  # 方案
    assert response["X-Content-Type-Options"] == "nosniff"

    client.force_login(supervisor)
    assert client.get(url).status_code == 200
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404  # unpublished: not for the public

    _published(item, clerk_a, reviewer_a)
    assert client.get(url).status_code == 200
    client.force_login(clerk_b)
    assert client.get(url).status_code == 200  # published 主动公开: anyone
    public = client.get(f"/catalog/public/{item.body_id}/").content.decode()
    assert url in public and "方案 正文.pdf" in public


def test_non_public_item_files_stay_private(client: Client, coded_a: Any, clerk_a: Any) -> None:
    item = _draft(clerk_a, coded_a, disclosure="依申请公开", disclosure_reason="内部事务")
    client.force_login(clerk_a)
    _post(client, item, "内部.pdf", PDF)
    attachment = CatalogAttachment.objects.get()
    client.logout()
    assert client.get(f"/catalog/attachments/{attachment.pk}/").status_code == 404
    assert "内部.pdf" not in client.get(f"/catalog/public/{coded_a.pk}/").content.decode()


def test_upload_dir_is_not_served(client: Client, item: CatalogItem, clerk_a: Any) -> None:
    client.force_login(clerk_a)
    _post(client, item, "a.pdf", PDF)
    attachment = CatalogAttachment.objects.get()
    with pytest.raises(ValueError):
        attachment_storage().url(attachment.file.name)
    client.logout()
    for url in (
        f"/attachments/{attachment.file.name}",
        f"/static/{attachment.file.name}",
        f"/media/{attachment.file.name}",
        f"/static/attachments/{attachment.file.name}",
    ):
        assert client.get(url).status_code == 404, url
    with pytest.raises(NoReverseMatch):
        reverse("catalog:attachment", kwargs={"pk": attachment.file.name})


def test_delete_before_publication_only(
    client: Client, item: CatalogItem, clerk_a: Any, reviewer_a: Any
) -> None:
    client.force_login(clerk_a)
    _post(client, item, "a.pdf", PDF)
    _post(client, item, "b.pdf", PDF + b"% another file\n")
    first, second = CatalogAttachment.objects.order_by("pk")
    detach = f"/catalog/{item.pk}/actions/detach/"
    assert client.post(detach, {"attachment": first.pk}).status_code == 302
    assert not CatalogAttachment.objects.filter(pk=first.pk).exists()
    entry = entries_for(item).last()
    assert entry is not None and (entry.action, entry.user) == ("catalog.detach", clerk_a)
    assert entry.data["file"] == "a.pdf"
    _published(item, clerk_a, reviewer_a)
    refused = client.post(detach, {"attachment": second.pk}, follow=True)
    assert refused.status_code == 400 and "附件不能删除" in refused.content.decode()
    assert CatalogAttachment.objects.filter(pk=second.pk).exists()


def test_the_same_file_twice_is_refused_naming_the_attachment_it_repeats(
    client: Client, item: CatalogItem, coded_a: Any, clerk_a: Any, tmp_path: Path
) -> None:
    client.force_login(clerk_a)
    assert _post(client, item, "方案正文.pdf", PDF).status_code == 302
    first = CatalogAttachment.objects.get()
    # The same content under another name: refused, naming the attachment already there.
    refused = _post(client, item, "方案正文（再传一次）.pdf", PDF)
    assert refused.status_code == 400
    (error,) = refused.context["form"].errors["file"]
    uploaded = timezone.localtime(first.uploaded_at).strftime("%Y-%m-%d %H:%M")
    assert error == (
        "文件“方案正文（再传一次）.pdf”与本条信息已有的附件“方案正文.pdf”"
        f"（{uploaded} 上传）内容完全相同，不再重复保存。"
    )
    assert list(CatalogAttachment.objects.values_list("pk", flat=True)) == [first.pk]
    assert [e.action for e in entries_for(item)].count("catalog.attach") == 1
    stored = [p for p in (tmp_path / "attachments").rglob("*") if p.is_file()]
    assert stored == [Path(first.file.path)]  # the refused copy is not left on disk
    # Another item may hold the same file.
    other = _draft(clerk_a, coded_a, title="另一份通知")
    assert _post(client, other, "方案正文.pdf", PDF).status_code == 302
    assert CatalogAttachment.objects.filter(sha256=first.sha256).count() == 2
