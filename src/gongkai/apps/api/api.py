"""``/api/v1/``: the open API (django-ninja). Thin: each endpoint reads through the named
querysets of the apps (published reports, ``CatalogItem.objects.public()``) or calls an action;
every error is JSON ``{"message": 中文, "errors": {field: [...]}}`` (docs/api.md)."""

from dataclasses import asdict
from typing import Annotated, Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, NinjaAPI, Schema, Status, UploadedFile
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import HttpBearer

from gongkai.apps.api.actions import LEDGER_KINDS, authenticate, import_ledger, register_item
from gongkai.apps.api.models import ApiToken
from gongkai.apps.api.schemas import (
    BodyOut,
    CreatedOut,
    ErrorOut,
    ImportedOut,
    ItemIn,
    ItemOut,
    LedgerErrorOut,
)
from gongkai.apps.catalog.choices import CategoryChoice, ValidityChoice
from gongkai.apps.catalog.search import MAX_QUERY_LENGTH, search_public
from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.models import AnnualReport
from gongkai.apps.stats.ledgers import MatterLedgerKind
from gongkai.domain.catalog.contents import ContentError, parse_content
from gongkai.domain.ledgers.table_io import LedgerFileError
from gongkai.kernel.errors import ActionError, ActionPermissionError
from gongkai.kernel.forms import human_size, upload_too_large
from gongkai.kernel.ledgers import IMPORT_CONFLICTS, LedgerImportError, import_conflict_message
from gongkai.kernel.params import FIRST_YEAR, LAST_YEAR, MAX_PAGE, MAX_PER_PAGE
from gongkai.kernel.tables import COUNT_LIMIT, count_up_to

__all__ = ["api"]


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: an active token of a body."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return authenticate(token)


api = NinjaAPI(
    title="政务公开工作平台开放接口",
    version="1",
    description=(
        "公开、只读的机关、年度报告和主动公开目录数据；机关令牌可登记主动公开目录条目、导入台账。"
    ),
    urls_namespace="api",
)

ERRORS: dict[int, type[ErrorOut]] = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


#: The years accepted (``?year=``, a report's year; outside them 422): kernel.params' bounds.
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


