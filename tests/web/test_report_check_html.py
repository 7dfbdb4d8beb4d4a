"""年报检查 and the import of a published report take a web page (.html/.htm; issue 11): the
page is read in the reader's child process like any upload, and gives the report's cells."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.apps.checks.models import ReportCheck
from gongkai.apps.reports import annual
from gongkai.domain.parsers import read_report_file
from gongkai.domain.render.html import render_html_document
from report_cells import assert_same_cells

pytestmark = pytest.mark.django_db

CHECK_URL = "/reports/check/"


def _site_page(seed_path: Path) -> bytes:
    """The seed rendered by the platform, declared GB2312, saved as GB18030, in site chrome."""
    page = render_html_document(read_report_file(seed_path))
    page = page.replace('<meta charset="utf-8">', '<meta charset="gb2312">').replace(
        "<body>",
        '<body><ul class="menu"><li><a href="/">首页</a></li><li><a href="/1">1 公开</a></li></ul>',
    )
    return page.replace("</body>", '<div class="footer">备案号 12345678</div></body>').encode(
        "gb18030"
    )


def test_the_check_form_offers_web_pages(clerk_client: Client) -> None:
    page = clerk_client.get(CHECK_URL).content.decode()
    assert ".html" in page and ".htm," in page and "网页" in page


def test_a_web_page_upload_is_checked_with_the_seeds_cells(
    clerk_client: Client, seed_path: Path
) -> None:
    response = clerk_client.post(
        CHECK_URL, {"file": SimpleUploadedFile("徐套乡2019年报.htm", _site_page(seed_path))}
    )
    assert response.status_code == 302
    checked = ReportCheck.objects.get()
    assert checked.filename == "徐套乡2019年报.htm"
    assert_same_cells(read_report_file(seed_path), checked.report())
    assert "首页" not in checked.source_text and "备案号" not in checked.source_text


def test_import_of_a_published_report_from_a_web_page(
    client: Client, django_user_model: Any, county: Any, seed_path: Path
) -> None:
    from gongkai.apps.orgs.services import add_member, create_body
    from gongkai.apps.stats.models import Matter

    township = create_body("徐套乡人民政府", parent=county, kind="township_government")
    clerk = django_user_model.objects.create_user("xt", password="xt-password-1")
    add_member(clerk, township, "clerk")
    Matter.objects.create(
        body=township, category="licensing", name="许可事项", effective_on=date(2020, 3, 1)
    )
    client.force_login(clerk)
    response = client.post(
        reverse("reports:annual_import_previous", args=[township.pk, 2019]),
        {"file": SimpleUploadedFile("2019年报.html", _site_page(seed_path))},
        follow=True,
    )
    assert "已导入 2019 年度已发布的年报" in response.content.decode()
    built = annual.build_annual_report(township, 2020).report
    assert built.get("s2.licensing.prev_items") == 5  # the seed's, read from the page
    assert built.get("s2.other_services.prev_items") == 48
