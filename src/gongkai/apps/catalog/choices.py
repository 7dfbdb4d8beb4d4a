"""Choice lists of the catalog app (values of the domain's category and disclosure)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.domain.catalog import attachment_text
from gongkai.domain.catalog.contents import CONTENTS
from gongkai.domain.ledgers.catalog import CATALOG_CHANNELS

__all__ = [
    "CHANNEL_VALUES",
    "CONTENT_CHOICES",
    "AttachmentTextStatus",
    "CategoryChoice",
    "ChannelChoice",
    "DisclosureChoice",
    "InterpretationKind",
    "SecrecyConclusion",
    "ValidityChoice",
]


class CategoryChoice(models.TextChoices):
    """信息类别: the document types table 二 counts (domain ``DocumentCategory``)."""

    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    OTHER = "other", _("其他")


class ValidityChoice(models.TextChoices):
    """有效性; 失效 and 废止 come with the date (``repealed_on``)."""

    VALID = "valid", _("有效")
    EXPIRED = "expired", _("失效")
    REPEALED = "repealed", _("废止")


class DisclosureChoice(models.TextChoices):
    """公开属性, given at drafting (values are the domain's ``Disclosure``)."""

    PROACTIVE = "主动公开", _("主动公开")
    ON_REQUEST = "依申请公开", _("依申请公开")
    WITHHELD = "不予公开", _("不予公开")


class SecrecyConclusion(models.TextChoices):
    """保密审查 conclusion; publication needs 同意公开 or 修改后公开."""

    APPROVED = "approved", _("同意公开")
    WITHHELD = "withheld", _("不予公开")
    APPROVED_MODIFIED = "approved_modified", _("修改后公开")


class ChannelChoice(models.TextChoices):
    """公开渠道 (``ledger-formats.md`` §3), stored comma-joined in ``CatalogItem.channels``."""

    WEBSITE = "政府网站", _("政府网站")
    NEW_MEDIA = "政务新媒体", _("政务新媒体")
    BOARD = "公开栏", _("公开栏")
    BROADCAST = "广播电视", _("广播电视")
    HANDBOOK = "便民手册", _("便民手册")
    OTHER = "其他", _("其他")


# The same list as the §3 ledger (a test checks they agree).
CHANNEL_VALUES: tuple[str, ...] = CATALOG_CHANNELS


#: 法定主动公开内容 (条例第二十条、第二十一条, ``domain.catalog.contents``): key → label with its
#: place in the law. The law's wording, not translated.
CONTENT_CHOICES: list[tuple[str, str]] = [(c.key, c.display) for c in CONTENTS]


class AttachmentTextStatus(models.TextChoices):
    """Whether an attachment's text was read for search (domain ``attachment_text``
    statuses, and ``pending`` until the background extraction has run)."""

    PENDING = "pending", _("待提取")
    EXTRACTED = attachment_text.EXTRACTED, _("已提取")
    NO_TEXT = attachment_text.NO_TEXT, _("无可提取文字")
    UNSUPPORTED = attachment_text.UNSUPPORTED, _("不支持的类型")
    FAILED = attachment_text.FAILED, _("提取失败")
    TOO_LARGE = attachment_text.TOO_LARGE, _("超出提取上限")


class InterpretationKind(models.TextChoices):
    """政策解读的形式 (the label is what the annual report writes, ``OpennessFacts``)."""

    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图文解读")
    VIDEO = "video", _("视频解读")
    PRESS = "press", _("新闻发布会")
    EXPERT = "expert", _("专家解读")
    OTHER = "other", _("其他")
