"""Small real files made in the tests (no fixture on disk): a PDF without a text layer, as a
scan without OCR looks, and a Word document of given paragraphs."""

from __future__ import annotations

import io

__all__ = ["blank_pdf", "docx_of"]


def blank_pdf(pages: int = 1) -> bytes:
    """A valid PDF with empty pages and no text layer, as a scan without OCR looks."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def docx_of(*paragraphs: str) -> bytes:
    """A .docx whose body is ``paragraphs``."""
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
