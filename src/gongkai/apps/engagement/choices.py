"""Choice lists of the engagement app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Decision", "PeriodStatus", "ProposalKind", "ReplyState"]


class ProposalKind(models.TextChoices):
    """人大代表建议 and 政协提案 handled by the body (承办)."""

    NPC_SUGGESTION = "npc_suggestion", _("人大代表建议")
    CPPCC_PROPOSAL = "cppcc_proposal", _("政协提案")


class ReplyState(models.TextChoices):
    """Where a message or proposal stands today (list filter and badge; not stored).

    The three states exclude each other: 已答复 is answered but not (yet) made public.
    """

    PENDING = "pending", _("未答复")
    REPLIED = "replied", _("已答复")
    PUBLISHED = "published", _("已公开")


class PeriodStatus(models.TextChoices):
    """Where a consultation's comment period stands today (derived from its dates, not stored;
    the rule is :func:`gongkai.domain.consultation.status_on`)."""

    NOT_STARTED = "not_started", _("未开始")
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已结束")


class Decision(models.TextChoices):
    """What became of a comment (:class:`gongkai.domain.consultation.Decision`)."""

    PENDING = "pending", _("未处理")
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("不予采纳")
