"""Models of the reports app: the annual report workspace, its review trail, its correction
notices."""

from __future__ import annotations

import hashlib
import json
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.reports.choices import (
    ReportEventChoice,
    ReportFormatChoice,
    ReportSourceChoice,
    ReportStatusChoice,
)
from gongkai.domain.report.model import Report
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = [
    "AnnualReport",
    "AnnualReportQuerySet",
    "PublishedPdf",
    "ReportCorrection",
    "ReportEvent",
    "YearSummary",
]


def _person(verbose_name: Any) -> models.ForeignKey[Any, Any]:
    """Who took a step (kept when the account goes: the name stays in the audit log)."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=verbose_name,
    )


class AnnualReportQuerySet(RestrictedQuerySet["AnnualReport"]):
    """Restricted by ``policies.annual_report_policy`` (what the report's body allows)."""

    def published(self) -> AnnualReportQuerySet:
        """The reports as published: public (条例第五十条), frozen."""
        return self.filter(status=ReportStatusChoice.PUBLISHED)


class AnnualReport(models.Model):
    """The annual report of a body for a year, as a workspace (条例第四十九条、第五十条).

    The tables are never stored while the report is open: they are counted from the records
    every time (``gongkai.apps.reports.annual``). Only the narrative the clerk writes, the
    workflow state and — once published — the frozen ``snapshot`` are kept. ``snapshot`` is
    ``{"report": Report JSON, "facts": {...}, "built_at": ISO time}``: what the public saw.
    A report imported from an earlier publication (``source = imported``) is published from
    the start and only supplies the previous year's figures.
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="annual_reports", verbose_name=_("机关")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    format = models.CharField(_("年报格式"), max_length=8, choices=ReportFormatChoice.choices)
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=ReportStatusChoice.choices,
        default=ReportStatusChoice.DRAFT,
        db_index=True,
    )
    source = models.CharField(
        _("数据来源"),
        max_length=16,
        choices=ReportSourceChoice.choices,
        default=ReportSourceChoice.PLATFORM,
    )
    narrative = models.JSONField(_("正文"), default=dict, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    warning_count = models.PositiveIntegerField(_("警告数"), default=0)
    snapshot = models.JSONField(_("发布快照"), null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    # When the supervising body first opened the submitted report: from then on the body can no
    # longer withdraw it (workflow ``withdraw``); cleared by each new submission.
    review_opened_at = models.DateTimeField(
        _("上级打开审阅时间"), null=True, blank=True, editable=False
    )
    approved_at = models.DateTimeField(_("审核通过时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = AnnualReportQuerySet.as_manager()

    # The frozen report is written once, at publication; the audit entry says so.
    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"snapshot"})

    class Meta:
        verbose_name = _("年度报告")
        verbose_name_plural = _("年度报告")
        ordering = ["-year", "body__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year"],
                name="annualreport_unique_per_body_year",
                violation_error_message=_("本机关这一年度的年报已存在。"),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ReportStatusChoice.values),
                name="annualreport_status_known",
                violation_error_message=_("未知的年报状态。"),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ReportStatusChoice.PUBLISHED)
                | models.Q(snapshot__isnull=False),
                name="annualreport_published_has_snapshot",
                violation_error_message=_("已发布的年报必须有发布快照。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body.name} {self.year} 年度报告"

    def get_absolute_url(self) -> str:
        return reverse("reports:annual", kwargs={"body": self.body_id, "year": self.year})

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatusChoice.PUBLISHED

    def snapshot_digest(self) -> str:
        """SHA-256 of the published snapshot: the version of the report a stored PDF is of."""
        text = json.dumps(self.snapshot, ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def published_report(self) -> Report | None:
        """The frozen report as published (None before publication)."""
        if not self.snapshot:
            return None
        return Report.from_dict(self.snapshot["report"])


class ReportEvent(models.Model):
    """One step of an annual report's review trail: who did what, with which comment, and the
    findings at that moment (so a returned report shows what the reviewer saw)."""

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="events", verbose_name=_("年度报告")
    )
    kind = models.CharField(_("事项"), max_length=16, choices=ReportEventChoice.choices)
    actor = _person(_("操作人"))
    at = models.DateTimeField(_("时间"), default=timezone.now)
    comment = models.TextField(_("意见"), blank=True)
    findings = models.JSONField(_("当时的问题"), default=list, blank=True)
    status_after = models.CharField(
        _("操作后状态"), max_length=16, choices=ReportStatusChoice.choices
    )

    class Meta:
        verbose_name = _("年报办理记录")
        verbose_name_plural = _("年报办理记录")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}：{self.get_kind_display()}"


class ReportCorrection(models.Model):
    """A correction notice (更正说明) published after the report: what the records now give
    differently from the published report, and why. The published report itself never
    changes; its public page lists the notices (``disclosure-law.md`` §6)."""

    report = models.ForeignKey(
        AnnualReport,
        on_delete=models.CASCADE,
        related_name="corrections",
        verbose_name=_("年度报告"),
    )
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)
    note = models.TextField(_("更正说明"))
    differences = models.JSONField(_("更正的项目"), default=list)
    actor = _person(_("发布人"))

    class Meta:
        verbose_name = _("年报更正说明")
        verbose_name_plural = _("年报更正说明")
        ordering = ["published_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report}：更正说明（{timezone.localtime(self.published_at):%Y-%m-%d}）"


class PublishedPdf(models.Model):
    """The PDF of a published report (:func:`gongkai.apps.reports.jobs.published_pdf`): made
    once in the background when it is first asked for, kept in the database (app servers and
    workers share it there), and served as stored while the snapshot it was made from
    (``digest``) is the report's."""

    report = models.OneToOneField(
        AnnualReport, on_delete=models.CASCADE, related_name="pdf", verbose_name=_("年度报告")
    )
    digest = models.CharField(_("发布快照摘要"), max_length=64)
    data = models.BinaryField(_("PDF 文件"))
    created_at = models.DateTimeField(_("生成时间"), default=timezone.now)

    class Meta:
        verbose_name = _("已发布年报的 PDF")
        verbose_name_plural = _("已发布年报的 PDF")

    def __str__(self) -> str:
        return f"{self.report}：PDF"


class YearSummary(models.Model):
    """What a supervisor's overview, the roll-up tables 三/四 and the charts read of one body's
    year, stored (issue 15: a province of thousands of bodies is never recomputed at read time).

    Computed from the records by :func:`gongkai.apps.reports.summaries.compute` (the same
    functions the body's own report uses) and kept for the ``records_version`` of the body it
    was computed from (:class:`~gongkai.apps.orgs.models.RecordsVersion`): when the body's
    version has moved on, the summary is stale until the refresh job recomputes it; the pages
    say so and show ``computed_at``.
    """

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="year_summaries", verbose_name=_("机关")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    records_version = models.BigIntegerField(_("记录版本"))
    computed_at = models.DateTimeField(_("汇总时间"))
    # The cells of tables 二/三/四 counted from the records ({key: value}; 0 and None left out).
    cells = models.JSONField(_("表格数据"), default=dict)
    # As the overview shows them: the published report's own once published, else today's.
    errors = models.PositiveIntegerField(_("错误数"), default=0)
    warnings = models.PositiveIntegerField(_("警告数"), default=0)
    figures = models.JSONField(_("主要数字"), default=dict)
    changed = models.PositiveIntegerField(_("发布后未说明的变化"), default=0)
    # The year's facts besides the tables (channels, openness …): ``annual.facts_to_json``.
    facts = models.JSONField(_("其他数据"), default=dict)

    class Meta:
        verbose_name = _("年度汇总")
        verbose_name_plural = _("年度汇总")
        constraints = [
            models.UniqueConstraint(fields=["body", "year"], name="yearsummary_unique"),
        ]
        indexes = [models.Index(fields=["year", "body"], name="yearsummary_year")]

    def __str__(self) -> str:
        return f"{self.body_id} · {self.year}"
