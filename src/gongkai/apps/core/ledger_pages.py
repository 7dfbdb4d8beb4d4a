"""The import/export pages of a body's ledgers, shared by the §2 依申请公开/案件 ledgers, the §3
主动公开 ledger and the §4 行政事项 ledgers.

:func:`ledger_page` is the page itself: a GET shows the upload form and the export forms, a POST
imports a file all or nothing (every error listed by row and column) and redirects on success.
The other helpers answer the export and template downloads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from gongkai.apps.applications.ledgers import LedgerImportError
from gongkai.apps.orgs.models import Body
from gongkai.apps.orgs.policies import can_change, visible_bodies
from gongkai.domain.ledgers.table_io import LedgerFileError

__all__ = [
    "CONTENT_TYPES",
    "export_year",
    "file_response",
    "ledger_page",
    "ledger_years",
    "visible_body",
]

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ImportResultLike(Protocol):
    warnings: list[str]

    def summary(self) -> str: ...


#: Imports the uploaded file (an UploadedFile), given the form's cleaned data: raises
#: LedgerFileError or LedgerImportError (nothing imported), or returns what it did.
Importer = Callable[[Any, Mapping[str, Any]], ImportResultLike]


def visible_body(request: HttpRequest, pk: int) -> Body:
    """A body the user may see, else 404."""
    return get_object_or_404(visible_bodies(request.user), pk=pk)


def ledger_years() -> list[int]:
    """The years offered for export: this one and the seven before, newest first."""
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 8, -1))


def export_year(request: HttpRequest) -> int:
    """``?year=``, last year when absent; 404 when it is not a plausible year."""
    text = request.GET.get("year", "")
    if not text:
        return timezone.localdate().year - 1
    if not (text.isdigit() and 1990 <= int(text) <= 2200):
        raise Http404(_("年度不正确。"))
    return int(text)


def file_response(data: bytes, filename: str, fmt: str) -> HttpResponse:
    """A download of ``data`` (``fmt``: xlsx or csv) named ``filename``."""
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response


def ledger_page(
    request: HttpRequest,
    body: Body,
    *,
    form_class: type[forms.Form],
    importer: Importer,
    template: str,
    success_url: str,
    denied: str,
    context: Mapping[str, Any] | None = None,
    invalid_form_status: int = 400,
) -> HttpResponse:
    """The ledger page of ``body``: GET shows it; POST (only for who may change the body, else
    403 with ``denied``) imports the upload with ``importer``, then redirects to ``success_url``
    with the summary and warnings as messages, or shows the page again with the file's errors
    (400; ``invalid_form_status`` when only the form itself is refused)."""
    may_change = can_change(request.user, body)
    errors: list[str] = []
    warnings: list[str] = []
    form = form_class()
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied(denied)
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = importer(form.cleaned_data["file"], form.cleaned_data)
            except LedgerFileError as exc:
                form.add_error("file", str(exc))
            except LedgerImportError as exc:
                errors, warnings = exc.lines(), exc.warnings
            else:
                for warning in result.warnings:
                    messages.warning(request, warning)
                messages.success(request, _("导入完成：") + result.summary())
                return redirect(success_url)
    if errors:
        status = 400
    elif form.errors:
        status = invalid_form_status
    else:
        status = 200
    return render(
        request,
        template,
        {
            "body": body,
            "form": form,
            "may_change": may_change,
            "errors": errors,
            "warnings": warnings,
            **(context or {}),
            "years": ledger_years(),
            "default_year": timezone.localdate().year - 1,
        },
        status=status,
    )
