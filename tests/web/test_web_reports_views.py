"""The 年报检查 pages: access control, upload → check → result, JSON download, CSRF."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gongkai.apps.checks import services
from gongkai.apps.checks.actions import check_uploaded_report
from gongkai.apps.checks.models import ReportCheck
from gongkai.domain.report.model import Report
from gongkai.domain.sandbox import SandboxError
from gongkai.kernel.audit import entries_for
from shared_files import SEED_ORG

pytestmark = pytest.mark.django_db

CHECK_URL = "/reports/check/"
LIST_URL = "/reports/check/mine/"


def upload(client: Client, name: str, content: bytes) -> Any:
    return client.post(CHECK_URL, {"file": SimpleUploadedFile(name, content)})


def stored_check(user: Any, seed_path: Path) -> ReportCheck:
    upload = SimpleUploadedFile(seed_path.name, seed_path.read_bytes())
    return check_uploaded_report(upload, acting_user=user)


# =============================================================================================
# Access control
# =============================================================================================


@pytest.mark.parametrize(
    "url", [CHECK_URL, LIST_URL, "/reports/check/1/", "/reports/check/1/json/"]
)
def test_anonymous_is_sent_to_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_anonymous_post_stores_nothing(client: Client, seed_path: Path) -> None:
    response = upload(client, seed_path.name, seed_path.read_bytes())
    assert response.status_code == 302
    assert ReportCheck.objects.count() == 0


def test_other_users_check_is_404(
    client: Client, user: Any, other_user: Any, seed_path: Path
) -> None:
    check = stored_check(user, seed_path)
    client.force_login(other_user)
    assert client.get(f"/reports/check/{check.pk}/").status_code == 404
    assert client.get(f"/reports/check/{check.pk}/json/").status_code == 404
    page = client.get(LIST_URL)
    assert seed_path.name not in page.content.decode()


def test_missing_check_is_404_in_chinese(clerk_client: Client) -> None:
    response = clerk_client.get("/reports/check/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


# =============================================================================================
# Upload and result
# =============================================================================================


def test_upload_seed_shows_tables_and_findings(
    clerk_client: Client, user: Any, seed_path: Path
) -> None:
    response = upload(clerk_client, seed_path.name, seed_path.read_bytes())
    assert response.status_code == 302
    check = ReportCheck.objects.get()
    assert response["Location"] == f"/reports/check/{check.pk}/"
    assert check.owner == user
    assert check.org == SEED_ORG
    assert check.year == 2019
    assert check.format == "2019"
    assert check.filename == seed_path.name
    assert check.size == len(seed_path.read_bytes())
    assert check.source_text.startswith(seed_path.read_text(encoding="utf-8")[:20])
    assert check.warning_count == len(check.report().warnings) > 0
    assert [e.action for e in entries_for(check)] == ["checks.upload"]
    assert entries_for(check).get().user == user

    page = clerk_client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert SEED_ORG in html
    assert 'class="report-table s3' in html
    assert 'data-key="s3.new_received.natural_person"' in html
    assert 'data-key="s4.reconsideration.total"' in html
    assert "三、收到和处理政府信息公开申请情况" in html
    assert 'data-testid="findings"' in html
    assert "M1" in html  # table 三 of the seed is truncated: missing-cell warnings
    assert "已完成检查" in html  # the success message after the redirect
    assert reverse("checks:json", kwargs={"pk": check.pk}) in html


def test_check_page_lists_own_checks(
    clerk_client: Client, user: Any, other_user: Any, seed_path: Path
) -> None:
    mine = stored_check(user, seed_path)
    stored_check(other_user, seed_path)
    html = clerk_client.get(LIST_URL).content.decode()
    assert mine.get_absolute_url() in html
    assert re.findall(r'href="(/reports/check/\d+/)"', html) == [mine.get_absolute_url()]
    assert "共 1 条检查记录" in html


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("scan.txt", bytes(range(256)) * 64, "scan.txt"),
        ("undecodable.txt", b"\x80\x81\xff" * 100, "undecodable.txt"),
        ("report.pdf", b"%PDF-1.7 fake", "PDF 文件已损坏"),
        ("report.doc", b"\xd0\xcf\x11\xe0" + bytes(64), "类型不受支持"),
        ("empty.txt", b"", "空的"),
    ],
)
def test_bad_upload_gives_form_error_and_stores_nothing(
    clerk_client: Client, name: str, content: bytes, expected: str
) -> None:
    response = upload(clerk_client, name, content)
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert any(expected in e for e in errors), errors
    html = response.content.decode()
    assert 'id="id_file-errors"' in html  # the message under the field
    assert "is-invalid" in html
    assert ReportCheck.objects.count() == 0


def test_binary_upload_error_names_the_file_and_the_reason(clerk_client: Client) -> None:
    response = upload(clerk_client, "扫描件.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 32)
    (error,) = response.context["form"].errors["file"]
    assert "扫描件.txt" in error
    assert "：" in error and not error.endswith("：")  # a reason follows the file name


def test_too_large_upload_is_refused(clerk_client: Client, settings: Any) -> None:
    settings.GONGKAI_MAX_UPLOAD_BYTES = 1000
    response = upload(clerk_client, "big.txt", "年".encode() * 1000)
    assert response.status_code == 400
    assert "超过了" in response.context["form"].errors["file"][0]
    assert ReportCheck.objects.count() == 0


def test_reader_crash_becomes_a_form_error(
    clerk_client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # The reader runs in a child process; a bug there comes back as a crashed SandboxError.
    def broken(*args: Any, **kwargs: Any) -> None:
        raise SandboxError("读取文件时程序出错，错误已记录", reason="crash", detail="reader bug")

    monkeypatch.setattr(services, "read_and_check_isolated", broken)
    response = upload(clerk_client, "odd.txt", "某某县2020年政府信息公开工作年度报告".encode())
    assert response.status_code == 400
    (error,) = response.context["form"].errors["file"]
    assert "odd.txt" in error and "错误已记录" in error
    assert "reader bug" in caplog.text
    assert ReportCheck.objects.count() == 0


def test_report_json_upload_round_trips(clerk_client: Client, user: Any, seed_path: Path) -> None:
    first = stored_check(user, seed_path)
    exported = clerk_client.get(f"/reports/check/{first.pk}/json/").content
    response = upload(clerk_client, "exported.json", exported)
    assert response.status_code == 302
    second = ReportCheck.objects.exclude(pk=first.pk).get()
    assert second.result["cells"] == first.result["cells"]
    assert (second.org, second.year, second.format) == (first.org, first.year, first.format)
    assert second.warning_count == first.warning_count


def test_previous_year_is_taken_from_own_checks(
    user: Any, other_user: Any, seed_path: Path
) -> None:
    earlier = stored_check(user, seed_path)
    following = Report.from_dict({**earlier.result, "year": earlier.year + 1, "findings": []})
    previous = services.previous_report(user, following)
    assert previous is not None
    assert (previous.org, previous.year) == (SEED_ORG, 2019)
    assert services.previous_report(other_user, following) is None


# =============================================================================================
# JSON download
# =============================================================================================


def test_json_download_matches_stored_result(
    clerk_client: Client, user: Any, seed_path: Path
) -> None:
    check = stored_check(user, seed_path)
    response = clerk_client.get(f"/reports/check/{check.pk}/json/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''000_9fd22329478e75da" in response["Content-Disposition"]
    data = json.loads(response.content.decode("utf-8"))
    assert data == check.result
    assert data == check.report().to_dict()
    assert data["org"] == SEED_ORG
    assert data["findings"], "the seed has findings"
    # Printed order survives the database (PostgreSQL's jsonb reorders keys).
    assert list(data["cells"]) == list(check.report().spec.cell_keys)
    assert list(data) == ["format", "year", "org", "cells", "provenance", "narrative", "findings"]


def test_json_download_is_get_only(clerk_client: Client, user: Any, seed_path: Path) -> None:
    check = stored_check(user, seed_path)
    assert clerk_client.post(f"/reports/check/{check.pk}/json/").status_code == 405


# =============================================================================================
# CSRF
# =============================================================================================


def test_upload_requires_csrf_token(user: Any, seed_path: Path) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    refused = upload(client, seed_path.name, seed_path.read_bytes())
    assert refused.status_code == 403
    assert "请求已失效" in refused.content.decode()
    assert ReportCheck.objects.count() == 0

    client.get(CHECK_URL)  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        CHECK_URL,
        {
            "file": SimpleUploadedFile(seed_path.name, seed_path.read_bytes()),
            "csrfmiddlewaretoken": token,
        },
    )
    assert accepted.status_code == 302
    assert ReportCheck.objects.count() == 1


def test_logout_requires_csrf_token(user: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/accounts/logout/").status_code == 403
    assert client.get("/").wsgi_request.user.is_authenticated


# =============================================================================================
# Admin
# =============================================================================================


def test_admin_lists_and_shows_checks(admin_client: Client, user: Any, seed_path: Path) -> None:
    check = stored_check(user, seed_path)
    listing = admin_client.get("/admin/checks/reportcheck/")
    assert listing.status_code == 200
    assert "年报检查记录" in listing.content.decode()
    assert admin_client.get(f"/admin/checks/reportcheck/{check.pk}/change/").status_code == 200
    assert admin_client.get("/admin/checks/reportcheck/add/").status_code == 403
    history = admin_client.get(f"/admin/checks/reportcheck/{check.pk}/history/")
    assert "上传检查" in history.content.decode()
