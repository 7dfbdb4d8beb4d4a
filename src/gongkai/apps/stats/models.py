"""Administrative matters, decisions and money of a body (table 二; 条例第二十条（五）–（九）).

Each record carries a ``version`` (optimistic locking: a form opened before someone else's
change, or before a ledger import changed the record, is refused); every change is an action of
:mod:`gongkai.apps.stats.actions` or a ledger import, with its audit entry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.apps.orgs.models import Body
from gongkai.apps.stats.choices import (
    DecisionCategoryChoice,
    MatterCategoryChoice,
    MoneyCategoryChoice,
)
from gongkai.kernel.permissions import RestrictedQuerySet

__all__ = [
    "NAME_MAX_LENGTH",
    "Decision",
    "DecisionQuerySet",
    "Matter",
    "MatterQuerySet",
    "MoneyRecord",
    "MoneyRecordQuerySet",
    "year_range",
]

NAME_MAX_LENGTH = 200


def year_range(year: int) -> tuple[date, date]:
    """The first and the last day of ``year``."""
    return date(year, 1, 1), date(year, 12, 31)


class MatterQuerySet(RestrictedQuerySet["Matter"]):
    def listed_between(self, first: date, last: date) -> Self:
        """The matters on a list (在清单上) on some day from ``first`` to ``last``: effective
        by ``last`` and not cancelled by ``first`` (the 取消日期 is the first day off the list).

        """
        return self.filter(
            Q(cancelled_on__isnull=True) | Q(cancelled_on__gt=first), effective_on__lte=last
        )

    def listed_on(self, day: date) -> Self:
        """The matters on a list on ``day``."""
        return self.listed_between(day, day)

    def of_year(self, year: int) -> Self:
        """The matters table 二 of ``year`` counts: on a list at the end of ``year - 1`` or of
        ``year`` (from which 上一年项目数量 and 本年增/减 are counted)."""
        return self.listed_between(date(year - 1, 12, 31), date(year, 12, 31))


class DecisionQuerySet(RestrictedQuerySet["Decision"]):
    def of_year(self, year: int) -> Self:
        """The decisions dated (决定日期) in ``year``."""
        first, last = year_range(year)
        return self.filter(decided_on__gte=first, decided_on__lte=last)


class MoneyRecordQuerySet(RestrictedQuerySet["MoneyRecord"]):
    def of_year(self, year: int) -> Self:
        """The fees and procurement projects dated in ``year``."""
        first, last = year_range(year)
        return self.filter(on__gte=first, on__lte=last)


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
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

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

    def get_absolute_url(self) -> str:
        return reverse("stats:matter_edit", kwargs={"pk": self.pk})


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
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

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

    def get_absolute_url(self) -> str:
        return reverse("stats:decision_edit", kwargs={"pk": self.pk})


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
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

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

    def get_absolute_url(self) -> str:
        return reverse("stats:money_edit", kwargs={"pk": self.pk})
