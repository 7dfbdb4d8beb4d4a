"""Administrative reconsideration and litigation cases (table 四, 条例第五十一条)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.applications.models import Application
from gongkai.apps.cases.choices import CaseKindChoice, CaseResultChoice
from gongkai.apps.orgs.models import Body
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = ["NUMBER_TAKEN", "ReviewCase", "ReviewCaseQuerySet"]

#: The message of the one-number-per-body constraint.
NUMBER_TAKEN = _("本机关已有相同案件编号的案件。")


class ReviewCaseQuerySet(RestrictedQuerySet["ReviewCase"]):
    def pending(self) -> ReviewCaseQuerySet:
        """尚未审结: no result yet (what table 四 counts in its 尚未审结 columns)."""
        return self.filter(result="")

    def closed(self) -> ReviewCaseQuerySet:
        """已审结: a result (维持 / 纠正 / 其他) with its closing date."""
        return self.exclude(result="")


class ReviewCase(models.Model):
    """A 行政复议 application or a lawsuit about a body's disclosure work.

    ``result`` blank means pending (尚未审结); a result comes with its closing date.
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="review_cases", verbose_name=_("被申请机关")
    )
    number = models.CharField(_("案件编号"), max_length=50)
    kind = models.CharField(_("类型"), max_length=40, choices=CaseKindChoice.choices)
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_cases",
        verbose_name=_("关联申请"),
    )
    filed_on = models.DateField(_("立案日期"), db_index=True)
    result = models.CharField(
        _("结果"), max_length=16, choices=CaseResultChoice.choices, blank=True
    )
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = ReviewCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议、行政诉讼案件")
        verbose_name_plural = _("行政复议、行政诉讼案件")
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number"],
                name="reviewcase_number_unique_per_body",
                violation_error_message=NUMBER_TAKEN,
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CaseKindChoice.values),
                name="reviewcase_kind_known",
                violation_error_message=_("未知的案件类型。"),
            ),
            models.CheckConstraint(
                condition=models.Q(result="", closed_on__isnull=True)
                | (
                    models.Q(result__in=CaseResultChoice.values, closed_on__isnull=False)
                    & models.Q(closed_on__gte=models.F("filed_on"))
                ),
                name="reviewcase_result_with_closing_date",
                violation_error_message=_(
                    "有结果的案件必须有不早于立案日期的结案日期，未审结的不能有。"
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_kind_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return not self.result
