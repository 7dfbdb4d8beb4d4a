"""The record of one report check, and the files of a batch check (their summary rows)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.checks.choices import ReportFormatChoice
from gongkai.domain.report.formats import SECTION_NUMERALS
from gongkai.domain.report.model import Report
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["BatchReport", "BatchRuleCount", "ReportCheck", "ReportCheckQuerySet"]


class ReportCheckQuerySet(RestrictedQuerySet["ReportCheck"]):
    """The checks a user may see: their own (``policies.report_check_policy``)."""


class ReportCheck(models.Model):
    """One uploaded annual report and the result of reading and checking it.

    ``source_text`` keeps the uploaded text as decoded, so a report can be re-checked when the
    rules improve; ``result`` is the report JSON (``Report.to_dict()``) including its findings.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="report_checks",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    filename = models.CharField(_("文件名"), max_length=255)
    size = models.PositiveIntegerField(_("文件大小（字节）"))
    source_text = models.TextField(_("原文"), blank=True)
    result = models.JSONField(_("检查结果"), default=dict)
    format = models.CharField(_("年报格式"), max_length=8, choices=ReportFormatChoice.choices)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    org = models.CharField(_("单位"), max_length=255, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    warning_count = models.PositiveIntegerField(_("警告数"), default=0)

    objects = ReportCheckQuerySet.as_manager()

    # The whole text and result are not repeated in the audit log.
    AUDIT_EXCLUDE: ClassVar[frozenset[str]] = frozenset({"source_text", "result"})

    class Meta:
        # Created by the reports app before 年报检查 became an app of its own.
        db_table = "reports_reportcheck"
        verbose_name = _("年报检查记录")
        verbose_name_plural = _("年报检查记录")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-uploaded_at"], name="reportcheck_owner_recent")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(format__in=ReportFormatChoice.values),
                name="reportcheck_format_known",
                violation_error_message=_("年报格式只能是 2019 或 2021。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename}（{timezone.localtime(self.uploaded_at):%Y-%m-%d %H:%M}）"

    def get_absolute_url(self) -> str:
        return reverse("checks:detail", kwargs={"pk": self.pk})

    def report(self) -> Report:
        """The stored result as a domain :class:`Report` (findings included), its narrative
        in printed order (PostgreSQL's jsonb does not keep key order; ``Report.from_dict``
        restores the cells' order)."""
        report = Report.from_dict(self.result)
        rank = {numeral: i for i, numeral in enumerate(SECTION_NUMERALS)}
        report.narrative = dict(
            sorted(report.narrative.items(), key=lambda item: rank.get(item[0], len(rank)))
        )
        return report

    @property
    def format_label(self) -> str:
        """The format's name (the stored id when it is not one of the two)."""
        if self.format in ReportFormatChoice.values:
            return str(ReportFormatChoice(self.format).label)
        return self.format


class BatchReport(models.Model):
    """One file of a finished batch job (a 批量检查, :func:`gongkai.apps.checks.jobs.finish_batch`):
    what its result page lists and filters — the body, year and format of its report, its
    cells read / inferred / missing, its errors and warnings (and per rule and severity,
    :class:`BatchRuleCount`), or why it could not be read — and where its whole report is: the
    line at ``offset`` (``length`` bytes) of the job's JSON lines, which the report's page reads
    alone. Reached only through its job (whose policy says who sees it); written again when the
    job is run again."""

    job = models.ForeignKey(
        "kernel.Job", on_delete=models.CASCADE, related_name="batch_reports", verbose_name=_("任务")
    )
    number = models.PositiveIntegerField(_("序号"))
    file = models.TextField(_("文件"))
    org = models.CharField(_("机关"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    format = models.CharField(_("年报格式"), max_length=8, blank=True)
    cells_read = models.PositiveIntegerField(_("读取"), default=0)
    cells_inferred = models.PositiveIntegerField(_("推算"), default=0)
    cells_missing = models.PositiveIntegerField(_("缺失"), default=0)
    error_count = models.PositiveIntegerField(_("错误"), default=0)
    warning_count = models.PositiveIntegerField(_("警告"), default=0)
    error = models.TextField(_("无法读取的原因"), blank=True)
    offset = models.PositiveBigIntegerField(_("位置"))
    length = models.PositiveIntegerField(_("长度"))

    class Meta:
        verbose_name = _("批量检查中的文件")
        verbose_name_plural = _("批量检查中的文件")
        ordering = ["job", "number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="batchreport_job_number"),
        ]
        indexes = [models.Index(fields=["job", "org"], name="batchreport_job_org")]

    def __str__(self) -> str:
        return self.file

    @property
    def read(self) -> bool:
        """Whether the file gave a report (else ``error`` says why not)."""
        return not self.error


class BatchRuleCount(models.Model):
    """How many findings of one rule and severity a report of a batch has (the filters of the
    batch result page: the reports with a finding of rule R1, of severity 错误)."""

    report = models.ForeignKey(
        BatchReport, on_delete=models.CASCADE, related_name="rule_counts", verbose_name=_("年报")
    )
    rule = models.CharField(_("规则"), max_length=16)
    severity = models.CharField(_("级别"), max_length=16)
    count = models.PositiveIntegerField(_("数量"))

    class Meta:
        verbose_name = _("批量检查中的问题数")
        verbose_name_plural = _("批量检查中的问题数")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "rule", "severity"], name="batchrulecount_report_rule"
            ),
        ]
        indexes = [models.Index(fields=["rule", "severity"], name="batchrulecount_rule")]

    def __str__(self) -> str:
        return f"{self.rule} {self.severity} × {self.count}"
