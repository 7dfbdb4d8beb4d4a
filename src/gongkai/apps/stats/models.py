"""Administrative matters, decisions and money of a body (table 二; 条例第二十条（五）–（九）)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords  # type: ignore[import-untyped]

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.choices import (
    DecisionCategoryChoice,
    MatterCategoryChoice,
    MoneyCategoryChoice,
)
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = [
    "Decision",
    "DecisionQuerySet",
    "Matter",
    "MatterQuerySet",
    "MoneyRecord",
    "MoneyRecordQuerySet",
]

NAME_MAX_LENGTH = 200


class MatterQuerySet(RestrictedQuerySet["Matter"]):
    pass


class DecisionQuerySet(RestrictedQuerySet["Decision"]):
    pass


class MoneyRecordQuerySet(RestrictedQuerySet["MoneyRecord"]):
    pass


class Matter(models.Model):
    """A matter on one of the body's lists (事项清单) from ``effective_on`` until
    ``cancelled_on`` (exclusive; blank: still listed). Key: body + 类别 + 名称 + 生效日期."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="matters", verbose_name=_("机关")
    )
    category = models.CharField(_("类别"), max_length=20, choices=MatterCategoryChoice.choices)
    name = models.CharField(_("事项名称"), max_length=NAME_MAX_LENGTH)
    effective_on = models.DateField(_("生效日期"))
    cancelled_on = models.DateField(_("取消日期"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords()
    objects = MatterQuerySet.as_manager()

    class Meta:
        verbose_name = _("事项清单事项")
        verbose_name_plural = _("事项清单")
        ordering = ["category", "name", "effective_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "category", "name", "effective_on"],
                name="matter_unique_per_body",
                violation_error_message=_("本机关已有同类别、同名称、同生效日期的事项。"),
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=MatterCategoryChoice.values),
                name="matter_category_known",
                violation_error_message=_("未知的事项类别。"),
            ),
            models.CheckConstraint(
                condition=models.Q(cancelled_on__isnull=True)
                | models.Q(cancelled_on__gte=models.F("effective_on")),
                name="matter_cancelled_not_before_effective",
                violation_error_message=_("取消日期不能早于生效日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{MatterCategoryChoice(self.category).label}：{self.name}"


class Decision(models.Model):
    """One decision, or ``count`` decisions of a matter in a period (dated its last day).

    No natural key: two identical rows are two decisions (see ``ledgers.import_matters``).
    """

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("机关")
    )
    category = models.CharField(_("类别"), max_length=20, choices=DecisionCategoryChoice.choices)
    matter_name = models.CharField(_("事项名称"), max_length=NAME_MAX_LENGTH)
    decided_on = models.DateField(_("决定日期"))
    count = models.PositiveIntegerField(_("数量"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    history = HistoricalRecords()
    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("处理决定")
        verbose_name_plural = _("处理决定")
        ordering = ["decided_on", "pk"]
        indexes = [
            models.Index(fields=["body", "decided_on"], name="decision_body_date"),
            # The annual report's sums (stats/reporting.py): a covering range scan.
            models.Index(
                fields=["body", "category", "decided_on", "count"], name="decision_body_cat_date"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(category__in=DecisionCategoryChoice.values),
                name="decision_category_known",
                violation_error_message=_("未知的决定类别。"),
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=1),
                name="decision_count_positive",
                violation_error_message=_("数量应为不小于 1 的整数。"),
            ),
        ]

    def __str__(self) -> str:
        label = DecisionCategoryChoice(self.category).label
        return f"{label}：{self.matter_name}（{self.decided_on}，{self.count} 件）"


class MoneyRecord(models.Model):
    """Fees collected (收费, no natural key) or a central procurement project (政府集中采购,
    key: body + 类别 + 项目名称 + 日期), with its amount in 元."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="money_records", verbose_name=_("机关")
    )
    category = models.CharField(_("类别"), max_length=20, choices=MoneyCategoryChoice.choices)
    item_name = models.CharField(_("项目名称"), max_length=NAME_MAX_LENGTH)
    on = models.DateField(_("日期"))
    amount_yuan = models.DecimalField(_("金额（元）"), max_digits=16, decimal_places=2)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords()
    objects = MoneyRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("收费和政府集中采购记录")
        verbose_name_plural = _("收费和政府集中采购记录")
        ordering = ["on", "pk"]
        indexes = [
            models.Index(fields=["body", "on"], name="moneyrecord_body_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "category", "item_name", "on"],
                condition=models.Q(category="procurement"),
                name="moneyrecord_procurement_unique_per_body",
                violation_error_message=_("本机关已有同名称、同日期的采购项目。"),
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=MoneyCategoryChoice.values),
                name="moneyrecord_category_known",
                violation_error_message=_("未知的类别。"),
            ),
            models.CheckConstraint(
                condition=models.Q(amount_yuan__gte=Decimal(0)),
                name="moneyrecord_amount_not_negative",
                violation_error_message=_("金额不能为负数。"),
            ),
        ]

    def __str__(self) -> str:
        label = MoneyCategoryChoice(self.category).label
        return f"{label}：{self.item_name}（{self.on}，{self.amount_yuan} 元）"
