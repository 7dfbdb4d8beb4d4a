"""Renderers of the annual report: Markdown, HTML and plain text (:func:`render`, text), and
Word (:func:`render_docx`, bytes), all from the format definition."""

from __future__ import annotations

from gongkai.domain.render.docx import DOCX_CONTENT_TYPE, render_docx
from gongkai.domain.render.html import render_html_document, render_tables_html
from gongkai.domain.render.markdown import render_markdown
from gongkai.domain.render.text import render_text
from gongkai.domain.report.model import Report

__all__ = [
    "DOCX_CONTENT_TYPE",
    "RENDER_TARGETS",
    "render",
    "render_docx",
    "render_html_document",
    "render_markdown",
    "render_tables_html",
    "render_text",
]

RENDER_TARGETS: tuple[str, ...] = ("md", "html", "txt")


def render(report: Report, to: str) -> str:
    """Render ``report`` as ``"md"``, ``"html"`` (a full document) or ``"txt"``."""
    if to == "md":
        return render_markdown(report)
    if to == "html":
        return render_html_document(report)
    if to == "txt":
        return render_text(report)
    raise ValueError(f"不支持的输出格式：{to!r}（应为 md、html 或 txt）")
