"""Hostile uploads through the web (issue 9, finding 2): the report check and the import of a
published report read the file in a limited child process (``gongkai.domain.sandbox``); every
bomb is refused on the form with one Chinese sentence naming the file, and nothing is stored."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.apps.checks.models import ReportCheck
from gongkai.apps.reports.models import AnnualReport
from reader_bombs import (
    deep_json,
    docx_ratio_bomb,
    huge_integers,
    long_digit_run,
    pdf_page_dag,
    wrong_json_types,
)

pytestmark = pytest.mark.django_db

CHECK_URL = "/reports/check/"
BOMBS: list[tuple[Callable[[], bytes], str, str]] = [
    (docx_ratio_bomb, "bomb.docx", "解压后有 100 MB"),
    (pdf_page_dag, "bomb.pdf", "1,000,000 页"),
    (long_digit_run, "bomb.txt", "250,000 位的数字"),
    (deep_json, "bomb.json", "嵌套层数过深"),
    (huge_integers, "bomb.json", "15 次方"),
    (lambda: wrong_json_types()[0], "bomb.json", "应为对象"),
]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _upload(client: Client, name: str, content: bytes) -> Any:
    return client.post(CHECK_URL, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(("build", "name", "words"), BOMBS, ids=[b[2] for b in BOMBS])
def test_bomb_upload_is_a_form_error(
    clerk_client: Client, build: Callable[[], bytes], name: str, words: str
) -> None:
    response = _upload(clerk_client, name, build())
    assert response.status_code == 400
    (error,) = response.context["form"].errors["file"]
    assert name in error and words in error and CJK.search(error)
    assert ReportCheck.objects.count() == 0


def test_the_upload_is_read_under_the_child_limits(
    clerk_client: Client, settings: Any, shared_dir: Path
) -> None:
    """The same PDF reads with the default limits and is refused when the reading process may
    not grow: the parse runs in the child, never in the web worker."""
    pdf = (shared_dir / "fixtures" / "reports" / "001.pdf").read_bytes()
    settings.GONGKAI_READER_MEMORY_MB = 1
    response = _upload(clerk_client, "001.pdf", pdf)
    assert response.status_code == 400
    (error,) = response.context["form"].errors["file"]
    assert "001.pdf" in error and CJK.search(error)
    assert ReportCheck.objects.count() == 0
    settings.GONGKAI_READER_MEMORY_MB = 1024
    assert _upload(clerk_client, "001.pdf", pdf).status_code == 302
    assert ReportCheck.objects.count() == 1


def test_bomb_import_of_a_published_report_is_refused(
    client: Client, django_user_model: Any, county: Any
) -> None:
    from gongkai.apps.orgs.services import add_member, create_body

    township = create_body("徐套乡人民政府", parent=county, kind="township_government")
    clerk = django_user_model.objects.create_user("xt", password="xt-password-1")
    add_member(clerk, township, "clerk")
    client.force_login(clerk)
    response = client.post(
        reverse("reports:annual_import_previous", args=[township.pk, 2019]),
        {"file": SimpleUploadedFile("bomb.docx", docx_ratio_bomb())},
    )
    assert "解压后有 100 MB" in response.content.decode()
    assert not AnnualReport.objects.filter(body=township).exists()
