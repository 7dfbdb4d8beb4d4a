"""Choice lists of the reports app (the format is the report checker's list)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.apps.checks.choices import ReportFormatChoice

__all__ = [
    "ReportEventChoice",
    "ReportFormatChoice",
    "ReportSourceChoice",
    "ReportStatusChoice",
]


class ReportStatusChoice(models.TextChoices):
    """The workflow states of :mod:`gongkai.domain.report.workflow`."""

    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("待本机关审核")
    SUBMITTED = "submitted", _("已提交上级")
    RETURNED = "returned", _("退回修改")
    APPROVED = "approved", _("审核通过")
    PUBLISHED = "published", _("已发布")


class ReportEventChoice(models.TextChoices):
    """What happened to an annual report (the review trail shown in the workspace)."""

    CREATED = "created", _("创建草稿")
    SAVED = "save", _("保存")
    SENT_FOR_REVIEW = "send_review", _("送本机关审核")
    BODY_RETURNED = "body_return", _("退回经办人修改")
    SUBMITTED = "submit", _("提交上级")
    WITHDRAWN = "withdraw", _("撤回")
    RETURNED = "return", _("退回修改")
    APPROVED = "approve", _("审核通过")
    PUBLISHED = "publish", _("发布")
    IMPORTED = "imported", _("导入已发布年报")
    CORRECTED = "correct", _("发布更正说明")


class ReportSourceChoice(models.TextChoices):
    """Where the report's figures come from."""

    PLATFORM = "platform", _("平台记录")
    IMPORTED = "imported", _("导入的已发布年报")
