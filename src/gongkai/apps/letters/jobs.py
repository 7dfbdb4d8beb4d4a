"""The PDF of a letter as issued, on the task engine: the one mechanism of
:mod:`gongkai.kernel.stored_pdf` (as the published annual report's).

:func:`letter_pdf` converts the letter's Word file (LibreOffice, about 2–3 s: never in a
request) and stores it (:class:`~gongkai.apps.letters.models.LetterPdf`); :func:`pdf_of` is
what the letter's PDF link asks: the stored PDF, else the job (started at most once at a
time per letter; a failure shown for ``RETRY_AFTER``). :func:`start_after_commit` starts it
when a letter is made on the case page, so the PDF is usually ready when first asked for.
:func:`pdf_now` is the command line's: the stored PDF, else converted at once and stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.apps.letters.models import Letter, LetterPdf
from gongkai.domain.render.pdf import docx_to_pdf
from gongkai.kernel import stored_pdf
from gongkai.kernel.jobs import JobFailed, JobRun
from gongkai.kernel.stored_pdf import PdfState, convert

__all__ = ["letter_pdf", "pdf_now", "pdf_of", "start_after_commit", "stored"]


def stored(letter: Letter) -> bytes | None:
    """The stored PDF of ``letter``, if it was made."""
    data = LetterPdf.objects.filter(letter=letter).values_list("data", flat=True).first()
    return bytes(data) if data is not None else None


def _made(letter: Letter, to_pdf: Callable[[bytes], bytes]) -> bytes:
    """The stored PDF of ``letter``, else ``to_pdf`` of its Word file, stored."""
    data = stored(letter)
    if data is None:
        data = to_pdf(bytes(letter.data))
        LetterPdf.objects.get_or_create(letter=letter, defaults={"data": data})
    return data


def letter_pdf(run: JobRun, *, letter: int) -> dict[str, int]:
    """Make and store the PDF of the letter ``letter`` (nothing to do when it is stored)."""
    row = Letter.objects.filter(pk=letter).first()
    if row is None:
        raise JobFailed(_("这份文书已不存在，PDF 未生成。"))
    return {"bytes": len(_made(row, lambda docx: convert(run, docx)))}


def pdf_of(letter: Letter) -> PdfState:
    """The stored PDF of ``letter``; without one, the job that makes it."""
    return stored_pdf.pdf_of(
        stored=lambda: stored(letter),
        lock=Letter.objects.filter(pk=letter.pk),
        function=letter_pdf,
        title=lambda: (
            _("生成%(letter)s %(number)s 的 PDF")
            % {"letter": letter.get_kind_display(), "number": letter.number}
        ),
        letter=letter.pk,
    )


def start_after_commit(letter: Letter) -> None:
    """Once the letter is committed, start the job that makes its PDF (unless it is stored
    by then). The case page's 制作 does (:class:`~gongkai.apps.letters.forms.GenerateLetterForm`);
    the command line makes the PDF itself or is asked for Word only."""
    transaction.on_commit(lambda: pdf_of(letter))


def pdf_now(letter: Letter) -> bytes:
    """The stored PDF of ``letter``, else converted now and stored (the command line: a
    command may take seconds). Raises ``PdfConversionError``."""
    return _made(letter, docx_to_pdf)
