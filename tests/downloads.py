"""Checking what a PDF link answers (the stored PDF of a published report or a letter)."""

from __future__ import annotations

from typing import Any

__all__ = ["pdf_attachment", "pdf_page"]


def pdf_attachment(response: Any) -> bytes:
    """The PDF file a response serves as an attachment (fails on anything else)."""
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert ".pdf" in response["Content-Disposition"]
    content: bytes = response.content
    assert content.startswith(b"%PDF-")
    return content


def pdf_page(response: Any, *, word_url: str, failed: bool) -> str:
    """The page a PDF link answers while there is no PDF: being made (202, reloads itself) or
    why it cannot be (503, no reload); either way with the link of the Word file. Its text."""
    assert response.status_code == (503 if failed else 202), response.content[:500]
    page: str = response.content.decode()
    assert ('data-testid="pdf-failed"' in page) == failed
    assert ('data-testid="pdf-pending"' in page) != failed
    assert ('http-equiv="refresh"' in page) != failed
    assert f'href="{word_url}"' in page
    return page
