"""An assessment (考核) of the bodies below a supervising body for a year, its indicators and
the manual scores.

Computed indicators are never stored: their values are recomputed from the records whenever a
sheet, the ranking or the export is shown (:mod:`gongkai.apps.assessment.services`). Only the
manual scores (with their evidence) are kept. Changed only through
:mod:`gongkai.apps.assessment.actions`; ``version`` guards against lost updates.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.assessment.choices import AssessmentStatus, IndicatorKind, MetricChoice
from gongkai.apps.assessment.evidence import evidence_path, evidence_storage
from gongkai.apps.orgs.models import Body, BodyQuerySet
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["Assessment", "AssessmentQuerySet", "Indicator", "Score"]


class AssessmentQuerySet(RestrictedQuerySet["Assessment"]):
    def published(self) -> AssessmentQuerySet:
        return self.filter(status=AssessmentStatus.PUBLISHED)


class Assessment(models.Model):
    """The 考核 a supervising body (``body``) makes of every body below it for ``year``."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("考核机关")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("考核")
        verbose_name_plural = _("考核")
        ordering = ["-year", "body__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"],
                name="assessment_unique_per_body_year",
                violation_error_message=_("本机关这一年度的考核已存在。"),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=AssessmentStatus.values),
                name="assessment_status_known",
                violation_error_message=_("未知的考核状态。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assessment:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == AssessmentStatus.PUBLISHED

    def assessed_bodies(self) -> BodyQuerySet:
        """Every body below the supervising body (its whole subtree but itself)."""
        return Body.objects.subtree(self.body).exclude(pk=self.body_id).order_by("path")

    def unscored_count(self) -> int:
        """How many hand scores are still missing: each manual indicator for each assessed
        body (a sheet shows them as 尚未评分 and its total counts them as 0)."""
        manual = self.indicators.filter(kind=IndicatorKind.MANUAL)
        bodies = self.assessed_bodies()
        done = Score.objects.filter(indicator__in=manual, body__in=bodies).count()
        return manual.count() * bodies.count() - done


class Indicator(models.Model):
    """One indicator of an assessment: computed by ``metric`` or scored by hand."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("考核")
    )
    key = models.SlugField(_("代码"), max_length=50)
    label = models.CharField(_("指标"), max_length=100)
    kind = models.CharField(_("评分方式"), max_length=16, choices=IndicatorKind.choices)
    metric = models.CharField(
        _("计算口径"), max_length=40, choices=MetricChoice.choices, blank=True
    )
    weight = models.PositiveSmallIntegerField(_("分值"))
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)
    description = models.TextField(_("评分标准"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)

    class Meta:
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "key"],
                name="indicator_key_unique",
                violation_error_message=_("本考核已有这个代码的指标。"),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=IndicatorKind.COMPUTED, metric__in=MetricChoice.values)
                    | models.Q(kind=IndicatorKind.MANUAL, metric="")
                ),
                name="indicator_metric_of_kind",
                violation_error_message=_("平台计算的指标须选择计算口径，人工评分的指标不选。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}（{self.weight} 分）"

    def get_absolute_url(self) -> str:
        return reverse("assessment:detail", kwargs={"pk": self.assessment_id})

    @property
    def is_manual(self) -> bool:
        return self.kind == IndicatorKind.MANUAL


class Score(models.Model):
    """The hand-given score of a manual indicator for one body, with its evidence."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("考核")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="assessment_scores", verbose_name=_("机关")
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="scores", verbose_name=_("指标")
    )
    value = models.DecimalField(
        _("得分"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    evidence = models.TextField(_("评分依据"), blank=True)
    evidence_file = models.FileField(
        _("佐证材料"),
        storage=evidence_storage,
        upload_to=evidence_path,
        blank=True,
        max_length=200,
    )
    evidence_name = models.CharField(_("佐证材料文件名"), max_length=200, blank=True)
    evidence_content_type = models.CharField(_("文件类型"), max_length=100, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    #: The stored file's random path and type: the trail names the file by ``evidence_name``.
    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"evidence_file", "evidence_content_type"})

    class Meta:
        verbose_name = _("人工评分")
        verbose_name_plural = _("人工评分")
        ordering = ["indicator__order", "body__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "body"],
                name="score_unique_per_indicator_body",
                violation_error_message=_("这个机关的这项指标已经评分。"),
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0),
                name="score_not_negative",
                violation_error_message=_("得分不能为负数。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.name}：{self.indicator.label} {self.value} 分"

    def get_absolute_url(self) -> str:
        return reverse("assessment:sheet", kwargs={"pk": self.assessment_id, "body": self.body_id})
