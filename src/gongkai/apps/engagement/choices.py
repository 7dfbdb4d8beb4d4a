"""Choice lists of the engagement app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ProposalKind", "ReplyState"]


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
