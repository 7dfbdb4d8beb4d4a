"""The one action of the report checker: check an uploaded report and keep the result
(one audit entry ``checks.upload``)."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.apps.checks.models import ReportCheck
from gongkai.apps.checks.services import display_name, previous_report, read_uploaded_report
from gongkai.kernel.actions import create
from gongkai.kernel.audit import register_actions
from gongkai.kernel.errors import ActionPermissionError
from gongkai.kernel.permissions import is_active_user

__all__ = ["check_uploaded_report"]

register_actions({"checks.upload": gettext_lazy("上传检查")})


def check_uploaded_report(uploaded_file: UploadedFile, *, acting_user: Any) -> ReportCheck:
    """Read ``uploaded_file`` as an annual report, run every rule on it and store the result
    as a check of ``acting_user``.

    Raises :class:`~gongkai.apps.checks.services.ReportUploadError` (nothing stored) when the
    file is too large or is not a readable report, and ``ActionPermissionError`` for a user
    who is not signed in (a check belongs to an account).
    """
    if not is_active_user(acting_user):
        raise ActionPermissionError(_("请先登录。"))
    # Read and check outside the transaction: with SQLite's IMMEDIATE mode the write lock is
    # held only for the insert.
    data, text, report = read_uploaded_report(
        uploaded_file, lambda report: previous_report(acting_user, report)
    )
    name = display_name(uploaded_file)
    check = ReportCheck(
        owner=acting_user,
        filename=name[:255],
        size=len(data),
        # PostgreSQL text columns cannot hold NUL; UTF-16 text may carry one.
        source_text=text.replace("\x00", ""),
        result=report.to_dict(),
        format=report.format,
        year=report.year if report.year is not None and 0 < report.year < 10000 else None,
        org=(report.org or "")[:255],
        error_count=len(report.errors),
        warning_count=len(report.warnings),
    )
    return create(check, "checks.upload", acting_user=acting_user, validate=False)
