"""批量检查 on the web (issue 11, item 5): a zip of reports and a broken file uploaded, the
batch job run (the suite's immediate backend runs it when the upload commits), its reports
listed, filtered by body, rule and severity, each shown with its findings on the cells, and
the workbook downloaded; the job is its starter's alone; a failed job says why and is retried.
"""

from __future__ import annotations

import importlib
import io
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook  # type: ignore[import-untyped]

from gongkai.apps.checks.jobs import UPLOADS, start_batch
from gongkai.apps.checks.models import BatchReport
from gongkai.kernel.jobs import run_job
from gongkai.kernel.models import AuditEntry, Job, JobStatus

pytestmark = pytest.mark.django_db

HUAIAN = "淮安市人民政府"  # 001.txt
PINGTAN = "平潭综合实验区"  # 005.txt


@pytest.fixture(autouse=True)
def var_dir(settings: Any, tmp_path: Path) -> Path:
    settings.GONGKAI_VAR_DIR = tmp_path
    return tmp_path


def fixtures_zip(shared_dir: Path) -> bytes:
    """Two fixture texts (in a folder, as people zip them) and a file no reader can read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("001.txt", "005.txt"):
            data = (shared_dir / "fixtures" / "reports" / name).read_bytes()
            archive.writestr(f"年报/{name}", data)
        archive.writestr("年报/坏文件.pdf", b"%PDF-1.4 this is not a PDF at all")
    return buffer.getvalue()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, shared_dir: Path, capture: Any) -> Job:
    upload = SimpleUploadedFile("../../etc/一批年报.zip", fixtures_zip(shared_dir))
    with capture(execute=True):
        response = client.post(reverse("checks:batch"), {"reports": [upload]})
    assert response.status_code == 302, response.content.decode()[-2000:]
    job = Job.objects.get()
    assert response["Location"] == reverse("checks:batch_job", kwargs={"pk": job.pk})
    return job


def test_a_zip_is_checked_in_the_background_and_its_workbook_downloaded(
    clerk_a: Any,
    clerk_b: Any,
    shared_dir: Path,
    var_dir: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = _client(clerk_a)
    job = _upload(client, shared_dir, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    assert (job.status, job.done, job.total, job.error) == (JobStatus.DONE, 3, 3, "")
    assert job.started_by == clerk_a
    # Stored under a name of ours in the job's folder, never the client's path.
    assert [p.name for p in (var_dir / "jobs" / str(job.pk) / UPLOADS).iterdir()] == ["001.zip"]

    page = client.get(reverse("checks:batch_job", kwargs={"pk": job.pk})).content.decode()
    assert "已完成" in page and "已读取 3 / 3 个文件" in page
    assert "共 3 个文件，读取了 2 份年报。" in page
    assert page.count('data-testid="batch-row"') == 3
    assert "一批年报.zip/年报/001.txt" in page and HUAIAN in page and PINGTAN in page
    assert "一批年报.zip/年报/坏文件.pdf" in page
    assert 'data-testid="download-xlsx"' in page

    # The page lists the summary rows the job stored: one per file, its findings counted.
    rows = BatchReport.objects.filter(job=job).order_by("number")
    assert [(r.number, r.org, r.year, r.read) for r in rows] == [
        (1, HUAIAN, 2024, True),
        (2, PINGTAN, 2022, True),
        (3, "", None, False),
    ]
    assert (rows[0].error_count, rows[1].warning_count) == (0, 1)
    assert rows[0].cells_read > 100 and rows[2].error.startswith("无法读取“坏文件.pdf”")
    assert [(c.rule, c.severity, c.count) for c in rows[1].rule_counts.all()] == [
        ("T1", "warning", 1)
    ]

    # Filtered by body: only that body's report; an unknown body is the filter's error.
    url = reverse("checks:batch_job", kwargs={"pk": job.pk})
    only = client.get(url, {"org": HUAIAN}).content.decode()
    assert only.count('data-testid="batch-row"') == 1 and PINGTAN not in only.split("batch-rows")[1]
    unknown = client.get(url, {"org": "某某局"}).content.decode()
    assert 'data-testid="batch-row"' not in unknown and "筛选条件有误" in unknown
    # Paged: two files a page.
    first = client.get(url, {"per_page": "2"}).content.decode()
    assert first.count('data-testid="batch-row"') == 2 and "共 3 个文件，第 1 / 2 页" in first
    last = client.get(url, {"per_page": "2", "page": "2"}).content.decode()
    assert last.count('data-testid="batch-row"') == 1 and "坏文件.pdf" in last
    beyond = client.get(url, {"per_page": "2", "page": "9"})
    assert beyond.status_code == 302 and beyond["Location"] == f"{url}?per_page=2&page=2"
    # By severity and rule: the reports with such a finding (平潭's T1 warning only).
    for query in ({"severity": "warning"}, {"rule": "T1"}, {"rule": "T1", "org": PINGTAN}):
        shown = client.get(url, query).content.decode()
        assert shown.count('data-testid="batch-row"') == 1, query
        assert "一批年报.zip/年报/005.txt" in shown, query
    none = client.get(url, {"severity": "error"}).content.decode()
    assert 'data-testid="batch-row"' not in none and "没有符合筛选条件的年报。" in none

    # The status for the page's poll.
    status = client.get(reverse("checks:batch_status", kwargs={"pk": job.pk})).json()
    assert status == {
        "status": "done",
        "label": "已完成",
        "done": 3,
        "total": 3,
        "percent": 100,
        "finished": True,
    }

    # One report: its tables with the findings on the cells.
    report_url = reverse("checks:batch_report", kwargs={"pk": job.pk, "number": 1})
    report_page = client.get(report_url).content.decode()
    assert HUAIAN in report_page and 'class="report-table s3' in report_page
    assert "未发现问题" in report_page
    report_url = reverse("checks:batch_report", kwargs={"pk": job.pk, "number": 2})
    report_page = client.get(report_url).content.decode()
    assert PINGTAN in report_page and 'data-testid="findings"' in report_page
    assert "T1" in report_page and "has-warning" in report_page  # marked on its cells
    assert (
        client.get(reverse("checks:batch_report", kwargs={"pk": job.pk, "number": 3})).status_code
        == 404
    )
    assert (
        client.get(reverse("checks:batch_report", kwargs={"pk": job.pk, "number": 9})).status_code
        == 404
    )

    # The workbook: a row per file, a row per finding.
    response = client.get(reverse("checks:batch_xlsx", kwargs={"pk": job.pk}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook["年报"]
    rows = [
        dict(zip([c.value for c in sheet[1]], [c.value for c in row], strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]
    assert [row["文件"] for row in rows] == [
        "一批年报.zip/年报/001.txt",
        "一批年报.zip/年报/005.txt",
        "一批年报.zip/年报/坏文件.pdf",
    ]
    assert rows[0]["机关"] == HUAIAN and rows[2]["无法读取的原因"]
    assert "发现的问题" in workbook.sheetnames

    # The job is its starter's alone.
    other = _client(clerk_b)
    for name, kwargs in (
        ("checks:batch_job", {"pk": job.pk}),
        ("checks:batch_status", {"pk": job.pk}),
        ("checks:batch_xlsx", {"pk": job.pk}),
        ("checks:batch_report", {"pk": job.pk, "number": 1}),
    ):
        assert other.get(reverse(name, kwargs=kwargs)).status_code == 404, name


def test_the_upload_refuses_a_file_of_another_kind(clerk_a: Any) -> None:
    response = _client(clerk_a).post(
        reverse("checks:batch"), {"reports": [SimpleUploadedFile("名单.exe", b"MZ")]}
    )
    assert response.status_code == 400
    assert "文件“名单.exe”的类型不受支持" in response.content.decode()
    assert not Job.objects.exists()


def test_a_failed_batch_says_why_and_is_retried(
    clerk_a: Any,
    shared_dir: Path,
    var_dir: Path,
    django_capture_on_commit_callbacks: Any,
) -> None:
    upload = SimpleUploadedFile("一批.zip", fixtures_zip(shared_dir))
    job = start_batch([upload], acting_user=clerk_a)  # not run: the test's transaction is open
    folder = var_dir / "jobs" / str(job.pk) / UPLOADS
    kept = var_dir / "kept.zip"
    shutil.move(folder / "001.zip", kept)
    with django_capture_on_commit_callbacks(execute=True):
        run_job.enqueue(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "找不到上传的文件：一批.zip，请重新上传。"
    client = _client(clerk_a)
    url = reverse("checks:batch_job", kwargs={"pk": job.pk})
    page = client.get(url).content.decode()
    assert job.error in page and reverse("checks:batch_retry", kwargs={"pk": job.pk}) in page
    assert 'data-testid="download-xlsx"' not in page
    assert client.get(reverse("checks:batch_xlsx", kwargs={"pk": job.pk})).status_code == 404

    shutil.move(kept, folder / "001.zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("checks:batch_retry", kwargs={"pk": job.pk}))
    assert response.status_code == 302 and response["Location"] == url
    job.refresh_from_db()
    assert (job.status, job.done, job.attempts) == (JobStatus.DONE, 3, 2)
    assert AuditEntry.objects.filter(action="kernel.job_retry", user=clerk_a).exists()
    assert client.get(url).content.decode().count('data-testid="batch-row"') == 3


def test_a_batch_finished_before_the_summary_rows_gets_them_from_its_json_lines(
    clerk_a: Any, shared_dir: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """Migration checks 0003 builds, from a job's JSON lines, the rows finish_batch writes."""
    from django.apps import apps

    migration = importlib.import_module("gongkai.apps.checks.migrations.0003_index_earlier_batches")
    job = _upload(_client(clerk_a), shared_dir, django_capture_on_commit_callbacks)
    fields = [f.name for f in BatchReport._meta.fields if f.name != "id"]

    def stored() -> list[tuple[Any, ...]]:
        return [
            (
                *(getattr(row, name) for name in fields),
                sorted((c.rule, c.severity, c.count) for c in row.rule_counts.all()),
            )
            for row in BatchReport.objects.filter(job=job).order_by("number")
        ]

    written = stored()
    assert len(written) == 3 and written[1][-1] == [("T1", "warning", 1)]
    BatchReport.objects.filter(job=job).delete()
    migration.index_earlier_batches(apps, None)
    assert stored() == written
    migration.index_earlier_batches(apps, None)  # once only
    assert stored() == written
