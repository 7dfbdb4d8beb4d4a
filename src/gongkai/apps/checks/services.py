"""Reading an uploaded annual report: the bytes (size-limited), the text, the report and its
findings. The check's action (:func:`gongkai.apps.checks.actions.check_uploaded_report`) and
the import of a published report into the annual report workspace both read through
:func:`read_uploaded_report`, which parses and checks the file in a child process under the
limits ``GONGKAI_READER_CPU_SECONDS`` / ``GONGKAI_READER_MEMORY_MB``
(:func:`gongkai.domain.sandbox.read_and_check_isolated`): a hostile file fails alone, with a
Chinese sentence, and never takes the web worker's memory or CPU."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from gongkai.apps.checks.models import ReportCheck
from gongkai.domain.parsers import ReportReadError
from gongkai.domain.report.model import Report, ReportDataError
from gongkai.domain.sandbox import SandboxError, SandboxLimits, read_and_check_isolated
from gongkai.kernel.errors import ActionError
from gongkai.kernel.forms import human_size

__all__ = [
    "ReportUploadError",
    "display_name",
    "previous_report",
    "read_upload_bytes",
    "read_uploaded_report",
    "reader_limits",
]

logger = logging.getLogger(__name__)


class ReportUploadError(ActionError):
    """The upload cannot be read as a report; ``str(exc)`` is one Chinese sentence naming the
    file, shown on the form's ``file`` field."""

    def __init__(self, message: str) -> None:
        super().__init__(message, {"file": [message]})


def display_name(uploaded_file: UploadedFile) -> str:
    """The file's own name (no client path), or （未命名）."""
    return PurePath(uploaded_file.name or "").name or _("（未命名）")


def read_upload_bytes(uploaded_file: UploadedFile, limit: int) -> bytes:
    """All bytes of the upload, refusing to read more than ``limit`` bytes."""
    uploaded_file.seek(0)
    chunks: list[bytes] = []
    total = 0
    for chunk in uploaded_file.chunks():
        total += len(chunk)
        if total > limit:
            raise ReportUploadError(
                _("文件“%(name)s”超过了 %(limit)s 的大小上限。")
                % {"name": display_name(uploaded_file), "limit": human_size(limit)}
            )
        chunks.append(chunk)
    return b"".join(chunks)


def previous_report(user: Any, report: Report) -> Report | None:
    """The user's latest check of the same body for the year before, for the X rules."""
    if report.year is None or not report.org:
        return None
    earlier = (
        ReportCheck.objects.restrict(user)
        .filter(org=report.org, year=report.year - 1)
        .only("result")
        .first()
    )
    if earlier is None:
        return None
    try:
        return earlier.report()
    except (ReportDataError, ValueError):
        # A result stored by an older version that no longer loads: check without it.
        return None


def reader_limits() -> SandboxLimits:
    """The limits of the process that reads an upload, from the settings."""
    cpu = settings.GONGKAI_READER_CPU_SECONDS
    return SandboxLimits(
        cpu_seconds=cpu,
        memory_bytes=settings.GONGKAI_READER_MEMORY_MB * 1024 * 1024,
        wall_seconds=2.0 * cpu,
    )


def read_uploaded_report(
    uploaded_file: UploadedFile, previous: Callable[[Report], Report | None] | None = None
) -> tuple[bytes, str, Report]:
    """Read ``uploaded_file`` as an annual report and check it: (bytes, decoded text, report).

    ``previous`` gives the report of the year before for the cross-year rules (asked here,
    while the child waits). Raises :class:`ReportUploadError` when the file is too large, not a
    readable report, or over the reader's limits.
    """
    name = display_name(uploaded_file)
    data = read_upload_bytes(uploaded_file, settings.GONGKAI_MAX_UPLOAD_BYTES)
    try:
        text, report = read_and_check_isolated(data, name, previous, limits=reader_limits())
    except ReportReadError as exc:
        reason = str(exc)
        if name in reason:  # the reader already names the file
            raise ReportUploadError(reason) from exc
        raise ReportUploadError(
            _("文件“%(name)s”无法作为年报读取：%(reason)s") % {"name": name, "reason": reason}
        ) from exc
    except Exception as exc:
        # A reader or rule bug on an odd upload: log it for us, tell the clerk plainly.
        detail = exc.detail if isinstance(exc, SandboxError) else ""
        logger.exception("reading or checking upload %r failed %s", name, detail)
        raise ReportUploadError(
            _("文件“%(name)s”处理时出错：系统暂时无法检查这份文件，错误已记录。") % {"name": name}
        ) from exc
    return data, text, report
