"""The ledgers (台账) every app imports and exports, written once: the import error and result,
the downloads, and the ledger page of a body (:class:`LedgerView`).

Imports are all or nothing: an importer reads and checks every row before it writes, and
raises :class:`LedgerImportError` (every error by row and column, nothing written) or
``LedgerFileError`` (the file itself cannot be read). Imports into one body run one after the
other (:func:`one_import_at_a_time`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Concatenate, Literal, ParamSpec, TypeVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import FormView

from gongkai.domain.ledgers.result import LedgerError
from gongkai.domain.ledgers.table_io import LedgerFileError, LedgerTable, read_table
from gongkai.kernel.actions import require, user_or_none
from gongkai.kernel.forms import LedgerUploadForm
from gongkai.kernel.params import parse_year
from gongkai.kernel.views import ObjectView

__all__ = [
    "CONTENT_TYPES",
    "IMPORT_CONFLICTS",
    "IMPORT_SOURCE",
    "ExportFormat",
    "ImportResult",
    "LedgerImportError",
    "LedgerView",
    "as_ledger_table",
    "export_format",
    "export_year",
    "file_response",
    "import_conflict_message",
    "importing_user",
    "ledger_years",
    "one_import_at_a_time",
]

IMPORT_SOURCE = "台账导入"
ExportFormat = Literal["xlsx", "csv"]
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


#: What an import that met another write to the same records raises: imports into one body are
#: serialised (:func:`one_import_at_a_time`); this is another write at the same moment (a page's
#: registration), or SQLite's lock not freed within its busy timeout. Nothing was written.
IMPORT_CONFLICTS: tuple[type[Exception], ...] = (IntegrityError, OperationalError)


def import_conflict_message() -> str:
    """What the page and the API (409) say about an :data:`IMPORT_CONFLICTS` error."""
    return _("其他人正在修改这些记录，本次未导入任何记录。请稍后重新导入同一文件。")


class LedgerImportError(ValueError):
    """A ledger with errors: nothing was imported. ``errors`` name row, column and problem."""

    def __init__(self, errors: Sequence[LedgerError], warnings: Sequence[str] = ()) -> None:
        self.errors = list(errors)
        self.warnings = list(warnings)
        shown = "；".join(str(e) for e in self.errors[:3])
        more = "……" if len(self.errors) > 3 else ""
        super().__init__(f"台账有 {len(self.errors)} 处错误，未导入任何记录：{shown}{more}")

    def lines(self) -> list[str]:
        """``第 N 行，“列”列：…`` for every error, in row order."""
        return [str(e) for e in self.errors]


@dataclass
class ImportResult:
    """What an import did: rows read, records created, updated, unchanged (and, for the
    ledgers that have them, 索引号 generated and records removed). ``title``: the ledger's name
    when one page imports several kinds."""

    kind: str
    filename: str
    title: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    generated: int = 0
    removed: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        title = f"（{self.title}）" if self.title else ""
        made = f"（生成索引号 {self.generated} 个）" if self.generated else ""
        text = (
            f"“{self.filename}”{title}共 {self.rows} 行：新增 {self.created} 条{made}，"
            f"更新 {self.updated} 条，未变化 {self.unchanged} 条"
        )
        if self.removed:
            text += f"，按台账覆盖的日期范围删除 {self.removed} 条"
        return text


_P = ParamSpec("_P")
_R = TypeVar("_R")
_B = TypeVar("_B", bound=models.Model)


def one_import_at_a_time(
    importer: Callable[Concatenate[_B, _P], _R],
) -> Callable[Concatenate[_B, _P], _R]:
    """Run an import into a body (its first argument) in one transaction that first locks
    the body's row: simultaneous imports into one body (three clerks uploading the same file,
    the command line beside the page) run one after the other, and each reads the records the
    one before it wrote — the same file imported three times at once creates each record once
    (before, the records were looked up outside the transaction: the second insert failed on
    the unique key, a 500, and a ledger without a key was stored three times). On SQLite the
    write lock taken at ``BEGIN IMMEDIATE`` serialises the imports the same way."""

    def run(body: _B, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with transaction.atomic():
            type(body)._default_manager.select_for_update().filter(pk=body.pk).first()
            return importer(body, *args, **kwargs)

    functools.update_wrapper(run, importer)
    return run


def as_ledger_table(table_or_bytes: LedgerTable | bytes, filename: str) -> LedgerTable:
    """The table to import (``LedgerFileError`` for an unreadable file propagates)."""
    if isinstance(table_or_bytes, LedgerTable):
        return table_or_bytes
    return read_table(table_or_bytes, filename)


def importing_user(user: Any, body: Any) -> Any:
    """The account an import is recorded under (None from the command line); 403 when the user
    may not change ``body``'s records."""
    if user is None:
        return None
    require(user, "change", body, _("您没有导入“%(body)s”台账的权限。") % {"body": body})
    return user_or_none(user)


def ledger_years() -> list[int]:
    """The years offered for export: this one and the seven before, newest first."""
    this_year = timezone.localdate().year
    return list(range(this_year, this_year - 8, -1))


def export_year(request: HttpRequest) -> int:
    """``?year=``, last year when absent; 404 when it is not a plausible year."""
    text = request.GET.get("year", "")
    if not text:
        return timezone.localdate().year - 1
    year = parse_year(text)
    if year is None:
        raise Http404(_("年度不正确。"))
    return year


def export_format(text: str) -> ExportFormat:
    """``xlsx`` or ``csv`` (404 otherwise)."""
    if text == "xlsx":
        return "xlsx"
    if text == "csv":
        return "csv"
    raise Http404(_("导出格式只能是 xlsx 或 csv。"))


def file_response(data: bytes, filename: str, fmt: str) -> HttpResponse:
    """A download of ``data`` (``fmt``: xlsx or csv) named ``filename``."""
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    return response


class LedgerView(ObjectView, FormView):  # type: ignore[type-arg]
    """The ledger page of one body (``<int:body>`` in the URL): GET shows the upload form and
    the export forms; POST (only for who may change the body, else 403) imports the upload all
    or nothing, then redirects with the summary and warnings as messages, or shows the page
    again with every row error (400).

    Subclasses set ``queryset`` (the bodies), ``form_class``, ``template_name`` and
    :meth:`run_import`.
    """

    form_class = LedgerUploadForm
    denied: ClassVar[Any] = ""

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    @property
    def body(self) -> Any:
        if not hasattr(self, "_body"):
            self._body = get_object_or_404(self.get_queryset(), pk=self.kwargs["body"])
        return self._body

    def run_import(self, upload: Any, data: dict[str, Any]) -> ImportResult:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.user_can("change", self.body):
            raise PermissionDenied(
                str(self.denied) or _("您没有导入“%(body)s”台账的权限。") % {"body": self.body}
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            result = self.run_import(form.cleaned_data["file"], form.cleaned_data)
        except LedgerFileError as exc:
            form.add_error("file", str(exc))
        except LedgerImportError as exc:
            self.errors, self.warnings = exc.lines(), exc.warnings
        except IMPORT_CONFLICTS:
            form.add_error("file", import_conflict_message())
        else:
            for warning in result.warnings:
                messages.warning(self.request, warning)
            messages.success(self.request, _("导入完成：") + result.summary())
            return redirect(self.request.path)
        return self.form_invalid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 400 if self.errors or form.errors else 200
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            body=self.body,
            may_change=self.user_can("change", self.body),
            errors=self.errors,
            warnings=self.warnings,
            years=ledger_years(),
            default_year=timezone.localdate().year - 1,
        )
        return context