class Pages(PageNumberPagination):
    """25 rows a page, at most 100 (``?page_size=``), pages 1 to :data:`MAX_PAGE`; the rows
    are counted up to :data:`COUNT_LIMIT` (:func:`count_up_to`, as the lists count), not all
    of a million."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PER_PAGE)

    class Output(Schema):
        items: list[Any]
        count: int = Field(
            description=f"条数；超过 {COUNT_LIMIT:,} 条时为 {COUNT_LIMIT}（count_capped 为 true）"
        )
        count_capped: bool = Field(description=f"为 true 时条数超过 {COUNT_LIMIT:,}，未全部计数")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=25, max_page_size=MAX_PER_PAGE, **kwargs)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * size
        counted = count_up_to(queryset)
        return {
            "items": queryset[offset : offset + size],
            "count": min(counted, COUNT_LIMIT),
            "count_capped": counted > COUNT_LIMIT,
        }


# -- errors -----------------------------------------------------------------------------------


def _error(
    request: HttpRequest, message: str, status: int, errors: dict[str, list[str]] | None = None
) -> HttpResponse:
    return api.create_response(request, {"message": message, "errors": errors or {}}, status=status)


#: The first part of a ninja error's location: the part of the request a parameter came from.
_SOURCES = frozenset({"body", "query", "path", "form", "file", "header", "cookie"})


def _validation_message(exc: NinjaValidationError) -> tuple[str, dict[str, list[str]]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] in _SOURCES:  # where ninja read it: not part of the field's name
            loc = loc[1:]
        field = ".".join(loc[1:] if loc and loc[0] == "payload" else loc) or "请求"
        errors.setdefault(field, []).append(str(error.get("msg", "")))
    return _("请求有误：%(fields)s 不正确。") % {"fields": "、".join(errors)}, errors


@api.exception_handler(NinjaValidationError)
def _on_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    message, errors = _validation_message(exc)
    return _error(request, message, 422, errors)


@api.exception_handler(AuthenticationError)
def _on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(request, _("需要有效的接口令牌（Authorization: Bearer <令牌>）。"), 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Http404)
def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, str(exc.args[0]) if exc.args else _("没有找到。"), 404)


@api.exception_handler(HttpError)
def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, _("请求无法处理。"), exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = human_size(int(settings.GONGKAI_MAX_UPLOAD_BYTES))
    return _error(request, _("上传的文件超过上限 %(limit)s。") % {"limit": limit}, 413)


@api.exception_handler(ActionPermissionError)
def _on_forbidden(request: HttpRequest, exc: ActionPermissionError) -> HttpResponse:
    return _error(request, exc.message, 403)


@api.exception_handler(ActionError)
def _on_refused(request: HttpRequest, exc: ActionError) -> HttpResponse:
    return _error(request, exc.message, 400, exc.field_errors)


# -- bodies and reports -----------------------------------------------------------------------


def _body(code: str) -> Body:
    body = Body.objects.by_code(code)
    if body is None:
        raise Http404(_("没有代码为“%(code)s”的机关。") % {"code": code})
    return body


@api.get("/bodies", response=list[BodyOut], tags=["机关"], summary="机关列表")
@paginate(Pages)
def bodies(request: HttpRequest) -> Any:
    return Body.objects.select_related("parent").order_by("path")


@api.get(
    "/bodies/{code}/reports/{year}",
    response={200: dict[str, Any], **ERRORS},
    tags=["年度报告"],
    summary="已公布的政府信息公开工作年度报告",
    description="报告 JSON（report-format.md 第 5 节，report.schema.json）；未公布时为 404。",
)
def report(request: HttpRequest, code: str, year: Year) -> Any:
    body = _body(code)
    published = AnnualReport.objects.published().filter(body=body, year=year).first()
    if published is None or published.snapshot is None:
        raise Http404(
            _("“%(body)s”%(year)s年度的报告尚未公布。") % {"body": body.name, "year": year}
        )
    return published.snapshot["report"]


# -- the catalog ------------------------------------------------------------------------------


@api.get(
    "/catalog",
    response={200: list[ItemOut], **ERRORS},
    tags=["主动公开目录"],
    summary="主动公开目录",
)
@paginate(Pages)
def catalog(
    request: HttpRequest,
    body: str | None = None,
    year: Year | None = None,
    q: Annotated[str, Field(max_length=MAX_QUERY_LENGTH, pattern=r"^[^\x00]*$")] = "",
    content: Annotated[str, Field(max_length=100, pattern=r"^[^\x00]*$")] = "",
) -> Any:
    """已发布的主动公开信息（依申请公开、不予公开、未发布的信息不在其中）。``year``：成文年度；
    ``q``：名称、文号、索引号或机关名称中的文字（与全辖区检索相同）；``content``：公开内容
    （条例第二十条、第二十一条，键如 a20.5，或名称、“第二十条第（五）项”）。新登记的在前。"""
    bodies = _body(body) if body else None
    items = search_public(q, bodies=bodies, year=year)
    if content.strip():
        items = items.filter(content=_content_key(content))
    return items.with_files()


def _content_key(text: str) -> str:
    try:
        return parse_content(text).key
    except ContentError as exc:
        raise ActionError.on_field("content", str(exc)) from exc


#: A search query: 1 to MAX_QUERY_LENGTH characters, no NUL (the databases refuse it).
SearchQuery = Annotated[
    str, Field(min_length=1, max_length=MAX_QUERY_LENGTH, pattern=r"^[^\x00]+$")
]


@api.get(
    "/search",
    response={200: list[ItemOut], **ERRORS},
    tags=["主动公开目录"],
    summary="全辖区检索",
)
@paginate(Pages)
def search(
    request: HttpRequest,
    q: SearchQuery,
    body: str | None = None,
    year: Year | None = None,
    category: CategoryChoice | None = None,
    validity: ValidityChoice | None = None,
) -> Any:
    """在已发布的主动公开信息中检索名称、文号、索引号和机关名称（中文不需分词；一两个字也可检索）。"""
    return search_public(
        q,
        bodies=_body(body) if body else None,
        year=year,
        category=category,
        validity=validity,
    ).with_files()


@api.post(
    "/catalog/items",
    auth=TokenAuth(),
    response={201: CreatedOut, 401: ErrorOut, 403: ErrorOut, **ERRORS},
    tags=["主动公开目录"],
    summary="登记文件及其公开属性（拟制阶段）",
)
def create_catalog_item(request: HttpRequest, payload: ItemIn) -> Any:
    """由机关令牌登记：与页面上“登记信息”是同一个操作（权限、历史记录、全部成功或全部不做）。"""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    item = register_item(token, _body(payload.body), **payload.fields())
    return Status(
        201,
        CreatedOut(
            index_number=item.index_number,
            url=request.build_absolute_uri(item.get_absolute_url()),
        ),
    )


# -- ledgers -----------------------------------------------------------------------------------


@api.post(
    "/ledgers/{kind}",
    auth=TokenAuth(),
    response={
        200: ImportedOut,
        400: LedgerErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        422: ErrorOut,
    },
    tags=["台账"],
    summary="导入台账（全部导入或全部不导入）",
)
def import_ledger_file(
    request: HttpRequest,
    kind: str,
    file: File[UploadedFile],
    body: Form[str],
    sheet: Form[MatterLedgerKind | None] = None,
) -> Any:
    """由机关令牌导入台账文件（.xlsx 或 UTF-8 .csv，表头为台账的中文列名；台账格式与页面上的
    导入相同）：``kind`` 为 ``applications``（依申请公开登记台账）、``cases``（行政复议、行政诉讼
    台账）、``catalog``（主动公开信息台账）或 ``matters``（事项台账：``sheet`` 为 ``decisions``、
    ``matters`` 或 ``money``，不填则按表头识别）；``body`` 为令牌所属机关的代码。有一处错误则
    不导入任何记录（400，逐行逐列列出）。"""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if kind not in LEDGER_KINDS:
        raise Http404(
            _("没有“%(kind)s”这种台账；可导入：%(kinds)s。")
            % {"kind": kind, "kinds": "、".join(LEDGER_KINDS)}
        )
    if sheet is not None and kind != "matters":
        return _error(
            request,
            _("只有事项台账（matters）可以指定 sheet。"),
            422,
            {"sheet": [_("“%(kind)s”台账没有 sheet 参数。") % {"kind": kind}]},
        )
    filename = file.name or "台账"
    refused = upload_too_large(filename, file.size or 0)
    if refused:
        return _error(request, refused, 413, {"file": [refused]})
    target = _body(body)
    try:
        result = import_ledger(token, target, kind, file.read(), filename, sheet)
    except LedgerImportError as exc:
        message = str(exc)
        rows = [{"row": e.row, "column": e.column, "message": e.message} for e in exc.errors]
        answer = {"message": message, "errors": {"file": exc.lines()}, "rows": rows}
        return Status(400, {**answer, "warnings": exc.warnings})
    except LedgerFileError as exc:
        return _error(request, str(exc), 400, {"file": [str(exc)]})
    except IMPORT_CONFLICTS:
        return _error(request, import_conflict_message(), 409)
    return ImportedOut(**asdict(result), summary=result.summary())


@api.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", include_in_schema=False
)
def unknown(request: HttpRequest, rest: str) -> Any:
    """Any other address under /api/v1/: a JSON 404 too (never Django's HTML page)."""
    raise Http404(_("没有这个接口：/api/v1/%(path)s") % {"path": rest})
