"""Choice lists of the stats app (the keys and labels of the domain's table 二 categories)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["DecisionCategoryChoice", "MatterCategoryChoice", "MoneyCategoryChoice"]


class DecisionCategoryChoice(models.TextChoices):
    """第二十条第（五）（六）项: the categories decisions are counted in."""

    LICENSING = "licensing", _("行政许可")
    OTHER_SERVICES = "other_services", _("其他对外管理服务事项")
    PENALTY = "penalty", _("行政处罚")
    COMPULSION = "compulsion", _("行政强制")


class MatterCategoryChoice(models.TextChoices):
    """The lists of matters (事项清单) the 2019 format counts, 行政事业性收费 included."""

    LICENSING = "licensing", _("行政许可")
    OTHER_SERVICES = "other_services", _("其他对外管理服务事项")
    PENALTY = "penalty", _("行政处罚")
    COMPULSION = "compulsion", _("行政强制")
    FEES = "fees", _("行政事业性收费")


class MoneyCategoryChoice(models.TextChoices):
    """第二十条第（八）（九）项: fees collected and central procurement projects."""

    FEES = "fees", _("行政事业性收费")
    PROCUREMENT = "procurement", _("政府集中采购")
