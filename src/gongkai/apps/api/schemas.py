"""The shapes of the API's answers and of the item an OA system registers (docs/api.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Schema

from gongkai.apps.catalog.choices import CategoryChoice, DisclosureChoice, ValidityChoice
from gongkai.apps.catalog.models import CatalogAttachment, CatalogItem
from gongkai.apps.orgs.models import Body
from gongkai.domain.catalog.contents import ContentError, parse_content
from gongkai.kernel.errors import ActionError

__all__ = [
    "AttachmentOut",
    "BodyOut",
    "CreatedOut",
    "ErrorOut",
    "ImportedOut",
    "ItemIn",
    "ItemOut",
    "LedgerErrorOut",
    "RowErrorOut",
]


class ErrorOut(Schema):
    message: str = Field(description="出错原因（中文）")
    errors: dict[str, list[str]] = Field(default_factory=dict, description="各字段的错误")


class RowErrorOut(Schema):
    row: int = Field(description="表格中的行号（表头为第 1 行）")
    column: str = Field(description="列名（表头中的中文列名；整行的问题为空）")
    message: str = Field(description="问题（中文）")


class LedgerErrorOut(ErrorOut):
    """A refused ledger: nothing imported; ``rows`` every problem by row and column (in
    ``errors``, under ``file``, the same problems as lines ``第 N 行，“列”列：…``)."""

    rows: list[RowErrorOut] = Field(default_factory=list, description="逐行逐列的错误")
    warnings: list[str] = Field(default_factory=list, description="提示（不影响导入）")


class ImportedOut(Schema):
    """What an import did (the page's summary, as numbers)."""

    kind: str = Field(description="台账类型（事项台账为 decisions、matters 或 money）")
    title: str = Field(description="台账名称（一个类型含几种台账时）")
    filename: str = Field(description="导入的文件名")
    rows: int = Field(description="读取的行数")
    created: int = Field(description="新增的记录数")
    updated: int = Field(description="更新的记录数")
    unchanged: int = Field(description="未变化的记录数")
    generated: int = Field(description="生成的索引号数（主动公开目录）")
    removed: int = Field(description="按台账覆盖的日期范围删除的记录数")
    warnings: list[str] = Field(description="提示（不影响导入）")
    summary: str = Field(description="导入结果（中文，与页面相同）")


def _absolute(context: dict[str, Any], path: str) -> str:
    request: HttpRequest = context["request"]
    return request.build_absolute_uri(path)


class BodyOut(Schema):
    code: str | None = Field(description="统一社会信用代码，没有时为组织机构代码")
    name: str
    parent_code: str | None = Field(description="上级机关的代码")
    kind: str = Field(description="机关类型")

    @staticmethod
    def resolve_code(obj: Body) -> str | None:
        return obj.code or None

    @staticmethod
    def resolve_parent_code(obj: Body) -> str | None:
        return (obj.parent.code or None) if obj.parent else None


class AttachmentOut(Schema):
    name: str = Field(description="文件名")
    size: int = Field(description="大小（字节）")
    content_type: str
    sha256: str
    url: str = Field(description="下载地址")

    @staticmethod
    def resolve_name(obj: CatalogAttachment) -> str:
        return obj.original_name

    @staticmethod
    def resolve_url(obj: CatalogAttachment, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("catalog:attachment", kwargs={"pk": obj.pk}))


class ItemOut(Schema):
    index_number: str = Field(description="索引号")
    title: str = Field(description="名称")
    summary: str = Field(description="内容概述")
    body_code: str | None = Field(description="机关代码")
    body_name: str = Field(description="机关名称")
    category: CategoryChoice = Field(description="信息类别")
    content: str | None = Field(
        description="公开内容（条例第二十条、第二十一条）的键，如 a20.1、a21.land_expropriation"
    )
    content_label: str | None = Field(
        description="公开内容的名称，如“（一）行政法规、规章和规范性文件”"
    )
    topic: str = Field(description="主题分类")
    publisher: str = Field(description="发布机构")
    doc_number: str = Field(description="文号")
    made_on: date = Field(description="成文日期")
    published_on: date | None = Field(description="发布日期")
    validity: ValidityChoice = Field(description="有效性")
    valid_from: date | None = Field(description="施行日期")
    repealed_on: date | None = Field(description="失效/废止日期")
    amended_on: date | None = Field(description="修改日期")
    channels: list[str] = Field(description="公开渠道")
    url: str = Field(description="公开页面")
    attachments: list[AttachmentOut]

    @staticmethod
    def resolve_body_code(obj: CatalogItem) -> str | None:
        return obj.body.code or None

    @staticmethod
    def resolve_body_name(obj: CatalogItem) -> str:
        return obj.body.name

    @staticmethod
    def resolve_content_label(obj: CatalogItem) -> str | None:
        return obj.content_label or None

    @staticmethod
    def resolve_channels(obj: CatalogItem) -> list[str]:
        return obj.channel_list

    @staticmethod
    def resolve_url(obj: CatalogItem, context: dict[str, Any]) -> str:
        return _absolute(context, reverse("catalog:public_item", kwargs={"pk": obj.pk}))

    @staticmethod
    def resolve_attachments(obj: CatalogItem) -> list[CatalogAttachment]:
        return list(obj.attachments.all())


class ItemIn(Schema):
    body: str = Field(description="机关代码（令牌所属机关）")
    title: str = Field(min_length=1, max_length=300)
    made_on: date
    category: CategoryChoice = CategoryChoice.OTHER
    content: str | None = Field(
        None,
        max_length=100,
        description=(
            "公开内容：键（a20.5）、名称或“第二十条第（五）项”；留空时规章、规范性文件为"
            "第二十条第（一）项"
        ),
    )
    disclosure: DisclosureChoice = DisclosureChoice.PROACTIVE
    disclosure_reason: str = ""
    summary: str = ""
    topic: str = ""
    publisher: str = ""
    doc_number: str = ""
    index_number: str = Field("", description="留空则自动生成")
    valid_from: date | None = None
    channels: list[str] = Field(default_factory=list)

    def fields(self) -> dict[str, Any]:
        """The keyword arguments of the catalog's ``create_item`` (the content as its key)."""
        data = self.model_dump(exclude={"body"})
        text = (self.content or "").strip()
        try:
            data["content"] = parse_content(text).key if text else None
        except ContentError as exc:
            raise ActionError.on_field("content", str(exc)) from exc
        return data


class CreatedOut(Schema):
    index_number: str
    url: str
