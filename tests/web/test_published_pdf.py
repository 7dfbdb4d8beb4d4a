"""The PDF of a published annual report on the pages: made once in the background (the task
engine) by the real LibreOffice when first asked for, stored, then served as stored; the seed's
report read back cell for cell; LibreOffice missing: its Chinese line beside the Word file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from downloads import pdf_attachment, pdf_page
from gongkai.apps.orgs.services import add_member, create_body
from gongkai.apps.reports import actions
from gongkai.apps.reports.jobs import RETRY_AFTER
from gongkai.apps.reports.models import AnnualReport, PublishedPdf
from gongkai.domain.parsers import read_report_bytes, read_report_file
from gongkai.domain.render.pdf import SOFFICE_ENV
from gongkai.domain.report.samples import consistent_report
from gongkai.kernel.models import Job, JobStatus
from report_cells import assert_same_cells
from shared_files import SEED_NAME, SEED_ORG, SEED_REPORT

pytestmark = pytest.mark.django_db

YEAR = 2023
Capture = Callable[..., AbstractContextManager[Any]]


@pytest.fixture
def published(dept_a: Any, clerk_a: Any) -> AnnualReport:
    """教育局's 2023 report, recorded as published from its published file."""
    report = consistent_report("2021", year=YEAR, org=dept_a.name, seed=5)
    upload = SimpleUploadedFile("年报.json", report.to_json().encode("utf-8"), "application/json")
    return actions.import_published(dept_a, YEAR, upload, acting_user=clerk_a)


def _pdf_url(report: AnnualReport) -> str:
    return reverse("reports:annual_pdf", args=[report.body_id, report.year])


@pytest.fixture
def ask(
    client: Client, django_capture_on_commit_callbacks: Capture
) -> Callable[[AnnualReport], Any]:
    """``ask(report)``: an anonymous visitor's GET of the PDF link; the job the request queues
    runs when its transaction commits (after the response, as a worker would later)."""

    def get(report: AnnualReport) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(_pdf_url(report))

    return get


def test_first_request_starts_the_job_then_the_stored_pdf_is_served(
    published: AnnualReport, ask: Callable[[AnnualReport], Any]
) -> None:
    word = reverse("reports:annual_download", args=[published.body_id, YEAR, "docx"])
    pdf_page(ask(published), word_url=word, failed=False)
    (job,) = Job.objects.all()
    assert job.status == JobStatus.DONE and job.started_by is None
    assert job.params == {"report": published.pk, "digest": published.snapshot_digest()}

    back = read_report_bytes(pdf_attachment(ask(published)), "x.pdf")
    assert_same_cells(published.published_report(), back)  # type: ignore[arg-type]
    stored = PublishedPdf.objects.get(report=published)
    assert stored.digest == published.snapshot_digest()
    # Served as stored: no other job, the same bytes.
    again = pdf_attachment(ask(published))
    assert again == bytes(stored.data) and Job.objects.count() == 1


def test_a_pending_job_is_not_started_twice(
    published: AnnualReport, client: Client, django_capture_on_commit_callbacks: Capture
) -> None:
    """Until a worker runs it, every request finds the one queued job."""
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert client.get(_pdf_url(published)).status_code == 202
        assert client.get(_pdf_url(published)).status_code == 202
    assert len(queued) == 1
    (job,) = Job.objects.all()
    assert job.status == JobStatus.QUEUED


def test_the_seed_report_as_published_pdf_has_every_cell(
    county: Any, clerk_a: Any, ask: Callable[[AnnualReport], Any]
) -> None:
    """The seed's body and year, its published report imported from the seed itself: the PDF
    the public downloads reads back with every cell of the official tables."""
    body = create_body(SEED_ORG, parent=county)
    add_member(clerk_a, body, "clerk")
    upload = SimpleUploadedFile(SEED_NAME, SEED_REPORT.read_bytes(), "text/plain")
    report = actions.import_published(body, 2019, upload, acting_user=clerk_a)
    assert ask(report).status_code == 202
    back = read_report_bytes(pdf_attachment(ask(report)), "seed.pdf")
    assert_same_cells(read_report_file(SEED_REPORT), back)


@pytest.fixture
def no_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    nowhere = tmp_path / "libreoffice" / "soffice"
    monkeypatch.setenv(SOFFICE_ENV, str(nowhere))
    yield nowhere


def test_missing_engine_is_said_beside_the_word_file(
    published: AnnualReport, ask: Callable[[AnnualReport], Any], no_engine: Path
) -> None:
    assert ask(published).status_code == 202
    word = reverse("reports:annual_download", args=[published.body_id, YEAR, "docx"])
    page = pdf_page(ask(published), word_url=word, failed=True)
    assert "未安装 PDF 转换程序 LibreOffice" in page and "Word 文件仍可下载" in page
    (job,) = Job.objects.all()
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("未安装 PDF 转换程序 LibreOffice")
    assert not PublishedPdf.objects.exists()
    # Not tried again at once; after RETRY_AFTER the next request tries again.
    assert ask(published).status_code == 503 and Job.objects.count() == 1
    later = timezone.now() + RETRY_AFTER + timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        assert ask(published).status_code == 202
    assert Job.objects.count() == 2


def test_a_stored_pdf_of_another_snapshot_is_not_served(
    published: AnnualReport, ask: Callable[[AnnualReport], Any]
) -> None:
    PublishedPdf.objects.create(report=published, digest="0" * 64, data=b"%PDF-1.4 old")
    assert ask(published).status_code == 202  # made again for the snapshot as it is
    stored = PublishedPdf.objects.get(report=published)
    assert stored.digest == published.snapshot_digest() and bytes(stored.data) != b"%PDF-1.4 old"


def test_only_published_reports_have_apdf_attachment(
    dept_a: Any, clerk_a: Any, client: Client, published: AnnualReport
) -> None:
    draft = actions.open_report(dept_a, YEAR + 1, acting_user=clerk_a)
    assert client.get(_pdf_url(draft)).status_code == 404
    client.force_login(clerk_a)
    assert client.get(_pdf_url(draft)).status_code == 404  # not even for its own body
    assert not Job.objects.exists()


def test_public_page_and_workspace_offer_thepdf_attachment(
    published: AnnualReport, client: Client, clerk_a: Any
) -> None:
    url = _pdf_url(published)
    public = client.get(reverse("reports:annual_published", args=[published.body_id, YEAR]))
    assert 'data-testid="download-pdf"' in public.content.decode()
    assert url in public.content.decode()
    client.force_login(clerk_a)
    workspace = client.get(reverse("reports:annual", args=[published.body_id, YEAR]))
    assert 'data-testid="published-pdf"' in workspace.content.decode()
    assert url in workspace.content.decode()
    assert not Job.objects.exists()  # showing the link makes nothing
