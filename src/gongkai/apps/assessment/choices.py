"""Choice lists of the assessment app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.domain import assessment as rules

__all__ = ["AssessmentStatus", "IndicatorKind", "MetricChoice"]


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class IndicatorKind(models.TextChoices):
    COMPUTED = rules.COMPUTED, _("平台计算")
    MANUAL = rules.MANUAL, _("人工评分")


class MetricChoice(models.TextChoices):
    """The metrics the platform computes (:data:`gongkai.domain.assessment.METRICS`)."""

    ON_TIME_REPLY = rules.ON_TIME_REPLY, _("依申请公开按期答复率")
    CATALOG_OVERDUE = rules.CATALOG_OVERDUE, _("主动公开超期（条例第二十六条）")
    REPORT_ERRORS = rules.REPORT_ERRORS, _("年度报告差错")
    INTERPRETATION_COVERAGE = rules.INTERPRETATION_COVERAGE, _("政策解读覆盖率")
    CONSULTATION_FEEDBACK = rules.CONSULTATION_FEEDBACK, _("意见征集反馈公开")
