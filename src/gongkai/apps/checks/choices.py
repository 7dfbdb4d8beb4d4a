"""Choice lists of the report checker (also the annual reports' format)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["ReportFormatChoice"]


class ReportFormatChoice(models.TextChoices):
    """The two official formats (ids as in :mod:`gongkai.domain.report.formats`)."""

    F2019 = "2019", _("2019 年格式（国办公开办函〔2019〕60号）")
    F2021 = "2021", _("2021 年格式（国办公开办函〔2021〕30号）")
