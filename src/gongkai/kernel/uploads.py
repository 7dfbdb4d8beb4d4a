"""The request-size cap: no request body larger than the upload limit is read, none is spooled
to disk.

``GONGKAI_MAX_UPLOAD_BYTES`` is the largest file a form takes (a report, a ledger, an
attachment; each form names the file and its size when it is over). A whole request may carry
that and the form fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``): :func:`request_limit`. The upload
handler refuses a multipart body announced larger than that before reading a byte of it —
before the CSRF check reads the body for its token — and stops reading one that turns out
larger; a ``application/x-www-form-urlencoded`` body is capped by Django itself
(``DATA_UPLOAD_MAX_MEMORY_SIZE``). Either refusal is a ``RequestDataTooBig``, which
:func:`bad_request` (``handler400``) answers with 413 and a Chinese page.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from gongkai.kernel.forms import human_size

__all__ = [
    "LimitedMemoryFileUploadHandler",
    "UploadTooLarge",
    "bad_request",
    "request_body_limit",
    "request_limit",
]


class UploadTooLarge(RequestDataTooBig):
    """A request body over :func:`request_limit`."""


def request_body_limit(max_upload_bytes: int, max_fields_bytes: int) -> int:
    """The largest request body read: one upload of ``max_upload_bytes`` and the form's other
    fields (``max_fields_bytes``). The one rule for Django's upload handler and for the nginx
    site (:mod:`gongkai.web.deploy`): a file just above the upload limit still reaches the
    form, which names the limit; anything larger is refused before its body is read."""
    return max_upload_bytes + max_fields_bytes


def request_limit() -> int:
    """:func:`request_body_limit` of this installation's settings."""
    return request_body_limit(
        int(settings.GONGKAI_MAX_UPLOAD_BYTES), int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    )


class LimitedMemoryFileUploadHandler(FileUploadHandler):
    """Keeps every uploaded file in memory (never a temporary file) and refuses a body over
    :func:`request_limit`: at once when its ``Content-Length`` says so, else as soon as the
    files received pass it."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.limit = request_limit()
        self.received = 0
        if content_length > self.limit:
            raise UploadTooLarge(f"request body of {content_length} bytes over {self.limit}")

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise UploadTooLarge(f"uploaded files over {self.limit} bytes")
        self.buffer.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: a body over the limit is 413 with the limit named; anything else is
    Django's 400 page."""
    if isinstance(exception, RequestDataTooBig):
        context = {"limit": human_size(int(settings.GONGKAI_MAX_UPLOAD_BYTES))}
        return render(request, "413.html", context, status=413)
    return defaults.bad_request(request, exception or Exception())
