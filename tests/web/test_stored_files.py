"""The one private storage and upload check (kernel.stored_files) behind the catalog's
attachments, the consultations' drafts, the notices' photos and the assessment's evidence."""

from __future__ import annotations

import io
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from gongkai.apps.assessment.evidence import evidence_storage
from gongkai.apps.catalog.attachments import attachment_storage
from gongkai.apps.engagement.drafts import DraftRejected, check_draft, draft_storage
from gongkai.apps.notices.photos import photo_storage


@pytest.mark.parametrize(
    ("storage", "folder", "noun"),
    [
        (attachment_storage, "attachments", "附件"),
        (draft_storage, "consultations", "征求意见稿"),
        (photo_storage, "notice_photos", "照片"),
        (evidence_storage, "assessment", "佐证材料"),
    ],
)
def test_each_kind_of_file_is_private_in_its_folder(
    settings: Any, tmp_path: Path, storage: Any, folder: str, noun: str
) -> None:
    settings.GONGKAI_VAR_DIR = tmp_path
    saved = storage().save("7/abc", ContentFile(b"x"))
    path = tmp_path / folder / saved
    assert path.read_bytes() == b"x"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with pytest.raises(ValueError, match=f"^{noun}没有公开地址"):
        storage().url(saved)


def _docx(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<x/>")
    return buffer.getvalue()


def test_a_draft_is_checked_by_its_content() -> None:
    wps = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)
    assert check_draft("征求意见稿.wps", len(wps), io.BytesIO(wps)).content_type == (
        "application/vnd.ms-works"
    )
    good = _docx("word/document.xml")
    assert check_draft("稿.docx", len(good), io.BytesIO(good)).size == len(good)
    bad = _docx("xl/workbook.xml")  # a workbook renamed .docx
    with pytest.raises(DraftRejected, match="内容不是 Word 文件"):
        check_draft("稿.docx", len(bad), io.BytesIO(bad))
    with pytest.raises(
        DraftRejected, match="类型不受支持：只接受 doc、docx、ofd、pdf、txt、wps 文件"
    ):
        check_draft("稿.xlsx", 10, io.BytesIO(b"PK\x03\x04" + bytes(6)))
