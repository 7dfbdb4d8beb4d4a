"""Three visitors ask for the PDF of a published report (or a letter) at the same moment, with
real threads and connections: one job is started, and it makes one stored PDF (the
document's row lock decides who starts it: :mod:`gongkai.kernel.stored_pdf`).

The race is made certain rather than left to the scheduler: each visitor, on reaching the
"is a job already there?" question (``jobs.latest``), waits until all of them have reached it
(or a second has passed). Without the row lock all three ask before any has started a job,
and three jobs start — every run, not one run in four; with the lock only the first gets
there, waits its second, and the others ask after it has committed its job."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from letters_world import replied_case, set_up_body

from gongkai.apps.letters import jobs as letter_jobs
from gongkai.apps.letters.actions import generate_letter
from gongkai.apps.letters.models import Letter, LetterPdf
from gongkai.apps.reports import actions
from gongkai.apps.reports.jobs import PdfState, pdf_of
from gongkai.apps.reports.models import AnnualReport, PublishedPdf
from gongkai.domain.report.samples import consistent_report
from gongkai.kernel import jobs
from gongkai.kernel.models import Job, JobStatus

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 3
#: How long a visitor at the question waits for the others (the lock keeps them away).
GATHER_S = 1.0


@pytest.fixture(autouse=True)
def _shared_database() -> None:
    """Threads need a database they all reach with their own connections and locks (as in
    test_ledger_concurrency): PostgreSQL, not the suite's in-memory SQLite."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the SQLite test database is in memory (see test_ledger_concurrency)")


#: ``ask()``: a visitor's request of the document's PDF; ``stored()``: its stored PDFs.
Document = tuple[Callable[[], PdfState], Callable[[], int]]


def _published_report(dept_a: Any, clerk_a: Any, register: Any) -> Document:
    report = consistent_report("2021", year=2023, org=dept_a.name, seed=5)
    upload = SimpleUploadedFile("年报.json", report.to_json().encode("utf-8"), "application/json")
    published = actions.import_published(dept_a, 2023, upload, acting_user=clerk_a)
    return (
        lambda: pdf_of(AnnualReport.objects.select_related("body").get(pk=published.pk)),
        lambda: PublishedPdf.objects.filter(report=published).count(),
    )


def _letter(dept_a: Any, clerk_a: Any, register: Any) -> Document:
    set_up_body(dept_a)
    letter = generate_letter(replied_case(register, clerk_a), "reply", acting_user=clerk_a)
    return (
        lambda: letter_jobs.pdf_of(Letter.objects.get(pk=letter.pk)),
        lambda: LetterPdf.objects.filter(letter=letter).count(),
    )


@pytest.mark.parametrize("document", [_published_report, _letter], ids=["report", "letter"])
def test_simultaneous_requests_start_one_job(
    dept_a: Any,
    clerk_a: Any,
    register: Any,
    document: Callable[..., Document],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ask, stored = document(dept_a, clerk_a, register)
    barrier = threading.Barrier(THREADS)
    gathering = threading.Barrier(THREADS)
    latest = jobs.latest

    def latest_when_all_ask(*args: Any, **kwargs: Any) -> Any:
        # The others held by the lock (or come after): the barrier breaks, ask now.
        with contextlib.suppress(threading.BrokenBarrierError):
            gathering.wait(timeout=GATHER_S)
        return latest(*args, **kwargs)

    monkeypatch.setattr(jobs, "latest", latest_when_all_ask)
    outcomes: list[PdfState | BaseException] = []

    def visitor() -> None:
        try:
            barrier.wait()
            outcomes.append(ask())
        except BaseException as exc:  # noqa: BLE001 - the test reports what the thread raised
            outcomes.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=visitor) for _i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    assert len(outcomes) == THREADS
    (job,) = Job.objects.all()
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert stored() == 1
    # the visitor whose request started the job got the file (the immediate backend ran it)
    assert any(isinstance(o, PdfState) and o.data is not None for o in outcomes)
