"""The report-check workflow: read an uploaded report, check it, store the result.

Views, management commands and tests all go through :func:`check_uploaded_report`; the view
only turns :class:`ReportUploadError` into a form error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.apps.reports.models import ReportCheck
from gongkai.domain.parsers import ReportReadError, decode_report_bytes, read_report_text
from gongkai.domain.report.model import Report, ReportDataError
from gongkai.domain.report.rules import check
from gongkai.kernel.forms import human_size

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

__all__ = [
    "ReportUploadError",
    "check_uploaded_report",
    "previous_report",
    "read_uploaded_report",
]

logger = logging.getLogger(__name__)


class ReportUploadError(Exception):
    """The upload cannot be checked; ``str(exc)`` is one Chinese sentence naming the file."""


# =============================================================================================
# Helpers
# =============================================================================================


def _read_upload(uploaded_file: UploadedFile, limit: int) -> bytes:
    """All bytes of the upload, refusing to read more than ``limit`` bytes."""
    uploaded_file.seek(0)
    chunks: list[bytes] = []
    total = 0
    for chunk in uploaded_file.chunks():
        total += len(chunk)
        if total > limit:
            raise ReportUploadError(
                _("文件“%(name)s”超过了 %(limit)s 的大小上限。")
                % {"name": _display_name(uploaded_file), "limit": human_size(limit)}
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _display_name(uploaded_file: UploadedFile) -> str:
    return PurePath(uploaded_file.name or "").name or _("（未命名）")


def previous_report(user: User, report: Report) -> Report | None:
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


# =============================================================================================
# The workflow
# =============================================================================================


def read_uploaded_report(
    uploaded_file: UploadedFile, previous: Callable[[Report], Report | None] | None = None
) -> tuple[bytes, str, Report]:
    """Read ``uploaded_file`` as an annual report and check it: (bytes, decoded text, report).

    ``previous`` gives the report of the year before for the cross-year rules. Raises
    :class:`ReportUploadError` when the file is too large or not a readable report.
    """
    name = _display_name(uploaded_file)
    data = _read_upload(uploaded_file, settings.GONGKAI_MAX_UPLOAD_BYTES)
    try:
        text = decode_report_bytes(data, name)
        report = read_report_text(text, name)
        check(report, previous(report) if previous else None)
    except ReportReadError as exc:
        reason = str(exc)
        if name in reason:  # the reader already names the file
            raise ReportUploadError(reason) from exc
        raise ReportUploadError(
            _("文件“%(name)s”无法作为年报读取：%(reason)s") % {"name": name, "reason": reason}
        ) from exc
    except Exception as exc:
        # A reader or rule bug on an odd upload: log it for us, tell the clerk plainly.
        logger.exception("reading or checking upload %r failed", name)
        raise ReportUploadError(
            _("文件“%(name)s”处理时出错：系统暂时无法检查这份文件，错误已记录。") % {"name": name}
        ) from exc
    return data, text, report


def check_uploaded_report(user: User | AnonymousUser, uploaded_file: UploadedFile) -> ReportCheck:
    """Read ``uploaded_file`` as an annual report, run every rule on it and store the result.

    Raises :class:`ReportUploadError` (nothing stored) when the file is too large or is not a
    readable report, and ``PermissionDenied`` for anonymous users.
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("请先登录。"))
    data, text, report = read_uploaded_report(
        uploaded_file, lambda report: previous_report(user, report)
    )
    name = _display_name(uploaded_file)
    result = report.to_dict()
    # Parse and check outside the transaction: with SQLite's IMMEDIATE mode the write lock is
    # held only for the insert.
    with transaction.atomic(durable=True):
        return ReportCheck.objects.create(
            owner=user,
            filename=name[:255],
            size=len(data),
            # PostgreSQL text columns cannot hold NUL; UTF-16 text may carry one.
            source_text=text.replace("\x00", ""),
            result=result,
            format=report.format,
            year=report.year if report.year is not None and 0 < report.year < 10000 else None,
            org=(report.org or "")[:255],
            error_count=len(report.errors),
            warning_count=len(report.warnings),
        )
