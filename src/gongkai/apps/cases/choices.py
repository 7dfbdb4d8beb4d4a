"""Choice lists of the cases app (values of the domain's ``CaseKind`` / ``CaseResult``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CaseKindChoice", "CaseResultChoice"]


class CaseKindChoice(models.TextChoices):
    """The three blocks of table 四 (``ledger-formats.md`` §2 类型)."""

    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER_RECONSIDERATION = (
        "litigation_after_reconsideration",
        _("行政诉讼（复议后起诉）"),
    )


class CaseResultChoice(models.TextChoices):
    """A decided case's result; blank means pending (尚未审结)."""

    UPHELD = "upheld", _("维持")
    CORRECTED = "corrected", _("纠正")
    OTHER = "other", _("其他")
