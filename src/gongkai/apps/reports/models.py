"""Models of the reports app."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.apps.reports.choices import ReportFormatChoice
from gongkai.domain.report.model import Report

__all__ = ["ReportCheck", "ReportCheckQuerySet"]


class ReportCheckQuerySet(models.QuerySet["ReportCheck"]):
    def restrict(self, user: Any) -> ReportCheckQuerySet:
        """The checks ``user`` may see: their own (nobody else's, not even a superuser's view)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)


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

    class Meta:
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
        return reverse("reports:check_detail", kwargs={"pk": self.pk})

    def report(self) -> Report:
        """The stored result as a domain :class:`Report` (findings included)."""
        return Report.from_dict(self.result)
