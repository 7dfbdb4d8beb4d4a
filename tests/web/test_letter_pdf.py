"""The PDF of a letter on the pages (issue 12): made by the real LibreOffice in a background job
(the task engine; the immediate backend here) — when the letter is made, or when its PDF is
first asked for — stored with the letter and then served as stored; LibreOffice missing: its
Chinese line beside the Word file (503); the same permissions as the Word download."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from letters_world import pdf_text, replied_case, set_up_body

from downloads import pdf_attachment, pdf_page
from gongkai.apps.letters.actions import generate_letter
from gongkai.apps.letters.jobs import letter_pdf
from gongkai.apps.letters.models import Letter, LetterPdf
from gongkai.domain.render.pdf import SOFFICE_ENV
from gongkai.kernel.models import Job, JobStatus

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[Any]]


@pytest.fixture
def letter(dept_a: Any, register: Any, clerk_a: Any) -> Letter:
    """A reply letter of 教育局, made in the test's transaction (its after-commit job not run)."""
    set_up_body(dept_a)
    return generate_letter(replied_case(register, clerk_a), "reply", acting_user=clerk_a)


def _url(letter: Letter) -> str:
    return reverse("letters:download", kwargs={"pk": letter.pk}) + "?fmt=pdf"


@pytest.fixture
def ask(clerk_a: Any, django_capture_on_commit_callbacks: Capture) -> Callable[[Letter], Any]:
    """``ask(letter)``: clerk_a's GET of the letter's PDF link; the job it queues runs when the
    request's transaction commits (after the response, as a worker would later)."""
    client = Client()
    client.force_login(clerk_a)

    def get(letter: Letter) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return client.get(_url(letter))

    return get


def _jobs() -> Any:
    return Job.objects.filter(kind=f"{letter_pdf.__module__}.{letter_pdf.__qualname__}")


def test_first_request_starts_the_job_then_the_stored_pdf_is_served(
    letter: Letter, ask: Callable[[Letter], Any]
) -> None:
    first = ask(letter)

    pdf_page(first, word_url=reverse("letters:download", kwargs={"pk": letter.pk}), failed=False)
    (job,) = _jobs()
    assert job.status == JobStatus.DONE and job.started_by is None
    assert job.params == {"letter": letter.pk}
    text = pdf_text(pdf_attachment(ask(letter)))
    assert letter.number == "某教信公〔2026〕1号" and letter.number in text and "李四" in text
    # Served as stored: not converted again.
    again = pdf_attachment(ask(letter))
    assert again == bytes(LetterPdf.objects.get(letter=letter).data)
    assert _jobs().count() == 1


def test_making_a_letter_on_the_page_makes_its_pdf_after_commit(
    dept_a: Any,
    register: Any,
    clerk_a: Any,
    ask: Callable[[Letter], Any],
    django_capture_on_commit_callbacks: Capture,
) -> None:
    set_up_body(dept_a)
    app = replied_case(register, clerk_a)
    client = Client()
    client.force_login(clerk_a)
    with django_capture_on_commit_callbacks(execute=True):
        made = client.post(
            reverse("letters:generate", kwargs={"pk": app.pk, "op": "reply"}),
            {"version": app.version},
        )
    assert made.status_code == 302
    letter = Letter.objects.get()
    (job,) = _jobs()
    assert job.status == JobStatus.DONE
    assert LetterPdf.objects.filter(letter=letter).exists()
    # The first click on the link gets the file; no other job.
    assert letter.number in pdf_text(pdf_attachment(ask(letter)))
    assert _jobs().count() == 1


def test_missing_engine_is_said_beside_the_word_file(
    letter: Letter,
    ask: Callable[[Letter], Any],
    clerk_a: Any,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv(SOFFICE_ENV, str(tmp_path / "libreoffice" / "soffice"))
    assert ask(letter).status_code == 202

    word = reverse("letters:download", kwargs={"pk": letter.pk})

    page = pdf_page(ask(letter), word_url=word, failed=True)

    assert "未安装 PDF 转换程序 LibreOffice" in page and "Word 文件仍可下载" in page
    assert reverse("applications:detail", kwargs={"pk": letter.application_id}) in page
    (job,) = _jobs()
    assert job.status == JobStatus.FAILED and job.error.startswith("未安装 PDF 转换程序")
    assert not LetterPdf.objects.exists()
    # The failure is shown, not tried again at once (RETRY_AFTER, tested with the report's).
    assert ask(letter).status_code == 503 and _jobs().count() == 1
    client = Client()
    client.force_login(clerk_a)
    assert b"".join(client.get(word)) == bytes(letter.data)  # the Word file still downloads


def test_only_who_may_read_the_letter_starts_itspdf_attachment(
    letter: Letter, clerk_b: Any, django_capture_on_commit_callbacks: Capture
) -> None:
    anonymous = Client().get(_url(letter))
    assert anonymous.status_code == 302 and reverse("login") in anonymous["Location"]
    other = Client()
    other.force_login(clerk_b)
    with django_capture_on_commit_callbacks(execute=True):
        assert other.get(_url(letter)).status_code == 404
    assert not _jobs().exists() and not LetterPdf.objects.exists()
